#include "settingnames.h"

#include "listenertablemodel.h"

#include "service/settings.h"

#include <QHash>

#include <algorithm>

namespace fumibako
{

namespace
{

// One entry per registry key but the ports, named after their service. Marked
// here and translated when asked, so a language switch renames them.
struct Entry {
    const char *key;
    const char *name;
};

const Entry kNames[] = {
    {"server.hostname", QT_TRANSLATE_NOOP("SettingNames", "Host name")},
    {"server.bind", QT_TRANSLATE_NOOP("SettingNames", "Listening address")},
    {"smtp.max_message_size", QT_TRANSLATE_NOOP("SettingNames", "Maximum message size")},
    {"smtp.max_recipients", QT_TRANSLATE_NOOP("SettingNames", "Maximum recipients per message")},
    {"smtp.idle_timeout", QT_TRANSLATE_NOOP("SettingNames", "SMTP idle timeout")},
    {"pop3.idle_timeout", QT_TRANSLATE_NOOP("SettingNames", "POP3 idle timeout")},
    {"imap.idle_timeout", QT_TRANSLATE_NOOP("SettingNames", "IMAP idle timeout")},
    {"imap.idle_check_interval", QT_TRANSLATE_NOOP("SettingNames", "IMAP IDLE check interval")},
    {"imap.search_cache", QT_TRANSLATE_NOOP("SettingNames", "IMAP search cache size")},
    {"limits.connections_per_ip",
     QT_TRANSLATE_NOOP("SettingNames", "Connections per client address")},
    {"limits.connections_total", QT_TRANSLATE_NOOP("SettingNames", "Total connections")},
    {"limits.message_memory", QT_TRANSLATE_NOOP("SettingNames", "Memory for mail being received")},
    {"limits.imap_sessions_per_user",
     QT_TRANSLATE_NOOP("SettingNames", "IMAP sessions per account")},
    {"limits.protocol_errors",
     QT_TRANSLATE_NOOP("SettingNames", "Protocol errors before disconnecting")},
    {"auth.allow_plaintext_loopback",
     QT_TRANSLATE_NOOP("SettingNames", "Sign-in without TLS from this computer")},
    {"auth.failure_delay_ms", QT_TRANSLATE_NOOP("SettingNames", "Delay after a failed sign-in")},
    {"auth.lockout_failures",
     QT_TRANSLATE_NOOP("SettingNames", "Failed sign-ins before a lock-out")},
    {"auth.lockout_minutes", QT_TRANSLATE_NOOP("SettingNames", "Lock-out length")},
    {"auth.cache_seconds", QT_TRANSLATE_NOOP("SettingNames", "Verified password memory time")},
    {"dns.servers", QT_TRANSLATE_NOOP("SettingNames", "DNS servers")},
    {"queue.retry_min", QT_TRANSLATE_NOOP("SettingNames", "Wait before the first retry")},
    {"queue.retry_max", QT_TRANSLATE_NOOP("SettingNames", "Longest wait between retries")},
    {"queue.delay_warning", QT_TRANSLATE_NOOP("SettingNames", "Wait before a delay notice")},
    {"queue.lifetime", QT_TRANSLATE_NOOP("SettingNames", "Retry period before returning mail")},
    {"queue.max_connections", QT_TRANSLATE_NOOP("SettingNames", "Outgoing connections in all")},
    {"queue.max_per_destination",
     QT_TRANSLATE_NOOP("SettingNames", "Outgoing connections per destination")},
    {"queue.require_tls", QT_TRANSLATE_NOOP("SettingNames", "Send only over TLS")},
    {"queue.transports", QT_TRANSLATE_NOOP("SettingNames", "Routes per domain")},
    {"queue.tls_policy", QT_TRANSLATE_NOOP("SettingNames", "TLS per destination")},
    {"queue.tls_ca_file", QT_TRANSLATE_NOOP("SettingNames", "Trusted certificates file")},
    {"relay.host", QT_TRANSLATE_NOOP("SettingNames", "Sending server (smarthost)")},
    {"relay.port", QT_TRANSLATE_NOOP("SettingNames", "Sending server port")},
    {"relay.tls", QT_TRANSLATE_NOOP("SettingNames", "Sending server security")},
    {"relay.user", QT_TRANSLATE_NOOP("SettingNames", "Sending server user name")},
    {"dkim.selectors", QT_TRANSLATE_NOOP("SettingNames", "DKIM signing keys")},
    {"log.retention_days", QT_TRANSLATE_NOOP("SettingNames", "Log retention")},
    {"scan.clamd", QT_TRANSLATE_NOOP("SettingNames", "Virus scanner (clamd)")},
    {"scan.virus_action", QT_TRANSLATE_NOOP("SettingNames", "Action on incoming viruses")},
    {"scan.spamd", QT_TRANSLATE_NOOP("SettingNames", "Spam scanner (spamd)")},
    {"scan.spam", QT_TRANSLATE_NOOP("SettingNames", "Domains checked for spam")},
    {"scan.spam_threshold", QT_TRANSLATE_NOOP("SettingNames", "Spam score threshold")},
    {"scan.spam_action", QT_TRANSLATE_NOOP("SettingNames", "Action on spam")},
    {"scan.quarantine_days",
     QT_TRANSLATE_NOOP("SettingNames", "Days mail stays in the quarantine")},
    {"forward.local_per_minute", QT_TRANSLATE_NOOP("SettingNames", "Local forwards per minute")},
    {"archive.sent", QT_TRANSLATE_NOOP("SettingNames", "Keep sent mail in the archive")},
    {"archive.sent_days", QT_TRANSLATE_NOOP("SettingNames", "Days sent mail is archived")},
    {"archive.received_days", QT_TRANSLATE_NOOP("SettingNames", "Days received mail is archived")},
    {"archive.capacity_mb", QT_TRANSLATE_NOOP("SettingNames", "Archive capacity (MiB)")},
    {"scan.summary_time", QT_TRANSLATE_NOOP("SettingNames", "Spam Summary time")},
    {"scan.max_concurrent", QT_TRANSLATE_NOOP("SettingNames", "Messages scanned at once")},
    {"scan.timeout", QT_TRANSLATE_NOOP("SettingNames", "Scanner time limit")},
};

const char *lookup(const QString &key)
{
    static const QHash<QString, const char *> names = [] {
        QHash<QString, const char *> h;
        for (const Entry &e : kNames)
            h.insert(QLatin1String(e.key), e.name);
        return h;
    }();
    return names.value(key, nullptr);
}

const QLatin1String kPortPrefix("ports.");

} // namespace

bool SettingNames::hasName(const QString &key)
{
    if (key.startsWith(kPortPrefix))
        return ListenerTableModel::serviceText(key.mid(kPortPrefix.size())) !=
               key.mid(kPortPrefix.size());
    return lookup(key) != nullptr;
}

QString SettingNames::name(const QString &key)
{
    if (key.startsWith(kPortPrefix))
        return tr("%1 port").arg(ListenerTableModel::serviceText(key.mid(kPortPrefix.size())));
    if (const char *n = lookup(key))
        return tr(n);
    return key;
}

QString SettingNames::list(const QStringList &keys)
{
    // The server reports keys sorted by name; the registry's order reads
    // better (the host name before the queue's timings).
    QStringList sorted = keys;
    const auto rank = [](const QString &key) {
        const QList<SettingSpec> &specs = Settings::specs();
        const auto it = std::find_if(specs.cbegin(), specs.cend(),
                                     [&key](const SettingSpec &s) { return s.key == key; });
        return it - specs.cbegin(); // unknown keys last
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&rank](const QString &a, const QString &b) { return rank(a) < rank(b); });
    QStringList names;
    for (const QString &key : std::as_const(sorted))
        names << name(key);
    return names.join(tr(", "));
}

} // namespace fumibako
