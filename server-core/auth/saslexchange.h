// SaslExchange: one SASL exchange (RFC 4422) as a pure state machine — what
// SMTP AUTH (RFC 4954), POP3 AUTH (RFC 5034) and IMAP AUTHENTICATE (RFC 3501
// 6.2.2) share. Made for a mechanism, fed the optional initial response and
// then each client line, it answers with the next challenge, the credentials,
// or why it ended. No socket and no protocol text: each protocol frames the
// challenges and words the failures itself. Mechanisms come from one table,
// which is also the list every protocol advertises.
#pragma once

#include "sasl.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace fumibako
{

class SaslExchange
{
public:
    struct Step {
        enum class Kind {
            Challenge,   // send `challenge` (raw: the protocol base64-encodes and frames it)
            Done,        // `credentials` are ready to be verified
            Aborted,     // the client answered "*" (RFC 4422 3.5)
            BadEncoding, // the response is not base64
            BadMessage,  // decoded, but not what the mechanism expects
        };
        Kind kind = Kind::BadMessage;
        QByteArray challenge;
        Sasl::Credentials credentials;
    };
    struct Mechanism;

    // The mechanisms we offer, upper-case, in the order protocols advertise them.
    static QList<QByteArray> mechanisms();
    // nullopt for a mechanism we do not offer (the name is compared case-insensitively).
    static std::optional<SaslExchange> create(QByteArrayView mechanism);

    // The first step: the client's initial response (RFC 4422 3.3; "=" is an
    // empty one) taken as the first line, or without one the first challenge.
    Step begin(const std::optional<QByteArray> &initialResponse);
    // One client line: base64, "=" for an empty response, or "*".
    Step respond(const QByteArray &line);
    // True once a step other than Challenge was answered; the exchange is over.
    bool finished() const { return m_finished; }

private:
    explicit SaslExchange(const Mechanism *mechanism) : m_mechanism(mechanism) {}
    Step finish(Step step);

    const Mechanism *m_mechanism;
    QList<QByteArray> m_responses; // decoded, in order
    bool m_finished = false;
};

} // namespace fumibako
