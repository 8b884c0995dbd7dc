// MailboxEvents: tells the sessions that have a mailbox open when a
// committed change touched it (new mail, expunge, flags), so IMAP can send
// untagged EXISTS / EXPUNGE / FETCH and wake IDLE clients. In-process
// publish/subscribe; callbacks run queued on the subscriber's thread.
// MessageStore reports every mailbox it changes to the MailboxChangeScope of
// its thread; the StoreWriter opens one around each transaction and announces
// what it collected once the change is durable, whoever wrote the job.
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace fumibako {

class MailboxEvents {
public:
    using Token = quint64;
    Token subscribe(qint64 mailboxId, QObject *receiver, std::function<void()> changed);
    void unsubscribe(Token token);
    void changed(qint64 mailboxId);  // any thread
    // How many changes to the mailbox were announced: a session that saw this
    // number at its last catch-up has nothing new to read while it stays so.
    quint64 generation(qint64 mailboxId) const;

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
};

// Collects the mailboxes changed on this thread while it exists (scopes nest:
// the innermost collects).
class MailboxChangeScope {
public:
    MailboxChangeScope();
    ~MailboxChangeScope();
    MailboxChangeScope(const MailboxChangeScope &) = delete;
    MailboxChangeScope &operator=(const MailboxChangeScope &) = delete;

    static void touched(qint64 mailboxId);  // no scope on this thread: nothing to do
    const QSet<qint64> &mailboxes() const { return m_mailboxes; }

private:
    MailboxChangeScope *m_outer;
    QSet<qint64> m_mailboxes;
};

} // namespace fumibako
