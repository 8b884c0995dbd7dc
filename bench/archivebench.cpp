// archivebench: the mail archive's figures (issue 15, Benchmark) — ingest rate,
// index size per message and search latency on generated Japanese business
// mail (japanesemail.h), with SQLite FTS5's trigram tokenizer alone and a plain
// substring scan of the same decoded texts side by side. Prints figures,
// never passes or fails.
//   archivebench --dir D --messages N [--runs R] [--seed S] [--queries Q]
//                [--batch B] [--phases archive,baselines,search] [--sample K]
//                [--freqs common,rare,absent] [--budget SECONDS] [--no-flush]
//   archivebench --write-samples DIR --messages N [--seed S]
//       (only writes N generated messages as DIR/NNNNNN.eml: archivebench.py
//        submits them)
// D is created; a phase left out finds its data there (the baselines may be
// built once and the archive ingested again, or the search run again);
// the generated data lives only there — delete it when done.
#include "archive/archivestore.h"
#include "japanesemail.h"
#include "mime/messagepreview.h"
#include "mime/mimetext.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/quarantinestore.h"
#include "store/storewriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

using namespace fumibako;
using namespace fumibako::bench;

namespace
{

struct Options {
    QString dir;
    qint64 messages = 10000;
    int runs = 5;
    std::uint64_t seed = 15;
    int queries = 20;
    int batch = 500;
    QStringList phases; // "archive", "baselines" (ingest), "search"
    int sample = 0;
    bool flush = true;  // the journal to files after each commit (--no-flush: left there)
    double budget = 15; // seconds of runs per query and engine; a slower one runs fewer times
    QStringList freqs;  // of common, rare, absent
};

// The generated mail spans the 90 days before this instant, oldest first.
const qint64 kEnd = QDateTime(QDate(2026, 12, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
const qint64 kSpan = 90 * 86400;

void die(const QString &what)
{
    std::fprintf(stderr, "archivebench: %s\n", qPrintable(what));
    std::exit(1);
}

template <typename T> T check(Result<T> r, const char *what)
{
    if (!r)
        die(QString::fromUtf8(what) + QStringLiteral(": ") + r.error().message);
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

qint64 treeSize(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += QFileInfo(it.next()).size();
    return total;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto rank = std::size_t(std::max(1.0, std::ceil(p * double(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

double median(std::vector<double> v)
{
    return percentile(std::move(v), 0.5);
}

void progress(const char *what, qint64 done, qint64 total, double seconds)
{
    std::fprintf(stderr, "  %s %lld/%lld (%.0f s, %.0f/s)\n", what, (long long)done,
                 (long long)total, seconds, seconds > 0 ? double(done) / seconds : 0.0);
}

// ---- the baselines ----------------------------------------------------------

// SQLite FTS5 with the trigram tokenizer over the decoded, folded texts, in a
// database of its own; meta maps time to rowid for the date filter.
class TrigramEngine
{
public:
    explicit TrigramEngine(const QString &path)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("trigram"));
        m_db.setDatabaseName(path);
        if (!m_db.open())
            die(QStringLiteral("trigram db: ") + m_db.lastError().text());
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS t USING fts5(text, "
                            "tokenize='trigram')"));
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS meta(id INTEGER PRIMARY KEY, "
                            "at INTEGER NOT NULL)"));
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS meta_at ON meta(at)"));
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            die(sql + QStringLiteral(": ") + q.lastError().text());
    }

    void insert(const std::vector<std::pair<qint64, QString>> &rows,
                const std::vector<qint64> &times)
    {
        m_db.transaction();
        QSqlQuery q(m_db), m(m_db);
        q.prepare(QStringLiteral("INSERT INTO t(rowid, text) VALUES (?, ?)"));
        m.prepare(QStringLiteral("INSERT INTO meta(id, at) VALUES (?, ?)"));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            q.addBindValue(rows[i].first);
            q.addBindValue(rows[i].second);
            if (!q.exec())
                die(QStringLiteral("trigram insert: ") + q.lastError().text());
            m.addBindValue(rows[i].first);
            m.addBindValue(times[i]);
            if (!m.exec())
                die(QStringLiteral("meta insert: ") + m.lastError().text());
        }
        m_db.commit();
    }

    // Newest first, the first `limit` rows with every term: terms of three
    // characters or more through MATCH (the trigram index), shorter ones by
    // instr() — trigram cannot index them, so that is a scan of the table.
    // (LIKE '%x%' would be the documented way, but SQLite 3.40 returns no rows
    // for a LIKE of fewer than 3 characters on a trigram table: see likeCheck.)
    QList<qint64> search(const QStringList &terms, qint64 since, qint64 until, int limit)
    {
        QStringList match, where;
        QVariantList binds;
        for (const QString &t : terms) {
            if (t.size() >= 3) {
                match << QLatin1Char('"') + QString(t).replace(u'"', QStringLiteral("\"\"")) +
                             QLatin1Char('"');
            } else {
                where << QStringLiteral("instr(text, ?) > 0");
            }
        }
        if (!match.isEmpty()) {
            where.prepend(QStringLiteral("t MATCH ?"));
            binds << match.join(QLatin1Char(' '));
        }
        for (const QString &t : terms)
            if (t.size() < 3)
                binds << t;
        if (since || until) {
            // Entries are in time order, so a window is a rowid range.
            QSqlQuery lo(m_db), hi(m_db);
            lo.prepare(QStringLiteral("SELECT id FROM meta WHERE at >= ? ORDER BY at LIMIT 1"));
            lo.addBindValue(since);
            hi.prepare(QStringLiteral("SELECT id FROM meta WHERE at < ? ORDER BY at DESC LIMIT 1"));
            hi.addBindValue(until);
            if (!lo.exec() || !hi.exec() || !lo.next() || !hi.next())
                return {};
            where << QStringLiteral("rowid BETWEEN ? AND ?");
            binds << lo.value(0).toLongLong() << hi.value(0).toLongLong();
        }
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT rowid FROM t WHERE ") +
                  where.join(QStringLiteral(" AND ")) +
                  QStringLiteral(" ORDER BY rowid DESC LIMIT %1").arg(limit));
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec())
            die(QStringLiteral("trigram search: ") + q.lastError().text());
        QList<qint64> ids;
        while (q.next())
            ids << q.value(0).toLongLong();
        return ids;
    }

    // How many of the newest `limit` rows LIKE '%term%' finds (the trigram
    // table's own way for a substring).
    int likeCount(const QString &term, int limit)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT rowid FROM t WHERE text LIKE ? ORDER BY rowid DESC "
                                 "LIMIT %1")
                      .arg(limit));
        q.addBindValue(QLatin1Char('%') + term + QLatin1Char('%'));
        if (!q.exec())
            die(q.lastError().text());
        int n = 0;
        while (q.next())
            ++n;
        return n;
    }

    // The texts back, for --reuse (the plain scan holds them in memory).
    void load(std::vector<qint64> &ids, std::vector<qint64> &times, std::vector<QByteArray> &texts)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT m.id, m.at, c.c0 FROM meta m JOIN t_content c "
                                   "ON c.id = m.id ORDER BY m.id")))
            die(q.lastError().text());
        while (q.next()) {
            ids.push_back(q.value(0).toLongLong());
            times.push_back(q.value(1).toLongLong());
            texts.push_back(q.value(2).toString().toUtf8());
        }
    }

private:
    QSqlDatabase m_db;
};

// The plain scan: every decoded, folded text in memory, newest first, each
// term a byte substring (mimetext::containsBytes, as IMAP SEARCH compares).
struct ScanEngine {
    std::vector<qint64> ids, times;
    std::vector<QByteArray> texts;

    QList<qint64> search(const QStringList &terms, qint64 since, qint64 until, int limit) const
    {
        QList<QByteArray> needles;
        for (const QString &t : terms)
            needles << t.toUtf8();
        std::size_t lo = 0, hi = times.size();
        if (since)
            lo = std::size_t(std::lower_bound(times.begin(), times.end(), since) - times.begin());
        if (until)
            hi = std::size_t(std::lower_bound(times.begin(), times.end(), until) - times.begin());
        QList<qint64> out;
        for (std::size_t i = hi; i > lo && out.size() < limit; --i) {
            const QByteArray &text = texts[i - 1];
            bool all = true;
            for (const QByteArray &n : std::as_const(needles))
                if (!mimetext::containsBytes(text, n)) {
                    all = false;
                    break;
                }
            if (all)
                out << ids[i - 1];
        }
        return out;
    }
};

// What the baselines search: the decoded message as the archive indexes it
// (subject, From, To, Cc, body text, attachment names), folded.
QString searchText(const QByteArray &raw)
{
    const MessagePreview p = messagePreview(raw);
    QString s = p.subject + QLatin1Char('\n') + p.from + QLatin1Char('\n') + p.to +
                QLatin1Char('\n') + p.cc + QLatin1Char('\n') + p.text;
    for (const auto &a : p.attachments)
        s += QLatin1Char('\n') + a.name;
    return mimetext::foldForSearch(s);
}

// ---- the queries ------------------------------------------------------------

struct QueryCase {
    QString kind; // "1-char", "2-char", "3+-char", "2-word"
    int freq = 0; // 0 common, 1 rare, 2 absent (in no message: a scan reads everything)
    bool dated = false;
    QStringList terms;
    qint64 since = 0, until = 0;
};

const char *const kFreqNames[] = {"common", "rare", "absent"};

QList<QueryCase> queryCases(int perKind, const QStringList &freqs)
{
    const QStringList common = JapaneseMailGenerator::commonWords();
    const QStringList rare = JapaneseMailGenerator::rareWords();
    const auto byLength = [](const QStringList &words, int min, int max) {
        QStringList out;
        for (const QString &w : words)
            if (w.size() >= min && w.size() <= max)
                out << w;
        return out;
    };
    const QStringList common2 = byLength(common, 2, 2), rare2 = byLength(rare, 2, 2);
    const QStringList common3 = byLength(common, 3, 99), rare3 = byLength(rare, 3, 99);
    const QStringList absent = JapaneseMailGenerator::absentWords();
    const QStringList absent2 = byLength(absent, 2, 2), absent3 = byLength(absent, 3, 99);
    QList<QPair<QString, QStringList>> sets[3]; // [freq]: (kind, terms)
    const auto add = [&](int freq, const QString &kind, const QStringList &words) {
        for (int i = 0; i < std::min<int>(perKind, int(words.size())); ++i)
            sets[freq] << qMakePair(kind, QStringList{words[i]});
    };
    add(0, QStringLiteral("1-char"), JapaneseMailGenerator::commonChars());
    add(1, QStringLiteral("1-char"), JapaneseMailGenerator::rareChars());
    add(2, QStringLiteral("1-char"), JapaneseMailGenerator::absentChars());
    add(0, QStringLiteral("2-char"), common2);
    add(1, QStringLiteral("2-char"), rare2);
    add(2, QStringLiteral("2-char"), absent2);
    add(0, QStringLiteral("3+-char"), common3);
    add(1, QStringLiteral("3+-char"), rare3);
    add(2, QStringLiteral("3+-char"), absent3);
    // Two words: two common ones; a rare one with a common one.
    const QStringList pool = common2 + common3;
    for (int i = 0; i < perKind; ++i) {
        const QString a = pool[i % pool.size()];
        QString b = pool[(i * 7 + 5) % pool.size()];
        if (b == a)
            b = pool[(i + 1) % pool.size()];
        sets[0] << qMakePair(QStringLiteral("2-word"), QStringList{a, b});
        sets[1] << qMakePair(QStringLiteral("2-word"),
                             QStringList{rare[(i * 3) % rare.size()], pool[i % pool.size()]});
        sets[2] << qMakePair(QStringLiteral("2-word"),
                             QStringList{absent[(i * 3) % absent.size()], pool[i % pool.size()]});
    }
    QList<QueryCase> out;
    const qint64 week = 7 * 86400;
    for (int freq = 0; freq < 3; ++freq) {
        if (!freqs.contains(QString::fromLatin1(kFreqNames[freq])))
            continue;
        int n = 0;
        QString lastKind;
        for (const auto &[kind, terms] : std::as_const(sets[freq])) {
            n = kind == lastKind ? n + 1 : 0;
            lastKind = kind;
            for (int dated = 0; dated < 2; ++dated) {
                QueryCase c{kind, freq, bool(dated), terms, 0, 0};
                if (dated) { // 7-day windows spread over the 90 days
                    c.since = kEnd - kSpan +
                              (kSpan - week) * ((n * 7) % perKind) / std::max(1, perKind - 1);
                    c.until = c.since + week;
                }
                out << c;
            }
        }
    }
    return out;
}

QString caseLabel(const QueryCase &c)
{
    return c.kind + QLatin1Char(' ') + QString::fromLatin1(kFreqNames[c.freq]) +
           (c.dated ? QStringLiteral(" 7-day") : QString());
}

// ---- ingest -----------------------------------------------------------------

struct IngestFigures {
    double generateSeconds = 0, commitSeconds = 0, flushSeconds = 0, indexSeconds = 0;
    double decodeSeconds = 0, trigramSeconds = 0;
    qint64 rawBytes = 0, iso = 0, attachments = 0, sent = 0;
};

// The message `i` of the run and its time: in time order, message i in the
// i-th slice of the 90 days.
qint64 messageTime(const Options &o, qint64 i)
{
    Rng jitter(o.seed ^ (std::uint64_t(i) * 0x9e3779b97f4a7c15ULL));
    const qint64 slot = kSpan * 1000 / o.messages; // ms
    return kEnd - kSpan + (i * kSpan * 1000 / o.messages + qint64(jitter.uniform() * slot)) / 1000;
}

// Generates the batch starting at `first`.
std::vector<GeneratedMail> generate(const Options &o, const JapaneseMailGenerator &gen,
                                    qint64 first, qint64 n, std::vector<qint64> &times,
                                    IngestFigures &f)
{
    QElapsedTimer t;
    t.start();
    std::vector<GeneratedMail> mails;
    mails.reserve(std::size_t(n));
    times.clear();
    for (qint64 i = first; i < first + n; ++i) {
        times.push_back(messageTime(o, i));
        mails.push_back(gen.message(std::uint64_t(i), times.back()));
    }
    f.generateSeconds += t.nsecsElapsed() / 1e9;
    return mails;
}

// The archive: every message through ArchiveJob (committed in batches, as a
// delivery's commit would), the journal flushed to files, then indexed.
// Entry ids are 1..N in a fresh database: the baselines use the same ids.
void ingestArchive(const Options &o, const Database &db, const ArchiveStore &store,
                   IngestFigures &f)
{
    JapaneseMailGenerator gen(o.seed);
    AccountStore accounts(db);
    check(accounts.addDomain(JapaneseMailGenerator::localDomain()), "addDomain");
    for (const LocalAccount &a : gen.accounts()) {
        Account acc;
        acc.address = a.address;
        acc.displayName = a.displayName;
        acc.maildir =
            JapaneseMailGenerator::localDomain() + QLatin1Char('/') + a.address.section(u'@', 0, 0);
        check(accounts.add(acc), "account add");
    }
    if (o.sample > 0)
        QDir().mkpath(o.dir + QStringLiteral("/sample"));

    QElapsedTimer total, t;
    total.start();
    qint64 lastReport = 0, idMismatches = 0;
    std::vector<qint64> times;
    for (qint64 first = 0; first < o.messages; first += o.batch) {
        const qint64 n = std::min<qint64>(o.batch, o.messages - first);
        const std::vector<GeneratedMail> mails = generate(o, gen, first, n, times, f);
        QList<std::shared_ptr<StoreJob>> jobs;
        QList<ArchiveJob *> archiveJobs;
        for (std::size_t i = 0; i < mails.size(); ++i) {
            const GeneratedMail &m = mails[i];
            ArchiveRecord r;
            r.direction = m.sent ? ArchiveDirection::Sent : ArchiveDirection::Received;
            r.sender = m.sender;
            r.recipients = m.recipients;
            for (int a : m.accountIndexes)
                r.accounts << gen.accounts()[a].address;
            r.receivedAt = times[i];
            r.trackingId = QStringLiteral("bench-%1").arg(first + qint64(i));
            auto job = std::make_shared<ArchiveJob>(r, m.raw);
            archiveJobs << job.get();
            jobs << job;
            f.rawBytes += m.raw.size();
            f.iso += m.iso2022jp;
            f.attachments += m.hasAttachment;
            f.sent += m.sent;
            if (first + qint64(i) < o.sample) {
                QFile out(o.dir + QStringLiteral("/sample/%1.eml").arg(first + qint64(i)));
                if (out.open(QIODevice::WriteOnly))
                    out.write(m.raw);
            }
        }
        t.start();
        CompositeJob batch(jobs);
        check(runStoreJobNow(db, batch), "archive commit");
        f.commitSeconds += t.nsecsElapsed() / 1e9;
        for (qsizetype i = 0; i < archiveJobs.size(); ++i)
            idMismatches += archiveJobs[i]->entryId() != first + i + 1;
        t.start();
        for (; o.flush;) { // the journal to files, as the server does after its commits
            const int moved = check(store.flushJournal(o.batch), "flushJournal");
            if (moved == 0)
                break;
        }
        f.flushSeconds += t.nsecsElapsed() / 1e9;
        if (first + n - lastReport >= std::max<qint64>(o.messages / 20, 1) ||
            first + n == o.messages) {
            lastReport = first + n;
            progress("archived", first + n, o.messages, total.nsecsElapsed() / 1e9);
        }
    }
    if (idMismatches)
        std::printf("  warning: %lld entry ids are not 1..N: the engines' pages are not "
                    "comparable\n",
                    (long long)idMismatches);

    t.start();
    QElapsedTimer report;
    report.start();
    qint64 indexed = 0;
    for (;;) {
        const int k = check(store.indexPending(10000), "indexPending");
        if (k == 0)
            break;
        indexed += k;
        if (report.elapsed() > 30000) {
            progress("indexed", indexed, o.messages, t.nsecsElapsed() / 1e9);
            report.restart();
        }
    }
    f.indexSeconds = t.nsecsElapsed() / 1e9;
    progress("indexed", indexed, o.messages, f.indexSeconds);
}

// The baselines: each message decoded as the archive decodes it, folded,
// kept for the plain scan and put in the trigram table, ids 1..N.
void ingestBaselines(const Options &o, TrigramEngine &trigram, ScanEngine &scan, IngestFigures &f)
{
    JapaneseMailGenerator gen(o.seed);
    QElapsedTimer total, t;
    total.start();
    qint64 lastReport = 0;
    std::vector<qint64> times;
    for (qint64 first = 0; first < o.messages; first += o.batch) {
        const qint64 n = std::min<qint64>(o.batch, o.messages - first);
        const std::vector<GeneratedMail> mails = generate(o, gen, first, n, times, f);
        t.start();
        std::vector<std::pair<qint64, QString>> rows;
        rows.reserve(mails.size());
        for (std::size_t i = 0; i < mails.size(); ++i) {
            const qint64 id = first + qint64(i) + 1;
            QString text = searchText(mails[i].raw);
            scan.ids.push_back(id);
            scan.times.push_back(times[i]);
            scan.texts.push_back(text.toUtf8());
            rows.emplace_back(id, std::move(text));
        }
        f.decodeSeconds += t.nsecsElapsed() / 1e9;
        t.start();
        trigram.insert(rows, times);
        f.trigramSeconds += t.nsecsElapsed() / 1e9;
        if (first + n - lastReport >= std::max<qint64>(o.messages / 20, 1) ||
            first + n == o.messages) {
            lastReport = first + n;
            progress("baselines", first + n, o.messages, total.nsecsElapsed() / 1e9);
        }
    }
}

// ---- search -----------------------------------------------------------------

struct Timing {
    std::vector<double> perQueryMedianMs; // one per query: the median of its runs
    qint64 hits = 0;                      // on the first page, summed over queries
    int mismatches = 0;                   // queries whose first page differs from the scan's
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The mail archive's ingest, size and search "
                                               "figures on generated Japanese business mail."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("dir"), QStringLiteral("data dir to create (or reuse)"),
         QStringLiteral("D")},
        {QStringLiteral("messages"), QStringLiteral("messages to generate"), QStringLiteral("N"),
         QStringLiteral("10000")},
        {QStringLiteral("runs"), QStringLiteral("runs of each query"), QStringLiteral("R"),
         QStringLiteral("5")},
        {QStringLiteral("seed"), QStringLiteral("generator seed"), QStringLiteral("S"),
         QStringLiteral("15")},
        {QStringLiteral("queries"), QStringLiteral("queries per kind"), QStringLiteral("Q"),
         QStringLiteral("20")},
        {QStringLiteral("batch"), QStringLiteral("messages per archiving commit"),
         QStringLiteral("B"), QStringLiteral("500")},
        {QStringLiteral("phases"),
         QStringLiteral("what to do, of archive (ingest), baselines (ingest), search; a phase "
                        "left out finds its data in D"),
         QStringLiteral("LIST"), QStringLiteral("archive,baselines,search")},
        {QStringLiteral("sample"), QStringLiteral("also write the first K messages to D/sample"),
         QStringLiteral("K"), QStringLiteral("0")},
        {QStringLiteral("freqs"),
         QStringLiteral("query words by frequency: common (in most messages), rare (in about 1 "
                        "in 1,700), absent (in none)"),
         QStringLiteral("LIST"), QStringLiteral("common,rare,absent")},
        {QStringLiteral("no-flush"),
         QStringLiteral("leave the contents in the journal (no file and fsync per message)")},
        {QStringLiteral("budget"),
         QStringLiteral("seconds of runs per query and engine before the rest are skipped"),
         QStringLiteral("SECONDS"), QStringLiteral("15")},
        {QStringLiteral("write-samples"),
         QStringLiteral("only write --messages generated messages to DIR as .eml"),
         QStringLiteral("DIR")},
    });
    p.process(app);
    Options o;
    if (p.isSet(QStringLiteral("write-samples"))) {
        const QString out = p.value(QStringLiteral("write-samples"));
        QDir().mkpath(out);
        const qint64 n = p.value(QStringLiteral("messages")).toLongLong();
        const JapaneseMailGenerator gen(p.value(QStringLiteral("seed")).toULongLong());
        for (qint64 i = 0; i < n; ++i) {
            QFile f(out + QStringLiteral("/%1.eml").arg(i, 6, 10, QLatin1Char('0')));
            if (!f.open(QIODevice::WriteOnly))
                die(f.fileName() + QStringLiteral(": ") + f.errorString());
            f.write(gen.message(std::uint64_t(i), kEnd - kSpan + i * kSpan / std::max<qint64>(n, 1))
                        .raw);
        }
        return 0;
    }
    o.dir = p.value(QStringLiteral("dir"));
    if (o.dir.isEmpty())
        die(QStringLiteral("--dir is required"));
    o.messages = p.value(QStringLiteral("messages")).toLongLong();
    o.runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    o.seed = p.value(QStringLiteral("seed")).toULongLong();
    o.queries = std::max(1, p.value(QStringLiteral("queries")).toInt());
    o.batch = std::max(1, p.value(QStringLiteral("batch")).toInt());
    o.phases = p.value(QStringLiteral("phases")).split(u',', Qt::SkipEmptyParts);
    o.sample = p.value(QStringLiteral("sample")).toInt();
    o.budget = p.value(QStringLiteral("budget")).toDouble();
    o.flush = !p.isSet(QStringLiteral("no-flush"));
    o.freqs = p.value(QStringLiteral("freqs")).split(u',', Qt::SkipEmptyParts);

    if (o.phases.contains(QStringLiteral("archive")) &&
        QFileInfo::exists(o.dir + QStringLiteral("/fumibako.db")))
        die(o.dir + QStringLiteral(" already holds an archive (leave out the archive phase, or "
                                   "remove it)"));
    if (o.phases.contains(QStringLiteral("baselines")) &&
        QFileInfo::exists(o.dir + QStringLiteral("/trigram.db")))
        die(o.dir + QStringLiteral(" already holds the baselines (leave out the baselines phase, "
                                   "or remove trigram.db)"));
    QDir().mkpath(o.dir + QStringLiteral("/archive"));
    const QString dbPath = o.dir + QStringLiteral("/fumibako.db");
    const QString trigramPath = o.dir + QStringLiteral("/trigram.db");
    // Only the baselines: no archive database (an archive phase later makes it).
    const bool archiveToo =
        o.phases.contains(QStringLiteral("archive")) || o.phases.contains(QStringLiteral("search"));
    std::unique_ptr<Database> database;
    std::unique_ptr<ArchiveStore> archiveStore;
    if (archiveToo) {
        database = std::make_unique<Database>(dbPath);
        check(database->migrate(), "migrate");
        archiveStore =
            std::make_unique<ArchiveStore>(*database, o.dir + QStringLiteral("/archive"));
    }
    TrigramEngine trigram(trigramPath);
    ScanEngine scan;

    QString sqliteVersion = QStringLiteral("?");
    if (database)
        if (auto v = database->exec(QStringLiteral("SELECT sqlite_version()")); v && v->next())
            sqliteVersion = v->value(0).toString();
    std::printf("archivebench: %lld messages, seed %llu, %d runs per query, %d queries per "
                "kind, SQLite %s\n",
                (long long)o.messages, (unsigned long long)o.seed, o.runs, o.queries,
                qPrintable(sqliteVersion));
    std::fflush(stdout);

    IngestFigures f;
    const double n = double(o.messages);
    if (o.phases.contains(QStringLiteral("archive"))) {
        ingestArchive(o, *database, *archiveStore, f);
        std::printf("\n== archive ingest (%lld messages, %.0f %% ISO-2022-JP, %.0f %% with an "
                    "attachment, %.0f %% sent, %.0f bytes each on average)\n",
                    (long long)o.messages, 100.0 * f.iso / n, 100.0 * f.attachments / n,
                    100.0 * f.sent / n, f.rawBytes / n);
        std::printf("  generate                 %9.0f msg/s   (%.1f s; the generator, not "
                    "counted below)\n",
                    n / f.generateSeconds, f.generateSeconds);
        std::printf("  archive commits          %9.0f msg/s   (%.1f s; ArchiveJob x %d in one "
                    "CompositeJob, runStoreJobNow)\n",
                    n / f.commitSeconds, f.commitSeconds, o.batch);
        if (o.flush) {
            std::printf("  journal to files         %9.0f msg/s   (%.1f s; flushJournal after each "
                        "commit)\n",
                        n / f.flushSeconds, f.flushSeconds);
            std::printf("  commits + journal        %9.0f msg/s\n",
                        n / (f.commitSeconds + f.flushSeconds));
        } else {
            std::printf(
                "  journal to files         (--no-flush: the contents stay in the journal)\n");
        }
        std::printf("  indexPending             %9.0f msg/s   (%.1f s; decode + tokens + FTS5)\n",
                    n / f.indexSeconds, f.indexSeconds);
        std::fflush(stdout);
    }
    if (o.phases.contains(QStringLiteral("baselines"))) {
        IngestFigures b;
        ingestBaselines(o, trigram, scan, b);
        std::printf("\n== baseline ingest (%lld messages)\n", (long long)o.messages);
        std::printf("  decode + fold            %9.0f msg/s   (%.1f s; messagePreview + "
                    "foldForSearch)\n",
                    n / b.decodeSeconds, b.decodeSeconds);
        std::printf("  FTS5 trigram insert      %9.0f msg/s   (%.1f s; synchronous=NORMAL, "
                    "batches of %d)\n",
                    n / b.trigramSeconds, b.trigramSeconds, o.batch);
        std::fflush(stdout);
    } else {
        trigram.load(scan.ids, scan.times, scan.texts);
        std::printf("baselines from %s: %zu texts\n", qPrintable(trigramPath), scan.texts.size());
    }
    // Sizes.
    {
        // A checkpoint first, so the database file holds what the WAL did.
        if (database)
            (void)database->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        trigram.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const ArchiveUsage u =
            archiveStore ? check(archiveStore->usage(), "usage") : ArchiveUsage{};
        const double e = double(u.entries > 0 ? u.entries : qint64(scan.texts.size()));
        qint64 scanBytes = 0;
        for (const QByteArray &t : scan.texts)
            scanBytes += t.size();
        const qint64 dbBytes = fileSize(dbPath) + fileSize(dbPath + QStringLiteral("-wal"));
        std::printf("\n== size (%lld entries, %lld contents, %lld pending)\n", (long long)u.entries,
                    (long long)u.messages, (long long)u.pending);
        std::printf("  usage().indexBytes / entry        %8.0f bytes\n", u.indexBytes / e);
        std::printf("  database file / entry             %8.0f bytes   (%.1f MB; entries, FTS5, "
                    "everything)\n",
                    dbBytes / e, dbBytes / 1e6);
        qint64 journalBytes = 0;
        if (database)
            if (auto j = database->exec(
                    QStringLiteral("SELECT coalesce(sum(length(data)), 0) FROM archive_journal"));
                j && j->next())
                journalBytes = j->value(0).toLongLong();
        if (journalBytes)
            std::printf("    of which journal / entry        %8.0f bytes   (contents not yet in "
                        "files)\n",
                        journalBytes / e);
        std::printf("  usage().storedBytes / entry       %8.0f bytes   (compressed messages; "
                    "archive/ on disk: %.1f MB)\n",
                    u.storedBytes / e, treeSize(o.dir + QStringLiteral("/archive")) / 1e6);
        std::printf("  baseline trigram db / entry       %8.0f bytes\n", fileSize(trigramPath) / e);
        std::printf("  baseline folded text / entry      %8.0f bytes   (the plain scan's memory)\n",
                    scanBytes / e);
        std::fflush(stdout);
    }

    if (!o.phases.contains(QStringLiteral("search")))
        return 0;
    const ArchiveStore &store = *archiveStore;

    // Search.
    const QList<QueryCase> cases = queryCases(o.queries, o.freqs);
    const char *const engines[] = {"archive", "trigram", "scan"};
    std::map<QString, Timing> timings[3];
    QStringList labels;
    for (const QueryCase &c : cases)
        if (!labels.contains(caseLabel(c)))
            labels << caseLabel(c);
    QStringList mismatchExamples;
    int shortened[3] = {0, 0, 0}; // runs skipped for the budget
    for (qsizetype qi = 0; qi < cases.size(); ++qi) {
        const QueryCase &c = cases[qi];
        const QString label = caseLabel(c);
        QStringList folded;
        for (const QString &t : c.terms)
            folded << mimetext::foldForSearch(t);
        std::vector<double> runs[3];
        double spent[3] = {0, 0, 0};
        QList<qint64> firstPage[3];
        for (int r = 0; r < o.runs; ++r) {
            for (int e = 0; e < 3; ++e) {
                if (spent[e] > o.budget * 1000) {
                    ++shortened[e];
                    continue;
                }
                QElapsedTimer t;
                t.start();
                QList<qint64> ids;
                if (e == 0) {
                    ArchiveQuery q;
                    q.text = c.terms.join(QLatin1Char(' '));
                    q.since = c.since;
                    q.until = c.until;
                    q.limit = 50;
                    const ArchivePage page = check(store.search(q), "search");
                    for (const ArchiveEntry &entry : page.entries)
                        ids << entry.id;
                } else if (e == 1) {
                    ids = trigram.search(folded, c.since, c.until, 50);
                } else {
                    ids = scan.search(folded, c.since, c.until, 50);
                }
                runs[e].push_back(t.nsecsElapsed() / 1e6);
                spent[e] += runs[e].back();
                if (r == 0)
                    firstPage[e] = ids;
            }
        }
        for (int e = 0; e < 3; ++e) {
            Timing &tm = timings[e][label];
            tm.perQueryMedianMs.push_back(median(runs[e]));
            tm.hits += firstPage[e].size();
            if (e < 2 && firstPage[e] != firstPage[2]) {
                ++tm.mismatches;
                if (mismatchExamples.size() < 12)
                    mismatchExamples
                        << QStringLiteral("  %1 [%2] %3: %4 hits, scan %5; first "
                                          "ids %6 vs scan %7")
                               .arg(QString::fromUtf8(engines[e]), label,
                                    c.terms.join(QLatin1Char(' ')))
                               .arg(firstPage[e].size())
                               .arg(firstPage[2].size())
                               .arg(firstPage[e].isEmpty() ? QStringLiteral("-")
                                                           : QString::number(firstPage[e].first()))
                               .arg(firstPage[2].isEmpty() ? QStringLiteral("-")
                                                           : QString::number(firstPage[2].first()));
            }
        }
        std::fprintf(stderr, "  query %lld/%lld %s: archive %.1f, trigram %.1f, scan %.1f ms\n",
                     (long long)qi + 1, (long long)cases.size(), qPrintable(label), median(runs[0]),
                     median(runs[1]), median(runs[2]));
    }

    std::printf("\n== search latency, first page (limit 50), newest first: p50 / p95 ms over "
                "the queries of each kind (each query's median of %d runs)\n",
                o.runs);
    std::printf("%-26s %4s  %17s  %17s  %17s   %s\n", "kind", "n", "archive", "fts5 trigram",
                "plain scan", "hits/page (archive, trigram, scan)");
    for (const QString &label : std::as_const(labels)) {
        const Timing &a = timings[0][label], &tr = timings[1][label], &s = timings[2][label];
        const double n = double(a.perQueryMedianMs.size());
        std::printf("%-26s %4d  %7.1f / %7.1f  %7.1f / %7.1f  %7.1f / %7.1f   %.1f, %.1f, %.1f\n",
                    qPrintable(label), int(n), percentile(a.perQueryMedianMs, 0.5),
                    percentile(a.perQueryMedianMs, 0.95), percentile(tr.perQueryMedianMs, 0.5),
                    percentile(tr.perQueryMedianMs, 0.95), percentile(s.perQueryMedianMs, 0.5),
                    percentile(s.perQueryMedianMs, 0.95), a.hits / n, tr.hits / n, s.hits / n);
    }
    if (shortened[0] || shortened[1] || shortened[2])
        std::printf("  (runs skipped after a query took over %.0f s on an engine: archive %d, "
                    "trigram %d, scan %d)\n",
                    o.budget, shortened[0], shortened[1], shortened[2]);
    std::printf("\n== first pages that differ from the plain scan's (the substring truth)\n");
    for (const QString &label : std::as_const(labels))
        if (timings[0][label].mismatches || timings[1][label].mismatches)
            std::printf("  %-26s archive %d, trigram %d of %zu\n", qPrintable(label),
                        timings[0][label].mismatches, timings[1][label].mismatches,
                        timings[0][label].perQueryMedianMs.size());
    for (const QString &line : std::as_const(mismatchExamples))
        std::printf("%s\n", qPrintable(line));

    // The trigram table's own substring operator on short words (see search()).
    const QString one = JapaneseMailGenerator::commonChars().first();
    const QString two = JapaneseMailGenerator::commonWords().first();
    std::printf("\n  note: on a trigram table LIKE '%%%s%%' gives %d rows and LIKE '%%%s%%' %d "
                "(limit 50; the scan finds %lld and %lld): fewer than 3 characters need "
                "instr(), a full scan\n",
                qPrintable(one), trigram.likeCount(one, 50), qPrintable(two),
                trigram.likeCount(two, 50), (long long)scan.search({one}, 0, 0, 50).size(),
                (long long)scan.search({two}, 0, 0, 50).size());
    return 0;
}
