// Tests of the scanner clients against the real daemons: clamd with a
// one-signature database written here (the EICAR test string; no internet
// needed) and spamd with Debian's rules (GTUBE), both started by the test on
// 127.0.0.1 with a temporary configuration and stopped by their PIDs; tiny
// scripted QTcpServer peers for what no daemon does on request (silence,
// garbage). The reply parsers' rows are also fed one byte at a time.
#include "scan/clamdclient.h"
#include "scan/scanneraddress.h"
#include "scan/spamdclient.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <memory>
#include <optional>

#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using namespace fumibako;

namespace
{

constexpr int kWait = 30000;

// Built from two halves, so that this file is not itself found infected or spam.
QByteArray eicar()
{
    return QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-") + "STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
}
QByteArray gtube()
{
    return QByteArray("XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-") + "STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
}

QByteArray mail(const QByteArray &subject, const QByteArray &body,
                const QByteArray &contentType = "text/plain; charset=us-ascii")
{
    return "Received: from mx.other.test (mx.other.test [10.1.2.25])\r\n"
           "\tby mail.example.test with ESMTPS id 4F2A9C1D3E;\r\n"
           "\tTue, 3 Mar 2026 09:12:40 +0900\r\n"
           "From: Sato Hanako <hanako@other.test>\r\n"
           "To: Suzuki Taro <taro@example.test>\r\n"
           "Subject: " +
           subject +
           "\r\n"
           "Date: Tue, 3 Mar 2026 09:12:38 +0900\r\n"
           "Message-ID: <20260303091238.4F2A9C1D3E@mx.other.test>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: " +
           contentType + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body;
}

QByteArray hamBody()
{
    return "Hello Taro,\r\n\r\nThank you for the minutes of yesterday's meeting. I have "
           "added two\r\nitems for the budget review on Thursday and moved the supplier "
           "call to\r\nFriday morning.\r\n\r\nBest regards,\r\nHanako\r\n";
}

QString daemonPath(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    return path;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A failed result's error for a test message ("" when it succeeded).
template <typename T> QString why(const Result<T> &r)
{
    return r ? QString() : r.error().message + QStringLiteral(" [") + r.error().detail + u']';
}

// What a client answered, from whichever thread it answered on.
template <typename T> class Answer
{
public:
    std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> r) {
            QMutexLocker lock(&m_mutex);
            ++m_calls;
            m_thread = QThread::currentThread();
            m_result.emplace(std::move(r));
        };
    }
    bool has() const
    {
        QMutexLocker lock(&m_mutex);
        return m_result.has_value();
    }
    bool wait(int ms = kWait)
    {
        return QTest::qWaitFor([this] { return has(); }, ms);
    }
    Result<T> result() const
    {
        QMutexLocker lock(&m_mutex);
        return *m_result;
    }
    int calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    QThread *thread() const
    {
        QMutexLocker lock(&m_mutex);
        return m_thread;
    }

private:
    mutable QMutex m_mutex;
    std::optional<Result<T>> m_result;
    int m_calls = 0;
    QThread *m_thread = nullptr;
};

// One question with a context on this thread; the answer must come once,
// later, on this thread. A Permanent error says when it did not.
template <typename T, typename Call> Result<T> ask(Call call, int ms = kWait)
{
    Answer<T> answer;
    QObject context;
    call(&context, answer.callback());
    if (answer.has())
        return Error::permanent(QStringLiteral("answered inside the call"));
    if (!answer.wait(ms))
        return Error::permanent(QStringLiteral("no answer"));
    if (answer.thread() != QThread::currentThread())
        return Error::permanent(QStringLiteral("answered on another thread"));
    return answer.result();
}

Result<VirusScan> scan(const ClamdClient &client, const QByteArrayList &message)
{
    return ask<VirusScan>(
        [&](QObject *context, auto done) { client.scan(message, context, std::move(done)); });
}

Result<SpamScore> check(const SpamdClient &client, const QByteArrayList &message)
{
    return ask<SpamScore>(
        [&](QObject *context, auto done) { client.check(message, context, std::move(done)); },
        60000);
}

// A failure of `kind` whose message contains `text`.
template <typename T>
bool failed(const Result<T> &r, Error::Kind kind, const QString &text = QString())
{
    return !r && r.error().kind == kind && r.error().message.contains(text);
}

// Either client's answer, reduced to words ("clean", "infected NAME", "spam
// 1005.2", "ham 0.1") so that one test can hold both to the same contract.
Result<QString> askEither(const QString &daemon, const ScannerAddress &address, int timeoutMs,
                          qint64 limit, const QByteArrayList &message)
{
    if (daemon == u"clamd") {
        const Result<VirusScan> r = scan(ClamdClient(address, {timeoutMs, limit}), message);
        if (!r)
            return r.error();
        return r->infected ? QStringLiteral("infected ") + r->virus : QStringLiteral("clean");
    }
    const Result<SpamScore> r = check(SpamdClient(address, {timeoutMs, limit}), message);
    if (!r)
        return r.error();
    return QStringLiteral("%1 %2").arg(r->spam ? u"spam" : u"ham").arg(r->score);
}

// A daemon the test starts in the foreground: QProcess holds its PID, and
// stop() signals that PID alone (SIGTERM; spamd's parent ends its children).
class Daemon
{
public:
    ~Daemon() { stop(); }
    bool start(const QString &program, const QStringList &args)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // Should the test crash, the daemon goes with it rather than lingering.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start(program, args);
        return m_process.waitForStarted(10000);
    }
    bool running() const
    {
        return m_process.state() == QProcess::Running;
    }
    QString output()
    {
        return QString::fromUtf8(m_process.readAll());
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Asks `probe` (a real request) until it answers yes, the daemon dies or
    // `ms` pass: the daemon serves, not merely listens (spamd binds its port
    // before it has loaded its rules).
    using Probe = std::function<void(QObject *, std::function<void(bool)>)>;
    bool waitUntilServing(const Probe &probe, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired() && running()) {
            QObject context;
            auto answer = std::make_shared<std::optional<bool>>();
            probe(&context, [answer](bool ok) { *answer = ok; });
            if (!QTest::qWaitFor([&] { return answer->has_value() || !running(); },
                                 int(deadline.remainingTime())))
                return false;
            if (answer->value_or(false))
                return true;
            QTest::qWait(100); // refused: not listening yet
        }
        return false;
    }

private:
    QProcess m_process;
};

// clamd on a free loopback port and a Unix socket in its temporary folder,
// with a database of one signature for the EICAR string and a StreamMaxLength
// of 1 MiB. A non-official signature's name gets ".UNOFFICIAL" appended.
class Clamd
{
public:
    static constexpr qint64 kStreamMaxLength = 1024 * 1024;
    static QString virusName() { return QStringLiteral("Fumibako.Test.EICAR.UNOFFICIAL"); }

    QString start()
    {
        const QString clamd = daemonPath(QStringLiteral("clamd"));
        if (clamd.isEmpty())
            return QStringLiteral("clamd is not installed (Debian: clamav-daemon)");
        if (!m_dir.isValid() || !QDir(m_dir.path()).mkpath(QStringLiteral("db")))
            return QStringLiteral("no temporary folder");
        // An .ndb body signature: name, target type 0 (any), offset *, hex bytes.
        if (!writeFile(m_dir.filePath(QStringLiteral("db/fumibako-test.ndb")),
                       "Fumibako.Test.EICAR:0:*:" + eicar().toHex() + "\n"))
            return QStringLiteral("cannot write the signature database");
        port = freePort();
        socketPath = m_dir.filePath(QStringLiteral("clamd.sock"));
        const QByteArray conf = "Foreground yes\n"
                                "DatabaseDirectory " +
                                m_dir.filePath(QStringLiteral("db")).toUtf8() +
                                "\n"
                                "TCPSocket " +
                                QByteArray::number(port) +
                                "\n"
                                "TCPAddr 127.0.0.1\n"
                                "LocalSocket " +
                                socketPath.toUtf8() +
                                "\n"
                                "StreamMaxLength " +
                                QByteArray::number(kStreamMaxLength) +
                                "\n"
                                "LogFile " +
                                m_dir.filePath(QStringLiteral("clamd.log")).toUtf8() + "\n";
        const QString confPath = m_dir.filePath(QStringLiteral("clamd.conf"));
        if (!writeFile(confPath, conf))
            return QStringLiteral("cannot write clamd.conf");
        if (!m_daemon.start(clamd, {QStringLiteral("-c"), confPath}))
            return QStringLiteral("clamd did not start");
        return {};
    }
    // clamd binds its sockets once its database is loaded: an answer means it serves.
    bool waitUntilServing()
    {
        const ClamdClient probe(ScannerAddress::tcp(QStringLiteral("127.0.0.1"), port), {2000, 0});
        return m_daemon.waitUntilServing(
            [&probe](QObject *context, std::function<void(bool)> ok) {
                probe.scan({QByteArray("probe\r\n")}, context,
                           [ok](Result<VirusScan> r) { ok(r && !r->infected); });
            },
            30000);
    }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("clamd.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    QString output() { return m_daemon.output(); }

    quint16 port = 0;
    QString socketPath;

private:
    QTemporaryDir m_dir;
    Daemon m_daemon;
};

// spamd on a free loopback port with a site configuration of its own: local
// tests only (-L, no DNS), no Bayes, no user preferences, Debian's rules.
class Spamd
{
public:
    QString start()
    {
        const QString spamd = daemonPath(QStringLiteral("spamd"));
        if (spamd.isEmpty())
            return QStringLiteral("spamd is not installed (Debian: spamassassin)");
        const QString site = m_dir.filePath(QStringLiteral("site"));
        if (!m_dir.isValid() || !QDir(m_dir.path()).mkpath(QStringLiteral("site")))
            return QStringLiteral("no temporary folder");
        // The plugins the rules need (the .pre files of /etc/spamassassin, minus
        // the network ones), then the test's settings.
        QByteArray pre;
        for (const char *plugin :
             {"Check", "BodyEval", "HeaderEval", "HTMLEval", "MIMEEval", "MIMEHeader", "RelayEval",
              "URIEval", "WLBLEval", "ReplaceTags", "FreeMail", "ImageInfo"})
            pre += QByteArray("loadplugin Mail::SpamAssassin::Plugin::") + plugin + "\n";
        if (!writeFile(site + QStringLiteral("/fumibako-test.pre"), pre) ||
            !writeFile(site + QStringLiteral("/local.cf"),
                       "use_bayes 0\nbayes_auto_learn 0\nskip_rbl_checks 1\n"
                       "dns_available no\nrequired_score 5.0\n"))
            return QStringLiteral("cannot write spamd's configuration");
        // As root, spamd reads its configuration as nobody: let it.
        if (::geteuid() == 0) {
            const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                              QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::ExeOther;
            QFile::setPermissions(m_dir.path(), open);
            QFile::setPermissions(site, open);
        }
        port = freePort();
        const QStringList args = {
            QStringLiteral("--local"),
            QStringLiteral("--nouser-config"),
            QStringLiteral("--siteconfigpath=") + site,
            QStringLiteral("--listen=127.0.0.1:%1").arg(port),
            QStringLiteral("--pidfile=") + m_dir.filePath(QStringLiteral("spamd.pid")),
            QStringLiteral("--helper-home-dir=") + m_dir.path(),
            QStringLiteral("--syslog=stderr"),
            QStringLiteral("--max-children=2"),
        };
        if (!m_daemon.start(spamd, args))
            return QStringLiteral("spamd did not start");
        return {};
    }
    bool waitUntilServing()
    {
        const SpamdClient probe(ScannerAddress::tcp(QStringLiteral("127.0.0.1"), port), {60000, 0});
        return m_daemon.waitUntilServing(
            [&probe](QObject *context, std::function<void(bool)> ok) {
                probe.ping(context, [ok](Result<void> r) { ok(bool(r)); });
            },
            120000);
    }
    QString output() { return m_daemon.output(); }

    quint16 port = 0;

private:
    QTemporaryDir m_dir;
    Daemon m_daemon;
};

// Not a scanner: reads until `complete` says the request is whole, then
// writes `reply` and closes; with `silent`, it never answers.
class ScriptedPeer : public QObject
{
public:
    using Complete = std::function<bool(const QByteArray &)>;
    ScriptedPeer(QByteArray reply, Complete complete, bool silent = false)
        : m_reply(std::move(reply)), m_complete(std::move(complete)), m_silent(silent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            ++connections;
            auto received = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, this, [this] { ++closed; });
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, received] {
                received->append(socket->readAll());
                if (m_silent || !m_complete(*received))
                    return;
                socket->write(m_reply);
                socket->disconnectFromHost();
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    ScannerAddress address() const
    {
        return ScannerAddress::tcp(QStringLiteral("127.0.0.1"), port());
    }
    int connections = 0;
    int closed = 0;

private:
    QTcpServer m_server;
    QByteArray m_reply;
    Complete m_complete;
    bool m_silent;
};

bool instreamComplete(const QByteArray &request)
{
    return request.endsWith(QByteArray(4, '\0'));
}

bool spamcComplete(const QByteArray &request)
{
    const qsizetype end = request.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    static const QRegularExpression length(QStringLiteral("Content-length: (\\d+)"));
    const QRegularExpressionMatch m = length.match(QString::fromLatin1(request.left(end)));
    return request.size() - end - 4 >= (m.hasMatch() ? m.captured(1).toLongLong() : 0);
}

// Feeds `input` whole or one byte at a time, then the close if asked.
template <typename Parser>
ReplyStatus feedAll(Parser &parser, const QByteArray &input, bool byteByByte, bool close)
{
    ReplyStatus status = ReplyStatus::NeedMore;
    if (byteByByte) {
        for (qsizetype i = 0; i < input.size() && status == ReplyStatus::NeedMore; ++i)
            status = parser.feed(input.mid(i, 1));
    } else if (!input.isEmpty()) {
        status = parser.feed(input);
    }
    if (close && status == ReplyStatus::NeedMore)
        status = parser.finish();
    return status;
}

QByteArray spamdAnswer(const QByteArray &spamField, const QByteArray &body)
{
    return "SPAMD/1.1 0 EX_OK\r\nContent-length: " + QByteArray::number(body.size()) +
           "\r\nSpam: " + spamField + "\r\n\r\n" + body;
}

// The default template's report, as spamd 4.0 sends it for GTUBE.
QByteArray gtubeReport()
{
    return "Spam detection software, running on the system \"vm\",\n"
           "has identified this incoming email as possible spam.  The original\n"
           "message has been attached to this so you can view it or label\n"
           "similar future email.  If you have any questions, see\n"
           "@@CONTACT_ADDRESS@@ for details.\n\n"
           "Content preview:  "
           "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n"
           "   \n\n"
           "Content analysis details:   (1000.0 points, 5.0 required)\n\n"
           " pts rule name              description\n"
           "---- ---------------------- --------------------------------------------------\n"
           "-0.0 NO_RECEIVED            Informational: message has no Received headers\n"
           " 0.0 MSGID_SHORT            Message-ID is unusually short\n"
           "-0.0 NO_RELAYS              Informational: message was not relayed via SMTP\n"
           "1000 GTUBE                  BODY: Generic Test for Unsolicited Bulk Email\n\n\n";
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *text : texts)
        out << QString::fromUtf8(text);
    return out;
}

QByteArray reportTable(const QByteArray &rows, const QByteArray &preview = "Hello")
{
    return "Content preview:  " + preview +
           "\n\nContent analysis details:   (2.0 points, 5.0 required)\n\n"
           " pts rule name              description\n"
           "---- ---------------------- --------------------------------------------------\n" +
           rows + "\n\n";
}

} // namespace

class TestScanClients : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void address_data();
    void address();
    void clamdReply_data();
    void clamdReply();
    void spamdReply_data();
    void spamdReply();
    void spamReport_data();
    void spamReport();

    void clamdClean_data();
    void clamdClean();
    void clamdInfected_data();
    void clamdInfected();
    void clamdOverStreamMaxLength();
    void clamdAnswersOnContextThread();
    void contextGoneMeansNoAnswer();

    void spamdHam_data();
    void spamdHam();
    void spamdGtube();

    void overClientLimit_data();
    void overClientLimit();
    void nobodyListening_data();
    void nobodyListening();
    void silentPeer_data();
    void silentPeer();
    void garbage_data();
    void garbage();

private:
    ClamdClient clamd(bool local = false, ClamdOptions options = {}) const;
    SpamdClient spamd(SpamdOptions options = {}) const;

    std::unique_ptr<Clamd> m_clamd;
    std::unique_ptr<Spamd> m_spamd;
    QString m_clamdProblem, m_spamdProblem; // why a daemon is not there
    bool m_clamdMissing = false, m_spamdMissing = false;
};

// A daemon that is installed but does not serve fails its tests; one that is
// not installed skips them (scripts/install-deps installs both).
#define REQUIRE_DAEMON(missing, problem)                                                           \
    do {                                                                                           \
        if (missing)                                                                               \
            QSKIP(qPrintable(problem));                                                            \
        if (!(problem).isEmpty())                                                                  \
            QFAIL(qPrintable(problem));                                                            \
    } while (false)
#define REQUIRE_CLAMD() REQUIRE_DAEMON(m_clamdMissing, m_clamdProblem)
#define REQUIRE_SPAMD() REQUIRE_DAEMON(m_spamdMissing, m_spamdProblem)

void TestScanClients::initTestCase()
{
    // Both start at once; spamd loads its rules (seconds) while clamd is probed.
    m_clamd = std::make_unique<Clamd>();
    m_spamd = std::make_unique<Spamd>();
    m_clamdProblem = m_clamd->start();
    m_clamdMissing = daemonPath(QStringLiteral("clamd")).isEmpty();
    m_spamdProblem = m_spamd->start();
    m_spamdMissing = daemonPath(QStringLiteral("spamd")).isEmpty();
    if (m_clamdProblem.isEmpty() && !m_clamd->waitUntilServing())
        m_clamdProblem =
            QStringLiteral("clamd does not serve:\n") + m_clamd->output() + m_clamd->log();
    if (m_spamdProblem.isEmpty() && !m_spamd->waitUntilServing())
        m_spamdProblem = QStringLiteral("spamd does not serve:\n") + m_spamd->output();
}

void TestScanClients::cleanupTestCase()
{
    m_clamd.reset();
    m_spamd.reset();
}

ClamdClient TestScanClients::clamd(bool local, ClamdOptions options) const
{
    return ClamdClient(local ? ScannerAddress::local(m_clamd->socketPath)
                             : ScannerAddress::tcp(QStringLiteral("127.0.0.1"), m_clamd->port),
                       options);
}

SpamdClient TestScanClients::spamd(SpamdOptions options) const
{
    return SpamdClient(ScannerAddress::tcp(QStringLiteral("127.0.0.1"), m_spamd->port), options);
}

void TestScanClients::address_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("written");

    const QString none;
    QTest::newRow("unix socket") << "/run/clamav/clamd.ctl" << true << "/run/clamav/clamd.ctl"
                                 << none << 0 << "/run/clamav/clamd.ctl";
    QTest::newRow("ipv4") << "127.0.0.1:3310" << true << none << "127.0.0.1" << 3310
                          << "127.0.0.1:3310";
    QTest::newRow("name") << "scanner.lan:783" << true << none << "scanner.lan" << 783
                          << "scanner.lan:783";
    QTest::newRow("ipv6") << "[::1]:3310" << true << none << "::1" << 3310 << "[::1]:3310";
    QTest::newRow("spaces around")
        << "  127.0.0.1:783 " << true << none << "127.0.0.1" << 783 << "127.0.0.1:783";
    QTest::newRow("empty") << "" << false << none << none << 0 << none;
    QTest::newRow("no port") << "127.0.0.1" << false << none << none << 0 << none;
    QTest::newRow("port 0") << "127.0.0.1:0" << false << none << none << 0 << none;
    QTest::newRow("port too big") << "127.0.0.1:65536" << false << none << none << 0 << none;
    QTest::newRow("port not a number") << "host:smtp" << false << none << none << 0 << none;
    QTest::newRow("no host") << ":3310" << false << none << none << 0 << none;
    QTest::newRow("bare ipv6") << "::1:3310" << false << none << none << 0 << none;
    QTest::newRow("ipv6 without port") << "[::1]" << false << none << none << 0 << none;
    QTest::newRow("relative path") << "clamd.ctl" << false << none << none << 0 << none;
    QTest::newRow("space in host") << "a b:3310" << false << none << none << 0 << none;
}

void TestScanClients::address()
{
    QFETCH(QString, setting);
    QFETCH(bool, valid);
    const Result<ScannerAddress> a = ScannerAddress::parse(setting);
    QCOMPARE(a.has_value(), valid);
    if (!valid) {
        QCOMPARE(a.error().kind, Error::Kind::Invalid);
        return;
    }
    QTEST(a->path, "path");
    QTEST(a->host, "host");
    QTEST(int(a->port), "port");
    QTEST(a->toString(), "written");
}

void TestScanClients::clamdReply_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("close");
    QTest::addColumn<ReplyStatus>("status");
    QTest::addColumn<QString>("verdict"); // clean, infected, toobig, temporary
    QTest::addColumn<QString>("virus");

    const QByteArray nul(1, '\0');
    QTest::newRow("clean") << "stream: OK" + nul << false << ReplyStatus::Complete << "clean"
                           << "";
    QTest::newRow("found") << "stream: Win.Test.EICAR_HDB-1 FOUND" + nul << false
                           << ReplyStatus::Complete << "infected"
                           << "Win.Test.EICAR_HDB-1";
    QTest::newRow("found unofficial") << "stream: Fumibako.Test.EICAR.UNOFFICIAL FOUND" + nul
                                      << false << ReplyStatus::Complete << "infected"
                                      << "Fumibako.Test.EICAR.UNOFFICIAL";
    QTest::newRow("over StreamMaxLength")
        << "INSTREAM size limit exceeded. ERROR" + nul << true << ReplyStatus::Complete << "toobig"
        << "";
    QTest::newRow("scan error") << "stream: Can't allocate memory ERROR" + nul << false
                                << ReplyStatus::Complete << "temporary"
                                << "";
    QTest::newRow("unknown command")
        << "UNKNOWN COMMAND" + nul << true << ReplyStatus::Complete << "temporary"
        << "";
    QTest::newRow("found without a name")
        << "stream:  FOUND" + nul << false << ReplyStatus::Complete << "temporary"
        << "";
    QTest::newRow("name with a control byte")
        << "stream: Bad\x01Name FOUND" + nul << false << ReplyStatus::Complete << "temporary"
        << "";
    QTest::newRow("name with a space")
        << "stream: Two Words FOUND" + nul << false << ReplyStatus::Complete << "temporary"
        << "";
    QTest::newRow("bytes after the NUL are not read")
        << "stream: OK" + nul + "stream: X FOUND" + nul << false << ReplyStatus::Complete << "clean"
        << "";
    QTest::newRow("closed before the NUL")
        << QByteArray("stream: OK") << true << ReplyStatus::Error << "temporary"
        << "";
    QTest::newRow("closed without a reply")
        << QByteArray() << true << ReplyStatus::Error << "temporary"
        << "";
    QTest::newRow("reply without end") << QByteArray(ClamdReplyParser::kMaxReply + 1, 'A') << false
                                       << ReplyStatus::Error << "temporary"
                                       << "";
    QTest::newRow("not yet") << QByteArray("stream: O") << false << ReplyStatus::NeedMore
                             << "temporary"
                             << "";
}

void TestScanClients::clamdReply()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, close);
    QFETCH(ReplyStatus, status);
    QFETCH(QString, verdict);
    QFETCH(QString, virus);
    for (const bool byteByByte : {false, true}) {
        ClamdReplyParser parser;
        QCOMPARE(feedAll(parser, input, byteByByte, close), status);
        const Result<VirusScan> v = parser.verdict();
        if (verdict == u"clean" || verdict == u"infected") {
            QVERIFY2(v.has_value(), qPrintable(why(v)));
            QCOMPARE(v->infected, verdict == u"infected");
            QCOMPARE(v->virus, virus);
        } else {
            QVERIFY(!v.has_value());
            QCOMPARE(v.error().kind,
                     verdict == u"toobig" ? Error::Kind::TooBig : Error::Kind::Temporary);
        }
    }
}

void TestScanClients::spamdReply_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("close");
    QTest::addColumn<ReplyStatus>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("scored"); // spamScore() gives a score
    QTest::addColumn<bool>("spam");
    QTest::addColumn<double>("score");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("rules");

    QTest::newRow("report, gtube")
        << spamdAnswer("True ; 1000.0 / 5.0", gtubeReport()) << false << ReplyStatus::Complete << 0
        << true << true << 1000.0 << 5.0 << 4;
    QTest::newRow("report, ham, LF line ends")
        << QByteArray("SPAMD/1.1 0 EX_OK\nContent-length: 0\nSpam: False ; -0.1 / 5.0\n\n") << false
        << ReplyStatus::Complete << 0 << true << false << -0.1 << 5.0 << 0;
    QTest::newRow("yes and a lower threshold")
        << spamdAnswer("Yes ; 7.3 / 4.5", reportTable(" 7.3 SOME_RULE             Some rule"))
        << false << ReplyStatus::Complete << 0 << true << true << 7.3 << 4.5 << 1;
    QTest::newRow("body until the close")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nSpam: False ; 1.0 / 5.0\r\n\r\nno table") << true
        << ReplyStatus::Complete << 0 << true << false << 1.0 << 5.0 << 0;
    QTest::newRow("refused") << QByteArray("SPAMD/1.0 76 Bad header line: FOO SPAMC/1.5\r\n")
                             << true << ReplyStatus::Complete << 76 << false << false << 0.0 << 0.0
                             << 0;
    QTest::newRow("pong") << QByteArray("SPAMD/1.5 0 PONG\r\n") << true << ReplyStatus::Complete
                          << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("no Spam field")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: 2\r\n\r\nhi") << false
        << ReplyStatus::Complete << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("unreadable Spam field")
        << spamdAnswer("Maybe ; lots / some", {}) << false << ReplyStatus::Complete << 0 << false
        << false << 0.0 << 0.0 << 0;
    QTest::newRow("closed inside the body")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: 100\r\nSpam: True ; 9.0 / "
                      "5.0\r\n\r\nshort")
        << true << ReplyStatus::Error << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("closed inside a field")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nSpam: Tr") << true << ReplyStatus::Error << 0 << false
        << false << 0.0 << 0.0 << 0;
    QTest::newRow("closed without a reply")
        << QByteArray() << true << ReplyStatus::Error << -1 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("not spamd") << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << false
                               << ReplyStatus::Error << -1 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("field without a colon")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nno colon here\r\n") << false << ReplyStatus::Error << 0
        << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("line too long")
        << "SPAMD/1.1 0 EX_OK\r\nX-Long: " + QByteArray(SpamdReplyParser::kMaxLine, 'a') + "\r\n"
        << false << ReplyStatus::Error << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("too many fields")
        << "SPAMD/1.1 0 EX_OK\r\n" + QByteArray("X-A: b\r\n").repeated(40) << false
        << ReplyStatus::Error << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("body over the limit")
        << "SPAMD/1.1 0 EX_OK\r\nContent-length: " +
               QByteArray::number(SpamdReplyParser::kMaxBody + 1) + "\r\n"
        << false << ReplyStatus::Error << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("endless body without length")
        << "SPAMD/1.1 0 EX_OK\r\nSpam: False ; 1.0 / 5.0\r\n\r\n" +
               QByteArray(SpamdReplyParser::kMaxBody + 1, 'x')
        << false << ReplyStatus::Error << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("bad Content-length")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: -3\r\n") << false << ReplyStatus::Error
        << 0 << false << false << 0.0 << 0.0 << 0;
    QTest::newRow("not yet") << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: 4\r\n\r\nab")
                             << false << ReplyStatus::NeedMore << 0 << false << false << 0.0 << 0.0
                             << 0;
}

void TestScanClients::spamdReply()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, close);
    QFETCH(ReplyStatus, status);
    QFETCH(int, code);
    QFETCH(bool, scored);
    // The byte-by-byte run of the endless rows would take long for nothing new.
    const bool big = input.size() > 4 * SpamdReplyParser::kMaxLine;
    for (const bool byteByByte : {false, true}) {
        if (byteByByte && big)
            continue;
        SpamdReplyParser parser;
        QCOMPARE(feedAll(parser, input, byteByByte, close), status);
        if (status == ReplyStatus::Error) {
            QVERIFY(!parser.error().isEmpty());
            continue;
        }
        QCOMPARE(parser.reply().code, code);
        if (status != ReplyStatus::Complete)
            continue;
        const Result<SpamScore> s = spamScore(parser.reply());
        QCOMPARE(s.has_value(), scored);
        if (!scored) {
            QCOMPARE(s.error().kind, Error::Kind::Temporary);
            continue;
        }
        QTEST(s->spam, "spam");
        QTEST(s->score, "score");
        QTEST(s->threshold, "threshold");
        QTEST(int(s->rules.size()), "rules");
    }
}

void TestScanClients::spamReport_data()
{
    QTest::addColumn<QByteArray>("report");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<QStringList>("descriptions");

    QTest::newRow("gtube") << gtubeReport()
                           << strings({"NO_RECEIVED", "MSGID_SHORT", "NO_RELAYS", "GTUBE"})
                           << QList<double>{-0.0, 0.0, -0.0, 1000}
                           << strings({"Informational: message has no Received headers",
                                       "Message-ID is unusually short",
                                       "Informational: message was not relayed via SMTP",
                                       "BODY: Generic Test for Unsolicited Bulk Email"});
    QTest::newRow("wrapped description")
        << reportTable(" 2.5 LONG_DESC              This description is long enough to\n"
                       "                            continue on a second line\n"
                       "-1.9 BAYES_00               BODY: Bayes spam probability is 0 to 1%")
        << strings({"LONG_DESC", "BAYES_00"}) << QList<double>{2.5, -1.9}
        << strings({"This description is long enough to continue on a second line",
                    "BODY: Bayes spam probability is 0 to 1%"});
    QTest::newRow("detail lines quote the message and are left out")
        << reportTable(" 0.1 URI_RULE               URI: a link\n"
                       "                            [URIs: 1000 GTUBE evil.example]\n"
                       "                                      [a longer detail of forty-eight "
                       "characters or more]")
        << strings({"URI_RULE"}) << QList<double>{0.1} << strings({"URI: a link"});
    QTest::newRow("a table in the preview is not the table")
        << reportTable(" 0.5 REAL_RULE              Real",
                       "fake\n---- ---- ----\n-100 ALL_TRUSTED            Fake")
        << strings({"REAL_RULE"}) << QList<double>{0.5} << strings({"Real"});
    QTest::newRow("long name, no description")
        << reportTable("-0.1 A_RULE_NAME_LONGER_THAN_22 Its description\n"
                       " 0.0 T_NO_DESCRIPTION       ")
        << strings({"A_RULE_NAME_LONGER_THAN_22", "T_NO_DESCRIPTION"}) << QList<double>{-0.1, 0.0}
        << strings({"Its description", ""});
    QTest::newRow("no table") << QByteArray("A custom template without a table.\n") << QStringList()
                              << QList<double>{} << QStringList();
    QTest::newRow("empty") << QByteArray() << QStringList() << QList<double>{} << QStringList();
}

void TestScanClients::spamReport()
{
    QFETCH(QByteArray, report);
    QFETCH(QStringList, names);
    QFETCH(QList<double>, scores);
    QFETCH(QStringList, descriptions);
    const QList<SpamRule> rules = parseSpamReport(report);
    QStringList gotNames, gotDescriptions;
    QList<double> gotScores;
    for (const SpamRule &r : rules) {
        gotNames << r.name;
        gotScores << r.score;
        gotDescriptions << r.description;
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(gotScores, scores);
    QCOMPARE(gotDescriptions, descriptions);
}

void TestScanClients::clamdClean_data()
{
    QTest::addColumn<bool>("local");
    QTest::newRow("tcp") << false;
    QTest::newRow("unix socket") << true;
}

void TestScanClients::clamdClean()
{
    REQUIRE_CLAMD();
    QFETCH(bool, local);
    const Result<VirusScan> r = scan(clamd(local), {mail("Minutes", hamBody())});
    QVERIFY2(r.has_value(), qPrintable(why(r)));
    QVERIFY(!r->infected);
    QVERIFY(r->virus.isEmpty());
}

void TestScanClients::clamdInfected_data()
{
    QTest::addColumn<bool>("local");
    QTest::addColumn<QByteArrayList>("message");

    const QByteArray received = "Received: from mx.other.test by mail.example.test;\r\n"
                                "\tTue, 3 Mar 2026 09:12:40 +0900\r\n";
    const QByteArray inBody = mail("Test", "Look:\r\n" + eicar() + "\r\n");
    QTest::newRow("in the body, tcp") << false << QByteArrayList{inBody};
    QTest::newRow("in the body, unix socket") << true << QByteArrayList{inBody};

    const QByteArray attached =
        mail("Attachment",
             "--b1\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n"
             "--b1\r\nContent-Type: application/octet-stream; name=\"a.com\"\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n" +
                 eicar().toBase64() + "\r\n--b1--\r\n",
             "multipart/mixed; boundary=\"b1\"");
    QTest::newRow("a base64 attachment") << false << QByteArrayList{received, attached};

    // Past the first chunks, and split across the two pieces the caller gives.
    const QByteArray big = mail("Big", QByteArray("filler line\r\n").repeated(20000));
    const qsizetype cut = eicar().size() / 2;
    QTest::newRow("at the end of a big message, across pieces")
        << true << QByteArrayList{big + eicar().left(cut), eicar().mid(cut) + "\r\n"};
}

void TestScanClients::clamdInfected()
{
    REQUIRE_CLAMD();
    QFETCH(bool, local);
    QFETCH(QByteArrayList, message);
    const Result<VirusScan> r = scan(clamd(local), message);
    QVERIFY2(r.has_value(), qPrintable(why(r)));
    QVERIFY(r->infected);
    QCOMPARE(r->virus, Clamd::virusName());
}

void TestScanClients::clamdOverStreamMaxLength()
{
    REQUIRE_CLAMD();
    // Unknown to the client, so it is sent; clamd refuses it part way. Its
    // answer says why; over TCP the reset after it can take it away while the
    // client still sends, and then the error says what it may be.
    const QByteArray huge = mail("Huge", QByteArray(3 * Clamd::kStreamMaxLength, 'x'));
    for (const bool local : {false, true}) {
        const Result<VirusScan> r = scan(clamd(local), {huge});
        QVERIFY2(failed(r, Error::Kind::TooBig) ||
                     failed(r, Error::Kind::Temporary, QStringLiteral("StreamMaxLength")),
                 qPrintable(why(r)));
    }
}

void TestScanClients::clamdAnswersOnContextThread()
{
    REQUIRE_CLAMD();
    const ClamdClient client = clamd();
    const QByteArray infected = mail("Test", eicar() + "\r\n");

    // The context lives on another thread with an event loop (an I/O thread):
    // the exchange runs there and answers there.
    QThread ioThread;
    ioThread.start();
    auto *ioContext = new QObject;
    ioContext->moveToThread(&ioThread);
    Answer<VirusScan> there;
    client.scan({infected}, ioContext, there.callback());
    QVERIFY(there.wait());
    QCOMPARE(there.thread(), &ioThread);
    QVERIFY(there.result().has_value() && there.result()->infected);
    QMetaObject::invokeMethod(ioContext, &QObject::deleteLater);
    ioThread.quit();
    QVERIFY(ioThread.wait(kWait));

    // Called from a worker without an event loop, answered on this thread.
    QObject context;
    Answer<VirusScan> back;
    QThreadPool pool;
    pool.start([&] { client.scan({infected}, &context, back.callback()); });
    QVERIFY(back.wait());
    QCOMPARE(back.thread(), QThread::currentThread());
    QVERIFY(back.result().has_value() && back.result()->infected);
    pool.waitForDone();

    // No context: the calling thread's loop runs it.
    Answer<VirusScan> here;
    client.scan({infected}, nullptr, here.callback());
    QVERIFY(here.wait());
    QCOMPARE(here.thread(), QThread::currentThread());
}

void TestScanClients::contextGoneMeansNoAnswer()
{
    ScriptedPeer peer({}, instreamComplete, /*silent=*/true);
    const ClamdClient client(peer.address(), {300, 0});
    Answer<VirusScan> answer;
    auto *context = new QObject;
    client.scan({mail("Gone", hamBody())}, context, answer.callback());
    QTRY_COMPARE(peer.connections, 1);
    delete context;
    QTRY_COMPARE(peer.closed, 1); // the exchange went with its context
    QVERIFY(!answer.wait(1000));  // and its deadline never fires
    QCOMPARE(answer.calls(), 0);

    // Gone before the exchange even started: nothing connects.
    ScriptedPeer untouched({}, instreamComplete, true);
    auto *early = new QObject;
    ClamdClient(untouched.address(), {300, 0}).scan({"x"}, early, answer.callback());
    delete early;
    QVERIFY(!answer.wait(1000));
    QCOMPARE(untouched.connections, 0);
}

void TestScanClients::spamdHam_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("english") << mail("Budget review on Thursday", hamBody());
    QTest::newRow("japanese, utf-8")
        << mail("=?UTF-8?B?5LqI566X5Lya6K2w44Gu5Lu2?=",
                QStringLiteral("鈴木さん\r\n\r\n昨日の会議の議事録をありがとうございました。\r\n"
                               "木曜日の予算会議に二件追加しました。\r\n\r\n佐藤\r\n")
                    .toUtf8(),
                "text/plain; charset=UTF-8");
}

void TestScanClients::spamdHam()
{
    REQUIRE_SPAMD();
    QFETCH(QByteArray, message);
    const Result<SpamScore> r = check(spamd(), {message});
    QVERIFY2(r.has_value(), qPrintable(why(r)));
    QVERIFY(!r->spam);
    QCOMPARE(r->threshold, 5.0);
    QVERIFY2(r->score < r->threshold, qPrintable(QString::number(r->score)));
    double sum = 0;
    for (const SpamRule &rule : r->rules)
        sum += rule.score;
    QVERIFY2(qAbs(sum - r->score) < 0.05 * r->rules.size() + 0.05,
             qPrintable(QStringLiteral("rules add up to %1, score %2").arg(sum).arg(r->score)));
}

void TestScanClients::spamdGtube()
{
    REQUIRE_SPAMD();
    const QByteArray received = "Received: from mx.other.test by mail.example.test;\r\n"
                                "\tTue, 3 Mar 2026 09:12:40 +0900\r\n";
    const Result<SpamScore> r =
        check(spamd(), {received, mail("Test spam mail (GTUBE)", gtube() + "\r\n")});
    QVERIFY2(r.has_value(), qPrintable(why(r)));
    QVERIFY(r->spam);
    QCOMPARE(r->threshold, 5.0);
    QVERIFY2(r->score > 900, qPrintable(QString::number(r->score))); // GTUBE's 1000, give or take
    const auto gtubeRule = std::find_if(r->rules.cbegin(), r->rules.cend(),
                                        [](const SpamRule &rule) { return rule.name == u"GTUBE"; });
    QVERIFY2(gtubeRule != r->rules.cend(), "GTUBE is not among the rules");
    QCOMPARE(gtubeRule->score, 1000.0);
    QVERIFY2(gtubeRule->description.contains(QStringLiteral("Generic Test for Unsolicited")),
             qPrintable(gtubeRule->description));
}

void TestScanClients::overClientLimit_data()
{
    QTest::addColumn<QString>("daemon");
    QTest::newRow("clamd, StreamMaxLength known") << "clamd";
    QTest::newRow("spamd, as spamc -s") << "spamd";
}

void TestScanClients::overClientLimit()
{
    // Nobody listens: a message over the client's limit is refused without connecting.
    QFETCH(QString, daemon);
    const Result<QString> r =
        askEither(daemon, ScannerAddress::tcp(QStringLiteral("127.0.0.1"), freePort()), 5000, 1000,
                  {QByteArray(600, 'a'), QByteArray(600, 'b')});
    QVERIFY2(failed(r, Error::Kind::TooBig), qPrintable(why(r)));
}

void TestScanClients::nobodyListening_data()
{
    QTest::addColumn<QString>("daemon");
    QTest::addColumn<bool>("local");
    QTest::newRow("clamd, tcp") << "clamd" << false;
    QTest::newRow("clamd, no socket file") << "clamd" << true;
    QTest::newRow("spamd, tcp") << "spamd" << false;
    QTest::newRow("spamd, no socket file") << "spamd" << true;
}

void TestScanClients::nobodyListening()
{
    QFETCH(QString, daemon);
    QFETCH(bool, local);
    QTemporaryDir dir;
    const ScannerAddress address =
        local ? ScannerAddress::local(dir.filePath(QStringLiteral("none.sock")))
              : ScannerAddress::tcp(QStringLiteral("127.0.0.1"), freePort());
    const Result<QString> r = askEither(daemon, address, 5000, 0, {mail("Down", hamBody())});
    QVERIFY2(failed(r, Error::Kind::Temporary, QStringLiteral("not reachable")),
             qPrintable(why(r)));
}

void TestScanClients::silentPeer_data()
{
    QTest::addColumn<QString>("daemon");
    QTest::newRow("clamd") << "clamd";
    QTest::newRow("spamd") << "spamd";
}

void TestScanClients::silentPeer()
{
    QFETCH(QString, daemon);
    ScriptedPeer peer({}, daemon == u"clamd" ? instreamComplete : spamcComplete,
                      /*silent=*/true);
    const Result<QString> r = askEither(daemon, peer.address(), 400, 0, {"Hung"});
    QVERIFY2(failed(r, Error::Kind::Temporary, QStringLiteral("did not answer within 0.4 s")),
             qPrintable(why(r)));
    QCOMPARE(peer.connections, 1);
    QTRY_COMPARE(peer.closed, 1); // the client let go of the connection
}

void TestScanClients::garbage_data()
{
    QTest::addColumn<QString>("daemon");
    QTest::addColumn<QByteArray>("reply");
    for (const char *daemon : {"clamd", "spamd"}) {
        const QString d = QString::fromLatin1(daemon);
        QTest::addRow("%s, http", daemon)
            << d << QByteArray("HTTP/1.1 400 Bad Request\r\nContent-length: 0\r\n\r\n");
        QTest::addRow("%s, nothing", daemon) << d << QByteArray();
        QTest::addRow("%s, endless", daemon) << d << QByteArray(64 * 1024, 'A');
        QTest::addRow("%s, binary", daemon) << d << QByteArray("\x00\xff\xfe", 3);
    }
    QTest::newRow("clamd, OK without its NUL") << "clamd" << QByteArray("stream: OK");
    QTest::newRow("spamd, refusal") << "spamd" << QByteArray("SPAMD/1.0 76 Bad header line: x\r\n");
    QTest::newRow("spamd, no Spam field")
        << "spamd" << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n");
    QTest::newRow("spamd, closed inside the body")
        << "spamd"
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: 50\r\nSpam: True ; 9.0 / "
                      "5.0\r\n\r\nshort");
}

void TestScanClients::garbage()
{
    QFETCH(QString, daemon);
    QFETCH(QByteArray, reply);
    ScriptedPeer peer(reply, daemon == u"clamd" ? instreamComplete : spamcComplete);
    const Result<QString> r = askEither(daemon, peer.address(), 5000, 0, {"Garbage"});
    QVERIFY2(failed(r, Error::Kind::Temporary), qPrintable(why(r)));
}

QTEST_GUILESS_MAIN(TestScanClients)
#include "tst_scanclients.moc"
