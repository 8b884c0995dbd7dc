// Tests of SmtpClient against real peers on 127.0.0.1: Postfix's smtp-sink
// (delivery, PIPELINING and lock-step, refusals, disconnects, no 8BITMIME, DSN),
// fumibakod itself (STARTTLS, AUTH on submission, implicit TLS, mixed RCPT
// replies, SIZE) and tiny scripted QTcpServer peers for what no real server
// does on request (a silent peer, an endless reply, PIPELINING seen on the wire).
// The reply parser's rows are also fed one byte at a time.
#include "../support/smtpsink.h"
#include "queue/smtpclient.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace fumibako;
using fumibako::test::SmtpSink;

Q_DECLARE_METATYPE(fumibako::SmtpClientOptions::Tls)

namespace
{

constexpr int kWait = 20000;

QByteArray message(const QByteArray &subject, const QByteArray &body = "Hello.\r\n",
                   const QByteArray &extraHeaders = {})
{
    return "From: <sender@other.test>\r\nTo: <user@example.test>\r\nSubject: " + subject + "\r\n" +
           extraHeaders + "Message-ID: <" + subject.toHex() + "@other.test>\r\n\r\n" + body;
}

SmtpClientOptions plainOptions()
{
    SmtpClientOptions o;
    o.heloName = QStringLiteral("client.fumibako.test");
    o.tls = SmtpClientOptions::Tls::None;
    o.connectTimeoutMs = 5000;
    o.replyTimeoutMs = 10000;
    return o;
}

// One client, its messages' answers, and waiting for them.
struct Delivery {
    std::unique_ptr<SmtpClient> client;
    QList<QList<SmtpReply>> answers;
    int answered = 0;
    std::unique_ptr<QSignalSpy> closed, failed, ready;

    explicit Delivery(SmtpClientOptions o) : client(std::make_unique<SmtpClient>(std::move(o)))
    {
        closed = std::make_unique<QSignalSpy>(client.get(), &SmtpClient::closed);
        failed = std::make_unique<QSignalSpy>(client.get(), &SmtpClient::failed);
        ready = std::make_unique<QSignalSpy>(client.get(), &SmtpClient::ready);
    }
    void send(const QStringList &rcpts, const QByteArray &msg,
              QString sender = QStringLiteral("sender@other.test"))
    {
        OutboundEnvelope e;
        e.sender = std::move(sender);
        e.recipients = rcpts;
        sendEnvelope(e, msg);
    }
    void sendEnvelope(const OutboundEnvelope &e, const QByteArray &msg)
    {
        const qsizetype slot = answers.size();
        answers.append(QList<SmtpReply>());
        client->send(e, msg, [this, slot](QList<SmtpReply> r) {
            QVERIFY2(answers[slot].isEmpty(), "done called twice");
            answers[slot] = r;
            ++answered;
        });
    }
    bool waitAll(int ms = kWait)
    {
        QDeadlineTimer deadline(ms);
        while (answered < answers.size() && !deadline.hasExpired())
            QTest::qWait(10);
        return answered == answers.size();
    }
    bool waitClosed(int ms = kWait) { return closed->size() > 0 || closed->wait(ms); }
};

QByteArray lines(const QList<SmtpReply> &replies)
{
    QByteArrayList out;
    for (const SmtpReply &r : replies)
        out << r.toLine();
    return out.join(" | ");
}

// A dumped message from smtp-sink: the X-Mail-Args / X-Rcpt-Args lines and the message as received.
QByteArray field(const QByteArray &dump, const QByteArray &name)
{
    for (const QByteArray &l : dump.split('\n'))
        if (l.startsWith(name + ": "))
            return l.mid(name.size() + 2);
    return {};
}

QByteArrayList fields(const QByteArray &dump, const QByteArray &name)
{
    QByteArrayList out;
    for (const QByteArray &l : dump.split('\n'))
        if (l.startsWith(name + ": "))
            out << l.mid(name.size() + 2);
    return out;
}

// fumibakod over its own temporary data dir, one domain, one account.
class Fumibakod
{
public:
    static constexpr const char *kUser = "user@example.test";
    static constexpr const char *kPassword = "correct horse 7";

    Fumibakod(const QList<QPair<QString, QString>> &settings = {})
    {
        m_data = m_tmp.path() + QStringLiteral("/data");
        if (!ctl({QStringLiteral("init"), QStringLiteral("--domain"),
                  QStringLiteral("example.test")}) ||
            !ctl({QStringLiteral("account"), QStringLiteral("add"), QLatin1String(kUser),
                  QStringLiteral("--password-stdin")},
                 QByteArray(kPassword) + "\n"))
            return;
        for (const auto &[key, value] : settings)
            if (!ctl({QStringLiteral("config"), QStringLiteral("set"), key, value}))
                return;
        QStringList args{QStringLiteral("--data-dir"), m_data, QStringLiteral("--bind"),
                         QStringLiteral("127.0.0.1")};
        for (const char *name : {"smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"})
            args << QStringLiteral("--port") << QLatin1String(name) + QStringLiteral("=0");
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(FUMIBAKOD_PATH), args);
        QDeadlineTimer deadline(30000);
        static const QRegularExpression listening(QStringLiteral("^listening (\\S+) \\S+:(\\d+)$"));
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(200))
                continue;
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                const auto m = listening.match(line);
                if (m.hasMatch())
                    m_ports.insert(m.captured(1), quint16(m.captured(2).toUInt()));
                else if (line == QLatin1String("ready"))
                    m_ready = true;
            }
            if (m_ready)
                return;
        }
    }
    ~Fumibakod()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate(); // SIGTERM to its PID
            if (!m_process.waitForFinished(20000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool ready() const { return m_ready; }
    quint16 port(const char *listener) const { return m_ports.value(QLatin1String(listener)); }
    QString certFile() const { return m_data + QStringLiteral("/tls/cert.pem"); }
    // Messages delivered to the account (files in its Maildir new/).
    int delivered() const
    {
        int n = 0;
        QDirIterator it(m_data + QStringLiteral("/mail"), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            n += it.next().contains(QLatin1String("/new/")) ? 1 : 0;
        return n;
    }

private:
    bool ctl(const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        p.start(QStringLiteral(FUMIBAKOCTL_PATH),
                QStringList{QStringLiteral("--data-dir"), m_data} + args);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning() << "fumibakoctl" << args << "failed:" << p.readAllStandardError();
            return false;
        }
        return true;
    }

    QTemporaryDir m_tmp;
    QString m_data;
    QProcess m_process;
    QHash<QString, quint16> m_ports;
    bool m_ready = false;
};

// A peer that answers from a script: each line it reads is answered with the
// next scripted reply ("" = say nothing, "...<close>" = then close); it records
// what arrived in which read.
class ScriptedPeer : public QObject
{
public:
    ScriptedPeer(QByteArray greeting, QList<QByteArray> answers)
        : m_greeting(std::move(greeting)), m_answers(std::move(answers))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            m_socket->write(m_greeting);
            QObject::connect(m_socket, &QTcpSocket::readyRead, this, [this] {
                const QByteArray chunk = m_socket->readAll();
                reads << chunk;
                m_pending += chunk;
                qsizetype nl;
                while ((nl = m_pending.indexOf('\n')) >= 0) {
                    m_pending.remove(0, nl + 1);
                    if (m_answers.isEmpty())
                        continue;
                    QByteArray answer = m_answers.takeFirst();
                    const bool close = answer.endsWith("<close>");
                    m_socket->write(answer.chopped(close ? 7 : 0));
                    if (close)
                        m_socket->disconnectFromHost();
                }
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> reads;

private:
    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_greeting, m_pending;
    QList<QByteArray> m_answers;
};

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyParser_data();
    void replyParser();
    void replyParserLimits_data();
    void replyParserLimits();

    void sinkDeliversSeveral_data();
    void sinkDeliversSeveral();
    void bigMessageDotsAtChunkEdges();
    void destroyedWithPendingMessages();
    void pipeliningOnTheWire_data();
    void pipeliningOnTheWire();
    void sinkRefuses_data();
    void sinkRefuses();
    void sinkDisconnects_data();
    void sinkDisconnects();
    void eightBit_data();
    void eightBit();
    void smtputf8Absent();
    void dsnParameters_data();
    void dsnParameters();
    void requiredTlsAbsent();
    void scriptedSessions_data();
    void scriptedSessions();
    void authNeedsTls();
    void peerClosesIdleConnection();
    void silentPeer_data();
    void silentPeer();
    void hostileReplies_data();
    void hostileReplies();

    void fumibakodStartTls();
    void fumibakodMixedRecipients();
    void fumibakodSubmissionAuth_data();
    void fumibakodSubmissionAuth();
    void fumibakodVerifyPeer_data();
    void fumibakodVerifyPeer();
    void fumibakodSize();

private:
    std::unique_ptr<Fumibakod> m_server; // shared by the fumibakod tests (start-up costs ~1 s)
    Fumibakod *server();
};

// ---- the reply parser ------------------------------------------------------------------------

void TestSmtpClient::replyParser_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("enhanced");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("one line") << QByteArray("220 mx.example.test ESMTP\r\n") << 220 << QByteArray()
                              << QByteArray("mx.example.test ESMTP");
    QTest::newRow("enhanced code") << QByteArray("550 5.1.1 <a@b>: User unknown\r\n") << 550
                                   << QByteArray("5.1.1") << QByteArray("<a@b>: User unknown");
    QTest::newRow("multi-line with enhanced codes")
        << QByteArray("452-4.2.2 Mailbox full\r\n452-4.2.2 try later\r\n452 4.2.2 bye\r\n") << 452
        << QByteArray("4.2.2") << QByteArray("Mailbox full\ntry later\nbye");
    QTest::newRow("EHLO list")
        << QByteArray("250-mx\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 8BITMIME\r\n") << 250
        << QByteArray() << QByteArray("mx\nPIPELINING\nSIZE 1000\n8BITMIME");
    QTest::newRow("code only") << QByteArray("250\r\n") << 250 << QByteArray() << QByteArray();
    QTest::newRow("LF only") << QByteArray("354 go ahead\n") << 354 << QByteArray()
                             << QByteArray("go ahead");
    QTest::newRow("wrong class is text")
        << QByteArray("250 5.1.1 odd\r\n") << 250 << QByteArray() << QByteArray("5.1.1 odd");
    QTest::newRow("version number is text") << QByteArray("220 2.0.10a ready\r\n") << 220
                                            << QByteArray() << QByteArray("2.0.10a ready");
}

void TestSmtpClient::replyParser()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QByteArray, enhanced);
    QFETCH(QByteArray, text);
    for (bool byteByByte : {false, true}) {
        SmtpReplyParser parser;
        SmtpReply reply;
        QByteArray buffer;
        auto status = SmtpReplyParser::Status::NeedMore;
        for (qsizetype i = 0; i < input.size(); i += byteByByte ? 1 : input.size()) {
            QCOMPARE(status, SmtpReplyParser::Status::NeedMore);
            buffer += input.mid(i, byteByByte ? 1 : input.size());
            status = parser.feed(buffer, &reply);
        }
        QCOMPARE(status, SmtpReplyParser::Status::Complete);
        QCOMPARE(reply.code, code);
        QCOMPARE(reply.enhanced, enhanced);
        QCOMPARE(reply.text, text);
        QVERIFY(buffer.isEmpty());
    }
}

void TestSmtpClient::replyParserLimits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("no code") << QByteArray("hello\r\n");
    QTest::newRow("bad separator") << QByteArray("250_ok\r\n");
    QTest::newRow("code 600") << QByteArray("600 what\r\n");
    QTest::newRow("endless line")
        << QByteArray(SmtpReplyParser::kMaxLine + 10, 'a').prepend("250 ");
    QTest::newRow("too many lines")
        << QByteArray("250-x\r\n").repeated(SmtpReplyParser::kMaxLines + 1) + "250 x\r\n";
}

void TestSmtpClient::replyParserLimits()
{
    QFETCH(QByteArray, input);
    for (bool byteByByte : {false, true}) {
        SmtpReplyParser parser;
        SmtpReply reply;
        QByteArray buffer;
        auto status = SmtpReplyParser::Status::NeedMore;
        for (qsizetype i = 0; i < input.size() && status == SmtpReplyParser::Status::NeedMore;
             i += byteByByte ? 1 : input.size()) {
            buffer += input.mid(i, byteByByte ? 1 : input.size());
            status = parser.feed(buffer, &reply);
            if (byteByByte)
                QVERIFY(buffer.size() <=
                        SmtpReplyParser::kMaxLine + 1); // never grows without bound
        }
        QCOMPARE(status, SmtpReplyParser::Status::Error);
        QVERIFY(!parser.error().isEmpty());
    }
}

// ---- smtp-sink -------------------------------------------------------------------------------

#define REQUIRE_SINK(sink)                                                                         \
    if (!SmtpSink::available())                                                                    \
        QSKIP("/usr/sbin/smtp-sink is missing (Debian package postfix)");                          \
    QVERIFY2((sink).port(), "smtp-sink did not start")

void TestSmtpClient::sinkDeliversSeveral_data()
{
    QTest::addColumn<QStringList>("sinkOptions");
    QTest::newRow("PIPELINING") << QStringList();
    QTest::newRow("lock-step (-p)") << QStringList{QStringLiteral("-p")};
    QTest::newRow("HELO only (-e)") << QStringList{QStringLiteral("-e")};
}

void TestSmtpClient::sinkDeliversSeveral()
{
    QFETCH(QStringList, sinkOptions);
    SmtpSink sink(sinkOptions);
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    // Dot-stuffing: a lone dot and dotted lines inside must arrive as they were.
    const QByteArray tricky = "line one\r\n.\r\n..two dots\r\n.leading\r\nlast line without CRLF";
    d.send({QStringLiteral("a@example.test"), QStringLiteral("b@example.test")}, message("first"));
    d.send({QStringLiteral("c@example.test")}, message("second", tricky));
    d.send({QStringLiteral("d@example.test")}, message("third"), QString());
    d.client->quit();
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    QCOMPARE(d.closed->size(), 1);
    QCOMPARE(d.failed->size(), 0);
    QCOMPARE(d.ready->size(), 1);
    QCOMPARE(d.answers[0].size(), 2);
    for (const auto &a : std::as_const(d.answers))
        for (const SmtpReply &r : a)
            QVERIFY2(r.code == 250 && !r.isTemporary() && !r.isPermanent(), r.toLine().constData());
    QTRY_COMPARE(sink.dumps().size(), 3);
    QByteArray second, third;
    for (const QByteArray &dump : sink.dumps()) {
        if (dump.contains("Subject: second"))
            second = dump;
        if (dump.contains("Subject: third"))
            third = dump;
    }
    QVERIFY(second.contains("\n\nline one\n.\n..two dots\n.leading\nlast line without CRLF\n"));
    QCOMPARE(field(second, "X-Rcpt-Args"), QByteArray("<c@example.test>"));
    QCOMPARE(field(third, "X-Mail-Args"), QByteArray("<>"));
    QCOMPARE(field(third, "X-Client-Proto"),
             sinkOptions.contains(QStringLiteral("-e")) ? QByteArray("SMTP") : QByteArray("ESMTP"));
}

void TestSmtpClient::bigMessageDotsAtChunkEdges()
{
    SmtpSink sink({});
    REQUIRE_SINK(sink);
    // The client dot-stuffs in 64 KiB pieces: put a dotted line right on a piece's first
    // byte, and a CR / LF pair split across the next edge with a dot after it.
    QByteArray m = message("big", {});
    auto padTo = [&m](qsizetype size) {
        while (m.size() + 80 < size)
            m += QByteArray(78, 'p') + "\r\n";
        m += QByteArray(size - m.size() - 2, 'q') + "\r\n";
    };
    padTo(64 * 1024);
    m += ".edge one\r\n";
    padTo(2 * 64 * 1024 + 1);
    m.chop(1); // the CR is the piece's last byte, the LF the next one's first
    m += "\n..edge two\r\n";
    padTo(3 * 1024 * 1024);
    m += ".\r\n";
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    d.send({QStringLiteral("a@example.test")}, m);
    d.client->quit();
    QVERIFY(d.waitAll());
    QCOMPARE(d.answers[0][0].code, 250);
    QTRY_COMPARE(sink.dumps().size(), 1);
    const QByteArray dump = sink.dumps().first();
    const QByteArray received = dump.mid(dump.indexOf("From: <sender"));
    QCOMPARE(received.size(),
             QByteArray(m).replace("\r\n", "\n").size() + 1); // smtp-sink adds an empty line
    QVERIFY(received.startsWith(QByteArray(m).replace("\r\n", "\n")));
}

void TestSmtpClient::destroyedWithPendingMessages()
{
    ScriptedPeer peer("220 x\r\n", {"250 x\r\n"}); // then silence
    QList<SmtpReply> answer;
    {
        SmtpClient client(plainOptions());
        client.connectToHost(QHostAddress::LocalHost, peer.port(), QStringLiteral("peer"));
        OutboundEnvelope e;
        e.recipients = QStringList{QStringLiteral("a@example.test")};
        client.send(e, message("never sent"), [&answer](QList<SmtpReply> r) { answer = r; });
        QSignalSpy ready(&client, &SmtpClient::ready);
        QVERIFY(ready.wait(kWait));
    }
    QCOMPARE(answer.size(), 1);
    QCOMPARE(answer[0].toLine(), QByteArray("4.3.2 delivery stopped"));
    QVERIFY(answer[0].isTemporary());
}

void TestSmtpClient::pipeliningOnTheWire_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("offered") << true;
    QTest::newRow("not offered") << false;
}

void TestSmtpClient::pipeliningOnTheWire()
{
    QFETCH(bool, pipelining);
    const QByteArray ehlo = pipelining ? "250-peer\r\n250 PIPELINING\r\n" : "250 peer\r\n";
    // RCPT b is refused; the message still goes to a.
    ScriptedPeer peer("220 peer ESMTP\r\n",
                      {ehlo, "250 2.1.0 Ok\r\n", "250 2.1.5 Ok\r\n", "550 5.1.1 no such user\r\n",
                       "354 go\r\n", "", "", "", "", "", "250 2.0.0 queued\r\n", "221 bye\r\n"});
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, peer.port(), QStringLiteral("peer"));
    d.send({QStringLiteral("a@example.test"), QStringLiteral("b@example.test")}, message("pipe"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QCOMPARE(lines(d.answers[0]), QByteArray("250 2.0.0 queued | 550 5.1.1 no such user"));
    QVERIFY(d.answers[0][1].isPermanent());
    // What arrived in the read after EHLO: the whole group, or MAIL alone (RFC 2920 3.1).
    QTRY_VERIFY(peer.reads.size() >= 2);
    if (pipelining)
        QCOMPARE(peer.reads[1],
                 QByteArray("MAIL FROM:<sender@other.test>\r\nRCPT TO:<a@example.test>\r\n"
                            "RCPT TO:<b@example.test>\r\nDATA\r\n"));
    else
        QCOMPARE(peer.reads[1], QByteArray("MAIL FROM:<sender@other.test>\r\n"));
}

void TestSmtpClient::sinkRefuses_data()
{
    QTest::addColumn<QStringList>("sinkOptions");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("dumped");
    QTest::newRow("RCPT 5xx (-f RCPT)")
        << QStringList{QStringLiteral("-f"), QStringLiteral("RCPT")} << 500 << false;
    QTest::newRow("RCPT 4xx (-r RCPT)")
        << QStringList{QStringLiteral("-r"), QStringLiteral("RCPT")} << 450 << false;
    QTest::newRow("MAIL 5xx (-f MAIL)")
        << QStringList{QStringLiteral("-f"), QStringLiteral("MAIL")} << 500 << false;
    QTest::newRow("DATA 4xx (-r DATA)")
        << QStringList{QStringLiteral("-r"), QStringLiteral("DATA")} << 450 << false;
    QTest::newRow("end of data 4xx (-r .)")
        << QStringList{QStringLiteral("-r"), QStringLiteral(".")} << 450 << true;
    QTest::newRow("end of data 5xx (-f .)")
        << QStringList{QStringLiteral("-f"), QStringLiteral(".")} << 500 << true;
}

void TestSmtpClient::sinkRefuses()
{
    QFETCH(QStringList, sinkOptions);
    QFETCH(int, code);
    QFETCH(bool, dumped);
    SmtpSink sink(sinkOptions);
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    d.send({QStringLiteral("a@example.test"), QStringLiteral("b@example.test")},
           message("refused"));
    d.send({QStringLiteral("c@example.test")},
           message("refused too")); // the connection goes on (RSET)
    d.client->quit();
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    QCOMPARE(d.failed->size(), 0);
    for (const auto &answer : std::as_const(d.answers))
        for (const SmtpReply &r : answer) {
            QCOMPARE(r.code, code);
            QCOMPARE(r.isTemporary(), code < 500);
            QCOMPARE(r.enhanced.at(0), char('0' + code / 100));
        }
    // No DATA after refused recipients: smtp-sink dumps a transaction only once DATA came.
    QTest::qWait(100);
    QCOMPARE(sink.dumps().size(), dumped ? 2 : 0);
}

void TestSmtpClient::sinkDisconnects_data()
{
    QTest::addColumn<QStringList>("sinkOptions");
    QTest::addColumn<int>("code");
    QTest::newRow("silent close after RCPT (-q RCPT)")
        << QStringList{QStringLiteral("-q"), QStringLiteral("RCPT")} << 0;
    QTest::newRow("silent close after DATA (-q DATA)")
        << QStringList{QStringLiteral("-q"), QStringLiteral("DATA")} << 0;
    QTest::newRow("silent close after the dot (-q .)")
        << QStringList{QStringLiteral("-q"), QStringLiteral(".")} << 0;
    QTest::newRow("421 after MAIL (-Q MAIL)")
        << QStringList{QStringLiteral("-Q"), QStringLiteral("MAIL")} << 421;
    QTest::newRow("550 while we send data (-A 0)")
        << QStringList{QStringLiteral("-A"), QStringLiteral("0")} << 550;
}

void TestSmtpClient::sinkDisconnects()
{
    QFETCH(QStringList, sinkOptions);
    QFETCH(int, code);
    SmtpSink sink(sinkOptions);
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    // Big enough that smtp-sink's -A reply comes before our final dot.
    d.send({QStringLiteral("a@example.test")},
           message("dropped", QByteArray("0123456789abcdef\r\n").repeated(200000)));
    d.send({QStringLiteral("b@example.test")}, message("queued behind"));
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    QCOMPARE(d.closed->size(), 1);
    QCOMPARE(d.failed->size(), 0); // it was ready; the messages carry the failure
    QCOMPARE(d.answers[0].size(), 1);
    QCOMPARE(d.answers[0][0].code, code);
    QVERIFY2(code >= 500 || d.answers[0][0].isTemporary(), d.answers[0][0].toLine().constData());
    if (code == 0)
        QCOMPARE(d.answers[0][0].enhanced, QByteArray("4.4.2"));
    QCOMPARE(d.answers[1][0].code, code == 421 ? 421 : 0); // never sent: deferred
    QVERIFY(d.answers[1][0].isTemporary());
}

void TestSmtpClient::eightBit_data()
{
    QTest::addColumn<QStringList>("sinkOptions");
    QTest::addColumn<bool>("downgraded");
    QTest::newRow("8BITMIME offered") << QStringList() << false;
    QTest::newRow("no 8BITMIME (-8)") << QStringList{QStringLiteral("-8")} << true;
}

void TestSmtpClient::eightBit()
{
    QFETCH(QStringList, sinkOptions);
    QFETCH(bool, downgraded);
    SmtpSink sink(sinkOptions);
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    const QByteArray body = "お世話になっております。\r\n.見積書を送ります\r\n";
    d.send({QStringLiteral("a@example.test")},
           message("8bit", body,
                   "MIME-Version: 1.0\r\nContent-Type: text/plain; "
                   "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QCOMPARE(lines(d.answers[0]), QByteArray("250 2.0.0 Ok"));
    QTRY_COMPARE(sink.dumps().size(), 1);
    const QByteArray dump = sink.dumps().first();
    const QByteArray mailArgs = field(dump, "X-Mail-Args");
    QCOMPARE(mailArgs.contains("BODY=8BITMIME"), !downgraded);
    QCOMPARE(field(dump, "Content-Transfer-Encoding"),
             downgraded ? QByteArray("quoted-printable") : QByteArray("8bit"));
    const qsizetype at = dump.indexOf("\n\n", dump.indexOf("Subject: 8bit"));
    QVERIFY(at > 0);
    const QByteArray received = dump.mid(at + 2);
    if (downgraded) {
        bool eightBit = false;
        for (char c : dump)
            eightBit = eightBit || static_cast<unsigned char>(c) >= 0x80;
        QVERIFY(!eightBit);
        QVERIFY(received.startsWith("=E3=81=8A=E4=B8=96"));
    } else {
        QVERIFY(received.startsWith(QByteArray(body).replace("\r\n", "\n")));
    }
}

void TestSmtpClient::smtputf8Absent()
{
    SmtpSink sink({});
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    // RFC 6531 3.2: a UTF-8 address or header cannot go to a peer without SMTPUTF8.
    d.send({QStringLiteral("ascii@example.test"), QStringLiteral("利用者@example.test")},
           message("utf8 rcpt"));
    d.send({QStringLiteral("ascii@example.test")}, message("件名"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QCOMPARE(lines(d.answers[0]),
             QByteArray(
                 "250 2.0.0 Ok | 550 5.6.7 SMTPUTF8 is required, but was not offered by the host"));
    QCOMPARE(lines(d.answers[1]),
             QByteArray("550 5.6.7 SMTPUTF8 is required, but was not offered by the host"));
    QTRY_COMPARE(sink.dumps().size(), 1);
    QCOMPARE(fields(sink.dumps().first(), "X-Rcpt-Args"), QByteArrayList{"<ascii@example.test>"});
}

void TestSmtpClient::dsnParameters_data()
{
    QTest::addColumn<QStringList>("sinkOptions");
    QTest::addColumn<QByteArray>("mailArgs");
    QTest::addColumn<QByteArrayList>("rcptArgs");
    QTest::newRow("DSN offered")
        << QStringList() << QByteArray("<sender@other.test> RET=HDRS ENVID=q+2B1+3Dx")
        << QByteArrayList{
               "<a@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;first+2Bx@example.test",
               "<b@example.test> NOTIFY=NEVER"};
    QTest::newRow("no DSN (-N)") << QStringList{QStringLiteral("-N")}
                                 << QByteArray("<sender@other.test>")
                                 << QByteArrayList{"<a@example.test>", "<b@example.test>"};
}

void TestSmtpClient::dsnParameters()
{
    QFETCH(QStringList, sinkOptions);
    QFETCH(QByteArray, mailArgs);
    QFETCH(QByteArrayList, rcptArgs);
    SmtpSink sink(sinkOptions);
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    OutboundEnvelope e;
    e.sender = QStringLiteral("sender@other.test");
    e.recipients = QStringList{QStringLiteral("a@example.test"), QStringLiteral("b@example.test")};
    e.envid = "q+1=x"; // RFC 3461 4: "+" and "=" become +2B and +3D
    e.ret = "HDRS";
    e.notify = {"success,failure", "NEVER"};
    e.orcpt = QStringList{QStringLiteral("first+x@example.test"), QString()};
    d.sendEnvelope(e, message("dsn"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QTRY_COMPARE(sink.dumps().size(), 1);
    QCOMPARE(field(sink.dumps().first(), "X-Mail-Args"), mailArgs);
    QCOMPARE(fields(sink.dumps().first(), "X-Rcpt-Args"), rcptArgs);
}

void TestSmtpClient::requiredTlsAbsent()
{
    SmtpSink sink({});
    REQUIRE_SINK(sink);
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Required;
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    d.send({QStringLiteral("a@example.test")}, message("needs tls"));
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    QCOMPARE(d.failed->size(), 1);
    const SmtpReply r = d.failed->first().first().value<SmtpReply>();
    QCOMPARE(r.code, 0);
    QCOMPARE(r.enhanced, QByteArray("4.7.4"));
    QVERIFY(r.isTemporary());
    QCOMPARE(d.answers[0][0].toLine(), r.toLine());
    QTest::qWait(100);
    QCOMPARE(sink.dumps().size(), 0); // no MAIL went out
}

// ---- scripted peers ----------------------------------------------------------------------------

void TestSmtpClient::scriptedSessions_data()
{
    QTest::addColumn<SmtpClientOptions::Tls>("tls");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QList<QByteArray>>("answers"); // to EHLO, then each line we send
    QTest::addColumn<QByteArray>("result");         // the message's reply
    QTest::addColumn<QByteArray>("sent");           // all we sent, joined
    using Tls = SmtpClientOptions::Tls;
    const QByteArray ok = "250 ok\r\n";
    QTest::newRow("AUTH LOGIN on loopback without TLS (Tls::None)")
        << Tls::None << QByteArray("me@example.test")
        << QList<QByteArray>{"250-peer\r\n250 AUTH LOGIN\r\n",
                             "334 VXNlcm5hbWU6\r\n",
                             "334 UGFzc3dvcmQ6\r\n",
                             "235 2.7.0 ok\r\n",
                             ok,
                             ok,
                             "354 go\r\n",
                             "",
                             "",
                             "",
                             "",
                             "",
                             "250 2.0.0 sent\r\n",
                             "221 bye\r\n"}
        << QByteArray("250 2.0.0 sent")
        << QByteArray("EHLO client.fumibako.test\r\nAUTH "
                      "LOGIN\r\nbWVAZXhhbXBsZS50ZXN0\r\nc2VjcmV0\r\nMAIL FROM:");
    QTest::newRow("STARTTLS refused, opportunistic: plaintext")
        << Tls::Opportunistic << QByteArray()
        << QList<QByteArray>{"250-peer\r\n250 STARTTLS\r\n",
                             "454 4.7.0 TLS not available\r\n",
                             ok,
                             ok,
                             "354 go\r\n",
                             "",
                             "",
                             "",
                             "",
                             "",
                             "250 2.0.0 sent\r\n",
                             "221 bye\r\n"}
        << QByteArray("250 2.0.0 sent") << QByteArray("STARTTLS\r\nMAIL FROM:");
    QTest::newRow("STARTTLS refused, required: no MAIL")
        << Tls::Required << QByteArray()
        << QList<QByteArray>{"250-peer\r\n250 STARTTLS\r\n", "454 4.7.0 TLS not available\r\n"}
        << QByteArray(
               "4.7.4 TLS is required, but STARTTLS was refused: 454 4.7.0 TLS not available")
        << QByteArray("STARTTLS\r\n");
    QTest::newRow("TLS handshake fails, opportunistic: no plaintext fallback")
        << Tls::Opportunistic << QByteArray()
        << QList<QByteArray>{"250-peer\r\n250 STARTTLS\r\n", "220 go ahead\r\n<close>"}
        << QByteArray("4.7.5") << QByteArray("STARTTLS\r\n");
    QTest::newRow("EHLO refused: HELO, lock-step")
        << Tls::Opportunistic << QByteArray() << QList<QByteArray>{"502 5.5.2 no EHLO\r\n",
                                                                   "250 peer\r\n",
                                                                   ok,
                                                                   ok,
                                                                   "354 go\r\n",
                                                                   "",
                                                                   "",
                                                                   "",
                                                                   "",
                                                                   "",
                                                                   "250 sent\r\n",
                                                                   "221 bye\r\n"}
        << QByteArray("250 sent")
        << QByteArray("EHLO client.fumibako.test\r\nHELO client.fumibako.test\r\nMAIL "
                      "FROM:<sender@other.test>\r\n");
    QTest::newRow("421 to MAIL") << Tls::None << QByteArray()
                                 << QList<QByteArray>{"250 peer\r\n", "421 4.3.2 shutting down\r\n"}
                                 << QByteArray("421 4.3.2 shutting down")
                                 << QByteArray("MAIL FROM:<sender@other.test>\r\n");
}

void TestSmtpClient::scriptedSessions()
{
    QFETCH(SmtpClientOptions::Tls, tls);
    QFETCH(QByteArray, user);
    QFETCH(QList<QByteArray>, answers);
    QFETCH(QByteArray, result);
    QFETCH(QByteArray, sent);
    ScriptedPeer peer("220 peer ESMTP\r\n", answers);
    SmtpClientOptions o = plainOptions();
    o.tls = tls;
    o.user = user;
    o.password = "secret";
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, peer.port(), QStringLiteral("peer"));
    d.send({QStringLiteral("a@example.test")}, message("scripted"));
    QVERIFY(d.waitAll());
    QVERIFY2(d.answers[0][0].toLine().startsWith(result), d.answers[0][0].toLine().constData());
    d.client->quit();
    QVERIFY(d.waitClosed());
    const QByteArray all = peer.reads.join();
    QVERIFY2(all.contains(sent), all.constData());
    if (!result.startsWith('2'))
        QVERIFY2(!all.contains("DATA"), all.constData());
}

void TestSmtpClient::authNeedsTls()
{
    // smtp-sink offers AUTH but no STARTTLS: the password must not go out in plaintext.
    SmtpSink sink({});
    REQUIRE_SINK(sink);
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Opportunistic;
    o.user = "me";
    o.password = "secret";
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    d.send({QStringLiteral("a@example.test")}, message("no password in clear"));
    QVERIFY(d.waitAll());
    QCOMPARE(d.failed->size(), 1);
    QCOMPARE(d.answers[0][0].enhanced, QByteArray("4.7.0"));
    QVERIFY(!d.answers[0][0].toLine().contains("secret"));
    QTest::qWait(100);
    QCOMPARE(sink.dumps().size(), 0);
}

void TestSmtpClient::peerClosesIdleConnection()
{
    // smtp-sink's limit per command: 3 s, not less, or a busy machine (CI, once) can take
    // longer than it within the first transaction and the peer closes before its 250.
    SmtpSink sink({QStringLiteral("-t"), QStringLiteral("3")});
    REQUIRE_SINK(sink);
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, sink.port(), QStringLiteral("localhost"));
    d.send({QStringLiteral("a@example.test")}, message("before the idle close"));
    QVERIFY(d.waitAll());
    QCOMPARE(d.answers[0][0].code, 250);
    QVERIFY(d.waitClosed(10000)); // an idle connection closed by the peer is no failure
    QCOMPARE(d.failed->size(), 0);
    d.send({QStringLiteral("b@example.test")}, message("too late")); // answered, not lost
    QVERIFY(d.waitAll());
    QCOMPARE(d.answers[1][0].code, 0);
    QVERIFY(d.answers[1][0].isTemporary());
    QCOMPARE(d.closed->size(), 1);
}

void TestSmtpClient::silentPeer_data()
{
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QList<QByteArray>>("answers");
    QTest::addColumn<bool>("readyFirst");
    QTest::newRow("no greeting") << QByteArray() << QList<QByteArray>{} << false;
    QTest::newRow("no reply to EHLO") << QByteArray("220 x\r\n") << QList<QByteArray>{""} << false;
    QTest::newRow("no reply to MAIL")
        << QByteArray("220 x\r\n") << QList<QByteArray>{"250 x\r\n"} << true;
    QTest::newRow("no reply to the dot")
        << QByteArray("220 x\r\n")
        << QList<QByteArray>{"250 x\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n"} << true;
}

void TestSmtpClient::silentPeer()
{
    QFETCH(QByteArray, greeting);
    QFETCH(QList<QByteArray>, answers);
    QFETCH(bool, readyFirst);
    ScriptedPeer peer(greeting, answers);
    SmtpClientOptions o = plainOptions();
    o.replyTimeoutMs = 300; // RFC 5321 4.5.3.2's minutes, shortened
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, peer.port(), QStringLiteral("peer"));
    d.send({QStringLiteral("a@example.test")}, message("silence"));
    QVERIFY(d.waitAll(5000));
    QVERIFY(d.waitClosed(5000));
    QCOMPARE(d.ready->size(), readyFirst ? 1 : 0);
    QCOMPARE(d.failed->size(), readyFirst ? 0 : 1);
    const SmtpReply r = d.answers[0][0];
    QCOMPARE(r.code, 0);
    QCOMPARE(r.enhanced, QByteArray("4.4.2"));
    QVERIFY2(r.text.contains("timed out"), r.text.constData());
}

void TestSmtpClient::hostileReplies_data()
{
    QTest::addColumn<QByteArray>("greeting");
    QTest::newRow("endless greeting line") << QByteArray(1 << 20, 'x').prepend("220 ");
    QTest::newRow("endless multi-line greeting")
        << QByteArray("220-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n").repeated(100000);
    QTest::newRow("not SMTP") << QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n");
}

void TestSmtpClient::hostileReplies()
{
    QFETCH(QByteArray, greeting);
    ScriptedPeer peer(greeting, {});
    Delivery d(plainOptions());
    d.client->connectToHost(QHostAddress::LocalHost, peer.port(), QStringLiteral("peer"));
    d.send({QStringLiteral("a@example.test")}, message("hostile"));
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    QCOMPARE(d.failed->size(), 1);
    QCOMPARE(d.answers[0][0].code, 0);
    QCOMPARE(d.answers[0][0].enhanced, QByteArray("4.5.0"));
}

// ---- fumibakod -------------------------------------------------------------------------------

Fumibakod *TestSmtpClient::server()
{
    if (!m_server)
        m_server = std::make_unique<Fumibakod>();
    return m_server->ready() ? m_server.get() : nullptr;
}

void TestSmtpClient::fumibakodStartTls()
{
    Fumibakod *s = server();
    QVERIFY2(s, "fumibakod did not start");
    const int before = s->delivered();
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Opportunistic; // its certificate is self-signed
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, s->port("smtp"),
                            QStringLiteral("mx.example.test"));
    d.send({QLatin1String(Fumibakod::kUser)}, message("over starttls"));
    d.send({QLatin1String(Fumibakod::kUser)},
           message("over starttls 2", "お世話になっております。\r\n",
                   "Content-Type: text/plain; charset=utf-8\r\n"));
    QVERIFY(d.ready->wait(kWait));
    QVERIFY(d.client->isEncrypted());
    QVERIFY(!d.client->extensions().contains("STARTTLS")); // the EHLO after TLS (RFC 3207 4.2)
    QVERIFY(d.client->extensions().contains("PIPELINING"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    for (const auto &a : std::as_const(d.answers))
        QVERIFY2(a.value(0).code == 250, lines(a).constData());
    QTRY_COMPARE(s->delivered(), before + 2);
}

void TestSmtpClient::fumibakodMixedRecipients()
{
    Fumibakod *s = server();
    QVERIFY2(s, "fumibakod did not start");
    const int before = s->delivered();
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Opportunistic;
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, s->port("smtp"),
                            QStringLiteral("mx.example.test"));
    d.send({QStringLiteral("nobody@example.test"), QLatin1String(Fumibakod::kUser)},
           message("mixed"));
    d.send({QStringLiteral("nobody@example.test")}, message("nobody at all"));
    d.send({QLatin1String(Fumibakod::kUser)}, message("after the refusals"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QCOMPARE(d.answers[0][0].code, 550);
    QCOMPARE(d.answers[0][0].enhanced, QByteArray("5.1.1"));
    QVERIFY(d.answers[0][0].isPermanent());
    QCOMPARE(d.answers[0][1].code, 250);
    QCOMPARE(d.answers[1][0].code, 550);
    QCOMPARE(d.answers[2][0].code, 250);
    QTRY_COMPARE(s->delivered(), before + 2);
}

void TestSmtpClient::fumibakodSubmissionAuth_data()
{
    QTest::addColumn<QByteArray>("listener");
    QTest::addColumn<SmtpClientOptions::Tls>("tls");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("code"); // of the failure, 0 = delivered
    QTest::newRow("submission, STARTTLS required, AUTH PLAIN")
        << QByteArray("submission") << SmtpClientOptions::Tls::Required
        << QByteArray(Fumibakod::kPassword) << 0;
    QTest::newRow("smtps, implicit TLS, AUTH PLAIN")
        << QByteArray("smtps") << SmtpClientOptions::Tls::Implicit
        << QByteArray(Fumibakod::kPassword) << 0;
    QTest::newRow("wrong password") << QByteArray("submission") << SmtpClientOptions::Tls::Required
                                    << QByteArray("wrong") << 535;
}

void TestSmtpClient::fumibakodSubmissionAuth()
{
    QFETCH(QByteArray, listener);
    QFETCH(SmtpClientOptions::Tls, tls);
    QFETCH(QByteArray, password);
    QFETCH(int, code);
    Fumibakod *s = server();
    QVERIFY2(s, "fumibakod did not start");
    const int before = s->delivered();
    SmtpClientOptions o = plainOptions();
    o.tls = tls;
    o.user = Fumibakod::kUser;
    o.password = password;
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, s->port(listener.constData()),
                            QStringLiteral("mx.example.test"));
    d.send({QLatin1String(Fumibakod::kUser)}, message("submitted"),
           QLatin1String(Fumibakod::kUser));
    d.client->quit();
    QVERIFY(d.waitAll());
    QVERIFY(d.waitClosed());
    if (code) {
        QCOMPARE(d.failed->size(), 1);
        QCOMPARE(d.answers[0][0].code, code);
        QVERIFY(!d.answers[0][0].toLine().contains(password)); // never in a reply or log line
        QTest::qWait(100);
        QCOMPARE(s->delivered(), before);
        return;
    }
    QCOMPARE(lines(d.answers[0]).left(3), QByteArray("250"));
    QTRY_COMPARE(s->delivered(), before + 1);
}

void TestSmtpClient::fumibakodVerifyPeer_data()
{
    QTest::addColumn<bool>("trustCert");
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("ok");
    QTest::newRow("trusted, right name")
        << true << QStringLiteral("example.test") << true; // its SAN: the mail domain
    QTest::newRow("trusted, wrong name") << true << QStringLiteral("other.example.test") << false;
    QTest::newRow("untrusted self-signed") << false << QStringLiteral("example.test") << false;
}

void TestSmtpClient::fumibakodVerifyPeer()
{
    QFETCH(bool, trustCert);
    QFETCH(QString, peerName);
    QFETCH(bool, ok);
    Fumibakod *s = server();
    QVERIFY2(s, "fumibakod did not start");
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Required;
    o.verifyPeer = true;
    if (trustCert)
        o.caCertificates = QSslCertificate::fromPath(s->certFile());
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, s->port("smtp"), peerName);
    d.send({QLatin1String(Fumibakod::kUser)}, message("verified"));
    d.client->quit();
    QVERIFY(d.waitAll());
    if (ok) {
        QVERIFY2(d.answers[0][0].code == 250, d.answers[0][0].toLine().constData());
        return;
    }
    QCOMPARE(d.failed->size(), 1);
    QCOMPARE(d.answers[0][0].code, 0);
    QCOMPARE(d.answers[0][0].enhanced, QByteArray("4.7.5"));
}

void TestSmtpClient::fumibakodSize()
{
    Fumibakod s({{QStringLiteral("smtp.max_message_size"), QStringLiteral("4096")}});
    QVERIFY2(s.ready(), "fumibakod did not start");
    SmtpClientOptions o = plainOptions();
    o.tls = SmtpClientOptions::Tls::Opportunistic;
    Delivery d(o);
    d.client->connectToHost(QHostAddress::LocalHost, s.port("smtp"),
                            QStringLiteral("mx.example.test"));
    d.send({QLatin1String(Fumibakod::kUser)},
           message("too big", QByteArray("x").repeated(70).append("\r\n").repeated(100)));
    d.send({QLatin1String(Fumibakod::kUser)}, message("small"));
    d.client->quit();
    QVERIFY(d.waitAll());
    QVERIFY(d.client->extensions().contains("SIZE 4096"));
    QCOMPARE(lines(d.answers[0]),
             QByteArray("552 5.3.4 Message size exceeds fixed maximum message size"));
    QCOMPARE(d.answers[1][0].code, 250);
    QTRY_COMPARE(s.delivered(), 1);
}

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
