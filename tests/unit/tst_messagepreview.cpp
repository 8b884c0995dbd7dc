// Unit tests of mime/messagepreview (issue 13, the 迷惑メール page's safe
// preview): headers decoded; the body in ISO-2022-JP with NEC special
// characters (①, ㈱, Ⅱ — rows plain iconv ISO-2022-JP lacks), Shift_JIS
// (CP932) and EUC-JP; an HTML-only message as plain text (script, style and
// comments gone, entities decoded, no tag left); multipart/alternative
// preferring the plain text; nested multiparts with attachments listed by
// name and size and never read as text; malformed and empty input giving
// something to show without a crash; the text bounded.
#include "mime/messagepreview.h"

#include <QtTest>

using namespace fumibako;

namespace
{

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class tst_MessagePreview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void japaneseCharsets_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("text");

        // ① is JIS 0x2D21 and ㈱ 0x2D6A (NEC row 13), Ⅱ 0x2D36: CP50220 reads them.
        QTest::newRow("iso-2022-jp with NEC characters")
            << crlf("From: =?ISO-2022-JP?B?GyRCRWw1fhsoQg==?= <tokyo@example.jp>\n"
                    "To: user@example.test\n"
                    "Subject: =?ISO-2022-JP?B?GyRCLSEycTVEGyhC?=\n"
                    "Date: Mon, 7 Dec 2026 09:30:00 +0900\n"
                    "MIME-Version: 1.0\n"
                    "Content-Type: text/plain; charset=ISO-2022-JP\n"
                    "Content-Transfer-Encoding: 7bit\n"
                    "\n"
                    "\x1b$B-!2q5D$N$*CN$i$;\x1b(B\n"
                    "\x1b$B-jEl5~-6\x1b(B\n")
            << u("①会議") << u("①会議のお知らせ\n㈱東京Ⅱ\n");
        QTest::newRow("shift_jis")
            << crlf("From: seikyu@example.jp\n"
                    "Subject: =?Shift_JIS?B?kL+LgY+R?=\n"
                    "Content-Type: text/plain; charset=Shift_JIS\n"
                    "Content-Transfer-Encoding: 8bit\n"
                    "\n"
                    "\x90\xbf\x8b\x81\x8f\x91\x82\xcc\x91\x97\x95t \x87\x40\n")
            << u("請求書") << u("請求書の送付 ①\n");
        QTest::newRow("euc-jp, quoted-printable")
            << crlf("From: sale@example.jp\n"
                    "Subject: =?EUC-JP?B?y9zG/KTOxsOywQ==?=\n"
                    "Content-Type: text/plain; charset=\"EUC-JP\"\n"
                    "Content-Transfer-Encoding: quoted-printable\n"
                    "\n"
                    "=CB=DC=C6=FC=A4=CE=C6=C3=B2=C1\n")
            << u("本日の特価") << u("本日の特価\n");
        QTest::newRow("no charset: guessed")
            << crlf("Subject: plain\n"
                    "\n"
                    "\x90\xbf\x8b\x81\x8f\x91\x82\xcc\x91\x97\x95t\n")
            << u("plain") << u("請求書の送付\n");
    }
    void japaneseCharsets()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, subject);
        QFETCH(QString, text);
        const MessagePreview p = messagePreview(message);
        QCOMPARE(p.subject, subject);
        QCOMPARE(p.text, text);
        QVERIFY(!p.textFromHtml);
        QVERIFY(p.attachments.isEmpty());
        QVERIFY(!p.text.contains(QChar::ReplacementCharacter));
    }

    void headers()
    {
        const MessagePreview p =
            messagePreview(crlf("From: =?ISO-2022-JP?B?GyRCRWw1fhsoQg==?= <tokyo@example.jp>\n"
                                "To: a@example.test,\n b@example.test\n"
                                "To: c@example.test\n"
                                "Cc: d@example.test\n"
                                "Date: Mon, 7 Dec 2026 09:30:00 +0900\n"
                                "Subject: hello\n"
                                "\n"
                                "body\n"));
        QCOMPARE(p.from, u("東京 <tokyo@example.jp>"));
        QCOMPARE(p.to, u("a@example.test, b@example.test, c@example.test"));
        QCOMPARE(p.cc, u("d@example.test"));
        QCOMPARE(p.dateText, u("Mon, 7 Dec 2026 09:30:00 +0900"));
        QVERIFY(p.date.isValid());
        QCOMPARE(p.date.toSecsSinceEpoch(),
                 QDateTime(QDate(2026, 12, 7), QTime(0, 30), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(p.date.offsetFromUtc(), 9 * 3600);

        const MessagePreview bad = messagePreview(crlf("Date: someday\n\nx\n"));
        QCOMPARE(bad.dateText, u("someday"));
        QVERIFY(!bad.date.isValid());
    }

    void htmlOnly()
    {
        const QByteArray html =
            "<html><head><title>SALE</title><style>p{color:red}</style>"
            "<script>document.location='http://evil.example/'</script></head>"
            "<body><!-- hidden <b>comment</b> --><p>&#x3010;\xe7\x89\xb9\xe4\xbe\xa1&#12305;"
            " 50&percnt; &amp; more&nbsp;&lt;now&gt;</p>"
            "<div>Click <a href=\"http://evil.example/?a=1&amp;b=2\">here</a>"
            "<img src=\"http://evil.example/track.gif\" alt=\"x\"></div>"
            "<ul><li>one</li><li>two</li></ul>a<br>b<br/>c 1 < 2</body></html>";
        const MessagePreview p = messagePreview(crlf("Subject: sale\n"
                                                     "MIME-Version: 1.0\n"
                                                     "Content-Type: text/html; charset=UTF-8\n"
                                                     "Content-Transfer-Encoding: base64\n"
                                                     "\n") +
                                                html.toBase64() + "\r\n");
        QVERIFY(p.textFromHtml);
        QVERIFY(p.attachments.isEmpty());
        QCOMPARE(p.text, u("【特価】 50&percnt; & more <now>\n"
                           "Click here\n"
                           "・one\n"
                           "・two\n"
                           "a\nb\nc 1 < 2"));
        QVERIFY(!p.text.contains(QLatin1String("evil")));
        QVERIFY(!p.text.contains(QLatin1String("SALE")));
        QVERIFY(!p.text.contains(QLatin1String("color")));
        QVERIFY(!p.text.contains(QLatin1String("comment")));
    }

    void htmlToPlainText_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("entities") << u("&lt;&#65;&#x42;&quot;&yen;&unknown;&#0;")
                                  << u("<AB\"¥&unknown;\uFFFD");
        QTest::newRow("white space") << u("  a \r\n  b\t\tc  ") << u("a b c");
        QTest::newRow("quoted >") << u("<a title=\"1 > 0\">x</a>") << u("x");
        QTest::newRow("unclosed tag") << u("text <b") << u("text");
        QTest::newRow("unclosed script") << u("x<script>alert(1)") << u("x");
        QTest::newRow("table") << u("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>")
                               << u("a b\nc");
        QTest::newRow("pre") << u("<pre>a  b\n  c</pre>d") << u("a  b\n  c\nd");
        QTest::newRow("blank lines") << u("<p>a</p><p></p><p></p><br><br><p>b</p>") << u("a\n\nb");
    }
    void htmlToPlainText()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(fumibako::htmlToPlainText(html), text);
    }

    void alternativePrefersPlainText()
    {
        const MessagePreview p =
            messagePreview(crlf("Subject: alt\n"
                                "Content-Type: multipart/alternative; boundary=\"b1\"\n"
                                "\n"
                                "--b1\n"
                                "Content-Type: text/plain; charset=ISO-2022-JP\n"
                                "\n"
                                "\x1b$B8+@Q=q\x1b(B\n"
                                "--b1\n"
                                "Content-Type: text/html; charset=UTF-8\n"
                                "\n"
                                "<p>html version</p>\n"
                                "--b1--\n"));
        QCOMPARE(p.text, u("見積書")); // the line break before a boundary is the boundary's
        QVERIFY(!p.textFromHtml);
        QVERIFY(p.attachments.isEmpty());
    }

    void nestedMultipartWithAttachments()
    {
        const QByteArray pdf = QByteArray(3000, 'P');
        const QByteArray message =
            crlf("Subject: nested\n"
                 "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                 "\n"
                 "--outer\n"
                 "Content-Type: multipart/alternative; boundary=\"inner\"\n"
                 "\n"
                 "--inner\n"
                 "Content-Type: text/plain; charset=Shift_JIS\n"
                 "\n"
                 "\x90\xbf\x8b\x81\x8f\x91\n"
                 "--inner\n"
                 "Content-Type: text/html; charset=Shift_JIS\n"
                 "\n"
                 "<b>html</b>\n"
                 "--inner--\n"
                 "--outer\n"
                 "Content-Type: application/pdf; name=\"=?ISO-2022-JP?B?GyRCOCtAUT1xGyhC?=.pdf\"\n"
                 "Content-Disposition: attachment\n"
                 "Content-Transfer-Encoding: base64\n"
                 "\n" +
                 pdf.toBase64() +
                 "\n"
                 "--outer\n"
                 "Content-Type: text/plain; charset=UTF-8\n"
                 "Content-Disposition: attachment; filename*=UTF-8''%E3%83%A1%E3%83%A2.txt\n"
                 "\n"
                 "not the body\n"
                 "--outer\n"
                 "Content-Type: message/rfc822\n"
                 "\n"
                 "Subject: =?UTF-8?B?6Lui6YCB?=\n"
                 "\n"
                 "forwarded body\n"
                 "--outer\n"
                 "Content-Type: image/png\n"
                 "Content-Transfer-Encoding: base64\n"
                 "\n"
                 "iVBORw0KGgo=\n"
                 "--outer--\n");
        const MessagePreview p = messagePreview(message);
        QCOMPARE(p.text, u("請求書"));
        QCOMPARE(p.attachments.size(), 4);
        QCOMPARE(p.attachments[0].name, u("見積書.pdf"));
        QCOMPARE(p.attachments[0].contentType, u("application/pdf"));
        QCOMPARE(p.attachments[0].size, 3000);
        QCOMPARE(p.attachments[1].name, u("メモ.txt"));
        QCOMPARE(p.attachments[2].name, u("転送"));
        QCOMPARE(p.attachments[2].contentType, u("message/rfc822"));
        QCOMPARE(p.attachments[3].name, QString());
        QCOMPARE(p.attachments[3].contentType, u("image/png"));
        QCOMPARE(p.attachments[3].size, 8);
        QVERIFY(!p.text.contains(QLatin1String("not the body")));
        QVERIFY(!p.text.contains(QLatin1String("forwarded")));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("contains");
        QTest::newRow("empty") << QByteArray() << QString();
        QTest::newRow("no header end") << QByteArray("Subject: x") << QString();
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\r\n\r\n\x00\x01 body", 14) << u("body");
        QTest::newRow("multipart without boundary")
            << crlf("Subject: x\nContent-Type: multipart/mixed\n\nthe text anyway\n")
            << u("the text anyway");
        QTest::newRow("boundary never used")
            << crlf("Subject: x\nContent-Type: multipart/mixed; boundary=zz\n\nonly text\n")
            << u("only text");
        QTest::newRow("bad base64")
            << crlf("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!@@@\n")
            << QString();
        QTest::newRow("bad charset")
            << crlf("Content-Type: text/plain; charset=x-nothing\n\nhello\n") << u("hello");
        QTest::newRow("broken iso-2022-jp")
            << crlf("Content-Type: text/plain; charset=ISO-2022-JP\n\n\x1b$B\xff\xfe abc\n")
            << QString();
        QByteArray deep = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n";
        for (int i = 1; i < 60; ++i)
            deep += "--b" + QByteArray::number(i - 1) +
                    "\r\nContent-Type: multipart/mixed; boundary=b" + QByteArray::number(i) +
                    "\r\n\r\n";
        QTest::newRow("nested too deep") << deep << QString();
    }
    void malformed()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, contains);
        const MessagePreview p = messagePreview(message);
        QVERIFY2(p.text.contains(contains), qPrintable(p.text));
    }

    void textIsBounded()
    {
        const QByteArray big = "Subject: big\r\n\r\n" + QByteArray(100000, 'a') + "\r\n";
        const MessagePreview p = messagePreview(big, 1000);
        QCOMPARE(p.text.size(), 1000);
        QVERIFY(p.textTruncated);
        QVERIFY(!messagePreview(big).textTruncated);
    }
};

QTEST_GUILESS_MAIN(tst_MessagePreview)
#include "tst_messagepreview.moc"
