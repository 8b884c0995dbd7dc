#include "archiveindexer.h"

#include "common/worker.h"

#include <QPointer>

namespace fumibako
{

namespace
{
constexpr int kQuietMs = 2000;      // after the last archived message
constexpr int kForceAfter = 5000;   // pokes that start a round however busy it is
constexpr int kItemsPerRound = 100; // parsed per round, one writer job
constexpr int kFilesPerRound = 200;
} // namespace

ArchiveIndexer::ArchiveIndexer(const Database &db, StoreWriter *writer, QString root,
                               QObject *parent)
    : QObject(parent), m_db(db), m_writer(writer), m_root(std::move(root))
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, &ArchiveIndexer::round);
}

void ArchiveIndexer::poke()
{
    QMetaObject::invokeMethod(
        this,
        [this]() {
            if (++m_pokes >= kForceAfter && !m_running) {
                m_quiet.stop();
                return round();
            }
            m_quiet.start(); // (again): wait for a quiet moment
        },
        Qt::QueuedConnection);
}

void ArchiveIndexer::start()
{
    QMetaObject::invokeMethod(this, &ArchiveIndexer::round, Qt::QueuedConnection);
}

void ArchiveIndexer::round()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_pokes = 0;
    const Database *db = &m_db;
    StoreWriter *writer = m_writer;
    const QString root = m_root;
    QPointer<ArchiveIndexer> self(this);
    runOnWorker(this, [db, writer, root, self]() -> std::function<void()> {
        ArchiveStore store(*db, root);
        auto files = store.writeJournalFiles(kFilesPerRound);
        auto items = store.readPending(kItemsPerRound);
        const QList<qint64> written = files ? *files : QList<qint64>();
        const QList<ArchiveStore::IndexItem> parsed =
            items ? *items : QList<ArchiveStore::IndexItem>();
        const bool more = (files && files->size() == kFilesPerRound) ||
                          (items && items->size() == kItemsPerRound);
        if (written.isEmpty() && parsed.isEmpty())
            return [self]() {
                if (self)
                    self->roundDone(false);
            };
        // Index rows are derived data (the entries can be parsed again), and a
        // lost journal deletion only writes the file again: no sync of their own.
        auto job = std::make_shared<SqlJob>(
            [written, parsed](const Database &d) -> Result<void> {
                if (auto r = ArchiveStore::forgetJournal(d, written); !r)
                    return r;
                if (auto r = ArchiveStore::writeIndex(d, parsed); !r)
                    return r.error();
                return {};
            },
            SqlJob::Durability::Unsynced);
        writer->submit(job, [self, more](Result<void> r) {
            QMetaObject::invokeMethod(
                self,
                [self, more, ok = bool(r)]() {
                    if (self)
                        self->roundDone(more && ok);
                },
                Qt::QueuedConnection);
        });
        return {};
    });
}

void ArchiveIndexer::roundDone(bool more)
{
    m_running = false;
    if (more || m_again) {
        m_again = false;
        return round();
    }
    Q_EMIT idle();
}

} // namespace fumibako
