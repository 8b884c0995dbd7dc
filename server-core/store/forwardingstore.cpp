#include "forwardingstore.h"

#include <QDateTime>
#include <QSqlQuery>

namespace fumibako
{

namespace
{

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString dateText(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QDate dateFrom(const QString &text)
{
    return text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
}

const QString kForwardColumns = QStringLiteral(
    "destinations, keep_copy, strip_attachments, if_from, if_subject, skip_spam, errors_to_me");
const QString kAutoReplyColumns =
    QStringLiteral("enabled, start_date, end_date, subject, body, from_name, days, charset");

// The rule in the columns kForwardColumns names, from `first` on.
ForwardRule forwardFrom(const QSqlQuery &q, int first)
{
    ForwardRule r;
    r.destinations = q.value(first).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    r.keepCopy = q.value(first + 1).toBool();
    r.stripAttachments = q.value(first + 2).toBool();
    r.ifFrom = q.value(first + 3).toString();
    r.ifSubject = q.value(first + 4).toString();
    r.skipSpam = q.value(first + 5).toBool();
    r.errorsToMe = q.value(first + 6).toBool();
    return r;
}

// The column list with each name qualified by `table`.
QString qualified(const QString &columns, const QString &table)
{
    QStringList out;
    for (const QString &c : columns.split(QLatin1String(", ")))
        out << table + QLatin1Char('.') + c;
    return out.join(QLatin1String(", "));
}

AutoReplyRule autoReplyFrom(const QSqlQuery &q, int first)
{
    AutoReplyRule r;
    r.enabled = q.value(first).toBool();
    r.start = dateFrom(q.value(first + 1).toString());
    r.end = dateFrom(q.value(first + 2).toString());
    r.subject = q.value(first + 3).toString();
    r.body = q.value(first + 4).toString();
    r.fromName = q.value(first + 5).toString();
    r.days = q.value(first + 6).toInt();
    r.charset = q.value(first + 7).toString() == QLatin1String("iso-2022-jp")
                    ? AutoReplyRule::Charset::Iso2022Jp
                    : AutoReplyRule::Charset::Utf8;
    return r;
}

} // namespace

Result<std::optional<ForwardRule>> ForwardingStore::forward(qint64 accountId) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT %1 FROM forward_rules WHERE account_id = ?").arg(kForwardColumns),
        {accountId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ForwardRule>();
    return std::optional<ForwardRule>(forwardFrom(*q, 0));
}

Result<void> ForwardingStore::setForward(qint64 accountId, const ForwardRule &r) const
{
    auto q = m_db.exec(
        QStringLiteral("INSERT OR REPLACE INTO forward_rules (account_id, %1, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kForwardColumns),
        {accountId, r.destinations.join(QLatin1Char('\n')), r.keepCopy, r.stripAttachments,
         r.ifFrom, r.ifSubject, r.skipSpam, r.errorsToMe, nowSecs()});
    if (!q)
        return q.error();
    return {};
}

Result<bool> ForwardingStore::clearForward(qint64 accountId) const
{
    auto q =
        m_db.exec(QStringLiteral("DELETE FROM forward_rules WHERE account_id = ?"), {accountId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<std::optional<AutoReplyRule>> ForwardingStore::autoReply(qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM autoreply_rules WHERE account_id = ?")
                           .arg(kAutoReplyColumns),
                       {accountId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<AutoReplyRule>();
    return std::optional<AutoReplyRule>(autoReplyFrom(*q, 0));
}

Result<void> ForwardingStore::setAutoReply(qint64 accountId, const AutoReplyRule &r) const
{
    auto q = m_db.exec(
        QStringLiteral("INSERT OR REPLACE INTO autoreply_rules (account_id, %1, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kAutoReplyColumns),
        {accountId, r.enabled, dateText(r.start), dateText(r.end), r.subject, r.body, r.fromName,
         r.days,
         r.charset == AutoReplyRule::Charset::Iso2022Jp ? QStringLiteral("iso-2022-jp")
                                                        : QStringLiteral("utf-8"),
         nowSecs()});
    if (!q)
        return q.error();
    return {};
}

Result<bool> ForwardingStore::disableAutoReply(qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("UPDATE autoreply_rules SET enabled = 0, updated_at = ? "
                                      "WHERE account_id = ? AND enabled = 1"),
                       {nowSecs(), accountId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<DeliveryRules> ForwardingStore::rulesFor(qint64 accountId, const QString &address) const
{
    DeliveryRules rules;
    rules.address = address.toLower();
    // One statement for the common case of an account with neither rule.
    auto q = m_db.exec(
        QStringLiteral("SELECT f.account_id IS NOT NULL, %1, a.account_id IS NOT NULL, %2 "
                       "FROM (SELECT ? AS id) k "
                       "LEFT JOIN forward_rules f ON f.account_id = k.id "
                       "LEFT JOIN autoreply_rules a ON a.account_id = k.id AND a.enabled = 1")
            .arg(qualified(kForwardColumns, QStringLiteral("f")),
                 qualified(kAutoReplyColumns, QStringLiteral("a"))),
        {accountId});
    if (!q)
        return q.error();
    if (!q->next())
        return rules;
    if (q->value(0).toBool())
        rules.forward = forwardFrom(*q, 1);
    if (q->value(8).toBool()) {
        rules.autoReply = autoReplyFrom(*q, 9);
        rules.ownAddresses << rules.address;
        auto aliases = m_db.exec(QStringLiteral("SELECT address FROM aliases WHERE account_id = ?"),
                                 {accountId});
        if (!aliases)
            return aliases.error();
        while (aliases->next())
            rules.ownAddresses << aliases->value(0).toString();
    }
    return rules;
}

Result<QStringList> ForwardingStore::forwardersTo(const QString &address) const
{
    auto q = m_db.exec(QStringLiteral("SELECT a.address, f.destinations FROM forward_rules f "
                                      "JOIN accounts a ON a.id = f.account_id ORDER BY a.address"));
    if (!q)
        return q.error();
    QStringList out;
    while (q->next())
        for (const QString &d : q->value(1).toString().split(QLatin1Char('\n')))
            if (d.compare(address, Qt::CaseInsensitive) == 0)
                out << q->value(0).toString();
    return out;
}

Result<bool> ForwardingStore::claimAutoReply(qint64 accountId, const QString &sender, qint64 now,
                                             int days) const
{
    const QString who = sender.toLower();
    auto q = m_db.exec(
        QStringLiteral("SELECT sent_at FROM autoreply_sent WHERE account_id = ? AND sender = ?"),
        {accountId, who});
    if (!q)
        return q.error();
    if (q->next() && now - q->value(0).toLongLong() < qint64(days) * 86400)
        return false;
    auto w = m_db.exec(QStringLiteral("INSERT OR REPLACE INTO autoreply_sent (account_id, "
                                      "sender, sent_at) VALUES (?, ?, ?)"),
                       {accountId, who, now});
    if (!w)
        return w.error();
    return true;
}

Result<QList<GroupAddress>> ForwardingStore::groups() const
{
    auto q = m_db.exec(QStringLiteral("SELECT g.id, g.address, m.member FROM group_addresses g "
                                      "LEFT JOIN group_members m ON m.group_id = g.id "
                                      "ORDER BY g.address, m.rowid"));
    if (!q)
        return q.error();
    QList<GroupAddress> out;
    while (q->next()) {
        if (out.isEmpty() || out.last().id != q->value(0).toLongLong())
            out.append({q->value(0).toLongLong(), q->value(1).toString(), {}});
        if (!q->value(2).isNull())
            out.last().members << q->value(2).toString();
    }
    return out;
}

Result<std::optional<GroupAddress>> ForwardingStore::group(const QString &address) const
{
    auto q = m_db.exec(QStringLiteral("SELECT g.id, g.address, m.member FROM group_addresses g "
                                      "LEFT JOIN group_members m ON m.group_id = g.id "
                                      "WHERE g.address = ? ORDER BY m.rowid"),
                       {address.toLower()});
    if (!q)
        return q.error();
    std::optional<GroupAddress> g;
    while (q->next()) {
        if (!g)
            g = GroupAddress{q->value(0).toLongLong(), q->value(1).toString(), {}};
        if (!q->value(2).isNull())
            g->members << q->value(2).toString();
    }
    return g;
}

Result<void> ForwardingStore::addGroupMembers(const QString &address, qint64 domainId,
                                              const QStringList &members) const
{
    auto ins = m_db.exec(
        QStringLiteral("INSERT OR IGNORE INTO group_addresses (address, domain_id) VALUES (?, ?)"),
        {address.toLower(), domainId});
    if (!ins)
        return ins.error();
    for (const QString &m : members) {
        auto q = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO group_members (group_id, member) "
                                          "SELECT id, ? FROM group_addresses WHERE address = ?"),
                           {m.toLower(), address.toLower()});
        if (!q)
            return q.error();
    }
    return {};
}

Result<bool> ForwardingStore::removeGroup(const QString &address) const
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM group_addresses WHERE address = ?"),
                       {address.toLower()});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

} // namespace fumibako
