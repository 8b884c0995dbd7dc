// Unit tests of server-core/mime and the FETCH side of imap/imapfetch:
// ENVELOPE and BODYSTRUCTURE strings (RFC 3501 7.4.2), the exact bytes of
// sections by part number (RFC 3501 6.4.5), RFC 2047 words, the Japanese
// charsets (ISO-2022-JP with the NEC rows ①Ⅱ㈱ as CP50220 reads them,
// Shift_JIS, EUC-JP), searchable text, hostile structures and every prefix
// of each sample, and decoding from several threads at once.
#include "imap/imapcommandparser.h"
#include "imap/imapfetch.h"
#include "mime/headerfields.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"

#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <string_view>
#include <thread>

using namespace fumibako;
using SectionText = MimeMessage::SectionText;

namespace
{

// "\n" to "\r\n": the samples are written with LF for readability, stored with CRLF.
QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// ---- sample messages, built from pieces so every expected size and byte comes
// from the pieces, not from the code under test ----------------------------------------

const QByteArray kJisNec =
    "\x1b$B-!2q5D\x1b(B \x1b$B-64|\x1b(B \x1b$B-jJ8H\x22\x1b(B"; // ①会議 Ⅱ期 ㈱文箱
const char *const kNecText = "①会議 Ⅱ期 ㈱文箱";
const QByteArray kJisMitsumori = "\x1b$B8+@Q$N$40MMj\x1b(B"; // 見積のご依頼
const QByteArray kSjisNec = "\x87@\x89\xef\x8b"
                            "c \x87U\x8a\xfa \x87\x8a\x95\xb6\x94\xa0";
const QByteArray kEucMitsumori = "\xb8\xab\xc0\xd1\xa4\xce\xa4\xb4\xb0\xcd\xcd\xea";
const QByteArray kEucNec = "\xad\xa1\xb2\xf1\xb5\xc4 \xad\xb6\xb4\xfc \xad\xea\xca\xb8\xc8\xa2";

struct Rfc3501Sample { // the message of RFC 3501 6.4.5's example responses
    QByteArray header = crlf("Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\n"
                             "From: Terry Gray <gray@cac.washington.edu>\n"
                             "Subject: IMAP4rev1 WG mtg summary and minutes\n"
                             "To: imap@cac.washington.edu\n"
                             "cc: minutes@CNRI.Reston.VA.US,\n"
                             " John Klensin <KLENSIN@MIT.EDU>\n"
                             "Message-Id: <B27397-0100000@cac.washington.edu>\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\n");
    QByteArray body = crlf("Minutes of the meeting.\nSecond line.\nThird line.\n"); // 3 lines
    QByteArray raw() const { return header + "\r\n" + body; }
};

struct MixedSample { // multipart/mixed: ISO-2022-JP text and a PDF attachment
    QByteArray header = crlf("From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>\n"
                             "To: sato@example.jp\n"
                             "Subject: =?ISO-2022-JP?B?GyRCOCtAUSROJDQwTU1qGyhC?=\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed;\n boundary=\"=_XX\"\n");
    QByteArray preamble = crlf("This is a multi-part message in MIME format.\n");
    QByteArray p1Header =
        crlf("Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n");
    QByteArray p1Body = crlf(kJisNec + "\n" + kJisMitsumori); // 2 lines, the last without CRLF
    QByteArray p2Header = crlf("Content-Type: application/pdf; name=\"a.pdf\"\n"
                               "Content-Transfer-Encoding: base64\n"
                               "Content-Disposition: attachment; filename=\"a.pdf\"\n"
                               "Content-ID: <pdf1@example.jp>\n"
                               "Content-Description: The report\n"
                               "Content-Language: ja, en\n"
                               "Content-Location: http://example.jp/a.pdf\n");
    QByteArray p2Body = crlf("c2VjcmV0d29yZA==\n"); // "secretword"; the CRLF is part of the body
    QByteArray epilogue = crlf("epilogue\n");
    QByteArray raw() const
    {
        return header + "\r\n" + preamble + "--=_XX\r\n" + p1Header + "\r\n" + p1Body +
               "\r\n--=_XX\r\n" + p2Header + "\r\n" + p2Body + "\r\n--=_XX--\r\n" + epilogue;
    }
};

struct AlternativeSample { // mixed[ alternative[ text/plain Shift_JIS QP, text/html EUC-JP ],
                           // image/png ]
    QByteArray header =
        crlf("From: a@example.jp\nSubject: alt\nContent-Type: multipart/mixed; boundary=outer\n");
    QByteArray altHeader = crlf("Content-Type: multipart/alternative; boundary=\"inner\"\n");
    QByteArray plainHeader =
        crlf("Content-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: "
             "quoted-printable\n");
    QByteArray plainBody = crlf("=82=A8=8C=A9=90=CF=82=E8 =87@\n"); // お見積り ①
    QByteArray htmlHeader =
        crlf("Content-Type: text/html; charset=EUC-JP\nContent-Transfer-Encoding: 8bit\n");
    QByteArray htmlBody = crlf("<p>" + kEucMitsumori + "</p>\n<p>" + kEucNec + "</p>");
    QByteArray pngHeader = crlf("Content-Type: image/png\nContent-Transfer-Encoding: "
                                "base64\nContent-Disposition: inline\n");
    QByteArray pngBody = "iVBORw0KGgo=";
    QByteArray altBody() const
    {
        return "--inner\r\n" + plainHeader + "\r\n" + plainBody + "\r\n--inner\r\n" + htmlHeader +
               "\r\n" + htmlBody + "\r\n--inner--";
    }
    QByteArray raw() const
    {
        return header + "\r\n--outer\r\n" + altHeader + "\r\n" + altBody() + "\r\n--outer\r\n" +
               pngHeader + "\r\n" + pngBody + "\r\n--outer--\r\n";
    }
};

struct AttachedSample { // mixed[ text/plain, message/rfc822 [ text/plain UTF-8 base64 ] ]
    QByteArray header = crlf("From: b@example.jp\nTo: c@example.jp\nSubject: fwd\nContent-Type: "
                             "multipart/mixed; boundary=b1\n");
    QByteArray p1Body = crlf("See the attached message.\n");
    QByteArray p2Header = crlf("Content-Type: message/rfc822\nContent-Description: forwarded\n");
    QByteArray innerHeader = crlf("Date: Tue, 1 Apr 2025 09:00:00 +0900\n"
                                  "From: \"Sato, Hanako\" <hanako@example.jp>\n"
                                  "Subject: =?UTF-8?B?6KuL5rGC5pu44pGh44Gr44Gk44GE44Gm?=\n"
                                  "Message-ID: <inner@example.jp>\n"
                                  "Content-Type: text/plain; charset=UTF-8\n"
                                  "Content-Transfer-Encoding: base64\n");
    QByteArray innerBody = crlf("5pys5paH44GvIFVURi04IOOBp+OBmQ==\n"); // 本文は UTF-8 です
    QByteArray inner() const { return innerHeader + "\r\n" + innerBody; }
    QByteArray raw() const
    {
        return header + "\r\n--b1\r\n\r\n" + p1Body + "\r\n--b1\r\n" + p2Header + "\r\n" + inner() +
               "\r\n--b1--\r\n";
    }
};

QByteArray n(qsizetype v)
{
    return QByteArray::number(v);
}

QList<int> partPath(const QByteArray &s)
{
    QList<int> out;
    for (const QByteArray &p : s.split('.')) {
        bool ok = false;
        const int v = p.toInt(&ok);
        if (ok)
            out << v;
    }
    return out;
}

QList<QByteArray> samples()
{
    return {Rfc3501Sample().raw(), MixedSample().raw(), AlternativeSample().raw(),
            AttachedSample().raw()};
}

} // namespace

class TestMime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelope_data();
    void envelope();
    void bodyStructure_data();
    void bodyStructure();
    void section_data();
    void section();
    void fetchItems_data();
    void fetchItems();
    void fetchValues();
    void headerWords_data();
    void headerWords();
    void necRowsAreBuiltRight();
    void charsets_data();
    void charsets();
    void transferEncodings_data();
    void transferEncodings();
    void decodedHeaders();
    void searchableText_data();
    void searchableText();
    void foldForSearch_data();
    void foldForSearch();
    void headerFieldScanner_data();
    void headerFieldScanner();
    void containsBytes_data();
    void containsBytes();
    void containsBytesAgreesWithFind();
    void hostileStructures_data();
    void hostileStructures();
    void everyPrefix();
    void threads();
};

// ---- ENVELOPE (RFC 3501 7.4.2) ----------------------------------------------------------

void TestMime::envelope_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("rfc3501 example")
        << Rfc3501Sample().raw()
        << QByteArray("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and "
                      "minutes\" "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((NIL NIL \"imap\" \"cac.washington.edu\")) "
                      "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL "
                      "\"KLENSIN\" \"MIT.EDU\")) "
                      "NIL NIL \"<B27397-0100000@cac.washington.edu>\")");
    QTest::newRow("only from")
        << crlf("From: a@b.example\n\nbody\n")
        << QByteArray("(NIL NIL ((NIL NIL \"a\" \"b.example\")) ((NIL NIL \"a\" \"b.example\")) "
                      "((NIL NIL \"a\" \"b.example\")) NIL NIL NIL NIL NIL)");
    QTest::newRow("no header at all")
        << crlf("\nbody\n") << QByteArray("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    QTest::newRow("empty message")
        << QByteArray() << QByteArray("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    QTest::newRow("groups")
        << crlf("From: a@b.example\n"
                "To: undisclosed-recipients:;\n"
                "Cc: Team: \"Ann Example\" <ann@x.example>, bob@y.example;, carol@z.example\n"
                "Bcc: Empty Group: ;\n\n")
        << QByteArray("(NIL NIL ((NIL NIL \"a\" \"b.example\")) ((NIL NIL \"a\" \"b.example\")) "
                      "((NIL NIL \"a\" \"b.example\")) "
                      "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
                      "((NIL NIL \"Team\" NIL)(\"Ann Example\" NIL \"ann\" \"x.example\")(NIL NIL "
                      "\"bob\" \"y.example\")"
                      "(NIL NIL NIL NIL)(NIL NIL \"carol\" \"z.example\")) "
                      "((NIL NIL \"Empty Group\" NIL)(NIL NIL NIL NIL)) NIL NIL)");
    QTest::newRow("sender, reply-to, route, comment, quoting, raw words")
        << crlf("Date: Tue, 1 Apr 2025 09:00:00 +0900\n"
                "Subject: =?ISO-2022-JP?B?GyRCOCtAUSROJDQwTU1qGyhC?=\n"
                "From: \"Doe, John \\\"JD\\\"\" <john@doe.example>\n"
                "Sender: secretary@doe.example (The Secretary)\n"
                "Reply-To: <@relay1.example,@relay2.example:john@doe.example>\n"
                "To: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>, local-only\n"
                "In-Reply-To: <parent@doe.example>\n"
                "Message-ID: <child@doe.example>\n\nbody\n")
        << QByteArray(
               "(\"Tue, 1 Apr 2025 09:00:00 +0900\" \"=?ISO-2022-JP?B?GyRCOCtAUSROJDQwTU1qGyhC?=\" "
               "((\"Doe, John \\\"JD\\\"\" NIL \"john\" \"doe.example\")) "
               "((\"The Secretary\" NIL \"secretary\" \"doe.example\")) "
               "((NIL \"@relay1.example,@relay2.example\" \"john\" \"doe.example\")) "
               "((\"=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=\" NIL \"yamada\" \"example.jp\")(NIL NIL "
               "\"local-only\" \"\")) "
               "NIL NIL \"<parent@doe.example>\" \"<child@doe.example>\")");
    QTest::newRow("folded subject, 8-bit subject as a literal")
        << crlf("Subject: =?UTF-8?Q?a?=\n =?UTF-8?Q?b?=\nFrom: <x@y.example>\nTo: "
                "\xe4\xbc\x9a\xe8\xad\xb0 <k@y.example>\n\n")
        << QByteArray("(NIL \"=?UTF-8?Q?a?= =?UTF-8?Q?b?=\" ((NIL NIL \"x\" \"y.example\")) ((NIL "
                      "NIL \"x\" \"y.example\")) "
                      "((NIL NIL \"x\" \"y.example\")) (({6}\r\n\xe4\xbc\x9a\xe8\xad\xb0 NIL \"k\" "
                      "\"y.example\")) NIL NIL NIL NIL)");
    QTest::newRow("empty sender and reply-to fall back to from")
        << crlf("From: A <a@b.example>\nSender:\nReply-To:   \n\n")
        << QByteArray(
               "(NIL NIL ((\"A\" NIL \"a\" \"b.example\")) ((\"A\" NIL \"a\" \"b.example\")) "
               "((\"A\" NIL \"a\" \"b.example\")) NIL NIL NIL NIL NIL)");
    QTest::newRow("attached message's envelope is its own")
        << AttachedSample().inner()
        << QByteArray("(\"Tue, 1 Apr 2025 09:00:00 +0900\" "
                      "\"=?UTF-8?B?6KuL5rGC5pu44pGh44Gr44Gk44GE44Gm?=\" "
                      "((\"Sato, Hanako\" NIL \"hanako\" \"example.jp\")) ((\"Sato, Hanako\" NIL "
                      "\"hanako\" \"example.jp\")) "
                      "((\"Sato, Hanako\" NIL \"hanako\" \"example.jp\")) NIL NIL NIL NIL "
                      "\"<inner@example.jp>\")");
}

void TestMime::envelope()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);
    QCOMPARE(MimeMessage(message).imapEnvelope(), expected);
    // LF-only storage gives the same envelope
    QByteArray lf = message;
    QCOMPARE(MimeMessage(lf.replace("\r\n", "\n")).imapEnvelope(), expected);
}

// ---- BODYSTRUCTURE / BODY ----------------------------------------------------------------

void TestMime::bodyStructure_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("extensible");
    QTest::addColumn<QByteArray>("plain");

    const Rfc3501Sample r;
    QTest::newRow("text/plain")
        << r.raw()
        << "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " + n(r.body.size()) +
               " 3 NIL NIL NIL NIL)"
        << "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " + n(r.body.size()) +
               " 3)";

    const QByteArray bare = crlf("Subject: x\n\none\ntwo");
    QTest::newRow("no content-type: text/plain us-ascii (RFC 2045 5.2)")
        << bare
        << QByteArray("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 8 2 NIL NIL "
                      "NIL NIL)")
        << QByteArray("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 8 2)");

    const MixedSample m;
    QTest::newRow("multipart/mixed with attachment")
        << m.raw()
        << "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"ISO-2022-JP\") NIL NIL \"7BIT\" " +
               n(m.p1Body.size()) +
               " 2 NIL NIL NIL NIL)"
               "(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") \"<pdf1@example.jp>\" \"The report\" "
               "\"BASE64\" " +
               n(m.p2Body.size()) +
               " NIL (\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) (\"ja\" \"en\") "
               "\"http://example.jp/a.pdf\")"
               " \"MIXED\" (\"BOUNDARY\" \"=_XX\") NIL NIL NIL)"
        << "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"ISO-2022-JP\") NIL NIL \"7BIT\" " +
               n(m.p1Body.size()) +
               " 2)"
               "(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") \"<pdf1@example.jp>\" \"The report\" "
               "\"BASE64\" " +
               n(m.p2Body.size()) + ") \"MIXED\")";

    const AlternativeSample a;
    QTest::newRow("multipart/alternative inside mixed")
        << a.raw()
        << "(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"Shift_JIS\") NIL NIL \"QUOTED-PRINTABLE\" " +
               n(a.plainBody.size()) +
               " 1 NIL NIL NIL NIL)"
               "(\"TEXT\" \"HTML\" (\"CHARSET\" \"EUC-JP\") NIL NIL \"8BIT\" " +
               n(a.htmlBody.size()) +
               " 2 NIL NIL NIL NIL)"
               " \"ALTERNATIVE\" (\"BOUNDARY\" \"inner\") NIL NIL NIL)"
               "(\"IMAGE\" \"PNG\" NIL NIL NIL \"BASE64\" " +
               n(a.pngBody.size()) +
               " NIL (\"INLINE\" NIL) NIL NIL)"
               " \"MIXED\" (\"BOUNDARY\" \"outer\") NIL NIL NIL)"
        << "(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"Shift_JIS\") NIL NIL \"QUOTED-PRINTABLE\" " +
               n(a.plainBody.size()) +
               " 1)"
               "(\"TEXT\" \"HTML\" (\"CHARSET\" \"EUC-JP\") NIL NIL \"8BIT\" " +
               n(a.htmlBody.size()) +
               " 2)"
               " \"ALTERNATIVE\")(\"IMAGE\" \"PNG\" NIL NIL NIL \"BASE64\" " +
               n(a.pngBody.size()) + ") \"MIXED\")";

    const AttachedSample t;
    const QByteArray innerEnvelope = MimeMessage(t.inner()).imapEnvelope(); // checked in envelope()
    QTest::newRow("message/rfc822 attached")
        << t.raw()
        << "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " +
               n(t.p1Body.size()) +
               " 1 NIL NIL NIL NIL)"
               "(\"MESSAGE\" \"RFC822\" NIL NIL \"forwarded\" \"7BIT\" " +
               n(t.inner().size()) + " " + innerEnvelope +
               " (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"BASE64\" " +
               n(t.innerBody.size()) +
               " 1 NIL NIL NIL NIL) 8"
               " NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)"
        << "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " +
               n(t.p1Body.size()) +
               " 1)"
               "(\"MESSAGE\" \"RFC822\" NIL NIL \"forwarded\" \"7BIT\" " +
               n(t.inner().size()) + " " + innerEnvelope +
               " (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"BASE64\" " +
               n(t.innerBody.size()) + " 1) 8) \"MIXED\")";

    const QByteArray digest =
        crlf("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
    QTest::newRow("digest parts default to message/rfc822 (RFC 2046 5.1.5)")
        << digest
        << QByteArray("((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 21 (NIL \"one\" NIL NIL NIL "
                      "NIL NIL NIL NIL NIL) "
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1 NIL NIL "
                      "NIL NIL) 3 NIL NIL NIL NIL)"
                      " \"DIGEST\" (\"BOUNDARY\" \"d\") NIL NIL NIL)")
        << QByteArray("((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 21 (NIL \"one\" NIL NIL NIL "
                      "NIL NIL NIL NIL NIL) "
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 5 1) 3) "
                      "\"DIGEST\")");

    const QByteArray base64Message =
        crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
             "U3ViamVjdDogeA0KDQp5DQo=\n");
    QTest::newRow("message/rfc822 in base64 (RFC 2046 5.2.1 forbids it) still parses")
        << base64Message
        << QByteArray("(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"BASE64\" 26 (NIL NIL NIL NIL NIL NIL "
                      "NIL NIL NIL NIL) "
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0 NIL NIL "
                      "NIL NIL) 1 "
                      "NIL NIL NIL NIL)")
        << QByteArray("(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"BASE64\" 26 (NIL NIL NIL NIL NIL NIL "
                      "NIL NIL NIL NIL) "
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0) 1)");
    const QByteArray global = crlf("Content-Type: message/global\n\nSubject: x\n\ny\n");
    QTest::newRow("message/global is a basic body (RFC 3501 has no envelope for it)")
        << global << QByteArray("(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"7BIT\" 17 NIL NIL NIL NIL)")
        << QByteArray("(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"7BIT\" 17)");

    const QByteArray noBoundary = crlf("Content-Type: multipart/mixed\n\nno parts here\n");
    QTest::newRow("multipart without a boundary still has one body")
        << noBoundary
        << QByteArray("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0 NIL "
                      "NIL NIL NIL) \"MIXED\" NIL NIL NIL NIL)")
        << QByteArray(
               "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0) \"MIXED\")");

    const QByteArray params =
        crlf("Content-Type: text/plain; format=flowed; charset=\"utf-8\" (comment); delsp=yes\n"
             "Content-Transfer-Encoding: 8BIT\n"
             "Content-Disposition: inline; filename*=UTF-8''%E4%BC%9A.txt\n\nx\n");
    QTest::newRow("parameters, comments and RFC 2231 kept raw")
        << params
        << QByteArray("(\"TEXT\" \"PLAIN\" (\"FORMAT\" \"flowed\" \"CHARSET\" \"utf-8\" \"DELSP\" "
                      "\"yes\") NIL NIL \"8BIT\" 3 1 NIL "
                      "(\"INLINE\" (\"FILENAME*\" \"UTF-8''%E4%BC%9A.txt\")) NIL NIL)")
        << QByteArray("(\"TEXT\" \"PLAIN\" (\"FORMAT\" \"flowed\" \"CHARSET\" \"utf-8\" \"DELSP\" "
                      "\"yes\") NIL NIL \"8BIT\" 3 1)");
}

void TestMime::bodyStructure()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, extensible);
    QFETCH(QByteArray, plain);
    const MimeMessage m(message);
    QCOMPARE(m.imapBodyStructure(true), extensible);
    QCOMPARE(m.imapBodyStructure(false), plain);
}

// ---- sections: the original bytes (RFC 3501 6.4.5) -----------------------------------------

void TestMime::section_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<int>("text");
    QTest::addColumn<QList<QByteArray>>("fields");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("expected");
    const QList<QByteArray> none;
    auto row = [&](const char *name, const QByteArray &msg, const char *part, SectionText text,
                   const QByteArray &expected, const QList<QByteArray> &fields = {}) {
        QTest::newRow(name) << msg << QByteArray(part) << int(text) << fields << true << expected;
    };
    auto missing = [&](const char *name, const QByteArray &msg, const char *part,
                       SectionText text) {
        QTest::newRow(name) << msg << QByteArray(part) << int(text) << QList<QByteArray>() << false
                            << QByteArray();
    };

    const Rfc3501Sample r;
    row("single: whole", r.raw(), "", SectionText::Whole, r.raw());
    row("single: HEADER", r.raw(), "", SectionText::Header, r.header + "\r\n");
    row("single: TEXT", r.raw(), "", SectionText::Text, r.body);
    row("single: 1 is the body", r.raw(), "1", SectionText::Whole, r.body);
    row("single: 1.MIME is the message header", r.raw(), "1.MIME", SectionText::Mime,
        r.header + "\r\n");
    row("single: HEADER.FIELDS folded field whole", r.raw(), "", SectionText::HeaderFields,
        crlf("Subject: IMAP4rev1 WG mtg summary and minutes\ncc: minutes@CNRI.Reston.VA.US,\n John "
             "Klensin <KLENSIN@MIT.EDU>\n\n"),
        {"CC", "subject"});
    row("single: HEADER.FIELDS of an absent field is the blank line", r.raw(), "",
        SectionText::HeaderFields, "\r\n", {"X-NONE"});
    missing("single: no part 2", r.raw(), "2", SectionText::Whole);
    missing("single: no part 1.1", r.raw(), "1.1", SectionText::Whole);
    missing("single: 1.HEADER of a text part", r.raw(), "1", SectionText::Header);

    const MixedSample m;
    row("mixed: HEADER", m.raw(), "", SectionText::Header, m.header + "\r\n");
    row("mixed: TEXT", m.raw(), "", SectionText::Text, m.raw().mid(m.header.size() + 2));
    row("mixed: 1 ends before the CRLF of the delimiter", m.raw(), "1", SectionText::Whole,
        m.p1Body);
    row("mixed: 1.MIME", m.raw(), "1.MIME", SectionText::Mime, m.p1Header + "\r\n");
    row("mixed: 2 keeps its own last CRLF", m.raw(), "2", SectionText::Whole, m.p2Body);
    row("mixed: 2.MIME", m.raw(), "2.MIME", SectionText::Mime, m.p2Header + "\r\n");
    missing("mixed: no part 3", m.raw(), "3", SectionText::Whole);
    missing("mixed: no part 0", m.raw(), "0", SectionText::Whole);
    missing("mixed: 2.TEXT of a non-message part", m.raw(), "2", SectionText::Text);

    const AlternativeSample a;
    row("alt: 1 is the whole alternative body", a.raw(), "1", SectionText::Whole, a.altBody());
    row("alt: 1.MIME", a.raw(), "1.MIME", SectionText::Mime, a.altHeader + "\r\n");
    row("alt: 1.1", a.raw(), "1.1", SectionText::Whole, a.plainBody);
    row("alt: 1.2", a.raw(), "1.2", SectionText::Whole, a.htmlBody);
    row("alt: 1.2.MIME", a.raw(), "1.2.MIME", SectionText::Mime, a.htmlHeader + "\r\n");
    row("alt: 2", a.raw(), "2", SectionText::Whole, a.pngBody);
    missing("alt: 1.3", a.raw(), "1.3", SectionText::Whole);

    const AttachedSample t;
    row("rfc822: 1 has no MIME header", t.raw(), "1.MIME", SectionText::Mime, "\r\n");
    row("rfc822: 1", t.raw(), "1", SectionText::Whole, t.p1Body);
    row("rfc822: 2 is the whole message", t.raw(), "2", SectionText::Whole, t.inner());
    row("rfc822: 2.MIME", t.raw(), "2.MIME", SectionText::Mime, t.p2Header + "\r\n");
    row("rfc822: 2.HEADER", t.raw(), "2", SectionText::Header, t.innerHeader + "\r\n");
    row("rfc822: 2.TEXT", t.raw(), "2", SectionText::Text, t.innerBody);
    row("rfc822: 2.1 is the attached message's body", t.raw(), "2.1", SectionText::Whole,
        t.innerBody);
    row("rfc822: 2.1.MIME", t.raw(), "2.1.MIME", SectionText::Mime, t.innerHeader + "\r\n");
    row("rfc822: 2.HEADER.FIELDS", t.raw(), "2", SectionText::HeaderFields,
        crlf("Subject: =?UTF-8?B?6KuL5rGC5pu44pGh44Gr44Gk44GE44Gm?=\nMessage-ID: "
             "<inner@example.jp>\n\n"),
        {"MESSAGE-ID", "SUBJECT"});
    row("rfc822: 2.HEADER.FIELDS.NOT", t.raw(), "2", SectionText::HeaderFieldsNot,
        crlf("Date: Tue, 1 Apr 2025 09:00:00 +0900\nFrom: \"Sato, Hanako\" <hanako@example.jp>\n"
             "Message-ID: <inner@example.jp>\n\n"),
        {"SUBJECT", "CONTENT-TYPE", "CONTENT-TRANSFER-ENCODING"});
    missing("rfc822: 2.2", t.raw(), "2.2", SectionText::Whole);

    const QByteArray nestedRfc822 =
        crlf("Content-Type: multipart/mixed; boundary=o\n\n--o\n"
             "Content-Type: message/rfc822\n\n"
             "Subject: inner\nContent-Type: multipart/alternative; boundary=i\n\n"
             "--i\n\nplain\n--i\nContent-Type: text/html\n\n<b>html</b>\n--i--\n"
             "--o--\n");
    row("rfc822 multipart: 1.1", nestedRfc822, "1.1", SectionText::Whole, "plain");
    row("rfc822 multipart: 1.2", nestedRfc822, "1.2", SectionText::Whole, "<b>html</b>");
    row("rfc822 multipart: 1.2.MIME", nestedRfc822, "1.2.MIME", SectionText::Mime,
        crlf("Content-Type: text/html\n\n"));
    row("rfc822 multipart: 1.TEXT", nestedRfc822, "1", SectionText::Text,
        crlf("--i\n\nplain\n--i\nContent-Type: text/html\n\n<b>html</b>\n--i--"));

    const QByteArray lf = "Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: "
                          "text/plain\n\nlf body\n--z--\n";
    row("bare LF: 1", lf, "1", SectionText::Whole, "lf body");
    row("bare LF: 1.MIME", lf, "1.MIME", SectionText::Mime, "Content-Type: text/plain\n\n");

    const QByteArray prefixBoundary =
        crlf("Content-Type: multipart/mixed; boundary=ab\n\n--ab\n"
             "Content-Type: multipart/mixed; boundary=abc\n\n--abc\n\ninner\n--abc--\n--ab--\n");
    row("a boundary that extends the outer one is not the outer one", prefixBoundary, "1.1",
        SectionText::Whole, "inner");
    const QByteArray unterminated = crlf(
        "Content-Type: multipart/mixed; boundary=q\n\n--q\n\nfirst\n--q\n\nsecond, never closed\n");
    row("no close delimiter: the last part runs to the end", unterminated, "2", SectionText::Whole,
        crlf("second, never closed\n"));
    const QByteArray trailingSpace =
        crlf("Content-Type: multipart/mixed; boundary=s\n\n--s  \n\nbody\n--s-- \n");
    row("white space after a delimiter (RFC 2046 5.1.1)", trailingSpace, "1", SectionText::Whole,
        "body");
}

void TestMime::section()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, part);
    QFETCH(int, text);
    QFETCH(QList<QByteArray>, fields);
    QFETCH(bool, found);
    QFETCH(QByteArray, expected);
    const auto got = MimeMessage(message).section(partPath(part), SectionText(text), fields);
    QCOMPARE(got.has_value(), found);
    if (found) {
        QCOMPARE(*got, expected);
        QVERIFY(message.contains(expected) || expected.endsWith("\r\n") || expected.endsWith('\n'));
    }
}

// ---- FETCH attributes (RFC 3501 6.4.5) -----------------------------------------------------

void TestMime::fetchItems_data()
{
    QTest::addColumn<QByteArray>("atom");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<int>("text");
    QTest::addColumn<QByteArray>("responseName");

    auto ok = [](const char *atom, const char *part, SectionText text, const char *name) {
        QTest::newRow(atom) << QByteArray(atom) << true << QByteArray(part) << int(text)
                            << QByteArray(name);
    };
    auto bad = [](const char *atom) {
        QTest::newRow(atom) << QByteArray(atom) << false << QByteArray() << 0 << QByteArray();
    };
    ok("BODY[]", "", SectionText::Whole, "BODY[]");
    ok("BODY[1]", "1", SectionText::Whole, "BODY[1]");
    ok("BODY.PEEK[1.2.3]", "1.2.3", SectionText::Whole, "BODY[1.2.3]");
    ok("body[2.mime]", "2", SectionText::Mime, "BODY[2.mime]");
    ok("BODY[2.HEADER]", "2", SectionText::Header, "BODY[2.HEADER]");
    ok("BODY[2.TEXT]<0.100>", "2", SectionText::Text, "BODY[2.TEXT]<0>");
    ok("BODY.PEEK[2.HEADER.FIELDS (From To)]", "2", SectionText::HeaderFields,
       "BODY[2.HEADER.FIELDS (From To)]");
    ok("BODY[HEADER.FIELDS.NOT (\"Subject\")]", "", SectionText::HeaderFieldsNot,
       "BODY[HEADER.FIELDS.NOT (\"Subject\")]");
    ok("RFC822.TEXT", "", SectionText::Text, "RFC822.TEXT");
    bad("BODY[0]");
    bad("BODY[01]");
    bad("BODY[1.]");
    bad("BODY[.1]");
    bad("BODY[MIME]");
    bad("BODY[1.FOO]");
    bad("BODY[1.HEADER.FIELDS]");
    bad("BODY[1.HEADER.FIELDS ()]");
    bad("BODY[1]<5>");
    bad("BODY.PEEK");
    bad("BINARY[1]");
}

void TestMime::fetchItems()
{
    QFETCH(QByteArray, atom);
    QFETCH(bool, valid);
    QFETCH(QByteArray, part);
    QFETCH(int, text);
    QFETCH(QByteArray, responseName);
    ImapValue v;
    v.type = ImapValue::Type::Atom;
    v.text = atom;
    const auto req = parseFetchItems(v);
    QCOMPARE(req.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(req->items.size(), 1);
    const FetchItem &item = req->items.first();
    QCOMPARE(item.kind, FetchItem::Kind::Section);
    QCOMPARE(item.part, partPath(part));
    QCOMPARE(int(item.text), text);
    QCOMPARE(item.responseName, responseName);
    QCOMPARE(req->setsSeen, !atom.toUpper().contains(".PEEK"));
}

void TestMime::fetchValues()
{
    auto parse = [](const char *text) {
        ImapValue v;
        v.type = ImapValue::Type::Atom;
        v.text = text;
        return parseFetchItems(v);
    };
    // RFC 3501 6.4.5 macros
    auto kinds = [&](const char *macro) {
        QList<FetchItem::Kind> out;
        const auto req = parse(macro);
        for (const FetchItem &i : req->items)
            out << i.kind;
        return out;
    };
    using K = FetchItem::Kind;
    QCOMPARE(kinds("FAST"), (QList<K>{K::Flags, K::InternalDate, K::Size}));
    QCOMPARE(kinds("all"), (QList<K>{K::Flags, K::InternalDate, K::Size, K::Envelope}));
    QCOMPARE(kinds("FULL"), (QList<K>{K::Flags, K::InternalDate, K::Size, K::Envelope, K::Body}));
    QVERIFY(!parse("ENVELOPE")->setsSeen);
    QVERIFY(!parse("BODYSTRUCTURE")->setsSeen);

    const MixedSample s;
    const MimeMessage m(s.raw());
    QCOMPARE(fetchValue(m, parse("ENVELOPE")->items.first()), "ENVELOPE " + m.imapEnvelope());
    QCOMPARE(fetchValue(m, parse("BODYSTRUCTURE")->items.first()),
             "BODYSTRUCTURE " + m.imapBodyStructure(true));
    QCOMPARE(fetchValue(m, parse("BODY")->items.first()), "BODY " + m.imapBodyStructure(false));
    QCOMPARE(fetchValue(m, parse("BODY[1]")->items.first()),
             "BODY[1] {" + n(s.p1Body.size()) + "}\r\n" + s.p1Body);
    QCOMPARE(fetchValue(m, parse("BODY.PEEK[2]<3.5>")->items.first()),
             "BODY[2]<3> {5}\r\n" + s.p2Body.mid(3, 5));
    QCOMPARE(fetchValue(m, parse("BODY[2]<100000.5>")->items.first()),
             QByteArray("BODY[2]<100000> {0}\r\n"));
    QCOMPARE(fetchValue(m, parse("BODY[7]")->items.first()), QByteArray("BODY[7] NIL"));
    QCOMPARE(fetchValue(m, parse("BODY[1.HEADER]")->items.first()),
             QByteArray("BODY[1.HEADER] NIL"));
}

// ---- RFC 2047 ------------------------------------------------------------------------------

void TestMime::headerWords_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ISO-2022-JP B")
        << QByteArray("=?ISO-2022-JP?B?GyRCOCtAUSROJDQwTU1qGyhC?=") << u("見積のご依頼");
    QTest::newRow("ISO-2022-JP B, NEC rows")
        << QByteArray("=?iso-2022-jp?b?GyRCLSEycTVEGyhCIBskQi02NHwbKEIgGyRCLWpKOEgiGyhC?=")
        << u(kNecText);
    QTest::newRow("ISO-2022-JP Q")
        << QByteArray("=?ISO-2022-JP?Q?=1B$B;3ED=1B(B_san?=") << u("山田 san");
    QTest::newRow("UTF-8 B after text")
        << QByteArray("Re: =?UTF-8?B?6KuL5rGC5pu44pGh44Gr44Gk44GE44Gm?=")
        << u("Re: 請求書②について");
    QTest::newRow("UTF-8 Q with underscores")
        << QByteArray("=?utf-8?q?caf=C3=A9_au_lait?=") << u("café au lait");
    QTest::newRow("space between words dropped (RFC 2047 6.2)")
        << QByteArray("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") << u("ab");
    QTest::newRow("folded words") << QByteArray("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=") << u("ab");
    QTest::newRow("text between words kept")
        << QByteArray("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=") << u("a b c");
    QTest::newRow("a character split over two words")
        << QByteArray("=?UTF-8?B?44E=?= =?UTF-8?B?gg==?=") << u("あ");
    QTest::newRow("Shift_JIS B") << QByteArray("=?Shift_JIS?B?gqiMqZDPgug=?=") << u("お見積り");
    QTest::newRow("EUC-JP B") << QByteArray("=?EUC-JP?B?uKvA0aTOpLSwzc3q?=") << u("見積のご依頼");
    QTest::newRow("RFC 2231 language")
        << QByteArray("=?ISO-2022-JP*ja?B?GyRCOzNFRBsoQg==?=") << u("山田");
    QTest::newRow("glued to text")
        << QByteArray("Re:=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=san") << u("Re:山田san");
    QTest::newRow("unknown charset, UTF-8 bytes")
        << QByteArray("=?x-no-such?B?44OG44K544OI?=") << u("テスト");
    QTest::newRow("bad encoding letter left alone")
        << QByteArray("=?UTF-8?X?abc?=") << u("=?UTF-8?X?abc?=");
    QTest::newRow("unterminated word left alone")
        << QByteArray("=?UTF-8?B?abc") << u("=?UTF-8?B?abc");
    QTest::newRow("raw UTF-8 (RFC 6532)")
        << QByteArray("\xe4\xbc\x9a\xe8\xad\xb0 notes") << u("会議 notes");
    QTest::newRow("raw ISO-2022-JP") << QByteArray("\x1b$B;3ED\x1b(B san") << u("山田 san");
    QTest::newRow("raw Shift_JIS") << kSjisNec << u(kNecText);
    QTest::newRow("plain ASCII") << QByteArray("  hello  ") << u("  hello  ");
}

void TestMime::headerWords()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(mimetext::decodeHeaderText(raw), expected);
}

// ---- charsets ------------------------------------------------------------------------------

void TestMime::necRowsAreBuiltRight()
{
    // The ISO-2022-JP samples above were built from CP932 as CP50220 does, and
    // checked with python3's cp932 codec: ① is Shift_JIS 0x8740 (JIS row 13,
    // 0x2D21), Ⅱ 0x8755 (0x2D36), ㈱ 0x878A (0x2D6A). Redo the arithmetic here,
    // independently of mimetext, so a wrong sample cannot pass unnoticed.
    auto toSjis = [](uchar j1, uchar j2) {
        const int row = j1 - 0x21, cell = j2 - 0x21; // 0-based JIS X 0208 row and cell
        int s1 = row / 2 + (row < 62 ? 0x81 : 0xC1);
        int s2 = row % 2 == 0 ? cell + (cell < 63 ? 0x40 : 0x41) : cell + 0x9F;
        return QByteArray().append(char(s1)).append(char(s2));
    };
    QCOMPARE(toSjis(0x2D, 0x21), QByteArray("\x87\x40")); // ①
    QCOMPARE(toSjis(0x2D, 0x36), QByteArray("\x87\x55")); // Ⅱ
    QCOMPARE(toSjis(0x2D, 0x6A), QByteArray("\x87\x8a")); // ㈱
    QByteArray sjis;
    bool jis = false;
    for (qsizetype i = 0; i < kJisNec.size(); ++i) {
        if (kJisNec[i] == '\x1b') {
            jis = kJisNec.mid(i, 3) == "\x1b$B";
            i += 2;
        } else if (jis) {
            sjis += toSjis(uchar(kJisNec[i]), uchar(kJisNec[i + 1]));
            ++i;
        } else {
            sjis += kJisNec[i];
        }
    }
    QCOMPARE(sjis, kSjisNec);
    QByteArray euc; // EUC-JP: the same JIS bytes with the high bit set
    for (qsizetype i = 0; i < kJisNec.size(); ++i) {
        if (kJisNec[i] == '\x1b') {
            jis = kJisNec.mid(i, 3) == "\x1b$B";
            i += 2;
        } else {
            euc += jis ? char(kJisNec[i] | 0x80) : kJisNec[i];
        }
    }
    QCOMPARE(euc, kEucNec);
}

void TestMime::charsets_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ISO-2022-JP") << QByteArray("\x1b$B2q5D$N$*CN$i$;\x1b(B")
                                 << QByteArray("ISO-2022-JP") << u("会議のお知らせ");
    QTest::newRow("ISO-2022-JP NEC ①Ⅱ㈱ (CP50220)")
        << kJisNec << QByteArray("iso-2022-jp") << u(kNecText);
    QTest::newRow("ISO-2022-JP ② in row 13")
        << QByteArray("\x1b$B@A5a=q-\x22\x1b(B") << QByteArray("ISO-2022-JP") << u("請求書②");
    QTest::newRow("ISO-2022-JP lines, CRLF in JIS mode")
        << QByteArray("\x1b$B;3ED\r\n8+@Q\x1b(B\r\nend") << QByteArray("ISO-2022-JP")
        << u("山田\r\n見積\r\nend");
    QTest::newRow("ISO-2022-JP never switched back")
        << QByteArray("a\x1b$B;3ED") << QByteArray("ISO-2022-JP") << u("a山田");
    QTest::newRow("ISO-2022-JP half-width katakana ESC ( I")
        << QByteArray("\x1b(I123\x1b(B!") << QByteArray("ISO-2022-JP") << u("ｱｲｳ!");
    QTest::newRow("ISO-2022-JP SO/SI katakana") << QByteArray("x\x0e"
                                                              "123\x0fy")
                                                << QByteArray("CP50221") << u("xｱｲｳy");
    QTest::newRow("ISO-2022-JP JIS X 0212")
        << QByteArray("\x1b$(D\x30\x21\x1b(B") << QByteArray("ISO-2022-JP-1") << u("丂");
    QTest::newRow("ISO-2022-JP JIS X 0208-1978")
        << QByteArray("\x1b$@;3ED\x1b(J!") << QByteArray("ISO-2022-JP") << u("山田!");
    QTest::newRow("ISO-2022-JP half a character")
        << QByteArray("\x1b$B;3E") << QByteArray("ISO-2022-JP") << u("山\uFFFD");
    QTest::newRow("ISO-2022-JP unknown escape keeps the rest")
        << QByteArray("a\x1b$Zb\x1b$B;3ED") << QByteArray("ISO-2022-JP") << u("a\uFFFDb山田");
    QTest::newRow("Shift_JIS with NEC rows") << kSjisNec << QByteArray("Shift_JIS") << u(kNecText);
    QTest::newRow("CP932 label") << kSjisNec << QByteArray("windows-31j") << u(kNecText);
    QTest::newRow("Shift_JIS bad byte keeps the rest")
        << QByteArray("\x8eR\xff\x93"
                      "c")
        << QByteArray("shift_jis") << u("山\uFFFD田");
    QTest::newRow("EUC-JP") << kEucMitsumori << QByteArray("EUC-JP") << u("見積のご依頼");
    QTest::newRow("EUC-JP with NEC row 13") << kEucNec << QByteArray("euc-jp") << u(kNecText);
    QTest::newRow("UTF-8") << QByteArray("\xe4\xbc\x9a\xe8\xad\xb0") << QByteArray("UTF-8")
                           << u("会議");
    QTest::newRow("UTF-8 bad byte keeps the rest") << QByteArray("a\xff"
                                                                 "b")
                                                   << QByteArray("utf-8") << u("a\uFFFDb");
    QTest::newRow("ISO-8859-1") << QByteArray("caf\xe9") << QByteArray("ISO-8859-1") << u("café");
    QTest::newRow("ISO-8859-15") << QByteArray("\xa4 5") << QByteArray("iso-8859-15") << u("€ 5");
    QTest::newRow("Windows-1252") << QByteArray("\x93q\x94") << QByteArray("windows-1252")
                                  << u("“q”");
    QTest::newRow("quoted charset")
        << QByteArray("\xe4\xbc\x9a") << QByteArray("\"utf-8\"") << u("会");
    QTest::newRow("US-ASCII") << QByteArray("plain text") << QByteArray("us-ascii")
                              << u("plain text");
    QTest::newRow("GB2312 through iconv")
        << QByteArray("\xc4\xe3\xba\xc3") << QByteArray("gb2312") << u("你好");
    QTest::newRow("no charset: Shift_JIS guessed")
        << QByteArray("\x8c\xa9\x90\xcf\x82\xcc\x82\xb2\x88\xcb\x97\x8a") << QByteArray()
        << u("見積のご依頼");
    QTest::newRow("no charset: EUC-JP guessed")
        << kEucMitsumori << QByteArray() << u("見積のご依頼");
    QTest::newRow("no charset: ISO-2022-JP guessed") << kJisNec << QByteArray() << u(kNecText);
    QTest::newRow("US-ASCII label over UTF-8 bytes")
        << QByteArray("\xe4\xbc\x9a") << QByteArray("us-ascii") << u("会");
    QTest::newRow("unknown charset: UTF-8 guessed")
        << QByteArray("\xe4\xbc\x9a") << QByteArray("x-bogus-1") << u("会");
    QTest::newRow("unknown charset: ASCII")
        << QByteArray("abc") << QByteArray("x-bogus-1") << u("abc");
    QTest::newRow("empty") << QByteArray() << QByteArray("ISO-2022-JP") << QString();
}

void TestMime::charsets()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, charset);
    QFETCH(QString, expected);
    QCOMPARE(mimetext::decodeCharset(bytes, charset), expected);
}

void TestMime::transferEncodings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("base64 over lines")
        << crlf("c2VjcmV0\nd29yZA==\n") << QByteArray("base64") << QByteArray("secretword");
    QTest::newRow("base64 with junk")
        << QByteArray("c2Vj*cmV0!d29yZA==") << QByteArray("BASE64") << QByteArray("secretword");
    QTest::newRow("quoted-printable soft breaks")
        << crlf("caf=C3=A9 =\nau lait=20\nnext") << QByteArray("Quoted-Printable")
        << crlf("caf\xc3\xa9 au lait \nnext");
    QTest::newRow("7bit as is") << QByteArray("a=3Db") << QByteArray("7bit") << QByteArray("a=3Db");
    QTest::newRow("unknown as is")
        << QByteArray("a=3Db") << QByteArray("x-custom") << QByteArray("a=3Db");
    QTest::newRow("uuencode") << crlf("begin 644 x.txt\n#8V%T\n`\nend\n")
                              << QByteArray("x-uuencode") << QByteArray("cat");
}

void TestMime::transferEncodings()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, expected);
    QCOMPARE(mimetext::decodeTransfer(body, encoding), expected);
}

void TestMime::decodedHeaders()
{
    const MixedSample s;
    const MimeMessage m(s.raw());
    QCOMPARE(m.decodedHeader("subject"), u("見積のご依頼"));
    QCOMPARE(m.decodedHeader("FROM"), u("山田 <yamada@example.jp>"));
    QCOMPARE(m.rawHeader("Content-Type"), QByteArray("multipart/mixed; boundary=\"=_XX\""));
    QVERIFY(m.decodedHeader("X-Absent").isNull());
    QVERIFY(m.rawHeader("X-Absent").isNull());
    const MimeMessage twice(crlf("Received: from a\nReceived: from =?UTF-8?Q?b=C3=A9?=\n\n"));
    QCOMPARE(twice.decodedHeaders("received"), (QStringList{u("from a"), u("from bé")}));
    QVERIFY(m.decodedHeaderText().contains(u("Subject: 見積のご依頼\n")));
    QVERIFY(m.decodedHeaderText().contains(u("To: sato@example.jp\n")));
}

// ---- searchable text -------------------------------------------------------------------------

void TestMime::searchableText_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("ISO-2022-JP base64 body with NEC rows")
        << crlf("Subject: x\nContent-Type: text/plain; "
                "charset=\"ISO-2022-JP\"\nContent-Transfer-Encoding: base64\n\n"
                "GyRCLSEycTVEGyhCIBskQi02NHwbKEIgGyRCLWpKOEgiGyhC\n")
        << QStringList{u(kNecText)} << QStringList{u("GyRC")};
    QTest::newRow("ISO-2022-JP 7bit body")
        << MixedSample().raw() << QStringList{u(kNecText), u("見積のご依頼")}
        << QStringList{u("secretword"), u("multi-part message")};
    QTest::newRow("Shift_JIS QP and EUC-JP html")
        << AlternativeSample().raw()
        << QStringList{u("お見積り ①"), u("<p>見積のご依頼</p>"), u(kNecText)}
        << QStringList{u("=82")};
    QTest::newRow("attached message: its header and UTF-8 base64 body")
        << AttachedSample().raw()
        << QStringList{u("See the attached message."), u("本文は UTF-8 です"),
                       u("Subject: 請求書②について")}
        << QStringList{u("5pys5paH")};
    QTest::newRow("Shift_JIS 8bit, no header")
        << crlf("Content-Type: text/plain; charset=shift_jis\n\n" + kSjisNec + "\n")
        << QStringList{u(kNecText)} << QStringList{};
    QTest::newRow("unlabelled EUC-JP") << crlf("Subject: x\n\n" + kEucMitsumori + "\n")
                                       << QStringList{u("見積のご依頼")} << QStringList{};
    QTest::newRow("non-text parts are not text")
        << crlf("Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: "
                "application/octet-stream\n\nbinaryword\n--z--\n")
        << QStringList{} << QStringList{u("binaryword")};
}

void TestMime::searchableText()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const QString text = MimeMessage(message).searchableText();
    for (const QString &p : present)
        QVERIFY2(text.contains(p), qPrintable(p + QLatin1String(" not in: ") + text));
    for (const QString &a : absent)
        QVERIFY2(!text.contains(a), qPrintable(a + QLatin1String(" in: ") + text));
}

void TestMime::foldForSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("ascii case") << QStringLiteral("Hello CAFÉ") << QStringLiteral("hello café");
    QTest::newRow("full-width latin and digits")
        << QStringLiteral("ＡＢＣ１２３") << QStringLiteral("abc123");
    QTest::newRow("half-width katakana") << QStringLiteral("ｶﾀｶﾅ") << QStringLiteral("カタカナ");
    QTest::newRow("half-width voiced marks compose")
        << QStringLiteral("ﾃﾞｰﾀﾍﾞｰｽ ﾊﾟｿｺﾝ") << QStringLiteral("データベース パソコン");
    QTest::newRow("ideographic space")
        << QStringLiteral("見積\u3000依頼") << QStringLiteral("見積 依頼");
    QTest::newRow("NEC specials stay") << QStringLiteral("①Ⅱ㈱") << QStringLiteral("①ⅱ㈱");
    QTest::newRow("full-width katakana unchanged")
        << QStringLiteral("カタカナ") << QStringLiteral("カタカナ");
}

void TestMime::foldForSearch()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(mimetext::foldForSearch(text), folded);
}

// The items the scanner reads, as "F(name|unfolded value) N(bytes) B(body offset) E".
static QString scannedItems(const QByteArray &data)
{
    HeaderFieldScanner scanner(data);
    QStringList out;
    for (int guard = 0; guard < 100; ++guard) {
        const HeaderFieldScanner::Item item = scanner.next();
        switch (item.kind) {
        case HeaderFieldScanner::Kind::Field:
            out << QStringLiteral("F(%1|%2)")
                       .arg(QString::fromLatin1(scanner.name(item)),
                            QString::fromLatin1(scanner.unfoldedValue(item)));
            break;
        case HeaderFieldScanner::Kind::NotAField:
            out << QStringLiteral("N(%1)").arg(
                QString::fromLatin1(data.mid(item.begin, item.end - item.begin)));
            break;
        case HeaderFieldScanner::Kind::Blank:
            out << QStringLiteral("B(%1)").arg(item.next);
            return out.join(QLatin1Char(' '));
        case HeaderFieldScanner::Kind::End:
            out << QStringLiteral("E");
            return out.join(QLatin1Char(' '));
        }
    }
    return QStringLiteral("no end");
}

void TestMime::headerFieldScanner_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("items");
    QTest::newRow("two fields and a body")
        << QByteArray("A: 1\r\nB: 2\r\n\r\nbody") << QStringLiteral("F(A| 1) F(B| 2) B(14)");
    QTest::newRow("bare LF") << QByteArray("A: 1\nB: 2\n\nbody")
                             << QStringLiteral("F(A| 1) F(B| 2) B(11)");
    QTest::newRow("folded (RFC 5322 2.2.3)") << QByteArray("Subject: a\r\n b\r\n\tc\r\n\r\n")
                                             << QStringLiteral("F(Subject| a b\tc) B(22)");
    QTest::newRow("white space before the colon (4.5)")
        << QByteArray("Subject \t: x\r\n\r\n") << QStringLiteral("F(Subject| x) B(16)");
    QTest::newRow("empty value") << QByteArray("X:\r\n\r\n") << QStringLiteral("F(X|) B(6)");
    QTest::newRow("no empty line")
        << QByteArray("A: 1\r\nB: 2") << QStringLiteral("F(A| 1) F(B| 2) E");
    QTest::newRow("nothing") << QByteArray() << QStringLiteral("E");
    QTest::newRow("only the empty line") << QByteArray("\r\nbody") << QStringLiteral("B(2)");
    QTest::newRow("an mbox From line") << QByteArray("From a@b Mon\r\nA: 1\r\n\r\n")
                                       << QStringLiteral("N(From a@b Mon) F(A| 1) B(22)");
    QTest::newRow("a continuation of nothing")
        << QByteArray(" x\r\nA: 1\r\n\r\n") << QStringLiteral("N( x) F(A| 1) B(12)");
    QTest::newRow("no field keeps its continuation")
        << QByteArray("junk\r\n more\r\nA: 1\r\n") << QStringLiteral("N(junk\r\n more) F(A| 1) E");
    QTest::newRow("space in the name")
        << QByteArray("Bad Name: x\r\n") << QStringLiteral("N(Bad Name: x) E");
    QTest::newRow("colon first") << QByteArray(": x\r\n") << QStringLiteral("N(: x) E");
    QTest::newRow("8-bit name") << QByteArray("N\xc3\xa4me: x\r\n")
                                << QStringLiteral("N(N\u00c3\u00a4me: x) E");
    QTest::newRow("CR inside a line stays")
        << QByteArray("A: x\ry\r\n\r\n") << QStringLiteral("F(A| x\ry) B(10)");
}

void TestMime::headerFieldScanner()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, items);
    QCOMPARE(scannedItems(data), items);
    // Every prefix ends: no item past the data, never a hang.
    for (qsizetype n = 0; n <= data.size(); ++n)
        QVERIFY(scannedItems(data.left(n)) != QStringLiteral("no end"));
}

void TestMime::containsBytes_data()
{
    QTest::addColumn<QByteArray>("haystack");
    QTest::addColumn<QByteArray>("needle");
    QTest::addColumn<bool>("found");
    const QByteArray text =
        "meeting report budget schedule contract delivery order payment shipment";
    QTest::newRow("empty needle") << QByteArray() << QByteArray() << true;
    QTest::newRow("empty text") << QByteArray() << QByteArray("a") << false;
    QTest::newRow("needle longer than text") << QByteArray("abc") << QByteArray("abcd") << false;
    QTest::newRow("whole text") << text << text << true;
    QTest::newRow("one byte, last") << text << QByteArray("t") << true;
    QTest::newRow("one byte, absent") << text << QByteArray("z") << false;
    QTest::newRow("two bytes") << text << QByteArray("nt") << true;
    QTest::newRow("at the start") << text << QByteArray("meeting") << true;
    QTest::newRow("at the very end") << text << QByteArray("shipment") << true;
    QTest::newRow("first and last byte match, middle not")
        << text << QByteArray("mxxxxxxt") << false;
    QTest::newRow("across a 16-byte block") << text << QByteArray("budget sched") << true;
    QTest::newRow("longer than a block")
        << text << QByteArray("report budget schedule contract") << true;
    QTest::newRow("one byte short at the end") << text << QByteArray("shipments") << false;
    QTest::newRow("Japanese, UTF-8")
        << QByteArray("お見積りの件、株式会社①") << QByteArray("株式会社①") << true;
    QTest::newRow("a character's bytes, misaligned")
        << QByteArray("見積") << QByteArray("\xa6\x8b\xe7") << true;
    QTest::newRow("NUL bytes") << QByteArray("a\0b\0c", 5) << QByteArray("\0c", 2) << true;
}

void TestMime::containsBytes()
{
    QFETCH(QByteArray, haystack);
    QFETCH(QByteArray, needle);
    QFETCH(bool, found);
    QCOMPARE(mimetext::containsBytes(haystack, needle), found);
}

// Every needle length and every position around the 16-byte blocks the vector
// loop reads, against std::string_view::find: a small alphabet makes near misses common.
void TestMime::containsBytesAgreesWithFind()
{
    QRandomGenerator rng(7);
    int found = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray text(int(rng.bounded(80)), Qt::Uninitialized);
        for (char &c : text)
            c = char('a' + rng.bounded(3));
        QByteArray needle;
        if (rng.bounded(2) &&
            !text.isEmpty()) { // half the time a piece of the text, perhaps changed
            const int at = int(rng.bounded(text.size()));
            needle = text.mid(at, int(rng.bounded(1, 40)));
            if (rng.bounded(3) == 0)
                needle[int(rng.bounded(needle.size()))] = 'd';
        } else {
            needle.resize(int(rng.bounded(1, 24)));
            for (char &c : needle)
                c = char('a' + rng.bounded(3));
        }
        const bool expected =
            std::string_view(text.constData(), size_t(text.size()))
                .find(std::string_view(needle.constData(), size_t(needle.size()))) !=
            std::string_view::npos;
        found += expected;
        QVERIFY2(mimetext::containsBytes(text, needle) == expected,
                 (text + " / " + needle).constData());
    }
    QVERIFY(found > 3000 && found < 17000); // both answers were tested often
}

// ---- hostile input ---------------------------------------------------------------------------

void TestMime::hostileStructures_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("maxDepth"); // of parentheses in BODYSTRUCTURE

    QByteArray deep;
    for (int i = 0; i < 2000; ++i)
        deep += "Content-Type: multipart/mixed; boundary=b" + n(i) + "\r\n\r\n--b" + n(i) + "\r\n";
    QTest::newRow("2000 nested multiparts") << deep << 2 * MimeMessage::kMaxDepth + 8;

    QByteArray rfc822;
    for (int i = 0; i < 2000; ++i)
        rfc822 += "Subject: level " + n(i) + "\r\nContent-Type: message/rfc822\r\n\r\n";
    QTest::newRow("2000 nested messages") << rfc822 << 3 * MimeMessage::kMaxDepth + 8;

    QByteArray wide = "Content-Type: multipart/mixed; boundary=w\r\n\r\n";
    for (int i = 0; i < 20000; ++i)
        wide += "--w\r\n\r\nx\r\n";
    QTest::newRow("20000 parts") << wide << 4;

    QTest::newRow("header only, no blank line") << QByteArray("Subject: x\r\nFrom: a@b") << 4;
    QTest::newRow("garbage") << QByteArray("\x00\xff(\"\\\r\n\r\n\r\n--", 12) << 4;
    QTest::newRow("content-type garbage") << crlf("Content-Type: /;;;=\"\n\n") << 4;
    QTest::newRow("unbalanced comment in an address")
        << crlf("From: (((a@b\nTo: <<<>>>,,;;:@\n\n") << 4;
}

void TestMime::hostileStructures()
{
    QFETCH(QByteArray, message);
    QFETCH(int, maxDepth);
    const MimeMessage m(message);
    const QByteArray bs = m.imapBodyStructure(true);
    int depth = 0, deepest = 0;
    bool inQuote = false;
    for (qsizetype i = 0; i < bs.size(); ++i) {
        const char c = bs[i];
        if (inQuote) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inQuote = false;
        } else if (c == '"') {
            inQuote = true;
        } else if (c == '(') {
            deepest = qMax(deepest, ++depth);
        } else if (c == ')') {
            --depth;
        }
    }
    QCOMPARE(depth, 0);
    QVERIFY2(deepest <= maxDepth, qPrintable(QString::number(deepest)));
    QVERIFY(!m.imapEnvelope().isEmpty());
    (void)m.searchableText();
    (void)m.section({1, 1, 1}, SectionText::Mime);
}

void TestMime::everyPrefix()
{
    // The parser never sees more than what it is given: every prefix of each
    // sample parses, and its sections are slices of that prefix.
    for (const QByteArray &full : samples()) {
        for (qsizetype len = 0; len <= full.size(); ++len) {
            const QByteArray prefix = full.left(len);
            const MimeMessage m(prefix);
            QVERIFY(m.imapBodyStructure(true).startsWith('('));
            QVERIFY(m.imapEnvelope().startsWith('('));
            for (const QList<int> &part :
                 {QList<int>{}, QList<int>{1}, QList<int>{2}, QList<int>{1, 2}, QList<int>{2, 1}}) {
                for (SectionText t : {SectionText::Whole, SectionText::Mime, SectionText::Header,
                                      SectionText::Text}) {
                    const auto s = m.section(part, t);
                    if (s && !(t == SectionText::Header && s->endsWith("\r\n\r\n")))
                        QVERIFY2(prefix.contains(*s), qPrintable(QString::number(len)));
                }
            }
            (void)m.searchableText();
        }
    }
}

void TestMime::threads()
{
    // GMime is initialised once by whichever thread comes first; iconv
    // descriptors come from GMime's locked cache.
    const QList<QByteArray> msgs = samples();
    QStringList expected;
    for (const QByteArray &raw : msgs)
        expected << MimeMessage(raw).searchableText() + MimeMessage(raw).decodedHeaderText();
    std::atomic<int> mismatches{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < 8; ++t) {
        pool.emplace_back([&]() {
            for (int round = 0; round < 40; ++round)
                for (qsizetype i = 0; i < msgs.size(); ++i) {
                    const MimeMessage m(msgs[i]);
                    if (m.searchableText() + m.decodedHeaderText() != expected[i])
                        ++mismatches;
                }
        });
    }
    for (std::thread &th : pool)
        th.join();
    QCOMPARE(mismatches.load(), 0);
    QVERIFY(expected[1].contains(u(kNecText)));
}

QTEST_APPLESS_MAIN(TestMime)
#include "tst_mime.moc"
