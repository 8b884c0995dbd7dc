// Settings: every tunable of the server as a documented dotted key with a
// type, a default and bounds (docs/settings.md lists them; a test checks the
// two agree). The console, fumibakoctl and tests all go through this table,
// so an unknown key or a bad value is refused in one place.
#pragma once

#include "common/result.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QVariant>

namespace fumibako {

class Database;

struct SettingSpec {
    enum class Type { Integer, Bool, String, Port, Hostname };
    QString key;
    Type type;
    QString defaultValue;   // empty for computed defaults (server.hostname)
    qint64 min = 0;
    qint64 max = 0;
    QString description;    // English; docs/settings.md carries it
};

class Settings {
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

    QString value(const QString &key) const;
    qint64 integer(const QString &key) const { return value(key).toLongLong(); }
    bool flag(const QString &key) const { return value(key) == QLatin1String("true"); }
    QMap<QString, QString> all() const;

private:
    QMap<QString, QString> m_values;
};

} // namespace fumibako
