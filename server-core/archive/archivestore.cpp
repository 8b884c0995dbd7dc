#include "archivestore.h"

#include "archivetext.h"
#include "common/durablefile.h"
#include "mime/messagepreview.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlQuery>

namespace fumibako
{

namespace
{

constexpr int kCompression = 1; // zlib's fastest: the archive is on the submission's path
constexpr qsizetype kMaxIndexedChars = 1'000'000; // of one message's body text
constexpr QChar kFieldSeparator = QChar(0x1F);    // between the fields of `text`

QString joinLines(const QStringList &l)
{
    return l.join(QLatin1Char('\n'));
}

QStringList splitLines(const QString &s)
{
    return s.isEmpty() ? QStringList() : s.split(QLatin1Char('\n'));
}

// The FTS5 row of an item: subject, sender, rcpt, body, uni, meta.
QVariantList ftsValues(const ArchiveStore::IndexItem &item, qint64 *tokenBytes = nullptr)
{
    using namespace archivetext;
    const QString all = item.subject + QLatin1Char(' ') + item.from + QLatin1Char(' ') + item.to +
                        QLatin1Char(' ') + item.body;
    QVariantList v{textTokens(item.subject), textTokens(item.from), textTokens(item.to),
                   textTokens(item.body),    unigramTokens(all),    item.meta};
    if (tokenBytes) {
        *tokenBytes = 0;
        for (const QVariant &x : std::as_const(v))
            *tokenBytes += x.toString().size();
    }
    return v;
}

QByteArray packText(const ArchiveStore::IndexItem &item)
{
    const QString fields[] = {item.subject, item.from, item.to, item.body, item.meta};
    QString joined;
    for (const QString &f : fields) {
        if (!joined.isEmpty())
            joined += kFieldSeparator;
        QString clean = f;
        clean.replace(kFieldSeparator, QLatin1Char(' '));
        joined += clean;
    }
    return qCompress(joined.toUtf8(), kCompression);
}

std::optional<ArchiveStore::IndexItem> unpackText(qint64 id, const QByteArray &packed)
{
    const QStringList f = QString::fromUtf8(qUncompress(packed)).split(kFieldSeparator);
    if (f.size() != 5)
        return std::nullopt;
    ArchiveStore::IndexItem item;
    item.id = id;
    item.subject = f[0];
    item.from = f[1];
    item.to = f[2];
    item.body = f[3];
    item.meta = f[4];
    return item;
}

ArchiveEntry entryFrom(const QSqlQuery &q)
{
    // Columns as kEntryColumns lists them.
    ArchiveEntry e;
    e.id = q.value(0).toLongLong();
    e.receivedAt = q.value(1).toLongLong();
    e.direction = q.value(2).toInt() == 1 ? ArchiveDirection::Received : ArchiveDirection::Sent;
    e.sender = q.value(3).toString();
    e.recipients = splitLines(q.value(4).toString());
    e.accounts = splitLines(q.value(5).toString());
    e.trackingId = q.value(6).toString();
    e.headerMessageId = q.value(7).toString();
    e.subject = q.value(8).toString();
    e.from = q.value(9).toString();
    e.to = q.value(10).toString();
    e.hasAttachments = q.value(11).toInt() != 0;
    e.size = q.value(12).toLongLong();
    return e;
}

const QString kEntryColumns = QStringLiteral(
    "e.id, e.received_at, e.direction, e.sender, e.recipients, e.accounts, e.tracking_id, "
    "e.header_message_id, e.subject, e.from_text, e.to_text, e.attachments, c.size "
    "FROM archive_entries e JOIN archive_contents c ON c.id = e.content_id");

Result<void> addTotals(const Database &db, qint64 entries, qint64 contents, qint64 stored,
                       qint64 index)
{
    auto q = db.exec(QStringLiteral("UPDATE archive_totals SET entries = entries + ?, contents = "
                                    "contents + ?, stored_bytes = stored_bytes + ?, index_bytes = "
                                    "index_bytes + ? WHERE id = 1"),
                     {entries, contents, stored, index});
    if (!q)
        return q.error();
    return {};
}

QString metaTokens(ArchiveDirection direction, const QStringList &accounts, bool attachments)
{
    QStringList t{direction == ArchiveDirection::Sent ? QStringLiteral("dsent")
                                                      : QStringLiteral("dreceived")};
    for (const QString &a : accounts)
        t << ArchiveStore::accountToken(a);
    if (attachments)
        t << QStringLiteral("hasatt");
    return t.join(QLatin1Char(' '));
}

} // namespace

ArchiveSearcher ArchiveSearcher::admin(const QString &who)
{
    ArchiveSearcher s;
    s.name = who;
    return s;
}

QString directionName(ArchiveDirection d)
{
    return d == ArchiveDirection::Sent ? QStringLiteral("sent") : QStringLiteral("received");
}

ArchiveStore::ArchiveStore(const Database &db, QString root) : m_db(db), m_root(std::move(root)) {}

QString ArchiveStore::accountToken(const QString &address)
{
    const QByteArray h =
        QCryptographicHash::hash(address.trimmed().toLower().toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("acct") + QString::fromLatin1(h.toHex().left(16));
}

// ---- ArchiveJob ---------------------------------------------------------------

ArchiveJob::ArchiveJob(ArchiveRecord record, QByteArray message)
    : m_record(std::move(record)), m_message(std::move(message))
{
}

Result<void> ArchiveJob::prepare()
{
    m_sha256 = QCryptographicHash::hash(m_message, QCryptographicHash::Sha256).toHex();
    m_compressed = qCompress(m_message, kCompression);
    return {};
}

Result<void> ArchiveJob::record(const Database &db)
{
    // Four statements for a new content, on the writer, where every one is
    // paid by the whole batch: the content (or the one already there), its
    // journal row, the entry, the running totals.
    if (m_sha256.isEmpty())
        if (auto r = prepare(); !r)
            return r;
    const QString sha = QString::fromLatin1(m_sha256);
    const QString path = sha.left(2) + QLatin1Char('/') + sha + QLatin1String(".z");
    auto added = db.exec(QStringLiteral("INSERT OR IGNORE INTO archive_contents (sha256, size, "
                                        "stored_size, path) VALUES (?, ?, ?, ?)"),
                         {sha, qint64(m_message.size()), qint64(m_compressed.size()), path});
    if (!added)
        return added.error();
    const bool newContent = added->numRowsAffected() == 1;
    qint64 contentId = 0;
    if (newContent) {
        contentId = added->lastInsertId().toLongLong();
        auto journal =
            db.exec(QStringLiteral("INSERT INTO archive_journal (content_id, data) VALUES (?, ?)"),
                    {contentId, m_compressed});
        if (!journal)
            return journal.error();
    } else {
        auto found =
            db.exec(QStringLiteral("SELECT id FROM archive_contents WHERE sha256 = ?"), {sha});
        if (!found)
            return found.error();
        if (!found->next())
            return Error::permanent(QStringLiteral("archive content %1 vanished").arg(sha));
        contentId = found->value(0).toLongLong();
    }
    // Entries are numbered in the order they are committed and searched by
    // date through that order (search()), so a date never goes back: a message
    // that took longer to scan than one that came after it is dated with that one.
    auto entry = db.exec(
        QStringLiteral("INSERT INTO archive_entries (content_id, received_at, direction, sender, "
                       "recipients, accounts, tracking_id, header_message_id) VALUES (?, "
                       "max(?, coalesce((SELECT received_at FROM archive_entries ORDER BY id DESC "
                       "LIMIT 1), 0)), ?, ?, ?, ?, ?, ?)"),
        {contentId, m_record.receivedAt, m_record.direction == ArchiveDirection::Received ? 1 : 0,
         m_record.sender, joinLines(m_record.recipients), joinLines(m_record.accounts),
         m_record.trackingId, m_record.headerMessageId});
    if (!entry)
        return entry.error();
    m_entryId = entry->lastInsertId().toLongLong();
    return addTotals(db, 1, newContent ? 1 : 0, newContent ? m_compressed.size() : 0, 0);
}

// ---- reading ------------------------------------------------------------------

Result<ArchiveEntry> ArchiveStore::find(qint64 id) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT ") + kEntryColumns + QStringLiteral(" WHERE e.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no archived message %1").arg(id));
    return entryFrom(*q);
}

Result<QByteArray> ArchiveStore::raw(qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT c.sha256, c.path, j.data FROM archive_entries e "
                                      "JOIN archive_contents c ON c.id = e.content_id "
                                      "LEFT JOIN archive_journal j ON j.content_id = c.id "
                                      "WHERE e.id = ?"),
                       {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no archived message %1").arg(id));
    const QString sha = q->value(0).toString();
    QByteArray compressed = q->value(2).toByteArray();
    if (q->value(2).isNull()) {
        QFile f(m_root + QLatin1Char('/') + q->value(1).toString());
        if (!f.open(QIODevice::ReadOnly))
            return Error::permanent(QStringLiteral("archived message %1: cannot read %2: %3")
                                        .arg(id)
                                        .arg(f.fileName(), f.errorString()));
        compressed = f.readAll();
    }
    QByteArray message = qUncompress(compressed);
    if (QCryptographicHash::hash(message, QCryptographicHash::Sha256).toHex() != sha.toLatin1())
        return Error::permanent(
            QStringLiteral("archived message %1 is damaged (its SHA-256 does not match)").arg(id));
    return message;
}

Result<ArchiveUsage> ArchiveStore::usage() const
{
    ArchiveUsage u;
    auto r = m_db.readTransaction([&](const Database &db) -> Result<void> {
        auto q = db.exec(QStringLiteral(
            "SELECT entries, contents, stored_bytes, index_bytes FROM archive_totals"));
        if (!q)
            return q.error();
        if (q->next()) {
            u.entries = q->value(0).toLongLong();
            u.messages = q->value(1).toLongLong();
            u.storedBytes = q->value(2).toLongLong();
            u.indexBytes = q->value(3).toLongLong();
        }
        auto p = db.exec(QStringLiteral("SELECT count(*) FROM archive_entries WHERE indexed = 0"));
        if (!p)
            return p.error();
        if (p->next())
            u.pending = p->value(0).toLongLong();
        auto t = db.exec(QStringLiteral(
            "SELECT (SELECT received_at FROM archive_entries ORDER BY received_at LIMIT 1), "
            "(SELECT received_at FROM archive_entries ORDER BY received_at DESC LIMIT 1)"));
        if (!t)
            return t.error();
        if (t->next()) {
            u.oldest = t->value(0).toLongLong();
            u.newest = t->value(1).toLongLong();
        }
        return {};
    });
    if (!r)
        return r.error();
    return u;
}

// ---- indexing -----------------------------------------------------------------

Result<QList<ArchiveStore::IndexItem>> ArchiveStore::readPending(int max) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, sender, recipients, accounts, direction FROM "
                                      "archive_entries WHERE indexed = 0 ORDER BY id LIMIT ?"),
                       {max});
    if (!q)
        return q.error();
    struct Waiting {
        qint64 id;
        QString sender, recipients, accounts;
        ArchiveDirection direction;
    };
    QList<Waiting> waiting;
    while (q->next())
        waiting << Waiting{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                           q->value(3).toString(),
                           q->value(4).toInt() == 1 ? ArchiveDirection::Received
                                                    : ArchiveDirection::Sent};
    QList<IndexItem> items;
    for (const Waiting &w : std::as_const(waiting)) {
        // A content that cannot be read (a damaged file) is indexed by its
        // envelope alone rather than holding up every entry after it.
        auto raw = this->raw(w.id);
        const MessagePreview p = raw ? messagePreview(*raw, kMaxIndexedChars) : MessagePreview();
        IndexItem item;
        item.id = w.id;
        item.subject = p.subject;
        item.from = p.from + QLatin1Char('\n') + w.sender;
        item.to = p.to + QLatin1Char('\n') + p.cc + QLatin1Char('\n') + w.recipients;
        item.body = p.text;
        for (const MessagePreview::Attachment &a : p.attachments) {
            if (a.name.isEmpty())
                continue;
            item.attachments = true;
            item.body += QLatin1Char('\n') + a.name;
        }
        item.meta = metaTokens(w.direction, splitLines(w.accounts), item.attachments);
        items << item;
    }
    return items;
}

Result<int> ArchiveStore::writeIndex(const Database &db, const QList<IndexItem> &items)
{
    int added = 0;
    auto r = db.transaction([&](const Database &d) -> Result<void> {
        qint64 indexBytes = 0;
        for (const IndexItem &item : items) {
            qint64 tokenBytes = 0;
            const QVariantList values = ftsValues(item, &tokenBytes);
            const QByteArray packed = packText(item);
            // What the index costs this entry, estimated from what bench/
            // archivebench measured at 1,000,000 entries: FTS5's postings take
            // about 1.1 times the characters of the tokens they list, then the
            // kept text and some 700 bytes of row and index entries.
            const qint64 bytes = tokenBytes + tokenBytes / 10 + packed.size() + 700;
            QString from = item.from.section(QLatin1Char('\n'), 0, 0);
            QString to = item.to.section(QLatin1Char('\n'), 0, 0);
            auto u =
                d.exec(QStringLiteral(
                           "UPDATE archive_entries SET indexed = 1, subject = ?, from_text = ?, "
                           "to_text = ?, attachments = ?, text = ?, index_bytes = ? "
                           "WHERE id = ? AND indexed = 0"),
                       {item.subject, from, to, item.attachments ? 1 : 0, packed, bytes, item.id});
            if (!u)
                return u.error();
            if (u->numRowsAffected() != 1)
                continue; // indexed by someone else meanwhile, or deleted
            QVariantList binds{item.id};
            binds << values;
            auto f = d.exec(QStringLiteral("INSERT INTO archive_fts (rowid, subject, sender, rcpt, "
                                           "body, uni, meta) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            binds);
            if (!f)
                return f.error();
            indexBytes += bytes;
            ++added;
        }
        return addTotals(d, 0, 0, 0, indexBytes);
    });
    if (!r)
        return r.error();
    return added;
}

Result<int> ArchiveStore::indexPending(int max) const
{
    int total = 0;
    while (total < max) {
        auto items = readPending(qMin(200, max - total));
        if (!items)
            return items.error();
        if (items->isEmpty())
            break;
        auto added = writeIndex(m_db, *items);
        if (!added)
            return added.error();
        total += int(items->size());
    }
    return total;
}

Result<QList<qint64>> ArchiveStore::writeJournalFiles(int max) const
{
    auto q = m_db.exec(QStringLiteral("SELECT j.content_id, c.path, j.data FROM archive_journal j "
                                      "JOIN archive_contents c ON c.id = j.content_id LIMIT ?"),
                       {max});
    if (!q)
        return q.error();
    QList<qint64> done;
    QSet<QString> dirs;
    while (q->next()) {
        const QString path = m_root + QLatin1Char('/') + q->value(1).toString();
        const QString dir = QFileInfo(path).path();
        if (!QFileInfo::exists(dir)) {
            if (!QDir().mkpath(dir))
                return Error::temporary(QStringLiteral("cannot create %1").arg(dir));
            dirs.insert(m_root); // the new fan-out directory's entry
        }
        const QString tmp = path + QLatin1String(".tmp");
        if (auto r = writeFileSynced(tmp, {q->value(2).toByteArray()}); !r)
            return r.error();
        if (auto r = renameFile(tmp, path); !r)
            return r.error();
        dirs.insert(dir);
        done << q->value(0).toLongLong();
    }
    for (const QString &d : std::as_const(dirs))
        if (auto r = syncDirectory(d); !r)
            return r.error();
    return done;
}

Result<void> ArchiveStore::forgetJournal(const Database &db, const QList<qint64> &contentIds)
{
    return db.transaction([&](const Database &d) -> Result<void> {
        for (qint64 id : contentIds)
            if (auto x = d.exec(QStringLiteral("DELETE FROM archive_journal WHERE content_id = ?"),
                                {id});
                !x)
                return x.error();
        return {};
    });
}

Result<int> ArchiveStore::flushJournal(int max) const
{
    auto written = writeJournalFiles(max);
    if (!written)
        return written.error();
    if (auto r = forgetJournal(m_db, *written); !r)
        return r.error();
    return int(written->size());
}

// ---- search -------------------------------------------------------------------

Result<ArchivePage> ArchiveStore::search(const ArchiveQuery &query) const
{
    if (auto r = indexPending(); !r)
        return r.error();
    using namespace archivetext;
    const int limit = qBound(1, query.limit, 1000);
    QStringList parts;
    const QList<QueryTerm> terms = parseQuery(query.text);
    if (terms.size() > kMaxQueryTerms)
        return Error::invalid(QStringLiteral("too many words to search for at once (at most %1)")
                                  .arg(kMaxQueryTerms));
    const QString textColumns = QStringLiteral("subject sender rcpt body");
    ArchivePage page;
    if (!terms.isEmpty()) {
        const QString e = matchExpression(terms, textColumns, QStringLiteral("uni"));
        if (e.isEmpty())
            return page; // only punctuation: nothing can match it
        parts << QLatin1Char('(') + e + QLatin1Char(')');
    }
    for (const auto &[value, column] : {std::pair{query.from, QStringLiteral("sender")},
                                        std::pair{query.to, QStringLiteral("rcpt")}}) {
        if (value.trimmed().isEmpty())
            continue;
        const QString e =
            matchExpression({QueryTerm{value.trimmed(), true}}, column, QStringLiteral("uni"));
        if (e.isEmpty())
            return page;
        parts << QLatin1Char('(') + e + QLatin1Char(')');
    }
    if (query.direction)
        parts << (*query.direction == ArchiveDirection::Sent
                      ? QStringLiteral("meta : \"dsent\"")
                      : QStringLiteral("meta : \"dreceived\""));
    if (!query.accounts.isEmpty()) {
        QStringList any;
        for (const QString &a : query.accounts)
            any << QLatin1Char('"') + accountToken(a) + QLatin1Char('"');
        parts << QStringLiteral("meta : (") + any.join(QLatin1String(" OR ")) + QLatin1Char(')');
    }
    if (query.hasAttachments.value_or(false))
        parts << QStringLiteral("meta : \"hasatt\"");
    const QString match = parts.join(QLatin1String(" AND "));

    // The date range as a range of ids (entries are numbered in the order they
    // came), so the index walks only that stretch; the times are checked again.
    qint64 low = 0, high = query.before > 0 ? query.before : std::numeric_limits<qint64>::max();
    auto firstAt = [&](qint64 at) -> Result<qint64> {
        auto q = m_db.exec(QStringLiteral("SELECT id FROM archive_entries WHERE received_at >= ? "
                                          "ORDER BY received_at, id LIMIT 1"),
                           {at});
        if (!q)
            return q.error();
        return q->next() ? q->value(0).toLongLong() : std::numeric_limits<qint64>::max();
    };
    if (query.since > 0) {
        auto id = firstAt(query.since);
        if (!id)
            return id.error();
        low = *id;
    }
    if (query.until > 0) {
        auto id = firstAt(query.until);
        if (!id)
            return id.error();
        high = qMin(high, *id);
    }
    if (low >= high)
        return page;

    QString filters;
    if (query.since > 0)
        filters += QStringLiteral(" AND e.received_at >= %1").arg(query.since);
    if (query.until > 0)
        filters += QStringLiteral(" AND e.received_at < %1").arg(query.until);
    if (query.hasAttachments && !*query.hasAttachments)
        filters += QStringLiteral(" AND e.attachments = 0");

    // Walk down from `high` in chunks until a page and one more are found.
    qint64 cursor = high;
    const int chunk = filters.isEmpty() ? limit + 1 : (limit + 1) * 4;
    while (page.entries.size() <= limit) {
        QList<qint64> ids;
        if (match.isEmpty()) {
            auto q = m_db.exec(QStringLiteral("SELECT id FROM archive_entries WHERE id < ? AND id "
                                              ">= ? ORDER BY id DESC LIMIT ?"),
                               {cursor, low, chunk});
            if (!q)
                return q.error();
            while (q->next())
                ids << q->value(0).toLongLong();
        } else {
            auto q = m_db.exec(QStringLiteral("SELECT rowid FROM archive_fts WHERE archive_fts "
                                              "MATCH ? AND rowid < ? AND rowid >= ? "
                                              "ORDER BY rowid DESC LIMIT ?"),
                               {match, cursor, low, chunk});
            if (!q)
                return q.error();
            while (q->next())
                ids << q->value(0).toLongLong();
        }
        if (ids.isEmpty())
            break;
        cursor = ids.last();
        QStringList list;
        for (qint64 id : std::as_const(ids))
            list << QString::number(id);
        auto q = m_db.exec(QStringLiteral("SELECT ") + kEntryColumns +
                           QStringLiteral(" WHERE e.id IN (") + list.join(QLatin1Char(',')) +
                           QLatin1Char(')') + filters + QStringLiteral(" ORDER BY e.id DESC"));
        if (!q)
            return q.error();
        while (q->next() && page.entries.size() <= limit)
            page.entries << entryFrom(*q);
        if (ids.size() < chunk)
            break;
    }
    if (page.entries.size() > limit) {
        page.entries.resize(limit);
        page.more = true;
    }
    return page;
}

// ---- retention ----------------------------------------------------------------

Result<int> ArchiveStore::expire(qint64 now, int sentDays, int receivedDays, qint64 capBytes) const
{
    // Entries whose index rows must go too are taken out through the FTS5
    // 'delete' command with the text they were indexed with.
    QStringList files;
    int deleted = 0;
    auto removeBatch = [&](const QString &where, const QVariantList &binds) -> Result<int> {
        int n = 0;
        auto r = m_db.transaction([&](const Database &db) -> Result<void> {
            auto q =
                db.exec(QStringLiteral("SELECT id, content_id, indexed, text, index_bytes FROM "
                                       "archive_entries WHERE ") +
                            where,
                        binds);
            if (!q)
                return q.error();
            struct Row {
                qint64 id, content;
                bool indexed;
                QByteArray text;
                qint64 indexBytes;
            };
            QList<Row> rows;
            while (q->next())
                rows << Row{q->value(0).toLongLong(), q->value(1).toLongLong(),
                            q->value(2).toInt() != 0, q->value(3).toByteArray(),
                            q->value(4).toLongLong()};
            qint64 indexBytes = 0, stored = 0, contents = 0;
            for (const Row &row : std::as_const(rows)) {
                if (row.indexed) {
                    const auto item = unpackText(row.id, row.text);
                    if (item) {
                        QVariantList b{row.id};
                        b << ftsValues(*item);
                        auto d = db.exec(
                            QStringLiteral("INSERT INTO archive_fts (archive_fts, rowid, subject, "
                                           "sender, rcpt, body, uni, meta) "
                                           "VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)"),
                            b);
                        if (!d)
                            return d.error();
                    }
                }
                if (auto d = db.exec(QStringLiteral("DELETE FROM archive_entries WHERE id = ?"),
                                     {row.id});
                    !d)
                    return d.error();
                indexBytes += row.indexBytes;
                auto left = db.exec(
                    QStringLiteral("SELECT 1 FROM archive_entries WHERE content_id = ? LIMIT 1"),
                    {row.content});
                if (!left)
                    return left.error();
                if (left->next())
                    continue;
                auto c = db.exec(
                    QStringLiteral("SELECT path, stored_size FROM archive_contents WHERE id = ?"),
                    {row.content});
                if (!c)
                    return c.error();
                if (!c->next())
                    continue;
                files << m_root + QLatin1Char('/') + c->value(0).toString();
                stored += c->value(1).toLongLong();
                ++contents;
                for (const char *sql : {"DELETE FROM archive_journal WHERE content_id = ?",
                                        "DELETE FROM archive_contents WHERE id = ?"})
                    if (auto d = db.exec(QString::fromLatin1(sql), {row.content}); !d)
                        return d.error();
            }
            n = int(rows.size());
            return addTotals(db, -n, -contents, -stored, -indexBytes);
        });
        if (!r)
            return r.error();
        return n;
    };
    for (const auto &[direction, days] : {std::pair{0, sentDays}, std::pair{1, receivedDays}}) {
        const qint64 before = now - qint64(days) * 86400;
        for (;;) {
            auto n = removeBatch(QStringLiteral("direction = ? AND received_at < ? ORDER BY "
                                                "received_at LIMIT 500"),
                                 {direction, before});
            if (!n)
                return n.error();
            deleted += *n;
            if (*n < 500)
                break;
        }
    }
    for (;;) {
        auto u = usage();
        if (!u)
            return u.error();
        if (capBytes <= 0 || u->usedBytes() <= capBytes || u->entries == 0)
            break;
        // The oldest first, in batches sized to what is over.
        const qint64 perEntry = qMax<qint64>(1, u->usedBytes() / u->entries);
        const qint64 over = (u->usedBytes() - capBytes) / perEntry + 1;
        auto n = removeBatch(QStringLiteral("1 ORDER BY received_at, id LIMIT ?"),
                             {qBound<qint64>(qint64(1), over, qint64(500))});
        if (!n)
            return n.error();
        deleted += *n;
        if (*n == 0)
            break;
    }
    // After COMMIT: a crash before this leaves a file no row names, never a
    // row without its file.
    QSet<QString> dirs;
    for (const QString &f : std::as_const(files)) {
        if (QFile::remove(f))
            dirs.insert(QFileInfo(f).path());
    }
    for (const QString &d : std::as_const(dirs))
        (void)syncDirectory(d);
    return deleted;
}

} // namespace fumibako
