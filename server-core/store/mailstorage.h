// MailStorage: what the POP3 and IMAP sessions see of the store, as Dovecot's
// imap and pop3 see lib-storage. Reads run on the worker pool in one read
// transaction and answer on the session's thread, so an I/O thread never waits
// on SQLite or the disk; changes go to the StoreWriter and answer once they
// are durable; MailboxEvents tells a session of the changes others made.
// Sessions hold this, never the Database itself.
#pragma once

#include "common/result.h"
#include "common/worker.h"
#include "database.h"
#include "mailboxevents.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace fumibako
{

class StoreJob;
class StoreWriter;

class MailStorage
{
public:
    MailStorage(const Database &db, StoreWriter *writer, QString mailRoot);

    // The absolute root of the Maildir an account keeps under `maildir`.
    QString maildirRoot(const QString &maildir) const;

    // Runs `read` on a worker inside one read transaction (its reads agree with
    // each other), then `done` with its result on `context`'s thread — or not
    // at all if `context` is gone by then. `read` must use only what it captured
    // by value and the Database it is given.
    template <typename T>
    void read(QObject *context, std::function<Result<T>(const Database &)> read,
              std::function<void(Result<T>)> done) const
    {
        runOnWorker(context,
                    [db = &m_db, read = std::move(read),
                     done = std::move(done)]() mutable -> std::function<void()> {
                        auto value = std::make_shared<std::optional<Result<T>>>();
                        const Result<void> snapshot =
                            db->readTransaction([&](const Database &d) -> Result<void> {
                                value->emplace(read(d));
                                return {};
                            });
                        return [snapshot, value, done = std::move(done)]() {
                            done(snapshot ? std::move(**value) : Result<T>(snapshot.error()));
                        };
                    });
    }

    // The same, here on the calling thread: only for IMAP's catch-up between
    // commands (what changed since a mod-sequence), a range scan of an index
    // that in WAL mode never waits for the writer, and whose untagged replies
    // must come before the command's own.
    template <typename T>
    Result<T> readNow(const std::function<Result<T>(const Database &)> &read) const
    {
        std::optional<Result<T>> value;
        const Result<void> snapshot = m_db.readTransaction([&](const Database &d) -> Result<void> {
            value.emplace(read(d));
            return {};
        });
        return snapshot ? std::move(*value) : Result<T>(snapshot.error());
    }

    // Commits `job` (POP3's expunge, an IMAP flag change, a new folder, ...);
    // `done` runs on `context`'s thread once it is durable or has failed, and
    // not if `context` is gone. Subscribers of the mailboxes it changed hear
    // of it (MailboxEvents) before `done` runs.
    void commit(std::shared_ptr<StoreJob> job, QObject *context,
                std::function<void(Result<void>)> done) const;

    MailboxEvents &events() const;

private:
    const Database &m_db;
    StoreWriter *m_writer;
    QString m_mailRoot;
};

} // namespace fumibako
