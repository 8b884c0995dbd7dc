// AccountCsv: accounts in bulk, as a spreadsheet (the FAQ's アカウント一覧の
// CSV, without its complaint that Excel ate leading zeros, hyphens and
// underscores: csv.h quotes every field, UTF-8 with a BOM). Export lists
// every account: address, display name, role, quotas, usage, state, created,
// last login — never a password, which only exists as a hash. Import takes
// the same columns (in any order, headed in Japanese or English, the facts it
// cannot set ignored) plus an optional password column: a new address is
// created, a known one updated. Every line is checked first; one refused line
// and nothing changes. A new account without a password gets a generated one,
// reported once.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace fumibako
{

class Database;

struct AccountImportLine {
    enum class Action { Create, Update, Unchanged, Refused };
    int line = 0; // in the file, from 1 (the header is line 1)
    QString address;
    Action action = Action::Refused;
    QString reason;            // why it is refused; what changes for an update
    QString generatedPassword; // after an import: the new account's password, shown once
};

struct AccountImportPlan {
    QList<AccountImportLine> lines;
    bool applied = false; // import(): true when every line was accepted and done
    int refused() const;
};

class AccountCsv
{
public:
    AccountCsv(const Database &db, QString mailRoot);

    Result<QByteArray> exportAccounts() const;

    // What an import would do, line by line; nothing changes. Invalid for a
    // file that is not CSV or has no address column.
    Result<AccountImportPlan> plan(const QByteArray &csv) const;
    // The plan, carried out in one transaction when no line is refused;
    // otherwise nothing is done and the plan says why (applied false).
    Result<AccountImportPlan> import(const QByteArray &csv) const;

private:
    struct Parsed;
    Result<Parsed> read(const QByteArray &csv) const;

    const Database &m_db;
    QString m_mailRoot;
};

} // namespace fumibako
