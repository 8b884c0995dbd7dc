#include "sessionauth.h"

#include <QTimer>

namespace fumibako
{

SessionAuth::SessionAuth(Authenticator *auth, AuthFailureLog log, QObject *context,
                         int failureDelayMs, AuthTexts texts, AuthHooks hooks)
    : m_auth(auth), m_log(std::move(log)), m_context(context), m_failureDelayMs(failureDelayMs),
      m_texts(std::move(texts)), m_hooks(std::move(hooks))
{
}

void SessionAuth::start(QByteArrayView mechanism, const std::optional<QByteArray> &initialResponse)
{
    m_exchange = SaslExchange::create(mechanism);
    if (!m_exchange)
        return m_hooks.reply(m_texts.unknownMechanism);
    step(m_exchange->begin(initialResponse));
}

void SessionAuth::respond(const QByteArray &line)
{
    Q_ASSERT(m_exchange);
    step(m_exchange->respond(line));
}

void SessionAuth::step(const SaslExchange::Step &step)
{
    using Kind = SaslExchange::Step::Kind;
    if (step.kind != Kind::Challenge)
        m_exchange.reset();
    switch (step.kind) {
    case Kind::Challenge:
        return m_hooks.challenge(step.challenge.toBase64());
    case Kind::Done:
        return verify(step.credentials.user, step.credentials.password);
    case Kind::Aborted:
        return m_hooks.reply(m_texts.aborted);
    case Kind::BadEncoding:
        return m_hooks.reply(m_texts.badEncoding);
    case Kind::BadMessage:
        return m_hooks.reply(m_texts.badMessage);
    }
}

void SessionAuth::verify(const QByteArray &user, const QByteArray &password)
{
    // Reading stops until the answer is out, so pipelined commands wait their turn.
    m_hooks.setPaused(true);
    const AuthPeer peer = m_hooks.peer();
    auto done = [this, user, peer](AuthOutcome outcome) {
        const QString name = QString::fromUtf8(user).left(320);
        switch (outcome.kind) {
        case AuthOutcome::Kind::Ok:
            if (m_hooks.accepted(outcome.account))
                m_hooks.setPaused(false);
            return;
        case AuthOutcome::Kind::LockedOut:
            m_log(name, peer.text, m_texts.logLockedOut);
            return finish(m_texts.lockedOut);
        case AuthOutcome::Kind::TempFail:
            return finish(m_texts.tempFail);
        case AuthOutcome::Kind::Failed:
            m_log(name, peer.text, m_texts.logFailed);
            // The delay slows password guessing (Postfix smtpd_error_sleep_time).
            QTimer::singleShot(m_failureDelayMs, m_context, [this]() { finish(m_texts.failed); });
            return;
        }
    };
    m_auth->verify(user, password, peer.address, m_context, std::move(done));
}

void SessionAuth::finish(const AuthReply &reply)
{
    m_hooks.reply(reply);
    m_hooks.setPaused(false);
}

} // namespace fumibako
