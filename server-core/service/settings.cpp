#include "settings.h"

#include "dkimkeys.h"
#include "queue/mxresolver.h"
#include "queue/outboundqueue.h"
#include "store/settingsstore.h"

#include <QHostAddress>
#include <QSysInfo>

namespace fumibako {

namespace {

using T = SettingSpec::Type;

QList<SettingSpec> makeSpecs()
{
    constexpr qint64 kMiB = 1024 * 1024;
    return {
        {QStringLiteral("server.hostname"), T::Hostname, QString(), 0, 0,
         QStringLiteral("Name in the SMTP banner, EHLO and Received headers (default: the machine's host name)")},
        {QStringLiteral("server.bind"), T::String, QStringLiteral("*"), 0, 0,
         QStringLiteral("Address the listeners bind to; * means every address")},
        {QStringLiteral("ports.smtp"), T::Port, QStringLiteral("2525"), 0, 65535,
         QStringLiteral("MX port (mail from other servers; 25 for a service install)")},
        {QStringLiteral("ports.submission"), T::Port, QStringLiteral("2587"), 0, 65535,
         QStringLiteral("Submission port with STARTTLS (587 for a service install)")},
        {QStringLiteral("ports.smtps"), T::Port, QStringLiteral("2465"), 0, 65535,
         QStringLiteral("Submission port with implicit TLS (465 for a service install)")},
        {QStringLiteral("ports.pop3"), T::Port, QStringLiteral("2110"), 0, 65535,
         QStringLiteral("POP3 port with STLS (110 for a service install)")},
        {QStringLiteral("ports.pop3s"), T::Port, QStringLiteral("2995"), 0, 65535,
         QStringLiteral("POP3 port with implicit TLS (995 for a service install)")},
        {QStringLiteral("ports.imap"), T::Port, QStringLiteral("2143"), 0, 65535,
         QStringLiteral("IMAP port with STARTTLS (143 for a service install)")},
        {QStringLiteral("ports.imaps"), T::Port, QStringLiteral("2993"), 0, 65535,
         QStringLiteral("IMAP port with implicit TLS (993 for a service install)")},
        {QStringLiteral("smtp.max_message_size"), T::Integer, QString::number(20 * kMiB), 1024,
         1024 * kMiB, QStringLiteral("Largest message accepted, in bytes (SIZE)")},
        {QStringLiteral("smtp.max_recipients"), T::Integer, QStringLiteral("100"), 1, 10000,
         QStringLiteral("Recipients per message; more get 452 4.5.3")},
        {QStringLiteral("smtp.idle_timeout"), T::Integer, QStringLiteral("300"), 10, 3600,
         QStringLiteral("Seconds an SMTP client may stay silent")},
        {QStringLiteral("pop3.idle_timeout"), T::Integer, QStringLiteral("600"), 60, 7200,
         QStringLiteral("Seconds a POP3 client may stay silent (RFC 1939: at least 600)")},
        {QStringLiteral("imap.idle_timeout"), T::Integer, QStringLiteral("1800"), 60, 86400,
         QStringLiteral("Seconds an IMAP client may stay silent (RFC 3501 5.4: at least 30 minutes)")},
        {QStringLiteral("imap.idle_check_interval"), T::Integer, QStringLiteral("30"), 0, 3600,
         QStringLiteral("Seconds between looks for changes made by other processes while a client is in IDLE; 0 turns them off")},
        {QStringLiteral("imap.search_cache"), T::Integer, QString::number(64 * kMiB), 0, 64 * 1024 * kMiB,
         QStringLiteral("Bytes of decoded message text kept for IMAP SEARCH, shared by all sessions; 0 turns the cache off")},
        {QStringLiteral("limits.connections_per_ip"), T::Integer, QStringLiteral("50"), 1, 100000,
         QStringLiteral("Concurrent connections from one client address; more get 421")},
        {QStringLiteral("limits.connections_total"), T::Integer, QStringLiteral("10000"), 1, 1000000,
         QStringLiteral("Concurrent connections in all")},
        {QStringLiteral("limits.message_memory"), T::Integer, QString::number(512 * kMiB), 16 * kMiB, 64 * 1024 * kMiB,
         QStringLiteral("Bytes of message bodies all sessions together may hold in memory while receiving; past it: 452 4.3.1")},
        {QStringLiteral("limits.imap_sessions_per_user"), T::Integer, QStringLiteral("10"), 1, 10000,
         QStringLiteral("IMAP sessions one account may have open from one client address")},
        {QStringLiteral("limits.protocol_errors"), T::Integer, QStringLiteral("20"), 1, 1000,
         QStringLiteral("Protocol errors in one session before it is closed")},
        {QStringLiteral("auth.allow_plaintext_loopback"), T::Bool, QStringLiteral("false"), 0, 0,
         QStringLiteral("Allow AUTH without TLS from 127.0.0.1 and ::1")},
        {QStringLiteral("auth.failure_delay_ms"), T::Integer, QStringLiteral("2000"), 0, 60000,
         QStringLiteral("Delay before answering a failed authentication, in milliseconds")},
        {QStringLiteral("auth.lockout_failures"), T::Integer, QStringLiteral("10"), 1, 10000,
         QStringLiteral("Failed authentications from one address (or for one account from one address) before a lock-out; five times as many lock the account everywhere")},
        {QStringLiteral("auth.lockout_minutes"), T::Integer, QStringLiteral("15"), 1, 1440,
         QStringLiteral("Length of a lock-out, in minutes")},
        {QStringLiteral("auth.cache_seconds"), T::Integer, QStringLiteral("60"), 0, 3600,
         QStringLiteral("How long a verified password is remembered (0 turns the cache off)")},
        {QStringLiteral("dns.servers"), T::String, QString(), 0, 0,
         QStringLiteral("IPv4 addresses of the DNS servers asked for MX and address records, "
                        "separated by commas (port 53); empty: the system's resolver")},
        {QStringLiteral("queue.retry_min"), T::Integer, QStringLiteral("300"), 10, 86400,
         QStringLiteral("Seconds before the first retry of a deferred recipient; the wait doubles after each try")},
        {QStringLiteral("queue.retry_max"), T::Integer, QStringLiteral("3600"), 60, 86400,
         QStringLiteral("Longest wait between two tries, in seconds")},
        {QStringLiteral("queue.delay_warning"), T::Integer, QStringLiteral("14400"), 0, 30 * 86400,
         QStringLiteral("Seconds a message may wait before its sender gets a delay notice (0: no notices)")},
        {QStringLiteral("queue.lifetime"), T::Integer, QStringLiteral("432000"), 0, 30 * 86400,
         QStringLiteral("Seconds a message is retried before it is returned to its sender")},
        {QStringLiteral("queue.max_connections"), T::Integer, QStringLiteral("20"), 1, 1000,
         QStringLiteral("Outgoing SMTP connections in all")},
        {QStringLiteral("queue.max_per_destination"), T::Integer, QStringLiteral("5"), 1, 100,
         QStringLiteral("Outgoing SMTP connections to one destination")},
        {QStringLiteral("queue.require_tls"), T::Bool, QStringLiteral("false"), 0, 0,
         QStringLiteral("Deliver to other servers only over STARTTLS (the level of destinations "
                        "without a queue.tls_policy rule: encrypt, else may)")},
        {QStringLiteral("queue.transports"), T::String, QString(), 0, 0,
         QStringLiteral("Per-domain routes: domain=[host]:port or domain=relay, comma-separated")},
        {QStringLiteral("queue.tls_policy"), T::String, QString(), 0, 0,
         QStringLiteral("TLS per destination: domain=none|may|encrypt|verify, comma-separated "
                        "(.domain: its subdomains; [host]:port: a transport host, the smarthost)")},
        {QStringLiteral("queue.tls_ca_file"), T::String, QString(), 0, 0,
         QStringLiteral("Full path of a PEM file of certificates trusted besides the system's "
                        "where a queue.tls_policy rule says verify")},
        {QStringLiteral("relay.host"), T::String, QString(), 0, 0,
         QStringLiteral("Smarthost for all outgoing mail (empty: deliver to each domain's MX)")},
        {QStringLiteral("relay.port"), T::Port, QStringLiteral("587"), 1, 65535,
         QStringLiteral("Smarthost port (587 with STARTTLS, 465 with TLS)")},
        {QStringLiteral("relay.tls"), T::String, QStringLiteral("starttls"), 0, 0,
         QStringLiteral("Smarthost TLS: starttls, tls (implicit, port 465) or none")},
        {QStringLiteral("relay.user"), T::String, QString(), 0, 0,
         QStringLiteral("Smarthost AUTH user name (the password is set with fumibakoctl relay passwd)")},
        {QStringLiteral("dkim.selectors"), T::String, QString(), 0, 0,
         QStringLiteral("DKIM keys that sign outgoing mail: domain=selector[,selector]; ... (fumibakoctl dkim activate/retire)")},
        {QStringLiteral("log.retention_days"), T::Integer, QStringLiteral("90"), 1, 3650,
         QStringLiteral("Days the event log keeps its rows; older ones are deleted every night at 03:00")},
    };
}

bool parseBool(const QString &v, bool *ok)
{
    const QString l = v.trimmed().toLower();
    *ok = true;
    if (l == QLatin1String("true") || l == QLatin1String("yes") || l == QLatin1String("on") || l == QLatin1String("1"))
        return true;
    if (l == QLatin1String("false") || l == QLatin1String("no") || l == QLatin1String("off") || l == QLatin1String("0"))
        return false;
    *ok = false;
    return false;
}

} // namespace

const QList<SettingSpec> &Settings::specs()
{
    static const QList<SettingSpec> s = makeSpecs();
    return s;
}

const SettingSpec *Settings::spec(const QString &key)
{
    for (const SettingSpec &s : specs())
        if (s.key == key)
            return &s;
    return nullptr;
}

Result<QString> Settings::validate(const QString &key, const QString &value)
{
    const SettingSpec *s = spec(key);
    if (!s)
        return Error::invalid(QStringLiteral("unknown setting: %1").arg(key));
    const QString v = value.trimmed();
    switch (s->type) {
    case T::Integer:
    case T::Port: {
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok)
            return Error::invalid(QStringLiteral("%1 must be a whole number, not \"%2\"").arg(key, value));
        if (n < s->min || n > s->max)
            return Error::invalid(QStringLiteral("%1 must be between %2 and %3").arg(key).arg(s->min).arg(s->max));
        return QString::number(n);
    }
    case T::Bool: {
        bool ok = false;
        const bool b = parseBool(v, &ok);
        if (!ok)
            return Error::invalid(QStringLiteral("%1 must be true or false, not \"%2\"").arg(key, value));
        return b ? QStringLiteral("true") : QStringLiteral("false");
    }
    case T::Hostname: {
        const QByteArray h = v.toLower().toUtf8();
        if (h.isEmpty() || h.size() > 253)
            return Error::invalid(QStringLiteral("%1 must be a host name").arg(key));
        for (char c : h)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                return Error::invalid(QStringLiteral("%1 must be a host name, not \"%2\"").arg(key, value));
        return QString::fromLatin1(h);
    }
    case T::String:
        if (key == QLatin1String("server.bind") && v != QLatin1String("*") && QHostAddress(v).isNull())
            return Error::invalid(QStringLiteral("%1 must be an IP address or *").arg(key));
        if (key == QLatin1String("dns.servers")) {
            auto servers = MxResolver::parseNameservers(v);
            if (!servers)
                return servers.error();
            return MxResolver::formatNameservers(*servers);
        }
        if (key == QLatin1String("relay.tls") && v != QLatin1String("starttls") && v != QLatin1String("tls") &&
            v != QLatin1String("none"))
            return Error::invalid(QStringLiteral("%1 must be starttls, tls or none").arg(key));
        if (key == QLatin1String("dkim.selectors")) {
            auto selectors = DkimKeyStore::parseSelectors(v);
            if (!selectors)
                return Error::invalid(QStringLiteral("%1: %2").arg(key, selectors.error().message));
            return DkimKeyStore::formatSelectors(*selectors);
        }
        if (key == QLatin1String("queue.transports"))
            if (auto t = OutboundConfig::parseTransports(v); !t)
                return Error::invalid(QStringLiteral("%1: %2").arg(key, t.error().message));
        if (key == QLatin1String("queue.tls_policy"))
            if (auto t = TlsPolicy::parse(v); !t)
                return Error::invalid(QStringLiteral("%1: %2").arg(key, t.error().message));
        if (key == QLatin1String("queue.tls_ca_file"))
            if (auto t = TlsPolicy::loadCaFile(v); !t)
                return Error::invalid(QStringLiteral("%1: %2").arg(key, t.error().message));
        return v;
    }
    return v;
}

Result<Settings> Settings::load(const Database &db)
{
    auto stored = SettingsStore(db).all();
    if (!stored)
        return stored.error();
    Settings out;
    for (const SettingSpec &s : specs())
        out.m_values.insert(s.key, s.defaultValue);
    QString host = QSysInfo::machineHostName().toLower();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    out.m_values.insert(QStringLiteral("server.hostname"), host);
    for (auto it = stored->cbegin(); it != stored->cend(); ++it)
        if (spec(it.key()))
            out.m_values.insert(it.key(), it.value());
    return out;
}

Result<void> Settings::store(const Database &db, const QString &key, const QString &value)
{
    auto v = validate(key, value);
    if (!v)
        return v.error();
    return SettingsStore(db).set(key, *v);
}

Result<void> Settings::validateAll(const Values &values)
{
    for (const auto &[key, value] : values)
        if (auto v = validate(key, value); !v)
            return v.error();
    return {};
}

Result<void> Settings::storeAll(const Database &db, const Values &values)
{
    if (auto v = validateAll(values); !v)
        return v;
    return db.transaction([&values](const Database &d) -> Result<void> {
        for (const auto &[key, value] : values)
            if (auto r = store(d, key, value); !r)
                return r;
        return {};
    });
}

QString Settings::value(const QString &key) const { return m_values.value(key); }
QMap<QString, QString> Settings::all() const { return m_values; }

} // namespace fumibako
