#include "smtp/smtpcommand.h"

#include <QTest>

using namespace fumibako;

class tst_SmtpCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verbs_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("verb");
        QTest::addColumn<QByteArray>("argument");
        using V = SmtpCommand::Verb;
        QTest::newRow("ehlo") << QByteArray("EHLO client.example") << int(V::Ehlo)
                              << QByteArray("client.example");
        QTest::newRow("lower case") << QByteArray("ehlo x") << int(V::Ehlo) << QByteArray("x");
        QTest::newRow("mail") << QByteArray("MAIL FROM:<a@b.jp>") << int(V::Mail)
                              << QByteArray("FROM:<a@b.jp>");
        QTest::newRow("trailing blanks") << QByteArray("RSET   ") << int(V::Rset) << QByteArray();
        QTest::newRow("starttls") << QByteArray("STARTTLS") << int(V::StartTls) << QByteArray();
        QTest::newRow("unknown") << QByteArray("XYZZY 1") << int(V::Unknown) << QByteArray("1");
        QTest::newRow("empty") << QByteArray("   ") << int(V::Empty) << QByteArray();
        QTest::newRow("verb prefix is not a verb")
            << QByteArray("MAILX FROM:<>") << int(V::Unknown) << QByteArray("FROM:<>");
        // Not SMTP: HTTP request lines and header fields (Postfix's smtpd_forbidden_commands).
        QTest::newRow("http get") << QByteArray("GET / HTTP/1.1") << int(V::Forbidden)
                                  << QByteArray("/ HTTP/1.1");
        QTest::newRow("http post lower case")
            << QByteArray("post /x HTTP/1.0") << int(V::Forbidden) << QByteArray("/x HTTP/1.0");
        QTest::newRow("http connect") << QByteArray("CONNECT a:25 HTTP/1.1") << int(V::Forbidden)
                                      << QByteArray("a:25 HTTP/1.1");
        QTest::newRow("http head")
            << QByteArray("HEAD / HTTP/1.1") << int(V::Forbidden) << QByteArray("/ HTTP/1.1");
        QTest::newRow("header field")
            << QByteArray("Host: mx.example") << int(V::Forbidden) << QByteArray("mx.example");
        QTest::newRow("header field without space")
            << QByteArray("Subject:hi") << int(V::Forbidden) << QByteArray();
        QTest::newRow("colon alone is no field")
            << QByteArray(": x") << int(V::Unknown) << QByteArray("x");
        QTest::newRow("verb with colon argument")
            << QByteArray("MAIL FROM:<a@b.jp>") << int(V::Mail) << QByteArray("FROM:<a@b.jp>");
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
        QTest::newRow("plain") << QByteArray("FROM:<a@b.jp>") << true << false << false
                               << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("space after colon") << QByteArray("FROM: <a@b.jp>") << true << false << false
                                           << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("no brackets")
            << QByteArray("FROM:a@b.jp") << true << false << false << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("null") << QByteArray("FROM:<>") << true << true << false << QString() << 0;
        QTest::newRow("params") << QByteArray("FROM:<a@b.jp> SIZE=100 BODY=8BITMIME") << true
                                << false << false << QStringLiteral("a@b.jp") << 2;
        QTest::newRow("source route") << QByteArray("FROM:<@x.jp,@y.jp:a@b.jp>") << true << false
                                      << true << QStringLiteral("a@b.jp") << 0;
        QTest::newRow("quoted with bracket") << QByteArray("FROM:<\"a>b\"@b.jp>") << true << false
                                             << false << QStringLiteral("\"a>b\"@b.jp") << 0;
        QTest::newRow("unclosed") << QByteArray("FROM:<a@b.jp") << false << false << false
                                  << QString() << 0;
        QTest::newRow("two brackets")
            << QByteArray("FROM:<<a@b.jp>>") << false << false << false << QString() << 0;
        QTest::newRow("no colon") << QByteArray("FROM <a@b.jp>") << false << false << false
                                  << QString() << 0;
        QTest::newRow("wrong keyword")
            << QByteArray("TO:<a@b.jp>") << false << false << false << QString() << 0;
        QTest::newRow("no domain")
            << QByteArray("FROM:<a>") << false << false << false << QString() << 0;

        QTest::newRow("control char")
            << QByteArray("FROM:<a\x01@b.jp>") << false << false << false << QString() << 0;
        QTest::newRow("route without mailbox")
            << QByteArray("FROM:<@x.jp:>") << false << false << false << QString() << 0;
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
    // RFC 5321 4.1.2: esmtp-param = esmtp-keyword ["=" esmtp-value]; a value is 1* chars.
    void badParams_data()
    {
        QTest::addColumn<QByteArray>("argument");
        QTest::addColumn<bool>("bad");
        QTest::newRow("good") << QByteArray("FROM:<a@b.jp> SIZE=100 BODY=8BITMIME SMTPUTF8")
                              << false;
        QTest::newRow("bad keyword") << QByteArray("FROM:<a@b.jp> S!ZE=1") << true;
        QTest::newRow("empty value") << QByteArray("FROM:<a@b.jp> BODY=") << true;
        QTest::newRow("repeated") << QByteArray("FROM:<a@b.jp> BODY=8BITMIME BODY=") << true;
        QTest::newRow("repeated, other case") << QByteArray("FROM:<a@b.jp> size=1 SIZE=1") << true;
        QTest::newRow("no keyword") << QByteArray("FROM:<a@b.jp> =7BIT") << true;
        QTest::newRow("equals in value") << QByteArray("FROM:<a@b.jp> ENVID=a=b") << true;
        QTest::newRow("utf-8 value") << QByteArray("FROM:<a@b.jp> X-TAG=\xe6\x96\x87") << false;
        QTest::newRow("seventeen")
            << QByteArray("FROM:<a@b.jp> A B C D E F G H I J K L M N O P Q") << true;
        QTest::newRow("sixteen") << QByteArray("FROM:<a@b.jp> A B C D E F G H I J K L M N O P")
                                 << false;
    }
    void badParams()
    {
        QFETCH(QByteArray, argument);
        QFETCH(bool, bad);
        auto p = SmtpPath::parse(argument, "FROM");
        QVERIFY(p);
        QCOMPARE(p->badParams, bad);
        QCOMPARE(p->address.toString(), QStringLiteral("a@b.jp"));
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
