#include "common/mailaddress.h"

#include <QTest>

using namespace fumibako;

class tst_MailAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("simple") << QByteArray("Taro@Example.JP") << true
                                << QStringLiteral("taro@example.jp");
        QTest::newRow("dots") << QByteArray("taro.yamada@example.co.jp") << true
                              << QStringLiteral("taro.yamada@example.co.jp");
        QTest::newRow("plus") << QByteArray("a+tag@example.jp") << true
                              << QStringLiteral("a+tag@example.jp");
        QTest::newRow("percent is atext")
            << QByteArray("a%b@example.jp") << true << QStringLiteral("a%b@example.jp");
        QTest::newRow("quoted") << QByteArray("\"a b\"@example.jp") << true
                                << QStringLiteral("\"a b\"@example.jp");
        QTest::newRow("quoted at")
            << QByteArray("\"a@b\"@example.jp") << true << QStringLiteral("\"a@b\"@example.jp");
        QTest::newRow("literal") << QByteArray("a@[127.0.0.1]") << true
                                 << QStringLiteral("a@[127.0.0.1]");
        QTest::newRow("utf8") << QByteArray("太郎@例え.jp") << true
                              << QStringLiteral("太郎@例え.jp");
        QTest::newRow("no at") << QByteArray("taro") << false << QString();
        QTest::newRow("empty local") << QByteArray("@example.jp") << false << QString();
        QTest::newRow("leading dot") << QByteArray(".taro@example.jp") << false << QString();
        QTest::newRow("trailing dot") << QByteArray("taro.@example.jp") << false << QString();
        QTest::newRow("double dot") << QByteArray("ta..ro@example.jp") << false << QString();
        QTest::newRow("space") << QByteArray("ta ro@example.jp") << false << QString();
        QTest::newRow("empty domain") << QByteArray("taro@") << false << QString();
        QTest::newRow("bad label") << QByteArray("taro@-example.jp") << false << QString();
        QTest::newRow("empty label") << QByteArray("taro@example..jp") << false << QString();
        QTest::newRow("unterminated quote")
            << QByteArray("\"taro@example.jp") << false << QString();
        QTest::newRow("local too long")
            << QByteArray(65, 'a') + "@example.jp" << false << QString();
        QTest::newRow("local 64") << QByteArray(64, 'a') + "@example.jp" << true
                                  << QString::fromLatin1(QByteArray(64, 'a') + "@example.jp");
        QTest::newRow("bad utf8") << QByteArray("\xff\xfe@example.jp") << false << QString();
    }
    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, valid);
        QFETCH(QString, normalized);
        auto a = MailAddress::parse(QByteArrayView(input));
        QCOMPARE(a.has_value(), valid);
        if (valid)
            QCOMPARE(a->normalized(), normalized);
    }
    void quotedLocalPartKeepsAt()
    {
        auto a = MailAddress::parse(QByteArrayView("\"bob@other.test\"@example.test"));
        QVERIFY(a);
        QCOMPARE(a->local, QStringLiteral("bob@other.test"));
        QCOMPARE(a->domain, QStringLiteral("example.test"));
        QVERIFY(a->quoted);
    }
};

QTEST_APPLESS_MAIN(tst_MailAddress)
#include "tst_mailaddress.moc"
