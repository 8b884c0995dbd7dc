// SettingsStore: the raw key/value table. Keys, defaults and validation are
// service/Settings' business; settings live in the database only.
#pragma once

#include "database.h"

#include <QMap>

namespace fumibako
{

class SettingsStore
{
public:
    explicit SettingsStore(const Database &db) : m_db(db) {}
    Result<QMap<QString, QString>> all() const;
    Result<void> set(const QString &key, const QString &value);
    Result<void> unset(const QString &key);

private:
    const Database &m_db;
};

} // namespace fumibako
