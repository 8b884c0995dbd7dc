#include "secrets.h"

#include <QRandomGenerator>
#include <QSqlQuery>

namespace fumibako
{

Result<QByteArray> secretKey(const Database &db, const QString &name)
{
    auto read = [&db, &name]() -> Result<QByteArray> {
        auto q = db.exec(QStringLiteral("SELECT value FROM secrets WHERE name = ?"), {name});
        if (!q)
            return q.error();
        return q->next() ? q->value(0).toByteArray() : QByteArray();
    };
    auto key = read();
    if (!key)
        return key.error();
    if (key->size() == kSecretKeySize)
        return *key;
    QByteArray fresh(kSecretKeySize, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(fresh.data()),
                                          kSecretKeySize / sizeof(quint32));
    auto stored = db.transaction([&](const Database &d) -> Result<void> {
        auto q = d.exec(QStringLiteral("INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)"),
                        {name, fresh});
        if (!q)
            return q.error();
        return {};
    });
    if (!stored)
        return stored.error();
    key = read();
    if (!key)
        return key.error();
    if (key->size() != kSecretKeySize)
        return Error::permanent(QStringLiteral("the key %1 in the database is damaged").arg(name));
    return *key;
}

} // namespace fumibako
