#include "archiveservice.h"

#include "auth/passwordhash.h"
#include "common/clock.h"
#include "common/maildate.h"
#include "delivery/delivery.h"
#include "delivery/noticemail.h"
#include "mime/mimetext.h"
#include "service/settings.h"
#include "store/accountstore.h"
#include "store/logstore.h"
#include "store/mailstorage.h"
#include "store/quarantinestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>

namespace fumibako
{

namespace
{

constexpr qint64 kMiB = 1024 * 1024;

bool visibleTo(const ArchiveEntry &e, const ArchiveService::Searcher &who)
{
    if (who.accounts.isEmpty())
        return true;
    for (const QString &a : e.accounts)
        if (who.accounts.contains(a, Qt::CaseInsensitive))
            return true;
    return false;
}

// mboxrd (the variant mutt and Dovecot read back exactly): a "From " line
// starts each message, and every body line that is ">*From " gets one more
// ">". Line ends become LF, as an mbox has them.
QByteArray mboxMessage(const ArchiveEntry &e, const QByteArray &raw)
{
    const QString sender = e.sender.isEmpty() ? QStringLiteral("MAILER-DAEMON") : e.sender;
    const QDateTime at = QDateTime::fromSecsSinceEpoch(e.receivedAt, Qt::UTC);
    // asctime(3): "Mon Dec  7 20:24:15 2026", in English whatever the locale.
    const QLocale c = QLocale::c();
    const QByteArray date = (c.toString(at, QStringLiteral("ddd MMM ")) +
                             QString::number(at.date().day()).rightJustified(2, QLatin1Char(' ')) +
                             c.toString(at, QStringLiteral(" HH:mm:ss yyyy")))
                                .toLatin1();
    QByteArray out = "From " + sender.toUtf8() + ' ' + date + '\n';
    qsizetype pos = 0;
    while (pos < raw.size()) {
        qsizetype end = raw.indexOf('\n', pos);
        const qsizetype next = end < 0 ? raw.size() : end + 1;
        if (end < 0)
            end = raw.size();
        QByteArrayView line(raw.constData() + pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        qsizetype gt = 0;
        while (gt < line.size() && line[gt] == '>')
            ++gt;
        if (line.sliced(gt).startsWith("From "))
            out += '>';
        out += line;
        out += '\n';
        pos = next;
    }
    out += '\n';
    return out;
}

const QRegularExpression &searchUserName()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re;
}

} // namespace

ArchiveService::ArchiveService(const Database &db, DataDir dir, const Clock *clock)
    : m_db(db), m_dir(std::move(dir)), m_clock(clock ? clock : Clock::system()),
      m_store(db, m_dir.archiveDir())
{
}

Result<ArchivePage> ArchiveService::search(const ArchiveQuery &query, const Searcher &who) const
{
    if (query.since > 0 && query.until > 0 && query.since >= query.until)
        return Error::invalid(QStringLiteral("the date range is empty: its start is not before "
                                             "its end"));
    ArchiveQuery q = query;
    bool nothing = false;
    if (!who.accounts.isEmpty()) {
        if (q.accounts.isEmpty()) {
            q.accounts = who.accounts;
        } else {
            QStringList allowed;
            for (const QString &a : std::as_const(q.accounts))
                if (who.accounts.contains(a, Qt::CaseInsensitive))
                    allowed << a;
            q.accounts = allowed;
            nothing = allowed.isEmpty();
        }
    }
    Result<ArchivePage> page = nothing ? Result<ArchivePage>(ArchivePage()) : m_store.search(q);
    if (!page)
        return page;
    QStringList what{QStringLiteral("archive search \"%1\"").arg(query.text)};
    if (query.since > 0)
        what << QStringLiteral("since %1").arg(query.since);
    if (query.until > 0)
        what << QStringLiteral("until %1").arg(query.until);
    if (!query.from.isEmpty())
        what << QStringLiteral("from \"%1\"").arg(query.from);
    if (!query.to.isEmpty())
        what << QStringLiteral("to \"%1\"").arg(query.to);
    if (query.direction)
        what << directionName(*query.direction);
    if (!query.accounts.isEmpty())
        what << QStringLiteral("accounts %1").arg(query.accounts.join(QLatin1Char(',')));
    what << QStringLiteral("%1 results%2")
                .arg(page->entries.size())
                .arg(page->more ? QStringLiteral(" and more") : QString());
    if (auto r = LogStore(m_db).audit(m_clock->now(), QString(), QStringLiteral("archive-search"),
                                      what.join(QLatin1Char(' ')), who.name);
        !r)
        return r.error();
    return page;
}

Result<ArchiveEntry> ArchiveService::entry(qint64 id, const Searcher &who) const
{
    auto e = m_store.find(id);
    if (!e)
        return e;
    if (!visibleTo(*e, who))
        return Error::notFound(QStringLiteral("no archived message %1").arg(id));
    return e;
}

Result<QByteArray> ArchiveService::raw(qint64 id, const Searcher &who) const
{
    if (auto e = entry(id, who); !e)
        return e.error();
    auto bytes = m_store.raw(id);
    if (!bytes)
        return bytes;
    if (auto r =
            LogStore(m_db).audit(m_clock->now(), QString(), QStringLiteral("archive-export"),
                                 QStringLiteral("archive message %1 read whole").arg(id), who.name);
        !r)
        return r.error();
    return bytes;
}

Result<MessagePreview> ArchiveService::preview(qint64 id, const Searcher &who) const
{
    if (auto e = entry(id, who); !e)
        return e.error();
    auto bytes = m_store.raw(id);
    if (!bytes)
        return bytes.error();
    return messagePreview(*bytes);
}

Result<void> ArchiveService::exportMbox(const QList<qint64> &ids, const QString &path,
                                        const Searcher &who, const Progress &progress) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::permanent(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        auto e = entry(ids[i], who);
        if (!e)
            return e.error(); // QSaveFile drops what it wrote
        auto bytes = m_store.raw(ids[i]);
        if (!bytes)
            return bytes.error();
        if (file.write(mboxMessage(*e, *bytes)) < 0)
            return Error::permanent(
                QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        if (progress && !progress(i + 1, ids.size()))
            return Error::limit(QStringLiteral("export cancelled"));
    }
    if (!file.commit())
        return Error::permanent(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return LogStore(m_db).audit(
        m_clock->now(), QString(), QStringLiteral("archive-export"),
        QStringLiteral("archive export of %1 messages to the mbox %2").arg(ids.size()).arg(path),
        who.name);
}

Result<void> ArchiveService::exportEml(const QList<qint64> &ids, const QString &directory,
                                       const Searcher &who, const Progress &progress) const
{
    if (!QDir().mkpath(directory))
        return Error::permanent(QStringLiteral("cannot create the folder %1").arg(directory));
    QStringList written;
    auto undo = [&written]() {
        for (const QString &f : std::as_const(written))
            QFile::remove(f);
    };
    for (qsizetype i = 0; i < ids.size(); ++i) {
        auto bytes = raw(ids[i], who);
        if (!bytes) {
            undo();
            return bytes.error();
        }
        const QString path =
            directory + QLatin1Char('/') + QString::number(ids[i]) + QLatin1String(".eml");
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() ||
            !file.commit()) {
            undo();
            return Error::permanent(
                QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        }
        written << path;
        if (progress && !progress(i + 1, ids.size())) {
            undo();
            return Error::limit(QStringLiteral("export cancelled"));
        }
    }
    return LogStore(m_db).audit(m_clock->now(), QString(), QStringLiteral("archive-export"),
                                QStringLiteral("archive export of %1 messages as .eml files to %2")
                                    .arg(ids.size())
                                    .arg(directory),
                                who.name);
}

Result<ArchiveUsage> ArchiveService::usage() const
{
    auto u = m_store.usage();
    if (!u)
        return u;
    auto settings = Settings::load(m_db);
    if (!settings)
        return settings.error();
    u->capBytes = settings->integer(QStringLiteral("archive.capacity_mb")) * kMiB;
    return u;
}

Result<QStringList> ArchiveService::domainsKeepingReceived() const
{
    return m_db.texts(
        QStringLiteral("SELECT d.name FROM archive_received_domains r JOIN domains d ON d.id = "
                       "r.domain_id ORDER BY d.name"));
}

Result<void> ArchiveService::setKeepReceived(const QString &domain, bool keep,
                                             const QString &who) const
{
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto found = db.exec(QStringLiteral("SELECT id FROM domains WHERE name = ?"),
                             {domain.trimmed().toLower()});
        if (!found)
            return found.error();
        if (!found->next())
            return Error::notFound(QStringLiteral("no domain %1").arg(domain));
        const qint64 id = found->value(0).toLongLong();
        auto q = keep ? db.exec(QStringLiteral("INSERT OR IGNORE INTO archive_received_domains "
                                               "(domain_id) VALUES (?)"),
                                {id})
                      : db.exec(QStringLiteral("DELETE FROM archive_received_domains WHERE "
                                               "domain_id = ?"),
                                {id});
        if (!q)
            return q.error();
        return LogStore(db).audit(
            m_clock->now(), domain, QStringLiteral("archive-changed"),
            keep ? QStringLiteral("archive keeps received mail of %1").arg(domain)
                 : QStringLiteral("archive stops keeping received mail of %1").arg(domain),
            who);
    });
}

Result<QList<ArchiveSearchUser>> ArchiveService::searchUsers() const
{
    auto q = m_db.exec(QStringLiteral(
        "SELECT id, name, accounts, created_at FROM archive_search_users ORDER BY name"));
    if (!q)
        return q.error();
    QList<ArchiveSearchUser> users;
    while (q->next()) {
        ArchiveSearchUser u;
        u.id = q->value(0).toLongLong();
        u.name = q->value(1).toString();
        const QString accounts = q->value(2).toString();
        u.accounts = accounts.isEmpty() ? QStringList() : accounts.split(QLatin1Char('\n'));
        u.createdAt = q->value(3).toLongLong();
        users << u;
    }
    return users;
}

Result<void> ArchiveService::addSearchUser(const QString &name, const QString &password,
                                           const QStringList &accounts, const QString &who) const
{
    // The FAQ: admin and provadmin are the system's own (すでに登録されています).
    if (name.compare(QLatin1String("admin"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("provadmin"), Qt::CaseInsensitive) == 0)
        return Error::exists(QStringLiteral("the name %1 is reserved").arg(name));
    if (!searchUserName().match(name).hasMatch())
        return Error::invalid(QStringLiteral("a search user's name is 1-64 letters, digits, '.', "
                                             "'_' or '-', starting with a letter or digit"));
    if (password.size() < 8)
        return Error::invalid(QStringLiteral("the password must be at least 8 characters"));
    QStringList normalized;
    AccountStore store(m_db);
    for (const QString &a : accounts) {
        const QString address = a.trimmed().toLower();
        if (address.isEmpty())
            continue;
        auto account = store.find(address);
        if (!account)
            return Error::invalid(QStringLiteral("no account %1").arg(address));
        normalized << address;
    }
    const QString hash = PasswordHash::hash(password.toUtf8());
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto q =
            db.exec(QStringLiteral("INSERT INTO archive_search_users (name, password_hash, "
                                   "accounts, created_at) VALUES (?, ?, ?, ?)"),
                    {name, hash, normalized.join(QLatin1Char('\n')), m_clock->secsSinceEpoch()});
        if (!q)
            return q.error().kind == Error::Kind::Exists
                       ? Error::exists(QStringLiteral("the search user %1 exists").arg(name))
                       : q.error();
        return LogStore(db).audit(m_clock->now(), QString(), QStringLiteral("archive-user-added"),
                                  QStringLiteral("archive search user %1 (%2)")
                                      .arg(name, normalized.isEmpty()
                                                     ? QStringLiteral("every account")
                                                     : normalized.join(QLatin1Char(','))),
                                  who);
    });
}

Result<void> ArchiveService::removeSearchUser(const QString &name, const QString &who) const
{
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto q = db.exec(QStringLiteral("DELETE FROM archive_search_users WHERE name = ?"), {name});
        if (!q)
            return q.error();
        if (q->numRowsAffected() != 1)
            return Error::notFound(QStringLiteral("no search user %1").arg(name));
        return LogStore(db).audit(m_clock->now(), QString(), QStringLiteral("archive-user-removed"),
                                  QStringLiteral("archive search user %1").arg(name), who);
    });
}

Result<ArchiveService::Searcher> ArchiveService::authenticate(const QString &name,
                                                              const QString &password) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT password_hash FROM archive_search_users WHERE name = ?"), {name});
    if (!q)
        return q.error();
    const bool found = q->next();
    // An unknown name costs the same as a wrong password.
    const QString hash = found ? q->value(0).toString() : PasswordHash::dummyHash();
    if (!PasswordHash::verify(password.toUtf8(), hash) || !found)
        return Error::notFound(QStringLiteral("wrong search user name or password"));
    return searchUser(name);
}

Result<ArchiveService::Searcher> ArchiveService::searchUser(const QString &name) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT name, accounts FROM archive_search_users WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no search user %1").arg(name));
    Searcher s;
    s.name = q->value(0).toString();
    const QString accounts = q->value(1).toString();
    s.accounts = accounts.isEmpty() ? QStringList() : accounts.split(QLatin1Char('\n'));
    return s;
}

Result<int> ArchiveService::sweep() const
{
    auto settings = Settings::load(m_db);
    if (!settings)
        return settings.error();
    const qint64 cap = settings->integer(QStringLiteral("archive.capacity_mb")) * kMiB;
    const qint64 now = m_clock->secsSinceEpoch();
    const int sentDays = int(settings->integer(QStringLiteral("archive.sent_days")));
    const int receivedDays = int(settings->integer(QStringLiteral("archive.received_days")));
    // Age first; then the usage the warnings go by, before the cap takes the
    // oldest (so 100 % is seen, and the mail says the oldest are going).
    auto aged = m_store.expire(now, sentDays, receivedDays, 0);
    if (!aged)
        return aged;
    auto u = m_store.usage();
    if (!u)
        return u.error();
    auto capped = m_store.expire(now, sentDays, receivedDays, cap);
    if (!capped)
        return capped;
    Result<int> deleted = *aged + *capped;
    if (*deleted > 0)
        (void)LogStore(m_db).audit(m_clock->now(), QString(), QStringLiteral("archive-retention"),
                                   QStringLiteral("archive retention deleted %1 messages (%2 by "
                                                  "age, %3 over the cap)")
                                       .arg(*deleted)
                                       .arg(*aged)
                                       .arg(*capped),
                                   QStringLiteral("retention"));

    // Capacity warnings: once per crossing of 80, 90 and 100 %; a level the
    // usage fell back under may warn again.
    const int percent = cap > 0 ? int(qMin<qint64>(1000, u->usedBytes() * 100 / cap)) : 0;
    int crossed = 0;
    for (int level : {80, 90, 100}) {
        auto q =
            m_db.exec(QStringLiteral("SELECT 1 FROM archive_warnings WHERE level = ?"), {level});
        if (!q)
            return q.error();
        const bool warned = q->next();
        if (percent < level && warned) {
            if (auto r = m_db.exec(QStringLiteral("DELETE FROM archive_warnings WHERE level = ?"),
                                   {level});
                !r)
                return r.error();
        } else if (percent >= level && !warned) {
            crossed = level;
        }
    }
    if (crossed == 0)
        return deleted;

    const QString hostname = settings->value(QStringLiteral("server.hostname"));
    const MailStorage storage(m_db, nullptr, m_dir.mailRoot());
    const Delivery delivery(m_db, storage, nullptr, m_dir.queueDir(), hostname);
    auto admin = AccountStore(m_db).administrator(delivery.noticeDomain());
    std::shared_ptr<StoreJob> notice;
    if (admin) {
        const auto to = MailAddress::parse(admin->address);
        const QDateTime now = m_clock->now();
        const QString usedText = QLocale::c().formattedDataSize(u->usedBytes());
        const QString capText = QLocale::c().formattedDataSize(cap);
        NoticeMail::TextNotice n;
        n.date = rfc5322Date(now);
        n.from = "Fumibako <MAILER-DAEMON@" +
                 NoticeMail::printableAscii(delivery.noticeDomain().toUtf8()) + '>';
        n.to = '<' + admin->address.toUtf8() + '>';
        n.subject = ' ' + mimetext::encodeHeaderText(
                              QStringLiteral("【アーカイブ】保管容量の %1%% に達しました "
                                             "(Archive at %1%% of its capacity)")
                                  .arg(crossed));
        n.messageId = '<' + now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() +
                      ".archive" + QByteArray::number(crossed) + '@' +
                      NoticeMail::printableAscii(delivery.noticeDomain().toUtf8()) + '>';
        n.autoSubmitted = "auto-generated";
        const QString ja =
            crossed >= 100
                ? QStringLiteral("メールアーカイブの使用量が上限に達しました。古いメールから"
                                 "削除されています。")
                : QStringLiteral("メールアーカイブの使用量が上限の %1% を超えました。上限に"
                                 "達すると古いメールから削除されます。")
                      .arg(crossed);
        const QString en =
            crossed >= 100
                ? QStringLiteral("The mail archive has reached its capacity; the oldest mail is "
                                 "being deleted to make room.")
                : QStringLiteral("The mail archive has passed %1% of its capacity. When it is "
                                 "full, the oldest mail is deleted first.")
                      .arg(crossed);
        const QString text =
            ja + QStringLiteral("\n\n使用量: %1 / 上限: %2\n").arg(usedText, capText) +
            QStringLiteral(
                "上限は fumibakoctl config set archive.capacity_mb で変更できます。\n\n") +
            en + QStringLiteral("\n\nUsed: %1 of %2\n").arg(usedText, capText) +
            QStringLiteral("Change the cap with fumibakoctl config set archive.capacity_mb.\n");
        n.text = text.toUtf8();
        if (to) {
            if (auto request = delivery.noticeRequest(*to, NoticeMail::textNotice(n)))
                notice = std::make_shared<DeliveryJob>(std::move(*request));
        }
    }
    const qint64 at = m_clock->secsSinceEpoch();
    auto mark = std::make_shared<SqlJob>([crossed, at](const Database &db) -> Result<void> {
        for (int level : {80, 90, 100}) {
            if (level > crossed)
                break;
            auto q = db.exec(QStringLiteral("INSERT OR IGNORE INTO archive_warnings (level, "
                                            "warned_at) VALUES (?, ?)"),
                             {level, at});
            if (!q)
                return q.error();
        }
        return {};
    });
    CompositeJob job(notice ? QList<std::shared_ptr<StoreJob>>{notice, mark}
                            : QList<std::shared_ptr<StoreJob>>{mark});
    if (auto r = runStoreJobNow(m_db, job); !r)
        return r.error();
    return deleted;
}

} // namespace fumibako
