// DkimSigner's signatures checked by OpenDKIM's opendkim-testmsg (Debian's
// opendkim-tools), a verifier we did not write: rsa-sha256 and ed25519-sha256
// over folded headers, trailing blank lines, an empty body, 8-bit UTF-8,
// repeated fields and a large body. Changes relaxed/relaxed allows must still
// pass; a changed body, signed header or key must fail. opendkim-testmsg gets
// the keys from dkimtestdns (see CMakeLists.txt), never from the network.
#include "queue/dkimsigner.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;

namespace
{

QByteArray crlf(const QByteArrayList &lines)
{
    return lines.join("\r\n");
}

enum class Change {
    None,
    Refolded,          // relaxed: passes
    MoreBlankLines,    // relaxed: passes
    LineEndSpace,      // relaxed: passes
    UnsignedAdded,     // passes
    BodyWordChanged,   // fails
    BodyLineAdded,     // fails
    SubjectChanged,    // fails
    FromChanged,       // fails
    OtherKeyPublished, // fails
    NoKeyPublished,    // fails
};

QByteArray applyChange(QByteArray m, Change change)
{
    const qsizetype body = m.indexOf("\r\n\r\n") + 4;
    switch (change) {
    case Change::Refolded:
        m.replace("Subject: ", "Subject:\r\n\t  ");
        break;
    case Change::MoreBlankLines:
        m += "\r\n\r\n\r\n";
        break;
    case Change::LineEndSpace:
        m = m.left(body) + m.mid(body).replace("\r\n", " \t \r\n");
        break;
    case Change::UnsignedAdded:
        m.prepend("Received: from relay.example.net by mx.example.org; Mon, 3 Jun 2024 10:00:00 "
                  "+0900\r\n");
        break;
    case Change::BodyWordChanged:
        m[m.indexOf("Joe", body)] = 'j';
        break;
    case Change::BodyLineAdded:
        m += "P.S. one more line\r\n";
        break;
    case Change::SubjectChanged:
        m.replace("Subject: ", "Subject: Re: ");
        break;
    case Change::FromChanged:
        m.replace("From: ", "From: Mallory ");
        break;
    default:
        break;
    }
    return m;
}

QByteArray message(const char *shape)
{
    const QByteArray head =
        crlf({"From: Joe SixPack <joe@example.com>", "To: Suzie Q <suzie@example.net>",
              "Subject: Is dinner ready?", "Date: Mon, 03 Jun 2024 09:00:00 +0900",
              "Message-ID: <20240603090000.1@example.com>", ""});
    const QByteArray shapeName(shape);
    if (shapeName == "plain")
        return head +
               crlf({"", "Hi.", "", "We lost the game. Are you hungry yet?", "", "Joe.", ""});
    if (shapeName == "folded headers")
        return crlf({"From: \"Joe SixPack, of the football club that lost the game again\"",
                     "\t<joe@example.com>", "To: Suzie Q <suzie@example.net>,",
                     " Bob <bob@example.net>,", "    Carol   <carol@example.net>",
                     "Subject: =?UTF-8?B?5pmp44GU44Gv44KT44Gv5rqW5YKZ44Gn44GN44Gm44G+44GZ44GL?=",
                     " =?UTF-8?B?77yf?=", "Date: Mon, 03 Jun 2024 09:00:00 +0900", "Message-ID:",
                     " <20240603090000.2@example.com>", "References: <a@example.com>",
                     "\t<b@example.com> <c@example.com>", "", "Joe.", ""});
    if (shapeName == "trailing blank lines")
        return head + crlf({"", "Joe.", "", "", "", "", ""});
    if (shapeName == "empty body")
        return head + "\r\n";
    if (shapeName == "8-bit UTF-8 body")
        return crlf(
            {"From: =?UTF-8?B?5bGx55Sw?= <joe@example.com>", "To: suzie@example.net",
             "Subject: =?UTF-8?B?5pel5pys6Kqe?=", "Date: Mon, 03 Jun 2024 09:00:00 +0900",
             "Message-ID: <20240603090000.3@example.com>", "MIME-Version: 1.0",
             "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit", "",
             "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf\xe3\x80\x81Joe "
             "\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82  \t",
             "\t\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e   \xe3\x81\xae  \xe6\x9c\xac\xe6\x96\x87",
             ""});
    if (shapeName == "repeated fields")
        return crlf(
            {"Received: from a.example.net by b.example.net; Mon, 03 Jun 2024 08:59:00 +0900",
             "Received: from c.example.net by a.example.net; Mon, 03 Jun 2024 08:58:00 +0900",
             "Resent-From: first@example.com", "Resent-Date: Mon, 03 Jun 2024 08:00:00 +0900",
             "Resent-From: second@example.com", "Resent-Date: Mon, 03 Jun 2024 08:30:00 +0900",
             "From: joe@example.com", "To: suzie@example.net", "Comments: one", "Comments: two",
             "Subject: dinner", "Date: Mon, 03 Jun 2024 09:00:00 +0900",
             "Message-ID: <20240603090000.4@example.com>", "", "Joe.", ""});
    if (shapeName == "large body") {
        QByteArray body;
        for (int i = 0; i < 4000; ++i)
            body += "Line " + QByteArray::number(i) + "  of a long body,\tJoe  was here. \r\n" +
                    (i % 50 == 0 ? "\r\n" : "");
        return head + "\r\n" + body;
    }
    return {};
}

} // namespace

class tst_DkimOpenDkim : public QObject
{
    Q_OBJECT
private:
    QString m_tool;
    QTemporaryDir m_dir;
    QList<DkimKey> m_keys;   // rsa-sha256, ed25519-sha256
    QList<DkimKey> m_others; // the same selectors, other keys

    struct Outcome {
        int exitCode = -1;
        QByteArray output;
    };

    // opendkim-testmsg reads the message on stdin; it says nothing and exits 0
    // when the signature verifies.
    Outcome verify(const QByteArray &signedMessage, const QList<DkimKey> &published)
    {
        static int n = 0;
        const QString records = m_dir.filePath(QStringLiteral("txt-%1").arg(++n));
        QFile file(records);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        for (const DkimKey &key : published)
            file.write(key.dnsName().toLatin1() + ' ' + key.dnsTxtRecord() + '\n');
        file.close();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(FUMIBAKO_DKIM_TEST_DNS));
        env.insert(QStringLiteral("FUMIBAKO_DNS_TXT_FILE"), records);
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(m_tool, {});
        if (!p.waitForStarted(10000))
            return {};
        p.write(signedMessage);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
            return {};
        return {p.exitCode(), p.readAll()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString name = QStringLiteral("opendkim-testmsg");
        m_tool = QStandardPaths::findExecutable(name);
        if (m_tool.isEmpty())
            m_tool = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"),
                                                           QStringLiteral("/sbin"),
                                                           QStringLiteral("/usr/local/sbin")});
        if (m_tool.isEmpty())
            QSKIP("opendkim-testmsg is not installed (Debian: opendkim-tools; scripts/install-deps "
                  "adds it)");
        if (QByteArray(FUMIBAKO_DKIM_TEST_DNS).isEmpty())
            QSKIP("the DNS stand-in for opendkim-testmsg is built on Linux only");
        QVERIFY(m_dir.isValid());
        const QString domain = QStringLiteral("example.com");
        for (const auto algorithm :
             {DkimKey::Algorithm::RsaSha256, DkimKey::Algorithm::Ed25519Sha256}) {
            const QString selector = DkimKey::rotationSelector(
                QDateTime(QDate(2024, 6, 1), QTime(), Qt::UTC), algorithm);
            auto key = DkimKey::generate(algorithm, domain, selector);
            auto other = DkimKey::generate(algorithm, domain, selector);
            QVERIFY(key && other);
            m_keys << *key;
            m_others << *other;
        }
    }

    void opendkimVerifies_data()
    {
        QTest::addColumn<int>("keyIndex");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("change");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<QByteArray>("complaint");
        const char *shapes[] = {"plain",      "folded headers",   "trailing blank lines",
                                "empty body", "8-bit UTF-8 body", "repeated fields",
                                "large body"};
        const struct {
            const char *name;
            Change change;
            bool passes;
            const char *complaint;
        } changes[] = {
            {"refolded header", Change::Refolded, true, ""},
            {"more blank lines at the end", Change::MoreBlankLines, true, ""},
            {"white space at line ends", Change::LineEndSpace, true, ""},
            {"unsigned field added", Change::UnsignedAdded, true, ""},
            {"TAMPERED body word", Change::BodyWordChanged, false, "Bad signature"},
            {"TAMPERED body line added", Change::BodyLineAdded, false, "Bad signature"},
            {"TAMPERED Subject", Change::SubjectChanged, false, "Bad signature"},
            {"TAMPERED From", Change::FromChanged, false, "Bad signature"},
            {"other key published", Change::OtherKeyPublished, false, "Bad signature"},
            {"no key published", Change::NoKeyPublished, false, "Key retrieval failed"},
        };
        for (int k = 0; k < 2; ++k) {
            const char *alg = k == 0 ? "rsa-sha256" : "ed25519-sha256";
            for (const char *shape : shapes)
                QTest::addRow("%s, %s", alg, shape)
                    << k << message(shape) << int(Change::None) << true << QByteArray();
            for (const auto &c : changes)
                QTest::addRow("%s, plain, %s", alg, c.name)
                    << k << message("plain") << int(c.change) << c.passes
                    << QByteArray(c.complaint);
        }
    }
    void opendkimVerifies()
    {
        QFETCH(int, keyIndex);
        QFETCH(QByteArray, message);
        QFETCH(int, change);
        QFETCH(bool, passes);
        QFETCH(QByteArray, complaint);
        const DkimSigner signer(m_keys[keyIndex]);
        auto field = signer.sign(message);
        QVERIFY2(field, field ? "" : qPrintable(field.error().message));
        const QByteArray signedMessage = applyChange(*field + message, Change(change));
        QList<DkimKey> published = m_keys;
        if (Change(change) == Change::OtherKeyPublished)
            published[keyIndex] = m_others[keyIndex];
        else if (Change(change) == Change::NoKeyPublished)
            published.removeAt(keyIndex);
        const Outcome outcome = verify(signedMessage, published);
        if (passes) {
            QVERIFY2(outcome.exitCode == 0 && outcome.output.isEmpty(),
                     qPrintable(QStringLiteral("exit %1: %2\n%3")
                                    .arg(outcome.exitCode)
                                    .arg(QString::fromUtf8(outcome.output),
                                         QString::fromUtf8(signedMessage.left(2000)))));
        } else {
            QVERIFY2(outcome.exitCode > 0, outcome.output.constData());
            QVERIFY2(outcome.output.contains(complaint), outcome.output.constData());
        }
    }
};

QTEST_APPLESS_MAIN(tst_DkimOpenDkim)
#include "tst_dkimopendkim.moc"
