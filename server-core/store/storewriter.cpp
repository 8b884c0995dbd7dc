#include "storewriter.h"

#include <algorithm>

#include "common/durablefile.h"
#include "messagestore.h"

#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QSet>

namespace fumibako {

bool CompositeJob::needsSync() const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(), [](const auto &j) { return j->needsSync(); });
}

Result<void> CompositeJob::prepare()
{
    for (const auto &j : std::as_const(m_jobs)) {
        if (auto r = j->prepare(); !r) {
            rollback();
            return r;
        }
    }
    return {};
}

Result<void> CompositeJob::record(const Database &db)
{
    for (const auto &j : std::as_const(m_jobs))
        if (auto r = j->record(db); !r)
            return r;
    return {};
}

Result<void> CompositeJob::commit(QSet<QString> &dirsToSync)
{
    Result<void> result;
    for (const auto &j : std::as_const(m_jobs))
        if (auto r = j->commit(dirsToSync); !r)
            result = r;
    return result;
}

QList<qint64> CompositeJob::pendingRenameRows() const
{
    QList<qint64> rows;
    for (const auto &j : std::as_const(m_jobs))
        rows += j->pendingRenameRows();
    return rows;
}

void CompositeJob::rollback()
{
    for (const auto &j : std::as_const(m_jobs))
        j->rollback();
}

StoreWriter::StoreWriter(QString databasePath, QObject *parent)
    : QThread(parent), m_databasePath(std::move(databasePath))
{
    setObjectName(QStringLiteral("StoreWriter"));
    m_preparePool.setMaxThreadCount(8);
    m_preparePool.setExpiryTimeout(60000);
}

StoreWriter::~StoreWriter()
{
    stop();
    wait();
}

void StoreWriter::submit(std::shared_ptr<StoreJob> job, Done done)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping) {
        lock.unlock();
        done(Error::temporary(QStringLiteral("the server is shutting down")));
        return;
    }
    m_queue.push_back({std::move(job), std::move(done)});
    m_wake.wakeOne();
}

void StoreWriter::stop()
{
    QMutexLocker lock(&m_mutex);
    m_stopping = true;
    m_wake.wakeOne();
}

void StoreWriter::run()
{
    Database db(m_databasePath);
    for (;;) {
        std::deque<Pending> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty() && m_stopping) {
                if (!m_finishedRenameRows.isEmpty())
                    (void)db.transaction([this](const Database &d) { return forgetRenames(d); });  // best effort: recover() redoes it
                return;
            }
            batch.swap(m_queue);
        }
        processBatch(std::move(batch), db);
    }
}

void StoreWriter::processBatch(std::deque<Pending> batch, Database &db)
{
    std::vector<Result<void>> results(batch.size());
    if (batch.size() == 1) {
        results[0] = batch[0].job->prepare();
    } else {
        QSemaphore done;
        for (size_t i = 0; i < batch.size(); ++i)
            m_preparePool.start([&, i] {
                results[i] = batch[i].job->prepare();
                done.release();
            });
        done.acquire(int(batch.size()));
    }

    const bool sync = std::any_of(batch.cbegin(), batch.cend(), [](const Pending &p) { return p.job->needsSync(); });
    if (!sync)
        (void)db.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));  // WAL: commit without fsync
    auto tx = db.transaction([&](const Database &d) -> Result<void> {
        // Renames that finished (and were synced) in earlier batches.
        if (auto r = forgetRenames(d); !r)
            return r;
        for (size_t i = 0; i < batch.size(); ++i) {
            if (!results[i])
                continue;
            if (auto r = d.exec(QStringLiteral("SAVEPOINT job")); !r)
                return r.error();
            results[i] = batch[i].job->record(d);
            if (!results[i])
                (void)d.exec(QStringLiteral("ROLLBACK TO job"));
            if (auto r = d.exec(QStringLiteral("RELEASE job")); !r)
                return r.error();
        }
        return {};
    });

    if (!sync)
        (void)db.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    if (tx)
        m_finishedRenameRows.clear();
    std::vector<QSet<QString>> jobDirs(batch.size());
    QSet<QString> allDirs;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!tx)
            results[i] = tx.error();
        if (results[i])
            results[i] = batch[i].job->commit(jobDirs[i]);
        else
            batch[i].job->rollback();
        allDirs += jobDirs[i];
    }
    // One fsync per directory for the whole batch; a job succeeds only if
    // every directory it touched was synced.
    QSet<QString> failedDirs;
    for (const QString &dir : std::as_const(allDirs))
        if (!syncDirectory(dir))
            failedDirs.insert(dir);
    for (size_t i = 0; i < batch.size(); ++i) {
        if (results[i] && jobDirs[i].intersects(failedDirs))
            results[i] = Error::temporary(QStringLiteral("cannot sync a mail directory"));
        if (results[i])
            for (qint64 row : batch[i].job->pendingRenameRows())
                m_finishedRenameRows << row;
    }
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i].done(results[i]);
}

Result<void> StoreWriter::forgetRenames(const Database &db)
{
    for (const QVariant &row : std::as_const(m_finishedRenameRows))
        if (auto r = db.exec(QStringLiteral("DELETE FROM pending_renames WHERE id = ?"), {row}); !r)
            return r.error();
    return {};
}

Result<void> StoreWriter::recover(const Database &db)
{
    auto q = db.exec(QStringLiteral("SELECT source, target, message_id, queue_id FROM pending_renames"));
    if (!q)
        return q.error();
    QSet<QString> dirs;
    QVariantList lostMessages, lostQueueEntries;
    while (q->next()) {
        const QString source = q->value(0).toString();
        const QString target = q->value(1).toString();
        if (QFile::exists(target))
            continue;
        if (QFile::exists(source)) {
            if (auto r = renameFile(source, target); !r)
                return r;
            dirs.insert(QFileInfo(target).absolutePath());
        } else {
            // The file system lost the unsynced tmp/ entry: the client never
            // got its 250, so forget the row rather than show a message
            // that cannot be read.
            if (!q->value(2).isNull())
                lostMessages << q->value(2);
            if (!q->value(3).isNull())
                lostQueueEntries << q->value(3);
        }
    }
    q->finish();
    for (const QVariant &id : std::as_const(lostMessages))
        if (auto r = MessageStore(db).remove({id.toLongLong()}); !r)
            return r;
    for (const QVariant &id : std::as_const(lostQueueEntries))
        if (auto r = db.exec(QStringLiteral("DELETE FROM queue WHERE id = ?"), {id}); !r)
            return r.error();
    for (const QString &dir : std::as_const(dirs))
        if (auto r = syncDirectory(dir); !r)
            return r;
    if (auto r = db.exec(QStringLiteral("DELETE FROM pending_renames")); !r)
        return r.error();
    return {};
}

} // namespace fumibako
