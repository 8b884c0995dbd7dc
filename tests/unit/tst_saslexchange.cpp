#include "auth/saslexchange.h"

#include <QTest>

using namespace fumibako;

namespace
{

using Kind = SaslExchange::Step::Kind;

QByteArray b64(QByteArrayView raw)
{
    return raw.toByteArray().toBase64();
}

} // namespace

Q_DECLARE_METATYPE(std::optional<QByteArray>)

class tst_SaslExchange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each row: a mechanism, an initial response (or none), the client's lines, then the kind
    // of every step (begin, then one per line), the challenges in order and the credentials.
    void exchange_data()
    {
        QTest::addColumn<QByteArray>("mechanism");
        QTest::addColumn<std::optional<QByteArray>>("initial");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QList<int>>("kinds");
        QTest::addColumn<QList<QByteArray>>("challenges");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("password");
        const auto none = std::optional<QByteArray>();
        const QByteArray plain = b64(QByteArrayView("\0kai@example.test\0secret pw", 27));
        const int C = int(Kind::Challenge), D = int(Kind::Done), A = int(Kind::Aborted),
                  E = int(Kind::BadEncoding), M = int(Kind::BadMessage);

        QTest::newRow("plain with initial response")
            << QByteArray("PLAIN") << std::optional(plain) << QList<QByteArray>() << QList<int>{D}
            << QList<QByteArray>() << QByteArray("kai@example.test") << QByteArray("secret pw");
        QTest::newRow("plain after an empty challenge")
            << QByteArray("PLAIN") << none << QList<QByteArray>{plain} << QList<int>{C, D}
            << QList<QByteArray>{""} << QByteArray("kai@example.test") << QByteArray("secret pw");
        QTest::newRow("mechanism name in lower case")
            << QByteArray("plain") << std::optional(plain) << QList<QByteArray>() << QList<int>{D}
            << QList<QByteArray>() << QByteArray("kai@example.test") << QByteArray("secret pw");
        QTest::newRow("plain with authzid = user")
            << QByteArray("PLAIN")
            << std::optional(b64(QByteArrayView("Kai@example.test\0kai@example.test\0pw", 36)))
            << QList<QByteArray>() << QList<int>{D} << QList<QByteArray>()
            << QByteArray("kai@example.test") << QByteArray("pw");
        QTest::newRow("plain with another authzid refused")
            << QByteArray("PLAIN")
            << std::optional(b64(QByteArrayView("boss@example.test\0kai@example.test\0pw", 37)))
            << QList<QByteArray>() << QList<int>{M} << QList<QByteArray>() << QByteArray()
            << QByteArray();
        QTest::newRow("plain without separators")
            << QByteArray("PLAIN") << none << QList<QByteArray>{b64("no separators")}
            << QList<int>{C, M} << QList<QByteArray>{""} << QByteArray() << QByteArray();
        QTest::newRow("plain = is an empty response")
            << QByteArray("PLAIN") << std::optional(QByteArray("=")) << QList<QByteArray>()
            << QList<int>{M} << QList<QByteArray>() << QByteArray() << QByteArray();
        QTest::newRow("plain bad base64")
            << QByteArray("PLAIN") << none << QList<QByteArray>{"!!!not-base64!!!"}
            << QList<int>{C, E} << QList<QByteArray>{""} << QByteArray() << QByteArray();
        QTest::newRow("plain bad base64 as initial response")
            << QByteArray("PLAIN") << std::optional(QByteArray("AB%D")) << QList<QByteArray>()
            << QList<int>{E} << QList<QByteArray>() << QByteArray() << QByteArray();
        QTest::newRow("plain aborted")
            << QByteArray("PLAIN") << none << QList<QByteArray>{"*"} << QList<int>{C, A}
            << QList<QByteArray>{""} << QByteArray() << QByteArray();
        QTest::newRow("login in two steps")
            << QByteArray("LOGIN") << none
            << QList<QByteArray>{b64("kai@example.test"), b64("pw 2")} << QList<int>{C, C, D}
            << QList<QByteArray>{"Username:", "Password:"} << QByteArray("kai@example.test")
            << QByteArray("pw 2");
        QTest::newRow("login with the user as initial response")
            << QByteArray("LOGIN") << std::optional(b64("kai@example.test"))
            << QList<QByteArray>{b64("pw")} << QList<int>{C, D} << QList<QByteArray>{"Password:"}
            << QByteArray("kai@example.test") << QByteArray("pw");
        QTest::newRow("login = is an empty password")
            << QByteArray("LOGIN") << none << QList<QByteArray>{b64("kai@example.test"), "="}
            << QList<int>{C, C, D} << QList<QByteArray>{"Username:", "Password:"}
            << QByteArray("kai@example.test") << QByteArray("");
        QTest::newRow("login aborted at the password")
            << QByteArray("LOGIN") << none << QList<QByteArray>{b64("kai@example.test"), "*"}
            << QList<int>{C, C, A} << QList<QByteArray>{"Username:", "Password:"} << QByteArray()
            << QByteArray();
        QTest::newRow("login bad base64 user")
            << QByteArray("LOGIN") << none << QList<QByteArray>{"%%%"} << QList<int>{C, E}
            << QList<QByteArray>{"Username:"} << QByteArray() << QByteArray();
        QTest::newRow("login user name cut at 320 octets")
            << QByteArray("LOGIN") << std::optional(b64(QByteArray(400, 'u')))
            << QList<QByteArray>{b64("pw")} << QList<int>{C, D} << QList<QByteArray>{"Password:"}
            << QByteArray(320, 'u') << QByteArray("pw");
    }
    void exchange()
    {
        QFETCH(QByteArray, mechanism);
        QFETCH(std::optional<QByteArray>, initial);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QList<int>, kinds);
        QFETCH(QList<QByteArray>, challenges);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, password);

        auto x = SaslExchange::create(mechanism);
        QVERIFY(x);
        QList<SaslExchange::Step> steps{x->begin(initial)};
        for (const QByteArray &line : std::as_const(lines)) {
            QVERIFY2(!x->finished(), "a line after the exchange ended");
            steps << x->respond(line);
        }
        QVERIFY(x->finished());
        QCOMPARE(steps.size(), kinds.size());
        QList<QByteArray> seen;
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QCOMPARE(int(steps[i].kind), kinds[i]);
            if (steps[i].kind == Kind::Challenge)
                seen << steps[i].challenge;
        }
        QCOMPARE(seen, challenges);
        if (steps.last().kind == Kind::Done) {
            QCOMPARE(steps.last().credentials.user, user);
            QCOMPARE(steps.last().credentials.password, password);
        }
    }

    void unknownMechanism_data()
    {
        QTest::addColumn<QByteArray>("mechanism");
        QTest::newRow("cram-md5") << QByteArray("CRAM-MD5");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("prefix of a known one") << QByteArray("PLAI");
        QTest::newRow("known one with junk") << QByteArray("PLAINX");
    }
    void unknownMechanism()
    {
        QFETCH(QByteArray, mechanism);
        QVERIFY(!SaslExchange::create(mechanism));
    }

    void mechanismsAreAdvertisedFromTheTable()
    {
        const QList<QByteArray> names = SaslExchange::mechanisms();
        QCOMPARE(names, (QList<QByteArray>{"PLAIN", "LOGIN"}));
        for (const QByteArray &name : names)
            QVERIFY2(SaslExchange::create(name), name.constData());
    }
};

QTEST_APPLESS_MAIN(tst_SaslExchange)
#include "tst_saslexchange.moc"
