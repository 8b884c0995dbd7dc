// Settings: every tunable of the server as one table of descriptors — a dotted
// key, a type and default (with bounds or choices), the validator that checks
// and normalizes a value with a message fit for an administrator, and whether a
// running server applies a change at once (Live: new sessions and jobs get it)
// or at its next start (Restart). docs/settings.md lists the same table; a test
// checks they agree. The console, fumibakoctl and tests all go through here.
#pragma once

#include "common/result.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace fumibako
{

class Database;

struct SettingSpec {
    enum class Type { Integer, Bool, String, Port, Hostname, Choice };
    // Live: a running MailServer applies a change to the sessions, deliveries
    // and jobs that start after it (running ones keep what they began with).
    // Restart: the change waits for the server's next start.
    enum class Apply { Live, Restart };
    // Checks and normalizes a String setting's (trimmed) value beyond its type.
    using Check = std::function<Result<QString>(const QString &key, const QString &value)>;

    QString key;
    Type type = Type::String;
    QString defaultValue; // empty for computed defaults (server.hostname)
    qint64 min = 0;       // Integer, Port
    qint64 max = 0;
    Apply apply = Apply::Restart;
    QString description; // English; docs/settings.md carries it
    QStringList choices; // Choice: the values allowed, the first the default
    Check check;         // String: the extra validator, or none

    bool isLive() const { return apply == Apply::Live; }
};

class Settings
{
public:
    static const QList<SettingSpec> &specs();
    static const SettingSpec *spec(const QString &key);
    // Checks and normalizes a value for `key` ("true"/"1"/"yes" → "true", ...).
    static Result<QString> validate(const QString &key, const QString &value);

    // A snapshot: stored values over defaults.
    static Result<Settings> load(const Database &db);
    static Result<void> store(const Database &db, const QString &key, const QString &value);
    // Several settings at once (a page's Save): the first invalid value is the error and
    // changes nothing; storeAll() writes them all in one transaction.
    using Values = QList<QPair<QString, QString>>;
    static Result<void> validateAll(const Values &values);
    static Result<void> storeAll(const Database &db, const Values &values);
    // Those of `keys` that a running server applies only when it restarts.
    static QStringList restartOnly(const QStringList &keys);

    QString value(const QString &key) const;
    qint64 integer(const QString &key) const { return value(key).toLongLong(); }
    bool flag(const QString &key) const { return value(key) == QLatin1String("true"); }
    QMap<QString, QString> all() const;
    // The keys whose values differ between two snapshots.
    QStringList changedFrom(const Settings &other) const;

private:
    QMap<QString, QString> m_values;
};

} // namespace fumibako
