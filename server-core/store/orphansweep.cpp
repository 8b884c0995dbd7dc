#include "orphansweep.h"

#include "accountstore.h"
#include "database.h"
#include "maildir.h"

#include <QDir>
#include <QSet>

namespace fumibako::OrphanSweep
{

namespace
{

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

// Maildir's rule: tmp/ holds only deliveries in progress, and at start none is.
void empty(const QString &dir)
{
    for (const QString &name : filesIn(dir))
        QFile::remove(dir + QLatin1Char('/') + name);
}

// Removes the files of `dir` (relative to `root` as `prefix`) that `known` does not name.
void removeUnknown(const QString &root, const QString &prefix, const QSet<QString> &known,
                   QStringList *removed)
{
    for (const QString &name : filesIn(root + QLatin1Char('/') + prefix)) {
        const QString relative = prefix + name;
        if (known.contains(relative))
            continue;
        const QString path = root + QLatin1Char('/') + relative;
        if (QFile::remove(path))
            *removed << path;
    }
}

Result<QSet<QString>> column(const Database &db, const QString &sql, const QVariantList &bind)
{
    auto values = db.texts(sql, bind);
    if (!values)
        return values.error();
    return QSet<QString>(values->cbegin(), values->cend());
}

} // namespace

Result<QStringList> run(const Database &db, const QString &mailRoot, const QString &queueDir,
                        const QString &quarantineDir)
{
    QStringList removed;
    auto accounts = AccountStore(db).list();
    if (!accounts)
        return accounts.error();
    for (const Account &a : std::as_const(*accounts)) {
        const QString root = Maildir(mailRoot, a.maildir).root();
        auto folders = column(
            db, QStringLiteral("SELECT directory FROM mailboxes WHERE account_id = ?"), {a.id});
        auto known = column(
            db,
            QStringLiteral("SELECT m.path FROM messages m JOIN mailboxes b ON m.mailbox_id = b.id "
                           "WHERE b.account_id = ?"),
            {a.id});
        if (!folders)
            return folders.error();
        if (!known)
            return known.error();
        folders->insert(QString()); // INBOX, even if its row were missing
        for (const QString &folder : std::as_const(*folders)) {
            const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
            empty(root + QLatin1Char('/') + prefix + QLatin1String("tmp"));
            removeUnknown(root, prefix + QLatin1String("new/"), *known, &removed);
            removeUnknown(root, prefix + QLatin1String("cur/"), *known, &removed);
        }
    }
    empty(queueDir + QLatin1String("/tmp"));
    auto spooled = column(db, QStringLiteral("SELECT path FROM queue"), {});
    if (!spooled)
        return spooled.error();
    removeUnknown(queueDir, QString(), *spooled, &removed);
    empty(quarantineDir + QLatin1String("/tmp"));
    auto held = column(db, QStringLiteral("SELECT path FROM quarantine"), {});
    if (!held)
        return held.error();
    removeUnknown(quarantineDir, QString(), *held, &removed);
    return removed;
}

} // namespace fumibako::OrphanSweep
