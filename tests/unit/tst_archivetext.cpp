// The archive's search text: the tokens a text is indexed with and the FTS5
// expression a typed query becomes — one- and two-character Japanese words,
// folding as IMAP SEARCH folds, and query text that is never syntax. The
// expressions are also run against a real FTS5 table (SQLite in memory).
#include "archive/archivetext.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace fumibako;
using namespace fumibako::archivetext;

class TestArchiveText : public QObject
{
    Q_OBJECT

    QSqlDatabase m_db;

    // The ids of the documents `query` matches, in order.
    QList<int> find(const QString &query)
    {
        const QString e =
            matchExpression(parseQuery(query), QStringLiteral("t"), QStringLiteral("u"));
        if (e.isEmpty())
            return {};
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid"));
        q.addBindValue(e);
        if (!q.exec()) {
            qWarning() << "FTS5 refused" << e << q.lastError().text();
            return {-1};
        }
        QList<int> ids;
        while (q.next())
            ids << q.value(0).toInt();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fts"));
        m_db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(m_db.open());
        QSqlQuery q(m_db);
        QVERIFY(q.exec(QStringLiteral(
            "CREATE VIRTUAL TABLE f USING fts5(t, u, content='', tokenize='ascii')")));
        const QStringList docs = {
            QStringLiteral("株式会社フミバコの請求書を送ります"),       // 1
            QStringLiteral("会議の資料です。よろしくお願いいたします"), // 2
            QStringLiteral("㈱ミナト 様 ① 見積の件"),                   // 3
            QStringLiteral("ｶﾀｶﾅ と ＡＢＣ１２３ の invoices"),         // 4
            QStringLiteral("請求。書類は別送"),                         // 5
            QStringLiteral("tanaka@example.co.jp から DROP TABLE 'x'"), // 6
        };
        for (int i = 0; i < docs.size(); ++i) {
            QSqlQuery ins(m_db);
            ins.prepare(QStringLiteral("INSERT INTO f (rowid, t, u) VALUES (?, ?, ?)"));
            ins.addBindValue(i + 1);
            ins.addBindValue(textTokens(docs[i]));
            ins.addBindValue(unigramTokens(docs[i]));
            QVERIFY2(ins.exec(), qPrintable(ins.lastError().text()));
        }
    }

    void tokens()
    {
        QCOMPARE(textTokens(QStringLiteral("請求書")), QStringLiteral("請求 求書"));
        QCOMPARE(textTokens(QStringLiteral("株")), QStringLiteral("株"));
        QCOMPARE(unigramTokens(QStringLiteral("請求書 abc")), QStringLiteral("請 求 書"));
        // Folded as SEARCH folds: case, full width, half-width kana.
        QCOMPARE(textTokens(QStringLiteral("ＡＢＣ Def")), QStringLiteral("abc def"));
        QCOMPARE(textTokens(QStringLiteral("ｶﾞｷﾞ")), QStringLiteral("ガギ"));
        // A word and a gram run that touch are two runs.
        QCOMPARE(textTokens(QStringLiteral("ABC株式")), QStringLiteral("abc 株式"));
        QCOMPARE(textTokens(QStringLiteral("a b"), 1), QStringLiteral("a"));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("terms");
        QTest::addColumn<QList<bool>>("phrases");
        QTest::newRow("words") << QStringLiteral("会議  資料")
                               << QStringList{QStringLiteral("会議"), QStringLiteral("資料")}
                               << QList<bool>{false, false};
        QTest::newRow("ideographic space")
            << QStringLiteral("会議　資料")
            << QStringList{QStringLiteral("会議"), QStringLiteral("資料")}
            << QList<bool>{false, false};
        QTest::newRow("phrase") << QStringLiteral("\"の 請求\" x")
                                << QStringList{QStringLiteral("の 請求"), QStringLiteral("x")}
                                << QList<bool>{true, false};
        QTest::newRow("typographic quotes")
            << QStringLiteral("“会議 資料”") << QStringList{QStringLiteral("会議 資料")}
            << QList<bool>{true};
        QTest::newRow("unbalanced")
            << QStringLiteral("a \"b c") << QStringList{QStringLiteral("a"), QStringLiteral("b c")}
            << QList<bool>{false, true};
        QTest::newRow("empty") << QStringLiteral("  \"\" ") << QStringList{} << QList<bool>{};
    }
    void parse()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, terms);
        QFETCH(QList<bool>, phrases);
        const QList<QueryTerm> got = parseQuery(query);
        QCOMPARE(got.size(), terms.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].text, terms[i]);
            QCOMPARE(got[i].phrase, phrases[i]);
        }
    }

    void bounded()
    {
        QString many;
        for (int i = 0; i < 100; ++i)
            many += QStringLiteral("w%1 ").arg(i);
        QCOMPARE(parseQuery(many).size(), kMaxQueryTerms + 1); // the caller refuses it
        QCOMPARE(parseQuery(QStringLiteral("a b a \"a\" b")).size(), 3);
        QCOMPARE(parseQuery(QString(1000, QLatin1Char('x'))).first().text.size(), 256);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("one character") << QStringLiteral("株") << QList<int>{1};
        QTest::newRow("one kana") << QStringLiteral("の") << QList<int>{1, 2, 3, 4};
        QTest::newRow("two characters") << QStringLiteral("請求") << QList<int>{1, 5};
        QTest::newRow("three characters") << QStringLiteral("請求書") << QList<int>{1};
        QTest::newRow("not across punctuation") << QStringLiteral("請求書類") << QList<int>{};
        QTest::newRow("two words") << QStringLiteral("会議 資料") << QList<int>{2};
        QTest::newRow("two words, one absent") << QStringLiteral("会議 請求") << QList<int>{};
        QTest::newRow("phrase in order") << QStringLiteral("\"会議の資料\"") << QList<int>{2};
        QTest::newRow("phrase out of order") << QStringLiteral("\"資料の会議\"") << QList<int>{};
        QTest::newRow("NEC circled digit") << QStringLiteral("①") << QList<int>{3};
        QTest::newRow("NEC ㈱") << QStringLiteral("㈱") << QList<int>{3};
        QTest::newRow("㈱ is not 株") << QStringLiteral("株") << QList<int>{1};
        QTest::newRow("half-width kana query") << QStringLiteral("ｶﾀｶﾅ") << QList<int>{4};
        QTest::newRow("full-width kana query") << QStringLiteral("カタカナ") << QList<int>{4};
        QTest::newRow("full-width latin") << QStringLiteral("ａｂｃ１２３") << QList<int>{4};
        QTest::newRow("prefix") << QStringLiteral("invoice") << QList<int>{4};
        QTest::newRow("case") << QStringLiteral("INVOICES") << QList<int>{4};
        QTest::newRow("short word is whole") << QStringLiteral("in") << QList<int>{};
        QTest::newRow("address") << QStringLiteral("tanaka@example.co.jp") << QList<int>{6};
        QTest::newRow("mixed term") << QStringLiteral("見積の件") << QList<int>{3};
        QTest::newRow("one-character runs") << QStringLiteral("\"様 ①\"") << QList<int>{3};
        QTest::newRow("pair not written") << QStringLiteral("様①") << QList<int>{};
    }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(QList<int>, ids);
        QCOMPARE(find(query), ids);
    }

    // Whatever is typed, the expression is valid FTS5 and means the text.
    void hostile_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("quote") << QStringLiteral("\"") << QList<int>{};
        QTest::newRow("star") << QStringLiteral("*") << QList<int>{};
        QTest::newRow("NEAR") << QStringLiteral("NEAR(a b)") << QList<int>{};
        QTest::newRow("OR") << QStringLiteral("株 OR 会議") << QList<int>{};
        QTest::newRow("minus") << QStringLiteral("-株") << QList<int>{1};
        QTest::newRow("column filter") << QStringLiteral("u:株") << QList<int>{};
        QTest::newRow("SQL") << QStringLiteral("'; DROP TABLE x; --") << QList<int>{6};
        QTest::newRow("braces") << QStringLiteral("{t u} : 株") << QList<int>{};
        QTest::newRow("caret") << QStringLiteral("^株") << QList<int>{1};
        QTest::newRow("private use") << QString(QChar(0xE000)) << QList<int>{};
    }
    void hostile()
    {
        QFETCH(QString, query);
        QFETCH(QList<int>, ids);
        QCOMPARE(find(query), ids);
    }
};

QTEST_GUILESS_MAIN(TestArchiveText)
#include "tst_archivetext.moc"
