#include "settings.h"

#include "common/mailaddress.h"
#include "dkimkeys.h"
#include "queue/mxresolver.h"
#include "queue/outboundqueue.h"
#include "scan/scanneraddress.h"
#include "store/settingsstore.h"

#include <QHostAddress>
#include <QSysInfo>
#include <QTime>

namespace fumibako
{

namespace
{

using T = SettingSpec::Type;
constexpr auto Live = SettingSpec::Apply::Live;
constexpr auto Restart = SettingSpec::Apply::Restart;

// One builder per type keeps the table below one line of facts per setting.
SettingSpec integer(const char *key, qint64 def, qint64 min, qint64 max, SettingSpec::Apply apply,
                    const char *description)
{
    return {QLatin1String(key),
            T::Integer,
            QString::number(def),
            min,
            max,
            apply,
            QLatin1String(description),
            {},
            {}};
}
SettingSpec port(const char *key, int def, int min, SettingSpec::Apply apply,
                 const char *description)
{
    return {QLatin1String(key),
            T::Port,
            QString::number(def),
            min,
            65535,
            apply,
            QLatin1String(description),
            {},
            {}};
}
SettingSpec flag(const char *key, SettingSpec::Apply apply, const char *description,
                 bool def = false)
{
    return {QLatin1String(key),
            T::Bool,
            def ? QStringLiteral("true") : QStringLiteral("false"),
            0,
            0,
            apply,
            QLatin1String(description),
            {},
            {}};
}
// The first choice is the default.
SettingSpec choice(const char *key, QStringList choices, SettingSpec::Apply apply,
                   const char *description)
{
    const QString def = choices.first();
    return {QLatin1String(key),         T::Choice,          def, 0, 0, apply,
            QLatin1String(description), std::move(choices), {}};
}
SettingSpec text(const char *key, const char *def, SettingSpec::Apply apply,
                 const char *description, SettingSpec::Check check = {})
{
    return {QLatin1String(key),         T::String, QLatin1String(def), 0, 0, apply,
            QLatin1String(description), {},        std::move(check)};
}

// A parser's error, named after the setting; the value as written is kept.
template <typename Parse> SettingSpec::Check parsedBy(Parse parse)
{
    return [parse](const QString &key, const QString &v) -> Result<QString> {
        if (auto r = parse(v); !r)
            return Error::invalid(QStringLiteral("%1: %2").arg(key, r.error().message));
        return v;
    };
}

Result<QString> checkBind(const QString &key, const QString &v)
{
    if (v != QLatin1String("*") && QHostAddress(v).isNull())
        return Error::invalid(QStringLiteral("%1 must be an IP address or *").arg(key));
    return v;
}

Result<QString> checkNameservers(const QString &, const QString &v)
{
    auto servers = MxResolver::parseNameservers(v);
    if (!servers)
        return servers.error();
    return MxResolver::formatNameservers(*servers);
}

Result<QString> checkSelectors(const QString &key, const QString &v)
{
    auto selectors = DkimKeyStore::parseSelectors(v);
    if (!selectors)
        return Error::invalid(QStringLiteral("%1: %2").arg(key, selectors.error().message));
    return DkimKeyStore::formatSelectors(*selectors);
}

// Empty (off), or where the scanner listens.
Result<QString> checkScannerAddress(const QString &key, const QString &v)
{
    if (v.isEmpty())
        return v;
    return parsedBy(ScannerAddress::parse)(key, v);
}

Result<QString> checkDomainList(const QString &key, const QString &v)
{
    QStringList domains;
    for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString d = part.trimmed().toLower();
        if (d != QLatin1String("*") && !MailAddress::parse(QStringLiteral("x@") + d))
            return Error::invalid(QStringLiteral("%1: \"%2\" is not a domain").arg(key, d));
        if (!d.isEmpty() && !domains.contains(d))
            domains << d;
    }
    return domains.join(QLatin1Char(','));
}

Result<QString> checkScore(const QString &key, const QString &v)
{
    bool ok = false;
    const double score = v.toDouble(&ok);
    if (!ok || score < 0 || score > 1000)
        return Error::invalid(QStringLiteral("%1 must be a number from 0 to 1000").arg(key));
    return QString::number(score, 'f', 1);
}

// "5:00" → "05:00": a local time of day, hours and minutes.
Result<QString> checkTimeOfDay(const QString &key, const QString &v)
{
    const QTime t = QTime::fromString(v, QStringLiteral("H:mm"));
    if (!t.isValid())
        return Error::invalid(QStringLiteral("%1 must be a time of day as HH:MM (05:00)").arg(key));
    return t.toString(QStringLiteral("HH:mm"));
}

QList<SettingSpec> makeSpecs()
{
    constexpr qint64 kMiB = 1024 * 1024;
    constexpr qint64 kDay = 86400;
    SettingSpec hostname{QStringLiteral("server.hostname"),
                         T::Hostname,
                         QString(),
                         0,
                         0,
                         Restart,
                         QStringLiteral("Name in the SMTP banner, EHLO and Received headers "
                                        "(default: the machine's host name)"),
                         {},
                         {}};
    SettingSpec relayTls{
        QStringLiteral("relay.tls"),
        T::Choice,
        QStringLiteral("starttls"),
        0,
        0,
        Restart,
        QStringLiteral("Smarthost TLS: starttls, tls (implicit, port 465) or none"),
        {QStringLiteral("starttls"), QStringLiteral("tls"), QStringLiteral("none")},
        {}};
    return {
        hostname,
        text("server.bind", "*", Restart, "Address the listeners bind to; * means every address",
             checkBind),
        port("ports.smtp", 2525, 0, Restart,
             "MX port (mail from other servers; 25 for a service install)"),
        port("ports.submission", 2587, 0, Restart,
             "Submission port with STARTTLS (587 for a service install)"),
        port("ports.smtps", 2465, 0, Restart,
             "Submission port with implicit TLS (465 for a service install)"),
        port("ports.pop3", 2110, 0, Restart, "POP3 port with STLS (110 for a service install)"),
        port("ports.pop3s", 2995, 0, Restart,
             "POP3 port with implicit TLS (995 for a service install)"),
        port("ports.imap", 2143, 0, Restart, "IMAP port with STARTTLS (143 for a service install)"),
        port("ports.imaps", 2993, 0, Restart,
             "IMAP port with implicit TLS (993 for a service install)"),
        port("ports.web", 2443, 0, Restart,
             "HTTPS port of the release links in the Spam Summary (443 for a service install)"),
        integer("smtp.max_message_size", 20 * kMiB, 1024, 1024 * kMiB, Live,
                "Largest message accepted, in bytes (SIZE)"),
        integer("smtp.max_recipients", 100, 1, 10000, Live,
                "Recipients per message; more get 452 4.5.3"),
        integer("smtp.idle_timeout", 300, 10, 3600, Live, "Seconds an SMTP client may stay silent"),
        integer("pop3.idle_timeout", 600, 60, 7200, Live,
                "Seconds a POP3 client may stay silent (RFC 1939: at least 600)"),
        integer("imap.idle_timeout", 1800, 60, 86400, Live,
                "Seconds an IMAP client may stay silent (RFC 3501 5.4: at least 30 minutes)"),
        integer("imap.idle_check_interval", 30, 0, 3600, Live,
                "Seconds between looks for changes made by other processes while a client is in "
                "IDLE; 0 turns them off"),
        // One cache shared by every session: a new size would need a second cache.
        integer("imap.search_cache", 64 * kMiB, 0, 64 * 1024 * kMiB, Restart,
                "Bytes of decoded message text kept for IMAP SEARCH, shared by all sessions; 0 "
                "turns the cache off"),
        integer("limits.connections_per_ip", 50, 1, 100000, Live,
                "Concurrent connections from one client address; more get 421"),
        integer("limits.connections_total", 10000, 1, 1000000, Live,
                "Concurrent connections in all"),
        // The budget's limit is fixed while sessions hold reservations against it.
        integer("limits.message_memory", 512 * kMiB, 16 * kMiB, 64 * 1024 * kMiB, Restart,
                "Bytes of message bodies all sessions together may hold in memory while receiving; "
                "past it: 452 4.3.1"),
        integer("limits.imap_sessions_per_user", 10, 1, 10000, Live,
                "IMAP sessions one account may have open from one client address"),
        integer("limits.protocol_errors", 20, 1, 1000, Live,
                "Protocol errors in one session before it is closed"),
        flag("auth.allow_plaintext_loopback", Live,
             "Allow AUTH without TLS from 127.0.0.1 and ::1"),
        integer("auth.failure_delay_ms", 2000, 0, 60000, Live,
                "Delay before answering a failed authentication, in milliseconds"),
        integer("auth.lockout_failures", 10, 1, 10000, Live,
                "Failed authentications from one address (or for one account from one address) "
                "before a lock-out; "
                "five times as many lock the account everywhere"),
        integer("auth.lockout_minutes", 15, 1, 1440, Live, "Length of a lock-out, in minutes"),
        // Read by every I/O thread without a lock: set once, at start.
        integer("auth.cache_seconds", 60, 0, 3600, Restart,
                "How long a verified password is remembered (0 turns the cache off)"),
        // The outbound queue takes its whole configuration when it starts.
        text("dns.servers", "", Restart,
             "IPv4 addresses of the DNS servers asked for MX and address records, separated by "
             "commas (port 53); "
             "empty: the system's resolver",
             checkNameservers),
        integer("queue.retry_min", 300, 10, kDay, Restart,
                "Seconds before the first retry of a deferred recipient; the wait doubles after "
                "each try"),
        integer("queue.retry_max", 3600, 60, kDay, Restart,
                "Longest wait between two tries, in seconds"),
        integer("queue.delay_warning", 14400, 0, 30 * kDay, Restart,
                "Seconds a message may wait before its sender gets a delay notice (0: no notices)"),
        integer("queue.lifetime", 432000, 0, 30 * kDay, Restart,
                "Seconds a message is retried before it is returned to its sender"),
        integer("queue.max_connections", 20, 1, 1000, Restart, "Outgoing SMTP connections in all"),
        integer("queue.max_per_destination", 5, 1, 100, Restart,
                "Outgoing SMTP connections to one destination"),
        flag("queue.require_tls", Restart,
             "Deliver to other servers only over STARTTLS (the level of destinations without a "
             "queue.tls_policy "
             "rule: encrypt, else may)"),
        text("queue.transports", "", Restart,
             "Per-domain routes: domain=[host]:port or domain=relay, comma-separated",
             parsedBy(&OutboundConfig::parseTransports)),
        text("queue.tls_policy", "", Restart,
             "TLS per destination: domain=none|may|encrypt|verify, comma-separated (.domain: its "
             "subdomains; "
             "[host]:port: a transport host, the smarthost)",
             parsedBy(&TlsPolicy::parse)),
        text("queue.tls_ca_file", "", Restart,
             "Full path of a PEM file of certificates trusted besides the system's where a "
             "queue.tls_policy rule "
             "says verify",
             parsedBy(&TlsPolicy::loadCaFile)),
        text("relay.host", "", Restart,
             "Smarthost for all outgoing mail (empty: deliver to each domain's MX)"),
        port("relay.port", 587, 1, Restart, "Smarthost port (587 with STARTTLS, 465 with TLS)"),
        relayTls,
        text("relay.user", "", Restart,
             "Smarthost AUTH user name (the password is set with fumibakoctl relay passwd)"),
        // MailServer hands the queue the keys again when this changes.
        text("dkim.selectors", "", Live,
             "DKIM keys that sign outgoing mail: domain=selector[,selector]; ... (fumibakoctl dkim "
             "activate/retire)",
             checkSelectors),
        integer("log.retention_days", 90, 1, 3650, Live,
                "Days the event log keeps its rows; older ones are deleted every night at 03:00"),
        // The scanners are pipeline steps, put in place when the server starts.
        text("scan.clamd", "", Restart,
             "clamd for virus scanning: a Unix socket path or host:port; empty turns it off",
             checkScannerAddress),
        choice("scan.virus_action", {QStringLiteral("strip"), QStringLiteral("reject")}, Restart,
               "Incoming mail with a virus: strip the infected parts, or reject it (554 5.7.0)"),
        text("scan.spamd", "", Restart,
             "spamd for spam scoring: a Unix socket path or host:port; empty turns it off",
             checkScannerAddress),
        text("scan.spam", "*", Restart,
             "Domains whose incoming mail spamd scores, comma-separated; * for every domain",
             checkDomainList),
        text("scan.spam_threshold", "5.0", Restart,
             "Score at or above which a message is spam (SpamAssassin's required_score)",
             checkScore),
        choice("scan.spam_action", {QStringLiteral("tag"), QStringLiteral("quarantine")}, Restart,
               "What becomes of spam: delivered tagged [spam], or held in the quarantine"),
        integer("scan.quarantine_days", 7, 1, 7, Live,
                "Days a quarantined message is kept before the daily sweep deletes it"),
        text("scan.summary_time", "05:00", Restart,
             "Local time (HH:MM) of the daily Spam Summary to each account that had mail held",
             checkTimeOfDay),
        flag("archive.sent", Live,
             "Keep every message sent from an account (submission) in the archive", true),
        integer("archive.sent_days", 90, 1, 1825, Live,
                "Days the archive keeps sent mail (the FAQ's 90; up to 5 years)"),
        integer("archive.received_days", 90, 1, 1825, Live,
                "Days the archive keeps received mail of the domains that keep it"),
        integer("archive.capacity_mb", 10240, 1, 4096 * 1024, Live,
                "Archive capacity in MiB; beyond it the oldest mail is deleted first"),
        integer("forward.local_per_minute", 30, 1, 6000, Restart,
                "Forwards one account may send to this server's own mailboxes per minute; more "
                "wait their turn in the queue"),
        integer("scan.max_concurrent", 8, 1, 1024, Restart,
                "Messages scanned at once by each scanner, server-wide; more wait their turn"),
        integer("scan.timeout", 60, 1, 600, Restart,
                "Seconds a scanner may take over one message before it counts as failed"),
    };
}

// "a, b or c"
QString alternatives(const QStringList &choices)
{
    if (choices.size() < 2)
        return choices.join(QString());
    return choices.mid(0, choices.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") +
           choices.last();
}

bool parseBool(const QString &v, bool *ok)
{
    const QString l = v.trimmed().toLower();
    *ok = true;
    if (l == QLatin1String("true") || l == QLatin1String("yes") || l == QLatin1String("on") ||
        l == QLatin1String("1"))
        return true;
    if (l == QLatin1String("false") || l == QLatin1String("no") || l == QLatin1String("off") ||
        l == QLatin1String("0"))
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
            return Error::invalid(
                QStringLiteral("%1 must be a whole number, not \"%2\"").arg(key, value));
        if (n < s->min || n > s->max)
            return Error::invalid(
                QStringLiteral("%1 must be between %2 and %3").arg(key).arg(s->min).arg(s->max));
        return QString::number(n);
    }
    case T::Bool: {
        bool ok = false;
        const bool b = parseBool(v, &ok);
        if (!ok)
            return Error::invalid(
                QStringLiteral("%1 must be true or false, not \"%2\"").arg(key, value));
        return b ? QStringLiteral("true") : QStringLiteral("false");
    }
    case T::Hostname: {
        const QByteArray h = v.toLower().toUtf8();
        if (h.isEmpty() || h.size() > 253)
            return Error::invalid(QStringLiteral("%1 must be a host name").arg(key));
        for (char c : h)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                return Error::invalid(
                    QStringLiteral("%1 must be a host name, not \"%2\"").arg(key, value));
        return QString::fromLatin1(h);
    }
    case T::Choice:
        if (!s->choices.contains(v))
            return Error::invalid(
                QStringLiteral("%1 must be %2").arg(key, alternatives(s->choices)));
        return v;
    case T::String:
        return s->check ? s->check(key, v) : Result<QString>(v);
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

QStringList Settings::restartOnly(const QStringList &keys)
{
    QStringList out;
    for (const QString &key : keys)
        if (const SettingSpec *s = spec(key); s && !s->isLive())
            out << key;
    return out;
}

QStringList Settings::changedFrom(const Settings &other) const
{
    QStringList out;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        if (other.m_values.value(it.key()) != it.value())
            out << it.key();
    return out;
}

QString Settings::value(const QString &key) const
{
    return m_values.value(key);
}
QMap<QString, QString> Settings::all() const
{
    return m_values;
}

} // namespace fumibako
