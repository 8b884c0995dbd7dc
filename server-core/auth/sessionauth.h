// SessionAuth: logging in, written once for every protocol session. It runs
// the SASL exchange (SaslExchange) and, after it or after a plain USER/PASS
// or IMAP LOGIN, the one check: pause reading, Authenticator::verify on a
// worker, then by outcome the protocol's reply, the AuthFailure log row and,
// after a wrong password, a delay that slows guessing (Postfix's
// smtpd_error_sleep_time) before the reply.
// It lives in auth/ and never sees a Session: net/ and auth/ are peers in
// DESIGN.md's order, so neither includes the other (and net/ stays free of
// store/, which the log and the Authenticator need). The session hands in its
// texts and a small callbacks struct (Dovecot's engine/policy seam), and
// itself as the QObject whose thread and lifetime the verifier's answer and
// the delay timer follow.
#pragma once

#include "authenticator.h"
#include "saslexchange.h"

#include <QString>

#include <functional>
#include <optional>

namespace fumibako
{

// A reply line as the protocol frames it (SMTP "535 …", POP3 "-ERR …", IMAP
// the text after the tag).
struct AuthReply {
    QByteArray text;
    bool protocolError = true; // counts toward the session's error limit
};

// One protocol's words for each way a login can end other than success.
struct AuthTexts {
    AuthReply unknownMechanism;
    AuthReply aborted;     // the client answered "*"
    AuthReply badEncoding; // a response that is not base64
    AuthReply badMessage;  // decoded, but not the mechanism's message
    AuthReply lockedOut;   // AuthThrottle refuses the address for now
    AuthReply tempFail;    // the account store could not answer
    AuthReply failed;      // wrong user or password, sent after the delay
    QString logLockedOut;  // the AuthFailure log rows
    QString logFailed;
};

// What SessionAuth asks of the session; every hook runs on the session's thread.
struct AuthPeer {
    QString address; // for AuthThrottle: "192.0.2.1"
    QString text;    // for the log: "[192.0.2.1]"
};

struct AuthHooks {
    std::function<void(const QByteArray &base64)> challenge; // SMTP "334 …", POP3/IMAP "+ …"
    std::function<void(const AuthReply &reply)> reply;
    // Ok: the protocol logs the account in (and may still refuse it). True:
    // reading resumes now; false: the protocol has work of its own to finish
    // first (reading the maildrop) and resumes reading itself.
    std::function<bool(const Account &account)> accepted;
    std::function<void(bool paused)> setPaused; // reading stops while the check runs
    std::function<AuthPeer()> peer;
};

// Where failed logins are written (the AuthFailure log rows): user, peer, text.
using AuthFailureLog =
    std::function<void(const QString &user, const QString &peer, const QString &text)>;

class SessionAuth
{
public:
    SessionAuth(Authenticator *auth, AuthFailureLog log, QObject *context, int failureDelayMs,
                AuthTexts texts, AuthHooks hooks);

    // True while an exchange waits for the client's next line.
    bool inExchange() const { return m_exchange.has_value(); }
    // AUTH / AUTHENTICATE: starts an exchange, with the initial response if given.
    void start(QByteArrayView mechanism, const std::optional<QByteArray> &initialResponse);
    // The client's next line while inExchange().
    void respond(const QByteArray &line);
    // Ends an exchange without a reply (the protocol answered the line itself).
    void cancel() { m_exchange.reset(); }
    // pause → verify → (delay) → log → reply → resume; also USER/PASS and LOGIN.
    void verify(const QByteArray &user, const QByteArray &password);

private:
    void step(const SaslExchange::Step &step);
    void finish(const AuthReply &reply); // reply, then resume

    Authenticator *m_auth;
    AuthFailureLog m_log;
    QObject *m_context;
    int m_failureDelayMs;
    AuthTexts m_texts;
    AuthHooks m_hooks;
    std::optional<SaslExchange> m_exchange;
};

} // namespace fumibako
