// Pop3Session: one POP3 conversation (RFC 1939) with CAPA (RFC 2449), STLS
// (RFC 2595), AUTH (RFC 5034; SessionAuth) and RESP-CODES. Credentials only over
// TLS. The maildrop is a snapshot of INBOX taken at login, so the session's
// view is stable; deletions are applied durably at QUIT (UPDATE state).
#pragma once

#include "auth/sessionauth.h"
#include "net/session.h"
#include "pop3command.h"
#include "store/messagestore.h"

namespace fumibako
{

class EventLog;
class MaildropLock;
class MailStorage;

struct Pop3Config {
    bool implicitTls = false;
    bool allowPlaintextAuthOnLoopback = false;
    int authFailureDelayMs = 2000;
};

class Pop3Session : public Session
{
    Q_OBJECT
public:
    Pop3Session(Pop3Config config, Authenticator *auth, MailStorage *storage, EventLog *log,
                MaildropLock *locks, QSslConfiguration tls, SessionLimits limits,
                ConnectionLimiter *limiter, QObject *parent);
    ~Pop3Session() override;

    void drain() override;

protected:
    void greet() override;
    void process() override;
    QByteArray refusal(ConnectionLimiter::Verdict verdict) const override;
    QByteArray timeoutReply() const override;
    QByteArray tooManyErrorsReply() const override;

private:
    enum class State { Authorization, Transaction, Update };
    struct Message {
        StoredMessage stored;
        bool deleted = false;
    };

    void ok(const QByteArray &text);
    void err(const QByteArray &text);
    void handle(const Pop3Command &cmd);
    void onAuthorization(const Pop3Command &cmd);
    void onTransaction(const Pop3Command &cmd);
    // Opens the maildrop: false while it is being read (reading resumes after).
    bool loggedIn(const Account &account);
    bool credentialsAllowed() const;
    void capa();
    Message *message(const QByteArray &arg);
    QByteArray uidl(const Message &m) const;
    void sendMessage(const Message &m, int bodyLines); // bodyLines < 0: whole message
    void quit();

    Pop3Config m_config;
    SessionAuth m_sasl; // USER/PASS and AUTH
    MailStorage *m_storage;
    EventLog *m_log;
    MaildropLock *m_locks;
    State m_state = State::Authorization;
    QByteArray m_user;
    qint64 m_accountId = 0;
    bool m_locked = false;
    QString m_address;
    QString m_maildir;
    qint64 m_uidValidity = 0;
    QList<Message> m_messages;
};

} // namespace fumibako
