#include "auth/passwordhash.h"

#include <QTest>

using namespace fumibako;

class tst_PasswordHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const QString phc = PasswordHash::hash("correct horse");
        QVERIFY(phc.startsWith(QLatin1String("$scrypt$ln=15,r=8,p=1$")));
        QVERIFY(PasswordHash::isWellFormed(phc));
        QVERIFY(PasswordHash::verify("correct horse", phc));
        QVERIFY(!PasswordHash::verify("correct horsf", phc));
        QVERIFY(!PasswordHash::verify("", phc));
    }
    void saltsDiffer() { QVERIFY(PasswordHash::hash("x1234567") != PasswordHash::hash("x1234567")); }
    void neverContainsThePassword() { QVERIFY(!PasswordHash::hash("secretpassword").contains(QLatin1String("secretpassword"))); }
    void otherCostsVerify()
    {
        const QString phc = PasswordHash::hash("pw", {12, 8, 1});
        QVERIFY(phc.contains(QLatin1String("ln=12")));
        QVERIFY(PasswordHash::verify("pw", phc));
    }
    // RFC 7914 12 test vector: scrypt("password", "NaCl", N=1024, r=8, p=16, 64 bytes).
    // PHC strings carry 32 bytes here, so compare the first 32.
    void rfc7914Vector()
    {
        const QByteArray salt = QByteArray("NaCl").toBase64(QByteArray::OmitTrailingEquals);
        const QByteArray expected = QByteArray::fromHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162");
        const QString phc = QStringLiteral("$scrypt$ln=10,r=8,p=16$%1$%2")
                                .arg(QString::fromLatin1(salt), QString::fromLatin1(expected.toBase64(QByteArray::OmitTrailingEquals)));
        QVERIFY(PasswordHash::verify("password", phc));
        QVERIFY(!PasswordHash::verify("Password", phc));
    }
    void malformed_data()
    {
        QTest::addColumn<QString>("phc");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << QStringLiteral("password");
        QTest::newRow("other algorithm") << QStringLiteral("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA");
        QTest::newRow("huge cost") << QStringLiteral("$scrypt$ln=30,r=8,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("missing p") << QStringLiteral("$scrypt$ln=15,r=8$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
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
