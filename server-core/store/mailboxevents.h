// MailboxEvents: tells the sessions that have a mailbox open when a
// committed change touched it (new mail, expunge, flags), so IMAP can send
// untagged EXISTS / EXPUNGE / FETCH and wake IDLE clients. In-process
// publish/subscribe; callbacks run queued on the subscriber's thread.
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>

#include <functional>

namespace fumibako {

class MailboxEvents {
public:
    using Token = quint64;
    Token subscribe(qint64 mailboxId, QObject *receiver, std::function<void()> changed);
    void unsubscribe(Token token);
    void changed(qint64 mailboxId);  // any thread

private:
    struct Subscriber {
        qint64 mailboxId;
        QPointer<QObject> receiver;
        std::function<void()> changed;
    };
    QMutex m_mutex;
    Token m_next = 1;
    QHash<Token, Subscriber> m_subscribers;
    QMultiHash<qint64, Token> m_byMailbox;
};

} // namespace fumibako
