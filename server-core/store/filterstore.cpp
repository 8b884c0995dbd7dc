#include "filterstore.h"

#include <QDateTime>
#include <QSqlQuery>

namespace fumibako
{

namespace
{

QVariant accountBind(qint64 accountId)
{
    return accountId > 0 ? QVariant(accountId) : QVariant(QMetaType::fromType<qint64>());
}

QString accountWhere()
{
    return QStringLiteral("ifnull(account_id, 0) = ?");
}

} // namespace

QString FilterEntry::listName(List list)
{
    return list == List::Allow ? QStringLiteral("allow") : QStringLiteral("deny");
}

std::optional<FilterEntry::List> FilterEntry::listFromName(const QString &name)
{
    if (name == QLatin1String("allow"))
        return List::Allow;
    if (name == QLatin1String("deny"))
        return List::Deny;
    return std::nullopt;
}

QString FilterEntry::fieldName(Field field)
{
    switch (field) {
    case Field::Sender:
        return QStringLiteral("sender");
    case Field::Domain:
        return QStringLiteral("domain");
    case Field::Subject:
        return QStringLiteral("subject");
    case Field::Language:
        return QStringLiteral("language");
    }
    return {};
}

std::optional<FilterEntry::Field> FilterEntry::fieldFromName(const QString &name)
{
    for (Field f : {Field::Sender, Field::Domain, Field::Subject, Field::Language})
        if (fieldName(f) == name)
            return f;
    return std::nullopt;
}

QString FilterEntry::describe() const
{
    return QStringLiteral("%1 %2 %3%4")
        .arg(listName(list), fieldName(field), value,
             accountId == 0 ? QStringLiteral(" (common)") : QString());
}

std::optional<FilterEntry> FilterEntry::fromDescription(const QString &text)
{
    static const QString common = QStringLiteral(" (common)");
    FilterEntry e;
    QString rest = text;
    e.accountId = rest.endsWith(common) ? 0 : -1; // -1: an account's own (which one is not said)
    if (e.accountId == 0)
        rest.chop(common.size());
    const auto list = listFromName(rest.section(QLatin1Char(' '), 0, 0));
    const auto field = fieldFromName(rest.section(QLatin1Char(' '), 1, 1));
    e.value = rest.section(QLatin1Char(' '), 2);
    if (!list || !field || e.value.isEmpty())
        return std::nullopt;
    e.list = *list;
    e.field = *field;
    return e;
}

Result<QList<FilterEntry>> FilterStore::entries(qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, list, field, value, created_at FROM "
                                      "filter_entries WHERE ") +
                           accountWhere() + QStringLiteral(" ORDER BY id"),
                       {accountId});
    if (!q)
        return q.error();
    QList<FilterEntry> out;
    while (q->next()) {
        FilterEntry e;
        e.id = q->value(0).toLongLong();
        e.accountId = accountId;
        e.list =
            FilterEntry::listFromName(q->value(1).toString()).value_or(FilterEntry::List::Deny);
        e.field =
            FilterEntry::fieldFromName(q->value(2).toString()).value_or(FilterEntry::Field::Sender);
        e.value = q->value(3).toString();
        e.createdAt = q->value(4).toLongLong();
        out << e;
    }
    return out;
}

Result<qint64> FilterStore::add(const FilterEntry &e) const
{
    std::optional<qint64> id;
    auto r = m_db.transaction([&](const Database &db) -> Result<void> {
        const QString list = FilterEntry::listName(e.list);
        const QString field = FilterEntry::fieldName(e.field);
        auto same = db.exec(QStringLiteral("SELECT count(*), sum(value = ?) FROM filter_entries "
                                           "WHERE list = ? AND field = ? AND ") +
                                accountWhere(),
                            {e.value, list, field, e.accountId});
        if (!same)
            return same.error();
        same->next();
        if (same->value(1).toLongLong() > 0)
            return Error::exists(QStringLiteral("%1 is already in the list").arg(e.describe()));
        if (same->value(0).toLongLong() >= kMaxEntriesPerField)
            return Error::limit(QStringLiteral("the %1 %2 list already holds %3 entries")
                                    .arg(list, field)
                                    .arg(kMaxEntriesPerField));
        auto q = db.exec(QStringLiteral("INSERT INTO filter_entries (account_id, list, field, "
                                        "value, created_at) VALUES (?, ?, ?, ?, ?)"),
                         {accountBind(e.accountId), list, field, e.value,
                          e.createdAt ? e.createdAt : QDateTime::currentSecsSinceEpoch()});
        if (!q)
            return q.error();
        id = q->lastInsertId().toLongLong();
        return {};
    });
    if (!r)
        return r.error();
    return *id;
}

Result<void> FilterStore::remove(qint64 accountId, FilterEntry::List list, FilterEntry::Field field,
                                 const QString &value) const
{
    auto q =
        m_db.exec(QStringLiteral("DELETE FROM filter_entries WHERE list = ? AND field = ? "
                                 "AND value = ? AND ") +
                      accountWhere(),
                  {FilterEntry::listName(list), FilterEntry::fieldName(field), value, accountId});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::notFound(
            QStringLiteral("no such entry: %1 %2 %3")
                .arg(FilterEntry::listName(list), FilterEntry::fieldName(field), value));
    return {};
}

Result<CommonFilterState> FilterStore::common() const
{
    auto q = m_db.exec(QStringLiteral("SELECT enabled, published FROM common_filter WHERE id = 1"));
    if (!q)
        return q.error();
    CommonFilterState s;
    if (q->next()) {
        s.enabled = q->value(0).toBool();
        s.published = q->value(1).toBool();
    }
    return s;
}

Result<void> FilterStore::setCommon(const CommonFilterState &s) const
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO common_filter (id, enabled, published) "
                                      "VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                      "enabled = excluded.enabled, published = excluded.published"),
                       {int(s.enabled), int(s.published)});
    if (!q)
        return q.error();
    return {};
}

Result<AccountFilterOptions> FilterStore::options(qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT common_enabled, quarantine_days FROM "
                                      "filter_options WHERE account_id = ?"),
                       {accountId});
    if (!q)
        return q.error();
    AccountFilterOptions o;
    if (q->next()) {
        o.commonEnabled = q->value(0).toBool();
        if (!q->value(1).isNull())
            o.quarantineDays = q->value(1).toInt();
    }
    return o;
}

Result<void> FilterStore::setOptions(qint64 accountId, const AccountFilterOptions &o) const
{
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO filter_options (account_id, common_enabled, quarantine_days) "
                       "VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
                       "common_enabled = excluded.common_enabled, "
                       "quarantine_days = excluded.quarantine_days"),
        {accountId, int(o.commonEnabled),
         o.quarantineDays ? QVariant(*o.quarantineDays) : QVariant(QMetaType::fromType<int>())});
    if (!q)
        return q.error();
    return {};
}

} // namespace fumibako
