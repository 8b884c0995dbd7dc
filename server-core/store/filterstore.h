// FilterStore: the spam filters (迷惑メールフィルタ) in the database — each
// account's own allow and deny lists, the administrator's common filter
// (published or not, on or off, and off for the accounts that switched it
// off), and each account's quarantine retention. What the entries mean and the
// order they are judged in live in scan/spamfilter; this only keeps them.
#pragma once

#include "database.h"

#include <QList>
#include <QString>

#include <optional>

namespace fumibako
{

struct FilterEntry {
    enum class List { Allow, Deny };
    enum class Field { Sender, Domain, Subject, Language };
    qint64 id = 0;
    qint64 accountId = 0; // 0: the common filter
    List list = List::Deny;
    Field field = Field::Sender;
    QString value; // as the filter compares it (spamfilter's normalizedValue)
    qint64 createdAt = 0;

    static QString listName(List list);
    static std::optional<List> listFromName(const QString &name);
    static QString fieldName(Field field);
    static std::optional<Field> fieldFromName(const QString &name);
    // "deny sender a@example.jp", "allow domain example.com (common)": how the
    // quarantine names the entry that held a message.
    QString describe() const;
    // The entry (list, field, value, common or not) back from describe()'s text.
    static std::optional<FilterEntry> fromDescription(const QString &text);
};

struct CommonFilterState {
    bool enabled = true;    // the administrator's switch for every account
    bool published = false; // the accounts' users may see (not change) its entries
};

struct AccountFilterOptions {
    bool commonEnabled = true;         // the common filter applies to this account
    std::optional<int> quarantineDays; // unset: the server's scan.quarantine_days
};

class FilterStore
{
public:
    // The FAQ's limit: each input field (a list and a field) holds 100 entries.
    static constexpr int kMaxEntriesPerField = 100;

    explicit FilterStore(const Database &db) : m_db(db) {}

    // Oldest first; accountId 0: the common filter's.
    Result<QList<FilterEntry>> entries(qint64 accountId) const;
    // Exists when the same entry is there already; Limit at 100 in that field.
    Result<qint64> add(const FilterEntry &entry) const;
    // NotFound when there is no such entry.
    Result<void> remove(qint64 accountId, FilterEntry::List list, FilterEntry::Field field,
                        const QString &value) const;

    Result<CommonFilterState> common() const;
    Result<void> setCommon(const CommonFilterState &state) const;
    Result<AccountFilterOptions> options(qint64 accountId) const;
    Result<void> setOptions(qint64 accountId, const AccountFilterOptions &options) const;

private:
    const Database &m_db;
};

} // namespace fumibako
