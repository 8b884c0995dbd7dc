#include "saslexchange.h"

namespace fumibako
{

using Step = SaslExchange::Step;

// A mechanism is its name, the challenge sent when the client gave no initial
// response, and what to answer once it has given `responses` (decoded, in
// order). A new mechanism is one more row.
struct SaslExchange::Mechanism {
    QByteArrayView name;
    QByteArrayView firstChallenge;
    Step (*next)(const QList<QByteArray> &responses);
};

namespace
{

Step challenge(QByteArrayView text)
{
    return Step{Step::Kind::Challenge, text.toByteArray(), {}};
}

Step done(Sasl::Credentials credentials)
{
    return Step{Step::Kind::Done, {}, std::move(credentials)};
}

// RFC 4616: one message, [authzid] NUL authcid NUL passwd.
Step plain(const QList<QByteArray> &responses)
{
    auto credentials = Sasl::parsePlain(responses.first());
    if (!credentials)
        return Step{Step::Kind::BadMessage, {}, {}};
    return done(std::move(*credentials));
}

// draft-murchison-sasl-login: the user name, then the password, each asked for.
Step login(const QList<QByteArray> &responses)
{
    if (responses.size() == 1)
        return challenge("Password:");
    return done({{}, responses.first().left(320), responses.at(1)});
}

const SaslExchange::Mechanism kMechanisms[] = {
    {"PLAIN", "", plain},
    {"LOGIN", "Username:", login},
};

} // namespace

QList<QByteArray> SaslExchange::mechanisms()
{
    QList<QByteArray> names;
    for (const Mechanism &m : kMechanisms)
        names << m.name.toByteArray();
    return names;
}

std::optional<SaslExchange> SaslExchange::create(QByteArrayView mechanism)
{
    for (const Mechanism &m : kMechanisms)
        if (mechanism.compare(m.name, Qt::CaseInsensitive) == 0)
            return SaslExchange(&m);
    return std::nullopt;
}

Step SaslExchange::begin(const std::optional<QByteArray> &initialResponse)
{
    if (initialResponse)
        return respond(*initialResponse);
    return challenge(m_mechanism->firstChallenge);
}

Step SaslExchange::respond(const QByteArray &line)
{
    Q_ASSERT(!m_finished);
    if (line == "*")
        return finish(Step{Step::Kind::Aborted, {}, {}});
    auto decoded = Sasl::decodeResponse(line);
    if (!decoded)
        return finish(Step{Step::Kind::BadEncoding, {}, {}});
    m_responses << *decoded;
    return finish(m_mechanism->next(m_responses));
}

Step SaslExchange::finish(Step step)
{
    m_finished = step.kind != Step::Kind::Challenge;
    return step;
}

} // namespace fumibako
