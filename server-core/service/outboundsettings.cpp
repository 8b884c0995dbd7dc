#include "outboundsettings.h"

#include "queue/mxresolver.h"
#include "settings.h"

namespace fumibako
{

namespace
{

template <typename T> Result<T> named(const QString &key, Result<T> r)
{
    if (!r)
        return Error::invalid(key + QLatin1String(": ") + r.error().message);
    return r;
}

} // namespace

SmtpClientOptions::Tls OutboundSettings::relayTls(const QString &value)
{
    using Tls = SmtpClientOptions::Tls;
    return value == QLatin1String("tls")    ? Tls::Implicit
           : value == QLatin1String("none") ? Tls::None
                                            : Tls::Required;
}

OutboundConfig::Relay OutboundSettings::relay(const Settings &settings, const QByteArray &password)
{
    OutboundConfig::Relay r;
    r.host = settings.value(QStringLiteral("relay.host"));
    r.port = quint16(settings.integer(QStringLiteral("relay.port")));
    r.tls = relayTls(settings.value(QStringLiteral("relay.tls")));
    r.user = settings.value(QStringLiteral("relay.user")).toUtf8();
    r.password = password;
    return r;
}

Result<OutboundConfig> OutboundSettings::config(const Settings &settings)
{
    OutboundConfig c;
    c.hostname = settings.value(QStringLiteral("server.hostname"));
    c.retryMinSecs = settings.integer(QStringLiteral("queue.retry_min"));
    c.retryMaxSecs = std::max(c.retryMinSecs, settings.integer(QStringLiteral("queue.retry_max")));
    c.delayWarningSecs = settings.integer(QStringLiteral("queue.delay_warning"));
    c.lifetimeSecs = settings.integer(QStringLiteral("queue.lifetime"));
    c.maxConnections = int(settings.integer(QStringLiteral("queue.max_connections")));
    c.maxPerDestination = int(settings.integer(QStringLiteral("queue.max_per_destination")));
    const QString policyKey = QStringLiteral("queue.tls_policy");
    auto tlsPolicy = named(policyKey, TlsPolicy::parse(settings.value(policyKey)));
    if (!tlsPolicy)
        return tlsPolicy.error();
    c.tlsPolicy = *tlsPolicy;
    // queue.require_tls came first: it is now the level of destinations without a rule.
    const bool requireTls = settings.flag(QStringLiteral("queue.require_tls"));
    c.tlsPolicy.setDefaultLevel(requireTls ? TlsLevel::Encrypt : TlsLevel::May);
    const QString caKey = QStringLiteral("queue.tls_ca_file");
    auto caCertificates = named(caKey, TlsPolicy::loadCaFile(settings.value(caKey)));
    if (!caCertificates)
        return caCertificates.error();
    c.tlsCaCertificates = *caCertificates;
    auto transports =
        OutboundConfig::parseTransports(settings.value(QStringLiteral("queue.transports")));
    if (!transports)
        return transports.error();
    c.transports = *transports;
    auto nameservers = MxResolver::parseNameservers(settings.value(QStringLiteral("dns.servers")));
    if (!nameservers)
        return nameservers.error();
    c.nameservers = *nameservers;
    c.relay = relay(settings, QByteArray());
    return c;
}

} // namespace fumibako
