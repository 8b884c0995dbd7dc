#include "logstore.h"

namespace fumibako
{

QString LogEntry::kindName(Kind kind)
{
    switch (kind) {
    case Kind::SmtpReceive:
        return QStringLiteral("smtp-receive");
    case Kind::SmtpSend:
        return QStringLiteral("smtp-send");
    case Kind::Delivery:
        return QStringLiteral("delivery");
    case Kind::Pop3Login:
        return QStringLiteral("pop3-login");
    case Kind::ImapLogin:
        return QStringLiteral("imap-login");
    case Kind::AuthFailure:
        return QStringLiteral("auth-failure");
    case Kind::Queue:
        return QStringLiteral("queue");
    case Kind::System:
        return QStringLiteral("system");
    case Kind::SmtpReject:
        return QStringLiteral("smtp-reject");
    }
    return {};
}

std::optional<LogEntry::Kind> LogEntry::kindFromName(const QString &name)
{
    for (Kind k : {Kind::SmtpReceive, Kind::SmtpSend, Kind::Delivery, Kind::Pop3Login,
                   Kind::ImapLogin, Kind::AuthFailure, Kind::Queue, Kind::System, Kind::SmtpReject})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

Result<void> LogStore::audit(const QDateTime &time, const QString &address, const QString &result,
                             const QString &what, const QString &who) const
{
    LogEntry e;
    e.time = time;
    e.kind = LogEntry::Kind::System;
    e.address = address;
    e.result = result;
    e.text = QStringLiteral("%1 by %2").arg(what, who);
    return append(e);
}

Result<void> LogStore::append(const LogEntry &e) const
{
    const QDateTime t = e.time.isValid() ? e.time : QDateTime::currentDateTimeUtc();
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO log (ts, kind, address, peer, text, msgid, queue_id, "
                       "header_message_id, sender, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {t.toMSecsSinceEpoch(), LogEntry::kindName(e.kind), e.address, e.peer, e.text, e.messageId,
         e.queueId, e.headerMessageId, e.sender, e.result});
    if (!q)
        return q.error();
    // A login that succeeded is the account's last login (the accounts list, its CSV).
    if ((e.kind == LogEntry::Kind::Pop3Login || e.kind == LogEntry::Kind::ImapLogin) &&
        e.result == QLatin1String("login")) {
        auto r =
            m_db.exec(QStringLiteral("INSERT INTO account_logins (account_id, last_login_at) "
                                     "SELECT id, ? FROM accounts WHERE address = ? "
                                     "ON CONFLICT (account_id) DO UPDATE SET "
                                     "last_login_at = max(last_login_at, excluded.last_login_at)"),
                      {t.toSecsSinceEpoch(), e.address});
        if (!r)
            return r.error();
    }
    return {};
}

Result<QList<LogEntry>> LogStore::query(const LogFilter &f) const
{
    QString sql = QStringLiteral(
        "SELECT ts, kind, address, peer, text, msgid, queue_id, header_message_id, sender, "
        "result FROM log WHERE 1 = 1");
    QVariantList binds;
    if (!f.address.isEmpty()) {
        sql += QLatin1String(" AND address LIKE ? ESCAPE '\\'");
        QString like = f.address.toLower();
        like.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        binds << QVariant(QString(QLatin1Char(0x25) + like + QLatin1Char(0x25)));
    }
    if (!f.messageId.isEmpty()) {
        sql += QLatin1String(" AND msgid = ?");
        binds << f.messageId;
    }
    if (f.kind) {
        sql += QLatin1String(" AND kind = ?");
        binds << LogEntry::kindName(*f.kind);
    }
    if (f.from.isValid()) {
        sql += QLatin1String(" AND ts >= ?");
        binds << f.from.toMSecsSinceEpoch();
    }
    if (f.to.isValid()) {
        sql += QLatin1String(" AND ts < ?");
        binds << f.to.toMSecsSinceEpoch();
    }
    sql += QLatin1String(" ORDER BY id DESC LIMIT ?");
    binds << f.limit;
    auto q = m_db.exec(sql, binds);
    if (!q)
        return q.error();
    QList<LogEntry> out;
    while (q->next()) {
        LogEntry e;
        e.time = QDateTime::fromMSecsSinceEpoch(q->value(0).toLongLong(), Qt::UTC);
        e.kind = LogEntry::kindFromName(q->value(1).toString()).value_or(LogEntry::Kind::System);
        e.address = q->value(2).toString();
        e.peer = q->value(3).toString();
        e.text = q->value(4).toString();
        e.messageId = q->value(5).toString();
        e.queueId = q->value(6).toLongLong();
        e.headerMessageId = q->value(7).toString();
        e.sender = q->value(8).toString();
        e.result = q->value(9).toString();
        out << e;
    }
    return out;
}

Result<QStringList> LogStore::trackingIds(TrackedBy by, const QString &value,
                                          const QDateTime &since, int limit) const
{
    // Each lookup by one of the partial indexes of migration 8.
    QString where;
    QVariantList binds;
    switch (by) {
    case TrackedBy::TrackingId:
        where = QStringLiteral("msgid = ?");
        binds << value;
        break;
    case TrackedBy::QueueId:
        where = QStringLiteral("queue_id = ?");
        binds << value.toLongLong();
        break;
    case TrackedBy::HeaderMessageId:
        where = QStringLiteral("header_message_id = ?");
        binds << value;
        break;
    case TrackedBy::Address:
        where = QStringLiteral("(sender = ? OR address = ?)");
        binds << value.toLower() << value.toLower();
        break;
    }
    const QString sql = QStringLiteral("SELECT msgid FROM log WHERE %1 AND msgid <> '' AND ts >= ? "
                                       "GROUP BY msgid ORDER BY max(id) DESC LIMIT ?")
                            .arg(where);
    binds << (since.isValid() ? since.toMSecsSinceEpoch() : 0) << limit;
    return m_db.texts(sql, binds);
}

Result<qint64> LogStore::countSince(LogEntry::Kind kind, const QDateTime &since) const
{
    auto q = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM log WHERE kind = ? AND ts >= ?"),
                       {LogEntry::kindName(kind), since.toMSecsSinceEpoch()});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<int> LogStore::deleteBefore(const QDateTime &before, int limit) const
{
    auto q = m_db.exec(
        QStringLiteral(
            "DELETE FROM log WHERE id IN (SELECT id FROM log WHERE ts < ? ORDER BY ts LIMIT ?)"),
        {before.toMSecsSinceEpoch(), limit});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

} // namespace fumibako
