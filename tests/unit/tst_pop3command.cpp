#include "pop3/pop3command.h"

#include <QTest>

using namespace fumibako;

class tst_Pop3Command : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("verb");
        QTest::addColumn<int>("args");
        using V = Pop3Command::Verb;
        QTest::newRow("user") << QByteArray("USER a@b.jp") << int(V::User) << 1;
        QTest::newRow("lower") << QByteArray("stat") << int(V::Stat) << 0;
        QTest::newRow("top") << QByteArray("TOP 1 10") << int(V::Top) << 2;
        QTest::newRow("pass with spaces") << QByteArray("PASS a b c") << int(V::Pass) << 3;
        QTest::newRow("unknown") << QByteArray("APOP x y") << int(V::Unknown) << 2;
    }
    void parse()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, verb);
        QFETCH(int, args);
        const Pop3Command c = Pop3Command::parse(line);
        QCOMPARE(int(c.verb), verb);
        QCOMPARE(c.args.size(), args);
    }
    void passKeepsSpaces() { QCOMPARE(Pop3Command::parse("PASS a b").rest, QByteArray("a b")); }
    void messageNumbers()
    {
        QCOMPARE(Pop3Command::messageNumber("1"), 1);
        QCOMPARE(Pop3Command::messageNumber("0"), 0);
        QCOMPARE(Pop3Command::messageNumber("-1"), 0);
        QCOMPARE(Pop3Command::messageNumber("x"), 0);
        QCOMPARE(Pop3Command::messageNumber("99999999999"), 0);
    }
};

QTEST_APPLESS_MAIN(tst_Pop3Command)
#include "tst_pop3command.moc"
