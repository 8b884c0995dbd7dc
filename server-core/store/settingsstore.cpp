#include "settingsstore.h"

namespace fumibako
{

Result<QMap<QString, QString>> SettingsStore::all() const
{
    auto q = m_db.exec(QStringLiteral("SELECT key, value FROM settings"));
    if (!q)
        return q.error();
    QMap<QString, QString> out;
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toString());
    return out;
}

Result<void> SettingsStore::set(const QString &key, const QString &value)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                       {key, value});
    if (!q)
        return q.error();
    return {};
}

Result<void> SettingsStore::unset(const QString &key)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key});
    if (!q)
        return q.error();
    return {};
}

} // namespace fumibako
