#include "filterservice.h"

#include "common/clock.h"
#include "scan/spamfilter.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/logstore.h"

namespace fumibako
{

FilterService::FilterService(const Database &db, const Clock *clock) : m_db(db), m_clock(clock) {}

Result<qint64> FilterService::accountId(const QString &address) const
{
    if (address.trimmed().isEmpty())
        return qint64(0);
    auto account = AccountStore(m_db).find(address.trimmed());
    if (!account)
        return account.error();
    return account->id;
}

Result<void> FilterService::audit(const Database &db, const QString &address, const QString &what,
                                  const QString &who) const
{
    return LogStore(db).audit(m_clock->now(), address, QStringLiteral("filter-changed"),
                              QStringLiteral("filter: ") + what, who);
}

Result<FilterEntry> FilterService::add(const QString &address, FilterEntry::List list,
                                       FilterEntry::Field field, const QString &value,
                                       const QString &who) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    auto normalized = SpamFilter::normalizedValue(list, field, value);
    if (!normalized)
        return normalized.error();
    FilterEntry e;
    e.accountId = *id;
    e.list = list;
    e.field = field;
    e.value = *normalized;
    e.createdAt = m_clock->secsSinceEpoch();
    auto r = m_db.transaction([&](const Database &db) -> Result<void> {
        auto added = FilterStore(db).add(e);
        if (!added)
            return added.error();
        e.id = *added;
        return audit(db, address.trimmed().toLower(),
                     e.describe() + QStringLiteral(" added") +
                         (*id ? QStringLiteral(" for ") + address.trimmed() : QString()),
                     who);
    });
    if (!r)
        return r.error();
    return e;
}

Result<void> FilterService::remove(const QString &address, FilterEntry::List list,
                                   FilterEntry::Field field, const QString &value,
                                   const QString &who) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    // Removed as it was added: the same spelling finds the normalized entry;
    // a value no longer valid (a language dropped) is matched as written.
    auto normalized = SpamFilter::normalizedValue(list, field, value);
    const QString stored = normalized ? *normalized : value.trimmed();
    FilterEntry e;
    e.accountId = *id;
    e.list = list;
    e.field = field;
    e.value = stored;
    return m_db.transaction([&](const Database &db) -> Result<void> {
        if (auto r = FilterStore(db).remove(*id, list, field, stored); !r)
            return r;
        return audit(db, address.trimmed().toLower(),
                     e.describe() + QStringLiteral(" removed") +
                         (*id ? QStringLiteral(" for ") + address.trimmed() : QString()),
                     who);
    });
}

Result<QList<FilterEntry>> FilterService::entries(const QString &address) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    return FilterStore(m_db).entries(*id);
}

Result<AccountFilterView> FilterService::view(const QString &address) const
{
    AccountFilterView v;
    auto r = m_db.readTransaction([&](const Database &db) -> Result<void> {
        FilterStore store(db);
        auto id = accountId(address);
        if (!id)
            return id.error();
        v.account = address.trimmed().toLower();
        if (*id) {
            auto own = store.entries(*id);
            if (!own)
                return own.error();
            v.own = *own;
            auto options = store.options(*id);
            if (!options)
                return options.error();
            v.options = *options;
        }
        auto common = store.entries(0);
        if (!common)
            return common.error();
        v.common = *common;
        auto state = store.common();
        if (!state)
            return state.error();
        v.commonState = *state;
        return {};
    });
    if (!r)
        return r.error();
    return v;
}

Result<QList<FilterEntry>> FilterService::visibleToUser(const QString &address) const
{
    if (address.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("an account is needed"));
    auto v = view(address);
    if (!v)
        return v.error();
    return v->own + (v->commonState.published ? v->common : QList<FilterEntry>());
}

Result<CommonFilterState> FilterService::common() const
{
    return FilterStore(m_db).common();
}

Result<void> FilterService::setCommonPublished(bool published, const QString &who) const
{
    return m_db.transaction([&](const Database &db) -> Result<void> {
        FilterStore store(db);
        auto state = store.common();
        if (!state)
            return state.error();
        state->published = published;
        if (auto r = store.setCommon(*state); !r)
            return r;
        return audit(db, QString(),
                     published ? QStringLiteral("common filter published")
                               : QStringLiteral("common filter unpublished"),
                     who);
    });
}

Result<void> FilterService::setCommonEnabled(const QString &address, bool enabled,
                                             const QString &who) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        FilterStore store(db);
        if (*id == 0) {
            auto state = store.common();
            if (!state)
                return state.error();
            state->enabled = enabled;
            if (auto r = store.setCommon(*state); !r)
                return r;
        } else {
            auto options = store.options(*id);
            if (!options)
                return options.error();
            options->commonEnabled = enabled;
            if (auto r = store.setOptions(*id, *options); !r)
                return r;
        }
        return audit(db, address.trimmed().toLower(),
                     QStringLiteral("common filter switched %1%2")
                         .arg(enabled ? QStringLiteral("on") : QStringLiteral("off"),
                              *id ? QStringLiteral(" for ") + address.trimmed()
                                  : QStringLiteral(" for every account")),
                     who);
    });
}

Result<void> FilterService::setRetention(const QString &address, std::optional<int> days,
                                         const QString &who) const
{
    if (days && (*days < 1 || *days > 7))
        return Error::invalid(QStringLiteral("the quarantine keeps mail 1 to 7 days"));
    auto id = accountId(address);
    if (!id)
        return id.error();
    if (*id == 0)
        return Error::invalid(
            QStringLiteral("retention is set per account (or scan.quarantine_days)"));
    return m_db.transaction([&](const Database &db) -> Result<void> {
        FilterStore store(db);
        auto options = store.options(*id);
        if (!options)
            return options.error();
        options->quarantineDays = days;
        if (auto r = store.setOptions(*id, *options); !r)
            return r;
        return audit(
            db, address.trimmed().toLower(),
            QStringLiteral("quarantine retention of %1 set to %2")
                .arg(address.trimmed(), days ? QString::number(*days) + QStringLiteral(" days")
                                             : QStringLiteral("the server's default")),
            who);
    });
}

} // namespace fumibako
