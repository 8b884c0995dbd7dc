// StoreWriter: the one thread that commits changes to mail storage, with
// group commit. Sessions hand it jobs; it takes every job waiting, writes and
// fsyncs their files, and records them all in one SQLite transaction (new
// files are renamed into place before COMMIT, so a reader that sees a row
// finds its file). Its second thread, the syncer, then fsyncs the WAL once
// for every batch committed meanwhile, unlinks what expunges removed, syncs
// the directories once, and only then reports back — so a 250 or +OK is never
// sent before the change is on stable storage, concurrent sessions share the
// cost of the syncs, and the writer commits the next batch (a flag change,
// say, which needs no sync) while the device is still busy with the last one.
#pragma once

#include "database.h"
#include "mailboxevents.h"

#include <QMutex>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QVariantList>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>

namespace fumibako
{

class StoreWriter;

// A unit of durable work. prepare() runs first, outside the transaction, on
// a pool thread as soon as the job is submitted (write + fsync files);
// record() inside the transaction (one SAVEPOINT per job; a delivery renames
// its files into place there, its pending_renames rows letting recover()
// redo a rename a crash undid); commit() after COMMIT and the WAL fsync
// (unlinks, and the directories to sync); rollback() if anything failed.
// A commit() failure is reported to the client as temporary (a duplicate on
// retry is possible, a loss is not).
class StoreJob
{
public:
    virtual ~StoreJob() = default;
    virtual Result<void> prepare() { return {}; }
    // True if prepare() does work (a job that only writes rows skips the pool).
    virtual bool hasPreparation() const { return false; }
    virtual Result<void> record(const Database &db) = 0;
    // Files unlinked here, and the directories of every file renamed or
    // unlinked, go in `dirsToSync`.
    virtual Result<void> commit(QSet<QString> &dirsToSync)
    {
        Q_UNUSED(dirsToSync);
        return {};
    }
    virtual void rollback() {}
    // pending_renames rows this job wrote; deleted once its renames are durable.
    virtual QList<qint64> pendingRenameRows() const { return {}; }
    // False for changes the reply does not promise are on disk — flags, log
    // lines: a batch of only those commits without the WAL fsync (a process
    // crash still keeps them; a power loss may undo the last ones), and the
    // next synced commit makes them durable too. Dovecot leaves flag changes
    // unsynced the same way; deliveries, APPEND, EXPUNGE and DELE always sync.
    virtual bool needsSync() const { return true; }
};

// A job that is just SQL (flag changes, folder changes): runs in record().
class SqlJob : public StoreJob
{
public:
    enum class Durability { Synced, Unsynced };
    explicit SqlJob(std::function<Result<void>(const Database &)> body,
                    Durability durability = Durability::Synced)
        : m_body(std::move(body)), m_durability(durability)
    {
    }
    Result<void> record(const Database &db) override { return m_body(db); }
    bool needsSync() const override { return m_durability == Durability::Synced; }

private:
    std::function<Result<void>(const Database &)> m_body;
    Durability m_durability;
};

// Several jobs that must commit together (IMAP COPY of many messages, MOVE
// = copy + expunge): one SAVEPOINT, all or nothing.
class CompositeJob : public StoreJob
{
public:
    explicit CompositeJob(QList<std::shared_ptr<StoreJob>> jobs) : m_jobs(std::move(jobs)) {}
    Result<void> prepare() override;
    bool hasPreparation() const override;
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;
    void rollback() override;
    QList<qint64> pendingRenameRows() const override;
    bool needsSync() const override;

private:
    QList<std::shared_ptr<StoreJob>> m_jobs;
};

class StoreWriter : public QThread
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<void>)>;

    explicit StoreWriter(QString databasePath, QObject *parent = nullptr);
    ~StoreWriter() override;

    // Thread-safe. `done` runs on a writer thread: post to your own thread.
    // Before it runs, the mailboxes the job changed are announced on events().
    void submit(std::shared_ptr<StoreJob> job, Done done);
    MailboxEvents *events() { return &m_events; }
    void stop(); // finishes the jobs already submitted, then ends the thread

    // Finish renames recorded by a run that crashed between COMMIT and rename.
    static Result<void> recover(const Database &db);

protected:
    void run() override;

private:
    struct Pending {
        std::shared_ptr<StoreJob> job;
        Done done;
        Result<void> result;
        QSet<qint64> changedMailboxes;
    };
    void processBatch(std::deque<Pending> batch, Database &db);
    // After COMMIT (and, for jobs that need it, the WAL fsync): commit() the
    // jobs (renames, unlinks), report those with no directory to sync, sync
    // the directories the others name, report them.
    void finish(std::deque<Pending> &jobs);
    void report(std::deque<Pending> &jobs, const std::vector<bool> &which);
    void runSyncer();
    static Result<void> forgetRenames(const Database &db, const QVariantList &rows);

    QString m_databasePath;
    MailboxEvents m_events;
    // pending_renames rows whose renames are durable; the next transaction deletes them.
    QMutex m_renameRowsMutex;
    QVariantList m_finishedRenameRows;
    // prepare() runs here, outside the writer, side by side: file fsyncs are
    // independent, a device serves them faster together, and the writer goes on
    // committing (a flag change does not wait for someone's message file).
    QThreadPool m_preparePool;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Pending> m_queue; // prepared, waiting for the transaction
    int m_preparing = 0;         // submitted jobs still in prepare()
    bool m_stopping = false;

    // Committed jobs waiting for the WAL fsync.
    QMutex m_syncMutex;
    QWaitCondition m_syncWake;
    std::deque<Pending> m_syncQueue;
    bool m_syncStopping = false;
};

} // namespace fumibako
