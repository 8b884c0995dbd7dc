#include "smtp/smtpcommand.h"

#include <QTest>

using namespace fumibako;

class tst_SmtpCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void verbs_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("verb");
        QTest::addColumn<QByteArray>("argument");
        using V = SmtpCommand::Verb;
        QTest::newRow("ehlo") << QByteArray("EHLO client.example") << int(V::Ehlo) << QByteArray("client.example");
        QTest::newRow("lower case") << QByteArray("ehlo x") << int(V::Ehlo) << QByteArray("x");
        QTest::newRow("mail") << QByteArray("MAIL FROM:<a@b.jp>") << int(V::Mail) << QByteArray("FROM:<a@b.jp>");
        QTest::newRow("trailing blanks") << QByteArray("RSET   ") << int(V::Rset) << QByteArray();
        QTest::newRow("starttls") << QByteArray("STARTTLS") << int(V::StartTls) << QByteArray();
        QTest::newRow("unknown") << QByteArray("XYZZY 1") << int(V::Unknown) << QByteArray("1");
        QTest::newRow("empty") << QByteArray("   ") << int(V::Empty) << QByteArray();
        QTest::newRow("verb prefix is not a verb") << QByteArray("MAILX FROM:<>") << int(V::Unknown) << QByteArray("FROM:<>");
    }
    void verbs()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, verb);
        QFETCH(QByteArray, argument);
        const SmtpCommand c = SmtpCommand::parse(line);
        QCOMPARE(int(c.verb), verb);
        QCOMPARE(c.argument, argument);
    }

    void paths_data()
    {
        QTest::addColumn<QByteArray>("argument");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("null");
        QTest::addColumn<bool>("sourceRoute");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("params");
        QTest::newRow("plain") << QByteArray("FROM:<a@b.jp>") << true << false << false << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("space after colon") << QByteArray("FROM: <a@b.jp>") << true << false << false << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("no brackets") << QByteArray("FROM:a@b.jp") << true << false << false << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("null") << QByteArray("FROM:<>") << true << true << false << QString() << 0;
        QTest::newRow("params") << QByteArray("FROM:<a@b.jp> SIZE=100 BODY=8BITMIME") << true << false << false << QStringLiteral("a@b.jp") << 2;
        QTest::newRow("source route") << QByteArray("FROM:<@x.jp,@y.jp:a@b.jp>") << true << false << true << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("quoted with bracket") << QByteArray("FROM:<\"a>b\"@b.jp>") << true << false << false << QStringLiteral("\"a>b\"@b.jp") << 0;
        QTest::newRow("unclosed") << QByteArray("FROM:<a@b.jp") << false << false << false << QString() << 0;
        QTest::newRow("two brackets") << QByteArray("FROM:<<a@b.jp>>") << false << false << false << QString() << 0;
        QTest::newRow("no colon") << QByteArray("FROM <a@b.jp>") << false << false << false << QString() << 0;
        QTest::newRow("wrong keyword") << QByteArray("TO:<a@b.jp>") << false << false << false << QString() << 0;
        QTest::newRow("no domain") << QByteArray("FROM:<a>") << false << false << false << QString() << 0;
        QTest::newRow("bad param") << QByteArray("FROM:<a@b.jp> S!ZE=1") << false << false << false << QString() << 0;
        QTest::newRow("control char") << QByteArray("FROM:<a\x01@b.jp>") << false << false << false << QString() << 0;
        QTest::newRow("route without mailbox") << QByteArray("FROM:<@x.jp:>") << false << false << false << QString() << 0;
    }
    void paths()
    {
        QFETCH(QByteArray, argument);
        QFETCH(bool, valid);
        QFETCH(bool, null);
        QFETCH(bool, sourceRoute);
        QFETCH(QString, address);
        QFETCH(int, params);
        auto p = SmtpPath::parse(argument, "FROM");
        QCOMPARE(p.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(p->null, null);
        QCOMPARE(p->sourceRoute, sourceRoute);
        if (!null)
            QCOMPARE(p->address.toString(), address);
        QCOMPARE(p->params.size(), params);
    }
    void postmasterWithoutDomain()
    {
        auto p = SmtpPath::parse("TO:<Postmaster>", "TO");
        QVERIFY(p);
        QVERIFY(p->postmaster);
    }
    void sizeParameter()
    {
        auto p = SmtpPath::parse("FROM:<a@b.jp> size=12345", "FROM");
        QVERIFY(p);
        QCOMPARE(p->param("SIZE").value_or(QByteArray()), QByteArray("12345"));
    }
};

QTEST_APPLESS_MAIN(tst_SmtpCommand)
#include "tst_smtpcommand.moc"
