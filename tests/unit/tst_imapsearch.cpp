// Unit tests of imap/imapsearch and imap/searchtextcache: SEARCH criteria as
// clients send them (RFC 3501 6.4.4, MODSEQ from RFC 7162 3.1.5), read by
// ImapCommandParser and compiled or refused; then tried on real message files
// (ISO-2022-JP, Shift_JIS and EUC-JP bodies, RFC 2047 headers, full- and
// half-width forms) with no cache, with a fresh cache, and again with the files
// out of reach so that the answer has to come from the cache. The expected hits
// come from the samples as written here, not from the code under test.
#include "imap/imapcommandparser.h"
#include "imap/imapsearch.h"
#include "imap/searchtextcache.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace fumibako;

namespace
{

// "\n" to "\r\n": the samples are written with LF for readability, stored with CRLF.
QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

// The criteria of one SEARCH or UID SEARCH command line, as the session hands them
// to ImapSearch::compile (no CHARSET here: the session takes that off first). The
// parser is allowed deeper lists than the server's (16) so that the nesting rows
// reach the compiler's own bound.
std::optional<QList<ImapValue>> criteriaOf(const QByteArray &command)
{
    ImapCommandParser::Limits limits;
    limits.maxDepth = 64;
    ImapCommandParser parser(limits);
    QByteArray input = command + "\r\n";
    if (parser.feed(input) != ImapCommandParser::Status::Complete || !input.isEmpty())
        return std::nullopt;
    const ImapCommand c = parser.take();
    QList<ImapValue> args = c.args;
    if (c.name == "UID") {
        if (args.isEmpty() || args.front().text.toUpper() != "SEARCH")
            return std::nullopt;
        args.removeFirst();
    } else if (c.name != "SEARCH") {
        return std::nullopt;
    }
    return args;
}

// ---- the mailbox: four messages, their files and their index rows ----------------

struct Sample {
    quint32 seq;
    qint64 uid;
    const char *file;
    QByteArray raw;
    qint64 size;
    QDate internalDate;
    qint64 modseq;
    QStringList flags;
    bool recent = false; // \Recent in the searching session (RFC 3501 2.3.2)
};

constexpr quint32 kMessages = 4;
constexpr quint32 kMaxUid = 45;

// From "鈴木 太郎" (UTF-8 B), Subject "お見積りのご依頼" (ISO-2022-JP B),
// body "見積書を添付します。/納期は来週の金曜日です。" in ISO-2022-JP;
// sent at 01:30 +0900 on 4 Apr, which is still 3 Apr in UTC.
const QByteArray kMessage1 = crlf("From: =?UTF-8?B?6Yi05pyoIOWkqumDjg==?= <suzuki@example.co.jp>\n"
                                  "To: tanaka@example.jp\n"
                                  "Subject: =?ISO-2022-JP?B?GyRCJCo4K0BRJGokTiQ0ME1NahsoQg==?=\n"
                                  "Date: Tue, 4 Apr 2023 01:30:00 +0900\n"
                                  "Message-ID: <m1@example.co.jp>\n"
                                  "MIME-Version: 1.0\n"
                                  "Content-Type: text/plain; charset=ISO-2022-JP\n"
                                  "Content-Transfer-Encoding: 7bit\n"
                                  "\n"
                                  "\x1b$B8+@Q=q$rE:IU$7$^$9!#\x1b(B\n"
                                  "\x1b$BG<4|$OMh=5$N6bMKF|$G$9!#\x1b(B\n");

// Subject "Quarterly ＡＢＣ report" (full-width in a UTF-8 B word), a Cc, an
// X-Priority; half-width ｶﾀｶﾅ and ｶﾞｲﾄﾞ in a UTF-8 body; a Date without a
// weekday, with a comment, at -0800 (1 Apr in UTC).
const QByteArray kMessage2 = crlf("From: Alice Example <alice@example.com>\n"
                                  "To: suzuki@example.co.jp\n"
                                  "Cc: Bob <bob@example.org>\n"
                                  "Subject: Quarterly =?UTF-8?B?77yh77yi77yj?= report\n"
                                  "Date: 31 Mar 2023 23:59:59 -0800 (PST)\n"
                                  "X-Priority: 1\n"
                                  "MIME-Version: 1.0\n"
                                  "Content-Type: text/plain; charset=UTF-8\n"
                                  "Content-Transfer-Encoding: 8bit\n"
                                  "\n"
                                  "Please check the ｶﾀｶﾅ list and the ｶﾞｲﾄﾞ before Friday.\n");

// From "佐藤" (ISO-2022-JP B), To "経理部" (UTF-8 B), a Bcc, Subject
// "請求書の送付" (UTF-8 Q), no Date; multipart with a Shift_JIS base64 part
// "カタカナの請求書です。合計 12,000 円".
const QByteArray kMessage3 =
    crlf("From: =?ISO-2022-JP?B?GyRCOjRGIxsoQg==?= <sato@example.jp>\n"
         "To: =?UTF-8?B?57WM55CG6YOo?= <keiri@example.jp>\n"
         "Bcc: audit@example.jp\n"
         "Subject: =?UTF-8?Q?=E8=AB=8B=E6=B1=82=E6=9B=B8=E3=81=AE=E9=80=81=E4=BB=98?=\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"b3\"\n"
         "\n"
         "--b3\n"
         "Content-Type: text/plain; charset=Shift_JIS\n"
         "Content-Transfer-Encoding: base64\n"
         "\n"
         "g0qDXoNKg2mCzJC/i4GPkYLFgreBQo2HjHYgMTIsMDAwIIl+DQo=\n"
         "--b3--\n");

// Plain ASCII headers ("Nils" for the NIL rows); EUC-JP body
// "明日のランチは１２時からです。" with full-width digits.
const QByteArray kMessage4 =
    crlf("From: \"Tanaka\" <tanaka@example.jp>\n"
         "To: alice@example.com\n"
         "Subject: Re: lunch with Nils\n"
         "Date: Mon, 10 Apr 2023 09:00:00 +0000\n"
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=EUC-JP\n"
         "Content-Transfer-Encoding: 8bit\n"
         "\n"
         "\xcc\xc0\xc6\xfc\xa4\xce\xa5\xe9\xa5\xf3\xa5\xc1\xa4\xcf\xa3\xb1\xa3\xb2\xbb\xfe"
         "\xa4\xab\xa4\xe9\xa4\xc7\xa4\xb9\xa1\xa3\n");

const QList<Sample> &samples()
{
    // seq, uid, file, contents, size, internal date, modseq, flags, recent
    // clang-format off
    static const QList<Sample> all = {
        {1, 10, "cur/1680000001.M1.fumibako:2,S", kMessage1, 1200, QDate(2023, 4, 4), 100,
         {QStringLiteral("\\Seen")}, true},
        {2, 20, "cur/1680000002.M2.fumibako:2,FR", kMessage2, 3000, QDate(2023, 3, 31), 250,
         {QStringLiteral("\\Answered"), QStringLiteral("\\Flagged"), QStringLiteral("$Label1")}, true},
        {3, 30, "cur/1680000003.M3.fumibako:2,DT", kMessage3, 500, QDate(2023, 4, 10), 400,
         {QStringLiteral("\\Deleted"), QStringLiteral("\\Draft")}},
        {4, 45, "cur/1680000004.M4.fumibako:2,", kMessage4, 2048, QDate(2023, 4, 12), 50,
         {QStringLiteral("$label1")}},
    };
    // clang-format on
    return all;
}

// The internal date at noon local time, so that its date is the same in any time zone
// the test runs in (BEFORE/ON/SINCE compare dates, RFC 3501 6.4.4).
qint64 internalSecs(const Sample &s)
{
    return QDateTime(s.internalDate, QTime(12, 0)).toSecsSinceEpoch();
}

enum class Text { Given, Absent };

// The message numbers of the samples `search` matches, as "1 3".
QString hits(const ImapSearch &search, SearchTextCache *cache, const QString &root,
             Text text = Text::Given)
{
    QStringList out;
    SearchTextCache::Search texts(cache, 1, 1);
    for (const Sample &s : samples()) {
        const QString file = QString::fromLatin1(s.file);
        MessageSearchText messageText(texts, s.uid, file, root);
        const ImapSearch::Candidate c{.seq = s.seq,
                                      .uid = s.uid,
                                      .size = s.size,
                                      .internalDate = internalSecs(s),
                                      .modseq = s.modseq,
                                      .flags = &s.flags,
                                      .text = text == Text::Given ? &messageText : nullptr,
                                      .recent = s.recent};
        if (search.matches(c))
            out << QString::number(s.seq);
    }
    return out.join(QLatin1Char(' '));
}

// "a SEARCH " + `op` n times + `first` + `each` n times.
QByteArray chain(const QByteArray &op, int n, const QByteArray &first, const QByteArray &each)
{
    return "a SEARCH " + op.repeated(n) + first + each.repeated(n);
}

} // namespace

class TestImapSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_root; // the Maildir with the samples
    QString m_gone; // a Maildir with none of them: only a cache can answer there

private Q_SLOTS:
    void initTestCase();
    void compile_data();
    void compile();
    void matches_data();
    void matches();
    void missingFilesNeedTheCache();
    void cacheKeepsTheMailboxesSearchedLast();
    void cacheKeepsTheWholeText();
    void andOrder_data();
    void andOrder();
    void longChains_data();
    void longChains();
};

void TestImapSearch::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = m_tmp.filePath(QStringLiteral("Maildir"));
    m_gone = m_tmp.filePath(QStringLiteral("Gone"));
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/cur")));
    for (const Sample &s : samples()) {
        QFile f(m_root + QLatin1Char('/') + QString::fromLatin1(s.file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(s.raw), s.raw.size());
    }
}

// ---- compile: what parses, what is refused, and what the result says of itself ----

void TestImapSearch::compile_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<quint32>("messages");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("readsText");
    QTest::addColumn<bool>("usesModseq");

    // Valid criteria in a mailbox of kMessages messages, UIDs up to kMaxUid.
    auto valid = [](const char *name, const QByteArray &command, bool readsText,
                    bool usesModseq = false) {
        QTest::newRow(name) << command << kMessages << true << readsText << usesModseq;
    };
    auto invalid = [](const char *name, const QByteArray &command, quint32 messages = kMessages) {
        QTest::newRow(name) << command << messages << false << false << false;
    };
    auto nested = [](int depth, const QByteArray &inner) {
        return "a SEARCH " + QByteArray(depth, '(') + inner + QByteArray(depth, ')');
    };

    // flags (RFC 3501 6.4.4); keys are case-insensitive
    valid("system flags set", "a SEARCH ANSWERED DELETED DRAFT FLAGGED SEEN", false);
    valid("system flags clear", "a SEARCH UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNSEEN", false);
    valid("ALL NEW OLD RECENT", "a SEARCH ALL NEW OLD RECENT", false);
    valid("lower-case keys", "a search unseen undeleted", false);
    valid("KEYWORD UNKEYWORD", "a SEARCH KEYWORD $Label1 UNKEYWORD $Junk", false);
    // sizes
    valid("LARGER SMALLER", "a SEARCH LARGER 1024 SMALLER 4294967295", false);
    valid("LARGER 0", "a SEARCH LARGER 0", false);
    // UID sets; '*' is the last UID, a range past it still names the last message
    valid("UID 1:*", "a UID SEARCH UID 1:*", false);
    valid("UID list with star", "a UID SEARCH UID 20,30:*", false);
    valid("UID star", "a SEARCH UID *", false);
    valid("UID past the last", "a UID SEARCH UID 100:*", false);
    valid("UID largest number", "a UID SEARCH UID 4294967295", false);
    // message-number sets
    valid("seq 1:*", "a SEARCH 1:*", false);
    valid("seq list", "a SEARCH 2,4", false);
    valid("seq star", "a SEARCH *", false);
    valid("seq reversed range", "a SEARCH 4:2", false);
    valid("seq last number", "a SEARCH 4", false);
    // dates: date-day 1*2DIGIT, month any case, optionally quoted (RFC 3501 9)
    valid("BEFORE", "a SEARCH BEFORE 1-Feb-1994", false);
    valid("ON two-digit day", "a SEARCH ON 01-Feb-1994", false);
    valid("SINCE quoted", "a SEARCH SINCE \"1-Feb-1994\"", false);
    valid("SINCE lower-case month", "a SEARCH SINCE 1-feb-1994", false);
    valid("SINCE leap day", "a SEARCH SINCE 29-Feb-2024", false);
    valid("SENTBEFORE", "a SEARCH SENTBEFORE 1-Feb-1994", true);
    valid("SENTON", "a SEARCH SENTON 31-Dec-2023", true);
    valid("SENTSINCE", "a SEARCH SENTSINCE 1-JAN-2000", true);
    // strings: atom, quoted, literal, empty
    valid("FROM quoted UTF-8", "a SEARCH FROM \"鈴木\"", true);
    valid("TO atom", "a SEARCH TO suzuki@example.co.jp", true);
    valid("CC empty", "a SEARCH CC \"\"", true);
    valid("BCC", "a SEARCH BCC audit", true);
    valid("SUBJECT literal+", "a SEARCH SUBJECT {6+}\r\n見積", true);
    valid("HEADER", "a SEARCH HEADER X-Priority 1", true);
    valid("HEADER empty value", "a SEARCH HEADER \"Message-ID\" \"\"", true);
    valid("BODY", "a SEARCH BODY \"ｶﾀｶﾅ\"", true);
    valid("TEXT", "a SEARCH TEXT \"ＡＢＣ\"", true);
    // NOT, OR, lists; a text key anywhere makes the search read text
    valid("NOT flag", "a SEARCH NOT SEEN", false);
    valid("NOT NOT", "a SEARCH NOT NOT SEEN", false);
    valid("NOT text", "a SEARCH NOT BODY x", true);
    valid("OR flags", "a SEARCH OR SEEN FLAGGED", false);
    valid("OR text second", "a SEARCH OR SEEN SUBJECT x", true);
    valid("OR text first", "a SEARCH OR TEXT x UID 1:*", true);
    valid("OR of OR", "a SEARCH OR OR SEEN FLAGGED DRAFT", false);
    valid("OR of lists", "a SEARCH OR (SEEN LARGER 10) (DELETED SMALLER 10)", false);
    valid("list", "a SEARCH (SEEN)", false);
    valid("lists side by side", "a SEARCH (SEEN) (UNDELETED 1:2)", false);
    valid("text deep in lists under NOT and OR",
          "a SEARCH SEEN (NOT (OR DRAFT ((SENTON 1-Jan-2024))))", true);
    valid("16 nested lists", nested(16, "SEEN"), false);
    valid("16 nested lists around text", nested(16, "BODY x"), true);
    valid("brief's example, strings quoted",
          "a UID SEARCH OR FROM \"鈴木\" SUBJECT \"見積\" UNSEEN", true);
    // MODSEQ with and without entry-name entry-type-req (RFC 7162 3.1.5)
    valid("MODSEQ", "a SEARCH MODSEQ 620162338", false, true);
    valid("MODSEQ zero", "a SEARCH MODSEQ 0", false, true);
    valid("MODSEQ 2^63-1", "a SEARCH MODSEQ 9223372036854775807", false, true);
    valid("MODSEQ entry all", "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338", false, true);
    valid("MODSEQ entry priv", "a SEARCH MODSEQ \"/flags/\\\\seen\" priv 5 SEEN", false, true);
    valid("MODSEQ entry shared", "a SEARCH MODSEQ \"/flags/$label1\" shared 5", false, true);
    valid("MODSEQ under OR", "a SEARCH OR SEEN MODSEQ 5", false, true);
    valid("MODSEQ under NOT in a list", "a SEARCH (NOT MODSEQ 5) FROM x", true, true);

    // missing arguments
    invalid("FROM without string", "a SEARCH FROM");
    invalid("SUBJECT without string", "a SEARCH SUBJECT");
    invalid("BODY without string", "a SEARCH BODY");
    invalid("TEXT without string", "a SEARCH TEXT");
    invalid("HEADER without string", "a SEARCH HEADER Subject");
    invalid("HEADER alone", "a SEARCH HEADER");
    invalid("KEYWORD alone", "a SEARCH KEYWORD");
    invalid("UNKEYWORD alone", "a SEARCH UNKEYWORD");
    invalid("LARGER alone", "a SEARCH LARGER");
    invalid("SMALLER alone", "a SEARCH SMALLER");
    invalid("UID alone", "a SEARCH UID");
    invalid("BEFORE alone", "a SEARCH BEFORE");
    invalid("SENTON alone", "a SEARCH SENTON");
    invalid("NOT alone", "a SEARCH NOT");
    invalid("OR with one key", "a SEARCH OR SEEN");
    invalid("OR alone", "a SEARCH OR");
    invalid("MODSEQ alone", "a SEARCH MODSEQ");
    invalid("MODSEQ entry without value", "a SEARCH MODSEQ \"/flags/\\\\seen\" all");
    invalid("MODSEQ entry without type", "a SEARCH MODSEQ \"/flags/\\\\seen\" 5");
    invalid("a list where a string goes", "a SEARCH FROM (alice)");
    // unknown keys, keys that are not atoms
    invalid("unknown key", "a SEARCH FOO");
    invalid("unknown key after a good one", "a SEARCH UNSEEN BOGUS");
    invalid("key with a suffix", "a SEARCH SEENX");
    invalid("key quoted", "a SEARCH \"SEEN\"");
    invalid("key NIL", "a SEARCH NIL");
    // bad dates
    invalid("ISO date", "a SEARCH SINCE 2023-04-01");
    invalid("day 32", "a SEARCH SINCE 32-Jan-2023");
    invalid("29 Feb of a common year", "a SEARCH ON 29-Feb-2023");
    invalid("unknown month", "a SEARCH BEFORE 1-Foo-2023");
    invalid("two-digit year", "a SEARCH SINCE 1-Feb-94");
    invalid("three-digit day", "a SEARCH SINCE 001-Feb-1994");
    invalid("trailing junk", "a SEARCH SENTSINCE 1-Feb-1994x");
    invalid("empty date", "a SEARCH SENTBEFORE \"\"");
    // RFC 3501 9 makes a number past the last invalid ("... a message sequence number
    // greater than the number of messages in the selected mailbox. This includes "*" if
    // the selected mailbox is empty."), but as Dovecot (imaptest's esearch group:
    // SEARCH RETURN () 1000) such numbers only match nothing; 0 never parses.
    valid("number past the last", "a SEARCH 5", false);
    valid("range past the last", "a SEARCH 2:5", false);
    valid("list with one past the last", "a SEARCH 1,5", false);
    valid("range from past the last to star", "a SEARCH 5:*", false);
    invalid("zero", "a SEARCH 0");
    invalid("zero in a range", "a SEARCH 0:2");
    QTest::newRow("number in an empty mailbox")
        << QByteArray("a SEARCH 1") << quint32(0) << true << false << false;
    QTest::newRow("star in an empty mailbox")
        << QByteArray("a SEARCH *") << quint32(0) << true << false << false;
    // bad UID sets
    invalid("UID zero", "a UID SEARCH UID 0");
    invalid("UID not a number", "a UID SEARCH UID 1:x");
    invalid("UID empty element", "a UID SEARCH UID 1,,2");
    invalid("UID over 32 bits", "a UID SEARCH UID 4294967296");
    // empty lists
    invalid("empty list", "a SEARCH ()");
    invalid("empty list after a key", "a SEARCH SEEN ()");
    invalid("NOT empty list", "a SEARCH NOT ()");
    invalid("OR with an empty list", "a SEARCH OR () SEEN");
    // nesting: 16 lists are fine (above), 17 are not
    invalid("17 nested lists", nested(17, "SEEN"));
    invalid("17 nested lists inside OR", "a SEARCH OR SEEN" + nested(17, "DRAFT").mid(8));
    // LARGER/SMALLER take a number (RFC 3501 9: 32-bit, digits only)
    invalid("LARGER with a unit", "a SEARCH LARGER 12k");
    invalid("LARGER negative", "a SEARCH LARGER -1");
    invalid("LARGER exponent", "a SEARCH LARGER 1e3");
    invalid("LARGER hex", "a SEARCH LARGER 0x10");
    invalid("SMALLER empty", "a SEARCH SMALLER \"\"");
    invalid("SMALLER a list", "a SEARCH SMALLER (10)");
    invalid("LARGER over 32 bits", "a SEARCH LARGER 4294967296");
    // MODSEQ value: mod-sequence-valzer, 0 to 2^63-1
    invalid("MODSEQ negative", "a SEARCH MODSEQ -1");
    invalid("MODSEQ over 63 bits", "a SEARCH MODSEQ 9223372036854775808");
    invalid("MODSEQ not a number", "a SEARCH MODSEQ abc");
    // entry-type-req = "priv" / "shared" / "all" (RFC 7162 7)
    invalid("MODSEQ unknown entry type", "a SEARCH MODSEQ \"/flags/\\\\draft\" bogus 620162338");
    invalid("MODSEQ entry without type, a number after", "a SEARCH MODSEQ \"/flags/\\\\seen\" 5 3");
}

void TestImapSearch::compile()
{
    QFETCH(QByteArray, command);
    QFETCH(quint32, messages);
    QFETCH(bool, valid);
    QFETCH(bool, readsText);
    QFETCH(bool, usesModseq);

    const auto criteria = criteriaOf(command);
    QVERIFY2(criteria, "the command parser refused the line");
    const auto search = ImapSearch::compile(*criteria, messages, messages ? kMaxUid : 0);
    QCOMPARE(search.has_value(), valid);
    if (!search)
        return;
    QCOMPARE(search->readsText(), readsText);
    QCOMPARE(search->usesModseq(), usesModseq);
}

// ---- matches: which samples each key finds ------------------------------------

void TestImapSearch::matches_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QString>("expected"); // message numbers
    QTest::addColumn<bool>("fromCache");   // a second search needs no file

    // fromCache is false for HEADER on a field the cache does not keep: those are
    // read from the file each time (SearchTextCache keeps from/to/cc/bcc/subject).
    auto row = [](const char *name, const QByteArray &command, const char *expected,
                  bool fromCache = true) {
        QTest::newRow(name) << command << QString::fromUtf8(expected) << fromCache;
    };

    // flags; 1 and 2 are \Recent, and of those 2 is unseen: NEW is recent and unseen,
    // OLD not recent (RFC 3501 6.4.4)
    row("SEEN", "a SEARCH SEEN", "1");
    row("UNSEEN", "a SEARCH UNSEEN", "2 3 4");
    row("ANSWERED", "a SEARCH ANSWERED", "2");
    row("UNANSWERED", "a SEARCH UNANSWERED", "1 3 4");
    row("DELETED", "a SEARCH DELETED", "3");
    row("UNDELETED", "a SEARCH UNDELETED", "1 2 4");
    row("DRAFT", "a SEARCH DRAFT", "3");
    row("UNDRAFT", "a SEARCH UNDRAFT", "1 2 4");
    row("FLAGGED", "a SEARCH FLAGGED", "2");
    row("UNFLAGGED", "a SEARCH UNFLAGGED", "1 3 4");
    row("ALL", "a SEARCH ALL", "1 2 3 4");
    row("OLD", "a SEARCH OLD", "3 4");
    row("NEW", "a SEARCH NEW", "2");
    row("RECENT", "a SEARCH RECENT", "1 2");
    row("NOT NEW", "a SEARCH NOT NEW", "1 3 4");
    row("lower-case key", "a search seen", "1");
    // keywords compare without regard to case
    row("KEYWORD", "a SEARCH KEYWORD $Label1", "2 4");
    row("KEYWORD other case", "a SEARCH KEYWORD $LABEL1", "2 4");
    row("UNKEYWORD", "a SEARCH UNKEYWORD $label1", "1 3");
    row("KEYWORD nobody has", "a SEARCH KEYWORD $Junk", "");
    // sizes: strictly larger, strictly smaller
    row("LARGER equal size excluded", "a SEARCH LARGER 1200", "2 4");
    row("LARGER one less", "a SEARCH LARGER 1199", "1 2 4");
    row("SMALLER equal size excluded", "a SEARCH SMALLER 500", "");
    row("SMALLER one more", "a SEARCH SMALLER 501", "3");
    row("SMALLER", "a SEARCH SMALLER 1200", "3");
    // UIDs 10 20 30 45
    row("UID range to star", "a UID SEARCH UID 20:*", "2 3 4");
    row("UID list", "a UID SEARCH UID 1:15,30", "1 3");
    row("UID star", "a UID SEARCH UID *", "4");
    row("UID past the last to star", "a UID SEARCH UID 100:*", "4");
    row("UID gap", "a UID SEARCH UID 21:29", "");
    row("UID reversed range", "a UID SEARCH UID 45:20", "2 3 4");
    // message numbers
    row("seq range to star", "a SEARCH 2:*", "2 3 4");
    row("seq past the last", "a SEARCH 1000", "");
    row("seq range over the last", "a SEARCH 3:1000", "3 4");
    row("seq list", "a SEARCH 1,3", "1 3");
    row("seq star", "a SEARCH *", "4");
    row("seq reversed range", "a SEARCH 4:3", "3 4");
    // internal dates 31 Mar, 4 Apr, 10 Apr, 12 Apr 2023
    row("BEFORE", "a SEARCH BEFORE 4-Apr-2023", "2");
    row("BEFORE the first", "a SEARCH BEFORE 31-Mar-2023", "");
    row("ON", "a SEARCH ON 4-Apr-2023", "1");
    row("ON quoted", "a SEARCH ON \"31-Mar-2023\"", "2");
    row("SINCE includes the day", "a SEARCH SINCE 10-Apr-2023", "3 4");
    row("SINCE lower-case month", "a SEARCH SINCE 1-apr-2023", "1 3 4");
    // Date: fields, disregarding time and time zone; message 3 has none
    row("SENTON the written day", "a SEARCH SENTON 4-Apr-2023", "1");
    row("SENTON the UTC day", "a SEARCH SENTON 3-Apr-2023", "");
    row("SENTON no weekday, comment", "a SEARCH SENTON 31-Mar-2023", "2");
    row("SENTBEFORE", "a SEARCH SENTBEFORE 1-Apr-2023", "2");
    row("SENTSINCE", "a SEARCH SENTSINCE 4-Apr-2023", "1 4");
    row("SENTSINCE long ago", "a SEARCH SENTSINCE 1-Jan-1990", "1 2 4");
    row("NOT SENTBEFORE far ahead", "a SEARCH NOT SENTBEFORE 1-Jan-2100", "3");
    // address fields, RFC 2047 decoded (UTF-8 and ISO-2022-JP words)
    row("FROM UTF-8 name", "a SEARCH FROM \"鈴木\"", "1");
    row("FROM name with space", "a SEARCH FROM \"鈴木 太郎\"", "1");
    row("FROM address", "a SEARCH FROM suzuki@example.co.jp", "1");
    row("FROM other case", "a SEARCH FROM ALICE", "2");
    row("FROM ISO-2022-JP name", "a SEARCH FROM \"佐藤\"", "3");
    row("FROM quoted display name", "a SEARCH FROM tanaka", "4");
    row("TO", "a SEARCH TO suzuki", "2");
    row("TO encoded name", "a SEARCH TO \"経理\"", "3");
    row("TO address", "a SEARCH TO tanaka", "1");
    row("CC", "a SEARCH CC bob", "2");
    row("CC empty: has the field", "a SEARCH CC \"\"", "2");
    row("CC nobody", "a SEARCH CC alice", "");
    row("BCC", "a SEARCH BCC audit", "3");
    row("BCC empty: has the field", "a SEARCH BCC \"\"", "3");
    // Subject: decoded, case- and width-folded both ways
    row("SUBJECT ISO-2022-JP word", "a SEARCH SUBJECT \"見積\"", "1");
    row("SUBJECT Q word", "a SEARCH SUBJECT \"請求書\"", "3");
    row("SUBJECT ASCII finds full-width", "a SEARCH SUBJECT abc", "2");
    // A literal may hold a NUL, which no field value does: the end of a subject and
    // a NUL match nothing (the cache ends each value with a NUL).
    row("SUBJECT end and NUL", QByteArray("a SEARCH SUBJECT {5+}\r\nnils\0", 28), "");
    row("SUBJECT literal", "a SEARCH SUBJECT {4+}\r\nNILS", "4");
    row("SUBJECT full-width finds full-width", "a SEARCH SUBJECT \"ＡＢＣ\"", "2");
    row("SUBJECT full-width lower case", "a SEARCH SUBJECT \"ａｂｃ\"", "2");
    row("SUBJECT across the encoded word", "a SEARCH SUBJECT \"quarterly abc REPORT\"", "2");
    row("SUBJECT empty: all have one", "a SEARCH SUBJECT \"\"", "1 2 3 4");
    row("SUBJECT literal+", "a SEARCH SUBJECT {6+}\r\n見積", "1");
    // astring "NIL" is the three letters N I L (RFC 3501 9), not an empty string
    row("SUBJECT NIL atom", "a SEARCH SUBJECT NIL", "4");
    row("SUBJECT NIL quoted", "a SEARCH SUBJECT \"NIL\"", "4");
    // HEADER: any field, empty string = has the field
    row("HEADER cached field", "a SEARCH HEADER Subject \"見積\"", "1");
    row("HEADER field name any case", "a SEARCH HEADER x-priority 1", "2", false);
    row("HEADER empty value", "a SEARCH HEADER X-Priority \"\"", "2", false);
    row("HEADER Message-ID", "a SEARCH HEADER Message-ID m1@example", "1", false);
    row("HEADER field nobody has", "a SEARCH HEADER X-Missing \"\"", "", false);
    // bodies: ISO-2022-JP, UTF-8 with half-width kana, Shift_JIS base64, EUC-JP
    row("BODY ISO-2022-JP", "a SEARCH BODY \"見積\"", "1");
    row("BODY ISO-2022-JP second line", "a SEARCH BODY \"来週\"", "1");
    row("BODY full-width finds half-width", "a SEARCH BODY \"カタカナ\"", "2 3");
    row("BODY half-width finds full-width", "a SEARCH BODY \"ｶﾀｶﾅ\"", "2 3");
    row("BODY voiced half-width", "a SEARCH BODY \"ガイド\"", "2");
    row("BODY Shift_JIS", "a SEARCH BODY \"請求書\"", "3");
    row("BODY Shift_JIS digits", "a SEARCH BODY 12,000", "3");
    row("BODY EUC-JP full-width digits", "a SEARCH BODY \"１２時\"", "4");
    row("BODY ASCII digits find full-width", "a SEARCH BODY \"12時\"", "4");
    row("BODY EUC-JP", "a SEARCH BODY \"ランチ\"", "4");
    row("BODY other case", "a SEARCH BODY FRIDAY", "2");
    row("BODY is not the header", "a SEARCH BODY Quarterly", "");
    // TEXT: header or body
    row("TEXT header only", "a SEARCH TEXT Quarterly", "2");
    row("TEXT header and body", "a SEARCH TEXT \"見積\"", "1");
    row("TEXT a field name", "a SEARCH TEXT x-priority", "2");
    row("TEXT addresses", "a SEARCH TEXT example.jp", "1 3 4");
    row("TEXT half-width", "a SEARCH TEXT \"ｶﾀｶﾅ\"", "2 3");
    // MODSEQ: equal or greater (modseqs 100 250 400 50)
    row("MODSEQ", "a SEARCH MODSEQ 250", "2 3");
    row("MODSEQ zero", "a SEARCH MODSEQ 0", "1 2 3 4");
    row("MODSEQ entry", "a SEARCH MODSEQ \"/flags/\\\\seen\" all 100", "1 2 3");
    row("MODSEQ above all", "a SEARCH MODSEQ 401", "");
    // NOT, OR, lists
    row("brief's example", "a UID SEARCH OR FROM \"鈴木\" SUBJECT \"見積\" UNSEEN", "");
    row("brief's example, other subject", "a UID SEARCH OR FROM \"鈴木\" SUBJECT \"請求書\" UNSEEN",
        "3");
    row("NOT", "a SEARCH NOT SEEN", "2 3 4");
    row("NOT NOT", "a SEARCH NOT NOT SEEN", "1");
    row("NOT text", "a SEARCH NOT BODY \"カタカナ\"", "1 4");
    row("OR", "a SEARCH OR SEEN FLAGGED", "1 2");
    row("OR of OR", "a SEARCH OR OR SEEN FLAGGED DRAFT", "1 2 3");
    row("OR of lists", "a SEARCH OR (SEEN LARGER 1000) (DELETED SMALLER 1000)", "1 3");
    row("NOT of a list", "a SEARCH NOT (TO suzuki OR ANSWERED DELETED)", "1 3 4");
    row("nested lists",
        "a SEARCH ((UNSEEN (OR SUBJECT \"ＡＢＣ\" (BODY \"ランチ\"))) SINCE 1-Jan-2023)", "2 4");
    row("contradiction", "a SEARCH (SEEN) (UNSEEN)", "");
    row("seq, UID and flag", "a SEARCH 2:4 UID 1:30 UNDELETED", "2");
    row("OR text or modseq", "a SEARCH OR BODY \"見積\" MODSEQ 300", "1 3");
}

void TestImapSearch::matches()
{
    QFETCH(QByteArray, command);
    QFETCH(QString, expected);
    QFETCH(bool, fromCache);

    const auto criteria = criteriaOf(command);
    QVERIFY2(criteria, "the command parser refused the line");
    const auto search = ImapSearch::compile(*criteria, kMessages, kMaxUid);
    QVERIFY(search);

    QCOMPARE(hits(*search, nullptr, m_root), expected);
    // Criteria that read no text are answered without any (the session answers
    // them on the I/O thread): a null text must not be touched.
    if (!search->readsText())
        QCOMPARE(hits(*search, nullptr, m_gone, Text::Absent), expected);

    SearchTextCache cache(1 << 20);
    QCOMPARE(hits(*search, &cache, m_root), expected);
    QCOMPARE(hits(*search, &cache, m_root), expected);
    if (fromCache)
        QCOMPARE(hits(*search, &cache, m_gone), expected);
}

// The "gone" Maildir really hides the files: without a cache nothing is found there.
void TestImapSearch::missingFilesNeedTheCache()
{
    const auto search =
        ImapSearch::compile(*criteriaOf("a SEARCH BODY \"カタカナ\""), kMessages, kMaxUid);
    QVERIFY(search);
    QCOMPARE(hits(*search, nullptr, m_gone), QString());
    SearchTextCache cache(1 << 20);
    QCOMPARE(hits(*search, &cache, m_root), QStringLiteral("2 3"));
    QCOMPARE(hits(*search, &cache, m_gone), QStringLiteral("2 3"));
}

// The cache keeps whole mailboxes and, when it is full, lets go of the one
// searched least recently. A search's message list says which cached UIDs were
// expunged: those below its highest UID that it does not name. A mailbox is
// known by its id and UIDVALIDITY together.
void TestImapSearch::cacheKeepsTheMailboxesSearchedLast()
{
    auto entry = [](qsizetype bodyBytes) {
        SearchTextCache::Entry e;
        for (int p = 0; p < SearchTextCache::kPartCount; ++p) {
            if (p == SearchTextCache::Body)
                e.bytes += QByteArray(bodyBytes, 'x');
            e.ends[size_t(p)] = quint32(e.bytes.size());
        }
        return e;
    };
    const qsizetype each = 1000;
    const qsizetype perEntry = each + 48; // the cache's index entry besides
    SearchTextCache cache(3 * 4 * perEntry +
                          5 * perEntry / 2); // three mailboxes of four, and a bit
    // A search of `mailbox` whose list is `uids`, adding what the cache lacks.
    auto search = [&](qint64 mailbox, const QList<qint64> &uids, qint64 validity = 1) {
        SearchTextCache::Search s(&cache, mailbox, validity);
        int found = 0;
        for (qint64 uid : uids) {
            s.name(uid);
            if (s.find(uid))
                ++found;
            else
                s.add(uid, entry(each));
        }
        return found;
    };
    auto has = [&](qint64 mailbox, qint64 uid, qint64 validity = 1) {
        SearchTextCache::Search s(&cache, mailbox, validity); // names nothing: drops nothing
        return s.find(uid).has_value();
    };
    const QList<qint64> uids{1, 2, 3, 4};
    for (qint64 mailbox : {1, 2, 3})
        QCOMPARE(search(mailbox, uids), 0);
    QCOMPARE(search(1, uids), 4);
    QCOMPARE(search(2, uids), 4);
    QCOMPARE(search(3, uids), 4);
    QVERIFY(has(1, 1));           // 1 is searched again, so 2 is the oldest ...
    QCOMPARE(search(4, uids), 0); // ... and makes room for 4
    QVERIFY(!has(2, 1));
    for (qint64 mailbox : {1, 3, 4})
        QVERIFY2(has(mailbox, 4), qPrintable(QString::number(mailbox)));

    // UID 2 expunged: a list without it drops it; 5 is new. A list that stops at 3
    // says nothing of 4, 5 (another session may know them already).
    QCOMPARE(search(1, {1, 3, 4, 5}), 3);
    QVERIFY(!has(1, 2));
    QCOMPARE(search(1, {1, 3}), 2);
    for (qint64 uid : {1, 3, 4, 5})
        QVERIFY2(has(1, uid), qPrintable(QString::number(uid)));

    // A text larger than a quarter of the cache is not kept, and evicts nothing.
    {
        SearchTextCache::Search s(&cache, 3, 1);
        s.name(9);
        QVERIFY(!s.find(9));
        s.add(9, entry(4 * each));
    }
    QVERIFY(!has(3, 9));
    QVERIFY(has(1, 1));
    QVERIFY(has(4, 1));

    // The same mailbox id with another UIDVALIDITY is another mailbox (deleted and
    // created again): nothing of the old one is found, and its texts replace them.
    QVERIFY(!has(3, 1, 2));
    QCOMPARE(search(3, {1}, 2), 0);
    QVERIFY(has(3, 1, 2));
    QVERIFY(!has(3, 1));
    QVERIFY(!has(3, 2));
    QCOMPARE(search(3, {1}, 2), 1);
}

// One search that needs any text caches all of it: after a FROM search, a BODY
// search and one with both need no file.
void TestImapSearch::cacheKeepsTheWholeText()
{
    SearchTextCache cache(1 << 20);
    const auto from =
        ImapSearch::compile(*criteriaOf("a SEARCH FROM \"鈴木\""), kMessages, kMaxUid);
    const auto body =
        ImapSearch::compile(*criteriaOf("a SEARCH BODY \"見積\""), kMessages, kMaxUid);
    const auto both = ImapSearch::compile(
        *criteriaOf("a SEARCH BODY \"見積\" FROM \"鈴木\" SENTON 4-Apr-2023"), kMessages, kMaxUid);
    QVERIFY(from && body && both);
    QCOMPARE(hits(*from, &cache, m_root), QStringLiteral("1"));
    QCOMPARE(hits(*body, &cache, m_gone), QStringLiteral("1"));
    QCOMPARE(hits(*both, &cache, m_gone), QStringLiteral("1"));
}

// ---- AND: the keys are tried cheapest first; the answer cannot depend on the order ----

void TestImapSearch::andOrder_data()
{
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<QString>("expected");

    QTest::newRow("flag, text, date, NOT")
        << QByteArrayList{"UNSEEN", "BODY \"カタカナ\"", "SINCE 1-Mar-2023", "NOT FROM alice"}
        << QStringLiteral("3");
    QTest::newRow("OR, modseq, UID, size")
        << QByteArrayList{"OR SUBJECT \"見積\" SUBJECT \"請求書\"", "MODSEQ 100", "UID 1:40",
                          "SMALLER 2000"}
        << QStringLiteral("1 3");
    QTest::newRow("list, NOT SENT, TEXT")
        << QByteArrayList{"(OR FLAGGED DELETED)", "NOT SENTSINCE 1-Apr-2023", "TEXT example"}
        << QStringLiteral("2 3");
    QTest::newRow("uncached header, CC, keyword, seq")
        << QByteArrayList{"HEADER X-Priority 1", "CC bob", "KEYWORD $label1", "2:4"}
        << QStringLiteral("2");
}

void TestImapSearch::andOrder()
{
    QFETCH(QByteArrayList, keys);
    QFETCH(QString, expected);

    QList<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    SearchTextCache cache(1 << 20);
    int tried = 0;
    do {
        QByteArrayList permuted;
        for (int i : order)
            permuted << keys[i];
        const QByteArray command = "a SEARCH " + permuted.join(' ');
        const auto criteria = criteriaOf(command);
        QVERIFY2(criteria, command.constData());
        const auto search = ImapSearch::compile(*criteria, kMessages, kMaxUid);
        QVERIFY2(search, command.constData());
        QVERIFY2(hits(*search, nullptr, m_root) == expected, command.constData());
        QVERIFY2(hits(*search, &cache, m_root) == expected, command.constData());
        ++tried;
    } while (std::next_permutation(order.begin(), order.end()));
    int all = 1;
    for (int n = 2; n <= keys.size(); ++n)
        all *= n;
    QCOMPARE(tried, all);
}

// ---- hostile chains: NOT and OR nest without parentheses ------------------------

// A line of the longest size the server's parser takes (64 KiB) can chain keys
// thousands deep without a single parenthesis. The compiler either refuses such a
// chain or answers it correctly; it must not run out of stack. Each row runs in a
// child process (this program with --search-child), so that a crash fails the row
// instead of ending the test run.
void TestImapSearch::longChains_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QString>("expected"); // if it compiles

    // Even counts: NOT NOT ... SEEN is SEEN. OR OR ... SEEN DRAFT DRAFT ... is SEEN or DRAFT.
    QTest::newRow("16 NOTs") << chain("NOT ", 16, "SEEN", "") << QStringLiteral("1");
    QTest::newRow("16000 NOTs") << chain("NOT ", 16000, "SEEN", "") << QStringLiteral("1");
    QTest::newRow("16 ORs") << chain("OR ", 16, "SEEN", " DRAFT") << QStringLiteral("1 3");
    QTest::newRow("7000 ORs") << chain("OR ", 7000, "SEEN", " DRAFT") << QStringLiteral("1 3");
}

void TestImapSearch::longChains()
{
    QFETCH(QByteArray, command);
    QFETCH(QString, expected);

    QVERIFY(command.size() <= ImapCommandParser::Limits().maxLine);
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--search-child")});
    QVERIFY(child.waitForStarted());
    child.write(command);
    child.closeWriteChannel();
    QVERIFY(child.waitForFinished(60000));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             "the child compiling and matching the chain crashed");
    const QString answer = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
    if (answer != QLatin1String("refused"))
        QCOMPARE(answer, expected);
}

namespace
{

// --search-child: compiles the SEARCH line on stdin for the sample mailbox, tries it on
// the samples' index rows (chains use no text keys) and prints the hits or "refused".
int searchChild()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const auto criteria = criteriaOf(in.readAll());
    if (!criteria)
        return 3;
    const auto search = ImapSearch::compile(*criteria, kMessages, kMaxUid);
    const QByteArray answer =
        search ? hits(*search, nullptr, QString(), Text::Absent).toUtf8() : QByteArray("refused");
    std::fwrite(answer.constData(), 1, size_t(answer.size()), stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && qstrcmp(argv[1], "--search-child") == 0)
        return searchChild();
    QCoreApplication app(argc, argv);
    TestImapSearch test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_imapsearch.moc"
