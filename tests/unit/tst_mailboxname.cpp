#include "store/mailboxname.h"

#include <QTest>

using namespace fumibako;

// RFC 3501 5.1.3 modified UTF-7. The expected wire forms were checked with python3:
// UTF-16BE, base64 with "," for "/", no "=" padding.
class tst_MailboxName : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("wire");
        auto u = [](const char *s) { return QString::fromUtf8(s); };
        QTest::newRow("ascii") << u("INBOX/Sent Items") << QByteArray("INBOX/Sent Items");
        QTest::newRow("empty") << u("") << QByteArray("");
        QTest::newRow("japanese") << u("取引先/見積") << QByteArray("&U9ZfFVFI-/&iYt6TQ-");
        QTest::newRow("rfc 3501 example")
            << u("~peter/mail/台北/日本語") << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("inbox in japanese") << u("受信箱") << QByteArray("&U9dP4Xux-");
        QTest::newRow("ampersand") << u("A&B") << QByteArray("A&-B");
        QTest::newRow("only ampersands") << u("&&") << QByteArray("&-&-");
        QTest::newRow("run then ampersand") << u("日本語&") << QByteArray("&ZeVnLIqe-&-");
        QTest::newRow("mixed") << u("日本語 & English") << QByteArray("&ZeVnLIqe- &- English");
        QTest::newRow("gmail") << u("[Gmail]/送信済みメール")
                               << QByteArray("[Gmail]/&kAFP4W4IMH8w4TD8MOs-");
        QTest::newRow("latin") << u("é") << QByteArray("&AOk-");
        QTest::newRow("surrogate pair") << u("😀") << QByteArray("&2D3eAA-");
    }
    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, wire);
        QCOMPARE(encodeMailboxName(name), wire);
        const QString decoded = decodeMailboxName(wire);
        QVERIFY(!decoded.isNull());
        QCOMPARE(decoded, name);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("bare ampersand") << QByteArray("A&B");
        QTest::newRow("unterminated") << QByteArray("&U9ZfFVFI");
        QTest::newRow("ampersand at end") << QByteArray("abc&");
        QTest::newRow("bad base64 char") << QByteArray("&U9Z/FVFI-");
        QTest::newRow("padding char") << QByteArray("&AOk=-");
        QTest::newRow("encoded printable ascii") << QByteArray("&AGE-");
        QTest::newRow("encoded ampersand") << QByteArray("&ACY-");
        QTest::newRow("adjacent runs") << QByteArray("&ZeVnLA-&ip4-");
        QTest::newRow("half a unit") << QByteArray("&AO-");
        QTest::newRow("extra sextet") << QByteArray("&iYt5-"); // 見 plus 8 stray bits
        QTest::newRow("non-zero pad bits") << QByteArray("&AOl-");
        QTest::newRow("lone high surrogate") << QByteArray("&2D0-");
        QTest::newRow("lone low surrogate") << QByteArray("&3gA-");
        QTest::newRow("swapped surrogates") << QByteArray("&3gDYPQ-");
        QTest::newRow("encoded NUL") << QByteArray("&AAA-");
        QTest::newRow("raw 8-bit") << QByteArray("\xe5\x8f\x96\xe5\xbc\x95");
        QTest::newRow("control char") << QByteArray("a\tb");
        QTest::newRow("DEL") << QByteArray("a\x7f");
    }
    void invalid()
    {
        QFETCH(QByteArray, wire);
        QVERIFY(decodeMailboxName(wire).isNull());
    }

    void encoderOutputAlwaysDecodes()
    {
        const QString odd =
            QStringLiteral("a") + QChar(0xd800) + QChar(0) + QStringLiteral("b") + QChar(0xdc00);
        const QByteArray wire = encodeMailboxName(odd);
        const QString back = decodeMailboxName(wire);
        QVERIFY(!back.isNull());
        QCOMPARE(back, QStringLiteral("a") + QChar(0xfffd) + QChar(0xfffd) + QStringLiteral("b") +
                           QChar(0xfffd));
        QCOMPARE(decodeMailboxName(encodeMailboxName(QStringLiteral("\t"))), QStringLiteral("\t"));
    }

    // Names a new mailbox may have, as Dovecot decides (mailbox_verify_create_name).
    void createName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("allowed");
        auto u = [](const char *s) { return QString::fromUtf8(s); };
        QTest::newRow("plain") << u("Work") << true;
        QTest::newRow("nested") << u("Work/2024/Q1") << true;
        QTest::newRow("japanese") << u("取引先/見積") << true;
        QTest::newRow("dots inside") << u("a.b/..c/d..") << true;
        QTest::newRow("tilde inside") << u("a~b/c~") << true;
        QTest::newRow("255-byte level")
            << QString(85, QChar(0x898b)) << true; // 見: 3 bytes of UTF-8
        QTest::newRow("dot") << u(".") << false;
        QTest::newRow("dot dot") << u("..") << false;
        QTest::newRow("dot dot first") << u("../x") << false;
        QTest::newRow("dot dot inside") << u("a/../b") << false;
        QTest::newRow("dot last") << u("a/.") << false;
        QTest::newRow("empty level") << u("a//b") << false;
        QTest::newRow("leading separator") << u("/a") << false;
        QTest::newRow("leading tilde") << u("~root") << false;
        QTest::newRow("leading tilde nested") << u("~/x") << false;
        QTest::newRow("backslash") << u("a\\b") << false;
        QTest::newRow("control") << u("a\tb") << false;
        QTest::newRow("DEL") << u("a\x7f") << false;
        QTest::newRow("wildcard star") << u("a*") << false;
        QTest::newRow("wildcard percent") << u("a%") << false;
        QTest::newRow("256-byte level") << u("a") + QString(85, QChar(0x898b)) << false;
        QTest::newRow("empty") << u("") << false;
        QTest::newRow("201 characters") << QString(201, QLatin1Char('a')) << false;
    }
    void createName()
    {
        QFETCH(QString, name);
        QFETCH(bool, allowed);
        QCOMPARE(mailboxNameProblem(name) == nullptr, allowed);
    }
};

QTEST_APPLESS_MAIN(tst_MailboxName)
#include "tst_mailboxname.moc"
