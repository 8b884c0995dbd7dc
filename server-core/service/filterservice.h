// FilterService: the spam filters (迷惑メールフィルタ) as the console's filter
// editors and `fumibakoctl filter` change them — entries of an account's own
// filter or of the common filter, the common filter published or not, on or
// off for everyone or for one account, and an account's quarantine retention.
// Every change is checked (scan/spamfilter's rules, 100 entries a field) and
// written with an audit line (who, what, when) in one transaction.
#pragma once

#include "common/result.h"
#include "store/filterstore.h"

#include <QList>
#include <QString>

#include <optional>

namespace fumibako
{

class Clock;
class Database;

// What one account's filtering is made of, for a listing.
struct AccountFilterView {
    QString account;
    QList<FilterEntry> own;
    QList<FilterEntry> common; // the common filter's entries (whether they apply or not)
    CommonFilterState commonState;
    AccountFilterOptions options;
    // The common filter is on for everyone and not switched off for this account.
    bool commonApplies() const { return commonState.enabled && options.commonEnabled; }
};

class FilterService
{
public:
    FilterService(const Database &db, const Clock *clock);

    // `address` empty: the common filter. The value is checked and normalized
    // (SpamFilter::normalizedValue); Exists, Limit (100 a field), Invalid, NotFound.
    Result<FilterEntry> add(const QString &address, FilterEntry::List list,
                            FilterEntry::Field field, const QString &value,
                            const QString &who) const;
    Result<void> remove(const QString &address, FilterEntry::List list, FilterEntry::Field field,
                        const QString &value, const QString &who) const;
    // The entries of one account's own filter, or of the common filter.
    Result<QList<FilterEntry>> entries(const QString &address) const;
    Result<AccountFilterView> view(const QString &address) const;
    // What the account's user may see: their own entries, and the common
    // filter's only while it is published (read-only to them).
    Result<QList<FilterEntry>> visibleToUser(const QString &address) const;

    Result<CommonFilterState> common() const;
    Result<void> setCommonPublished(bool published, const QString &who) const;
    // `address` empty: the administrator's switch for every account.
    Result<void> setCommonEnabled(const QString &address, bool enabled, const QString &who) const;
    // 1–7 days (the FAQ's 保存期間); nullopt: the server's scan.quarantine_days.
    Result<void> setRetention(const QString &address, std::optional<int> days,
                              const QString &who) const;

private:
    Result<qint64> accountId(const QString &address) const;
    Result<void> audit(const Database &db, const QString &address, const QString &what,
                       const QString &who) const;

    const Database &m_db;
    const Clock *m_clock;
};

} // namespace fumibako
