// Database: the one SQLite file (WAL) that holds all metadata — accounts,
// settings, message UIDs and flags, the queue and the log. QSqlDatabase
// connections may not cross threads, so each thread gets its own, opened on
// first use and closed when the thread ends. Schema changes are numbered
// migrations (PRAGMA user_version), applied in order by migrate().
#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace fumibako
{

class Database
{
public:
    explicit Database(QString path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }
    // This thread's connection; opened (and configured) on first use.
    QSqlDatabase connection() const;
    Result<void> migrate();
    int schemaVersion() const;

    // Runs one statement with positional bindings; the error names the SQL.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {}) const;
    // The first column of every row as text (a list of names).
    Result<QStringList> texts(const QString &sql, const QVariantList &binds = {}) const;
    Result<void> transaction(const std::function<Result<void>(const Database &)> &body) const;
    // Several reads that must agree with each other (one snapshot); no writes.
    Result<void> readTransaction(const std::function<Result<void>(const Database &)> &body) const;

private:
    QString m_path;
    QString m_namePrefix;
};

} // namespace fumibako
