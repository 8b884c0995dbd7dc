#include "auth/passwordhash.h"

#include <QTest>

using namespace fumibako;

class tst_PasswordHash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const QString phc = PasswordHash::hash("correct horse");
        // OWASP's N=2^15 r=8 p=3 (conformance issue: p=1 was half of OWASP's minimum).
        QVERIFY(phc.startsWith(QLatin1String("$scrypt$ln=15,r=8,p=3$")));
        QVERIFY(PasswordHash::isWellFormed(phc));
        QVERIFY(PasswordHash::verify("correct horse", phc));
        QVERIFY(!PasswordHash::verify("correct horsf", phc));
        QVERIFY(!PasswordHash::verify("", phc));
    }
    void saltsDiffer()
    {
        QVERIFY(PasswordHash::hash("x1234567") != PasswordHash::hash("x1234567"));
    }
    void neverContainsThePassword()
    {
        QVERIFY(!PasswordHash::hash("secretpassword").contains(QLatin1String("secretpassword")));
    }
    void otherCostsVerify()
    {
        const QString phc = PasswordHash::hash("pw", {12, 8, 1});
        QVERIFY(phc.contains(QLatin1String("ln=12")));
        QVERIFY(PasswordHash::verify("pw", phc));
    }
    void needsRehash_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<bool>("weaker");
        QTest::newRow("the old default") << QStringLiteral("ln=15,r=8,p=1") << true;
        QTest::newRow("less memory, more work") << QStringLiteral("ln=14,r=8,p=8") << true;
        QTest::newRow("less work") << QStringLiteral("ln=15,r=8,p=2") << true;
        QTest::newRow("today's") << QStringLiteral("ln=15,r=8,p=3") << false;
        QTest::newRow("OWASP ln=16 p=2") << QStringLiteral("ln=16,r=8,p=2") << false;
        QTest::newRow("OWASP ln=17 p=1") << QStringLiteral("ln=17,r=8,p=1") << false;
    }
    void needsRehash()
    {
        QFETCH(QString, params);
        QFETCH(bool, weaker);
        const QString phc =
            QStringLiteral("$scrypt$%1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .arg(params);
        QVERIFY(PasswordHash::isWellFormed(phc));
        QCOMPARE(PasswordHash::needsRehash(phc), weaker);
    }
    void dummyHashCostsWhatARealOneDoes()
    {
        const QString real = PasswordHash::hash("pw");
        const QString dummy = PasswordHash::dummyHash();
        QVERIFY(PasswordHash::isWellFormed(dummy));
        QCOMPARE(dummy.section(QLatin1Char('$'), 2, 2), real.section(QLatin1Char('$'), 2, 2));
        QVERIFY(!PasswordHash::verify("", dummy));
    }
    // RFC 7914 12 test vector: scrypt("password", "NaCl", N=1024, r=8, p=16, 64 bytes).
    // PHC strings carry 32 bytes here, so compare the first 32.
    void rfc7914Vector()
    {
        const QByteArray salt = QByteArray("NaCl").toBase64(QByteArray::OmitTrailingEquals);
        const QByteArray expected =
            QByteArray::fromHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162");
        const QString phc =
            QStringLiteral("$scrypt$ln=10,r=8,p=16$%1$%2")
                .arg(QString::fromLatin1(salt),
                     QString::fromLatin1(expected.toBase64(QByteArray::OmitTrailingEquals)));
        QVERIFY(PasswordHash::verify("password", phc));
        QVERIFY(!PasswordHash::verify("Password", phc));
    }
    void malformed_data()
    {
        QTest::addColumn<QString>("phc");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << QStringLiteral("password");
        QTest::newRow("other algorithm")
            << QStringLiteral("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA");
        QTest::newRow("huge cost") << QStringLiteral(
            "$scrypt$ln=30,r=8,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("missing p") << QStringLiteral(
            "$scrypt$ln=15,r=8$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("bad base64") << QStringLiteral("$scrypt$ln=15,r=8,p=1$!!!$AAAA");
    }
    void malformed()
    {
        QFETCH(QString, phc);
        QVERIFY(!PasswordHash::isWellFormed(phc));
        QVERIFY(!PasswordHash::verify("password", phc));
    }
};

QTEST_APPLESS_MAIN(tst_PasswordHash)
#include "tst_passwordhash.moc"
