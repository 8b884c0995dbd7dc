// MailboxEvents: tells the sessions that have a mailbox open when a
// committed change touched it (new mail, expunge, flags), so IMAP can send
// untagged EXISTS / EXPUNGE / FETCH and wake IDLE clients. In-process
// publish/subscribe; callbacks run queued on the subscriber's thread.
// MessageStore reports every mailbox it changes to the MailboxChangeScope of
// its thread; the StoreWriter opens one around each transaction and announces
// what it collected once the change is durable, whoever wrote the job.
// It also keeps which messages IMAP sessions have seen as \Recent.
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace fumibako
{

class MailboxEvents
{
public:
    using Token = quint64;
    Token subscribe(qint64 mailboxId, QObject *receiver, std::function<void()> changed);
    void unsubscribe(Token token);
    void changed(qint64 mailboxId); // any thread
    // How many changes to the mailbox were announced: a session that saw this
    // number at its last catch-up has nothing new to read while it stays so.
    quint64 generation(qint64 mailboxId) const;

    // \Recent (RFC 3501 2.3.2): a new message is recent in exactly one session,
    // the first to see it. Sessions on different I/O threads claim here, under
    // the lock, so no two ever claim one message; the caller records the claim
    // in the store (MailboxStore::setFirstRecentUid) only so that it outlives a
    // restart. `stored` is the mailbox's firstRecentUid as the caller read it,
    // taken the first time the mailbox is seen here or after its UIDVALIDITY
    // changed (a deleted mailbox's id may be reused).
    // Claims every UID below `uidNext` and returns the first one no earlier claim took.
    qint64 claimRecent(qint64 mailboxId, qint64 uidValidity, qint64 stored, qint64 uidNext);
    // The first UID nobody has claimed, claiming nothing (EXAMINE, STATUS).
    qint64 firstUnclaimed(qint64 mailboxId, qint64 uidValidity, qint64 stored) const;

private:
    struct Subscriber {
        qint64 mailboxId;
        QPointer<QObject> receiver;
        std::function<void()> changed;
    };
    mutable QMutex m_mutex;
    Token m_next = 1;
    QHash<Token, Subscriber> m_subscribers;
    QMultiHash<qint64, Token> m_byMailbox;
    QHash<qint64, quint64> m_generations;
    struct RecentMark {
        qint64 uidValidity = 0;
        qint64 firstUnclaimed = 1;
    };
    QHash<qint64, RecentMark> m_recent;
};

// Collects the mailboxes changed on this thread while it exists (scopes nest:
// the innermost collects).
class MailboxChangeScope
{
public:
    MailboxChangeScope();
    ~MailboxChangeScope();
    MailboxChangeScope(const MailboxChangeScope &) = delete;
    MailboxChangeScope &operator=(const MailboxChangeScope &) = delete;

    static void touched(qint64 mailboxId); // no scope on this thread: nothing to do
    const QSet<qint64> &mailboxes() const { return m_mailboxes; }

private:
    MailboxChangeScope *m_outer;
    QSet<qint64> m_mailboxes;
};

} // namespace fumibako
