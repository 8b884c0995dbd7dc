#include "quarantineservice.h"

#include "common/clock.h"
#include "common/durablefile.h"
#include "delivery/delivery.h"
#include "mime/mimetext.h"
#include "scan/quarantine.h"
#include "settings.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/mailstorage.h"
#include "web/releasetoken.h"
#include "web/spamsummary.h"

namespace fumibako
{

QuarantineService::QuarantineService(const Database &db, DataDir dir, const Clock *clock)
    : m_db(db), m_dir(std::move(dir)), m_clock(clock), m_root(Quarantine::directory(m_dir.path()))
{
}

Result<QList<QuarantineEntry>> QuarantineService::list(const QString &address) const
{
    qint64 accountId = 0;
    if (!address.trimmed().isEmpty()) {
        auto account = AccountStore(m_db).find(address.trimmed());
        if (!account)
            return account.error();
        accountId = account->id;
    }
    auto rows = QuarantineStore(m_db).list(accountId);
    if (!rows)
        return rows.error();
    QList<QuarantineEntry> out;
    out.reserve(rows->size());
    for (const QuarantinedMessage &m : std::as_const(*rows))
        out << QuarantineEntry{m, mimetext::decodeHeaderText(m.subject),
                               QDateTime::fromSecsSinceEpoch(m.receivedAt)};
    return out;
}

Result<QByteArray> QuarantineService::raw(qint64 id) const
{
    auto m = QuarantineStore(m_db).find(id);
    if (!m)
        return m.error();
    auto bytes = readMessageFile(m_root + QLatin1Char('/') + m->path, m->size);
    if (!bytes)
        return Error::temporary(
            QStringLiteral("cannot read the file of quarantined message %1").arg(id));
    return *bytes;
}

Result<void> QuarantineService::release(qint64 id, const QString &who) const
{
    auto job = Quarantine::releaseJob(m_db, m_root, m_dir.mailRoot(), id, who, m_clock->now());
    if (!job)
        return job.error();
    return runStoreJobNow(m_db, **job);
}

Result<void> QuarantineService::remove(qint64 id, const QString &who) const
{
    auto m = QuarantineStore(m_db).find(id);
    if (!m)
        return m.error();
    auto job = Quarantine::deleteJob(m_root, {*m}, who, QStringLiteral("deleted"), m_clock->now());
    return runStoreJobNow(m_db, *job);
}

Result<MessagePreview> QuarantineService::preview(qint64 id) const
{
    auto bytes = raw(id);
    if (!bytes)
        return bytes.error();
    return messagePreview(*bytes);
}

Result<ProtectionCounts> QuarantineService::countsSince(const QDateTime &since) const
{
    // From the log, not the quarantine table: rows leave the table when staff
    // release or delete them (and viruses and unscored mail are never held),
    // so "caught today" would shrink as the day's work is done. The log keeps
    // one line per event — Quarantine::hold one "quarantined" delivery line
    // per held copy, the virus step "virus-removed" or a rejection whose
    // reason starts "virus found:", the spam step "unscored" — and the
    // (kind, ts) index keeps the query to today's lines of three kinds.
    auto q = m_db.exec(
        QStringLiteral("SELECT"
                       " COALESCE(SUM(kind = 'system' AND result = 'virus-removed'), 0)"
                       " + COALESCE(SUM(kind = 'smtp-reject' AND text LIKE '%virus found:%'), 0),"
                       " COALESCE(SUM(kind = 'delivery' AND result = 'quarantined'), 0),"
                       " COALESCE(SUM(kind = 'system' AND result = 'unscored'), 0)"
                       " FROM log WHERE kind IN ('system', 'smtp-reject', 'delivery') AND ts >= ?"),
        {since.toMSecsSinceEpoch()});
    if (!q)
        return q.error();
    ProtectionCounts c;
    if (q->next()) {
        c.viruses = q->value(0).toLongLong();
        c.held = q->value(1).toLongLong();
        c.unscored = q->value(2).toLongLong();
    }
    return c;
}

int QuarantineService::retentionDays(const Database &db, const Settings &settings, qint64 accountId)
{
    // The account's own (fumibakoctl filter retention), else the server's.
    const int server = int(settings.integer(QStringLiteral("scan.quarantine_days")));
    return QuarantineStore(db).retentionDays(accountId, server).value_or(server);
}

Result<QStringList> QuarantineService::sendSummaries() const
{
    auto settings = Settings::load(m_db);
    if (!settings)
        return settings.error();
    auto key = releaseKey(m_db);
    if (!key)
        return key.error();
    SpamSummaryConfig config;
    config.hostname = settings->value(QStringLiteral("server.hostname"));
    // The port the server took when it last started (its --port may differ
    // from ports.web), else the setting.
    config.webPort = int(settings->integer(QStringLiteral("ports.web")));
    if (auto q = m_db.exec(QStringLiteral("SELECT port FROM listener_ports WHERE name = 'web'"));
        q && q->next() && q->value(0).toInt() > 0)
        config.webPort = q->value(0).toInt();
    config.key = *key;
    config.retentionDays = [db = &m_db, s = *settings](qint64 accountId) {
        return retentionDays(*db, s, accountId);
    };
    // No writer here: the storage only names Maildirs, the jobs run at once.
    const MailStorage storage(m_db, nullptr, m_dir.mailRoot());
    const Delivery delivery(m_db, storage, nullptr, m_dir.queueDir(), config.hostname);
    const QDateTime now = m_clock->now();
    auto due = prepareSpamSummaries(m_db, delivery, config, now);
    if (!due)
        return due.error();
    QStringList sent;
    for (PreparedSummary &summary : *due) {
        CompositeJob job({std::make_shared<DeliveryJob>(std::move(summary.request)),
                          summaryMarkJob(summary.ids, now)});
        if (auto r = runStoreJobNow(m_db, job); !r)
            return Error(
                r.error().kind,
                QStringLiteral("Spam Summary to %1: %2").arg(summary.account, r.error().message),
                {});
        sent << summary.account;
    }
    return sent;
}

} // namespace fumibako
