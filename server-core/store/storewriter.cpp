#include "storewriter.h"

#include <algorithm>

#include "common/durablefile.h"
#include "messagestore.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace fumibako
{

bool CompositeJob::hasPreparation() const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                       [](const auto &j) { return j->hasPreparation(); });
}

bool CompositeJob::needsSync() const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                       [](const auto &j) { return j->needsSync(); });
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
    m_preparePool.waitForDone(); // its tasks touch m_mutex, declared after it
}

void StoreWriter::submit(std::shared_ptr<StoreJob> job, Done done)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping) {
        lock.unlock();
        done(Error::temporary(QStringLiteral("the server is shutting down")));
        return;
    }
    if (!job->hasPreparation()) {
        m_queue.push_back({std::move(job), std::move(done), {}, {}});
        m_wake.wakeOne();
        return;
    }
    ++m_preparing;
    lock.unlock();
    m_preparePool.start([this, job = std::move(job), done = std::move(done)]() mutable {
        Result<void> prepared = job->prepare();
        QMutexLocker lock(&m_mutex);
        --m_preparing;
        m_queue.push_back({std::move(job), std::move(done), std::move(prepared), {}});
        m_wake.wakeOne();
    });
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
    // Commits do not fsync the WAL here; the syncer does, once for many batches,
    // before it reports any job that needs it (see processBatch).
    (void)db.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    std::unique_ptr<QThread> syncer(QThread::create([this] { runSyncer(); }));
    syncer->setObjectName(QStringLiteral("StoreSyncer"));
    syncer->start();
    for (;;) {
        std::deque<Pending> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && (!m_stopping || m_preparing > 0))
                m_wake.wait(&m_mutex);
            if (m_queue.empty())
                break; // stopping, and nothing is left in prepare()
            batch.swap(m_queue);
        }
        processBatch(std::move(batch), db);
    }
    {
        QMutexLocker lock(&m_syncMutex);
        m_syncStopping = true;
        m_syncWake.wakeOne();
    }
    syncer->wait();
    QMutexLocker lock(&m_renameRowsMutex);
    if (!m_finishedRenameRows.isEmpty())
        (void)db.transaction([this](const Database &d) {
            return forgetRenames(d, m_finishedRenameRows);
        }); // best effort: recover() redoes it
}

void StoreWriter::processBatch(std::deque<Pending> batch, Database &db)
{
    QVariantList forgotten;
    {
        QMutexLocker lock(&m_renameRowsMutex);
        forgotten.swap(m_finishedRenameRows);
    }
    auto tx = db.transaction([&](const Database &d) -> Result<void> {
        // Renames that finished (and were synced) in earlier batches.
        if (auto r = forgetRenames(d, forgotten); !r)
            return r;
        for (Pending &p : batch) {
            if (!p.result)
                continue;
            if (auto r = d.exec(QStringLiteral("SAVEPOINT job")); !r)
                return r.error();
            MailboxChangeScope changes;
            p.result = p.job->record(d);
            if (p.result)
                p.changedMailboxes = changes.mailboxes();
            else
                (void)d.exec(QStringLiteral("ROLLBACK TO job"));
            if (auto r = d.exec(QStringLiteral("RELEASE job")); !r)
                return r.error();
        }
        return {};
    });
    if (!tx) {
        QMutexLocker lock(&m_renameRowsMutex);
        m_finishedRenameRows += forgotten; // still to delete
    }

    // Jobs that failed, and those whose reply promises nothing about the disk
    // (flags, log lines), finish now; the rest wait for the WAL fsync. A job's
    // renames and unlinks come only after its rows are durable, so a crash can
    // never leave a row without its file.
    std::deque<Pending> now, later;
    for (Pending &p : batch) {
        if (!tx)
            p.result = tx.error();
        (p.result && p.job->needsSync() ? later : now).push_back(std::move(p));
    }
    finish(now);
    if (!later.empty()) {
        QMutexLocker lock(&m_syncMutex);
        for (Pending &p : later)
            m_syncQueue.push_back(std::move(p));
        m_syncWake.wakeOne();
    }
}

void StoreWriter::runSyncer()
{
    const QString wal = m_databasePath + QStringLiteral("-wal");
    for (;;) {
        std::deque<Pending> jobs;
        {
            QMutexLocker lock(&m_syncMutex);
            while (m_syncQueue.empty() && !m_syncStopping)
                m_syncWake.wait(&m_syncMutex);
            if (m_syncQueue.empty())
                return;
            jobs.swap(m_syncQueue);
        }
        // One fsync covers every batch committed so far (group commit). If it
        // fails, nothing is promised: the jobs roll back their files (the rows
        // stay committed; recover() drops those whose file is gone at the next
        // start) and the clients are told, so a retry can duplicate, never lose.
        if (auto r = syncFile(wal); !r)
            for (Pending &p : jobs)
                p.result = r.error();
        finish(jobs);
    }
}

void StoreWriter::finish(std::deque<Pending> &jobs)
{
    std::vector<QSet<QString>> jobDirs(jobs.size());
    QSet<QString> allDirs;
    for (size_t i = 0; i < jobs.size(); ++i) {
        if (jobs[i].result)
            jobs[i].result = jobs[i].job->commit(jobDirs[i]);
        else
            jobs[i].job->rollback();
        allDirs += jobDirs[i];
    }
    // A job with no directory to sync (an expunge, a failure) is done: it need
    // not wait for the directory syncs of the others — unless one of those
    // changed the same mailbox, which announcing it would show before its
    // directory is synced.
    QSet<qint64> waiting;
    for (size_t i = 0; i < jobs.size(); ++i)
        if (!jobDirs[i].isEmpty())
            waiting += jobs[i].changedMailboxes;
    std::vector<bool> done(jobs.size());
    for (size_t i = 0; i < jobs.size(); ++i)
        done[i] = jobDirs[i].isEmpty() && !jobs[i].changedMailboxes.intersects(waiting);
    report(jobs, done);
    // One fsync per directory for them all; a job succeeds only if every
    // directory it touched was synced.
    QSet<QString> failedDirs;
    for (const QString &dir : std::as_const(allDirs))
        if (!syncDirectory(dir))
            failedDirs.insert(dir);
    QVariantList renamed;
    for (size_t i = 0; i < jobs.size(); ++i) {
        if (done[i])
            continue;
        if (jobs[i].result && jobDirs[i].intersects(failedDirs))
            jobs[i].result = Error::temporary(QStringLiteral("cannot sync a mail directory"));
        if (jobs[i].result)
            for (qint64 row : jobs[i].job->pendingRenameRows())
                renamed << row;
    }
    if (!renamed.isEmpty()) {
        QMutexLocker lock(&m_renameRowsMutex);
        m_finishedRenameRows += renamed;
    }
    done.flip();
    report(jobs, done);
}

void StoreWriter::report(std::deque<Pending> &jobs, const std::vector<bool> &which)
{
    // Announced before any reply: a client told "OK" that then asks another
    // session finds that session already knows.
    for (size_t i = 0; i < jobs.size(); ++i)
        if (which[i] && jobs[i].result)
            for (qint64 mailbox : jobs[i].changedMailboxes)
                m_events.changed(mailbox);
    for (size_t i = 0; i < jobs.size(); ++i)
        if (which[i])
            jobs[i].done(jobs[i].result);
}

Result<void> StoreWriter::forgetRenames(const Database &db, const QVariantList &rows)
{
    for (const QVariant &row : rows)
        if (auto r = db.exec(QStringLiteral("DELETE FROM pending_renames WHERE id = ?"), {row}); !r)
            return r.error();
    return {};
}

Result<void> StoreWriter::recover(const Database &db)
{
    auto q =
        db.exec(QStringLiteral("SELECT source, target, message_id, queue_id FROM pending_renames"));
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
