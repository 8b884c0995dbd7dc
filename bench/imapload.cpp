// imapload: the mixed IMAP load of bench/imapbench.py (--imapload), in C++ so
// that the client's own CPU does not cap the figure on a 2-core machine: the
// Python client spends about a third of a millisecond of CPU per command, and
// its threads share one core, so it cannot drive much more than 2,500 commands/s
// however fast the server is.
//   imapload --port P --password PW --seconds S USER...
// Each USER is one persistent client on its own INBOX: LOGIN, SELECT INBOX,
// UID SEARCH ALL, then the cycle of imapbench.py's mixed_client until the time
// is up: UID FETCH (FLAGS BODY.PEEK[]), UID STORE +FLAGS, FETCH, UID SEARCH
// SUBJECT, APPEND (4 KiB, \Deleted), FETCH, UID STORE -FLAGS, UID EXPUNGE (of its
// own APPEND), FETCH, UID SEARCH TEXT. Prints "KIND COUNT P50_MS P99_MS" per kind
// and for "all", then "total COMMANDS SECONDS"; exits 1 on any reply not OK.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

namespace
{

const char *const kWords[] = {"alpha",    "bravo",    "charlie",  "delta",   "echo",    "foxtrot",
                              "golf",     "hotel",    "india",    "juliet",  "kilo",    "lima",
                              "mike",     "november", "oscar",    "papa",    "quebec",  "romeo",
                              "sierra",   "tango",    "uniform",  "victor",  "whiskey", "xray",
                              "yankee",   "zulu",     "invoice",  "meeting", "report",  "budget",
                              "schedule", "contract", "delivery", "order",   "payment", "shipment"};
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

std::map<QByteArray, std::vector<double>> g_latencies; // kind -> seconds
int g_running = 0;
bool g_failed = false;

class Client : public QObject
{
public:
    Client(quint16 port, QByteArray user, QByteArray password, qint64 deadlineMs, quint32 seed)
        : m_user(std::move(user)), m_password(std::move(password)), m_deadline(deadlineMs),
          m_rng(seed)
    {
        ++g_running;
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(&m_socket, &QTcpSocket::errorOccurred, this,
                [this] { fail("connection: " + m_socket.errorString().toUtf8()); });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    }

private:
    enum class Phase { Greeting, Login, Select, Uids, Cycle, Logout, Done };

    QByteArray word() { return kWords[m_rng.bounded(kWordCount)]; }
    QByteArray uid() { return QByteArray::number(m_uids[m_rng.bounded(qsizetype(m_uids.size()))]); }

    QByteArray message()
    {
        ++m_serial;
        QByteArray m = "From: Sender <sender@peer.test>\r\nTo: <" + m_user +
                       ">\r\nSubject: " + word() + ' ' + word() + " report " +
                       QByteArray::number(m_serial) +
                       "\r\nDate: Mon, 01 Jan 2024 09:00:00 +0900\r\nMessage-ID: <load." +
                       QByteArray::number(m_serial) + '.' + QByteArray::number(m_rng.generate()) +
                       "@peer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
                       "charset=us-ascii\r\n\r\n";
        while (m.size() < 4096) {
            for (int k = 0; k < 10; ++k)
                m += word() + (k < 9 ? " " : "\r\n");
        }
        return m;
    }

    void send(const QByteArray &kind, const QByteArray &command)
    {
        m_kind = kind;
        m_tag = 'a' + QByteArray::number(++m_commands);
        m_timer.start();
        m_socket.write(m_tag + ' ' + command + "\r\n");
    }

    void nextCommand()
    {
        if (m_phase == Phase::Cycle && QDateTime::currentMSecsSinceEpoch() >= m_deadline) {
            m_phase = Phase::Logout;
            return send("LOGOUT", "LOGOUT");
        }
        static const char *const kCycle[] = {"FETCH",  "STORE+",     "FETCH",  "SEARCH-SUBJECT",
                                             "APPEND", "FETCH",      "STORE-", "EXPUNGE",
                                             "FETCH",  "SEARCH-TEXT"};
        for (;;) {
            const QByteArray step = kCycle[m_step++ % 10];
            if (step == "FETCH")
                return send("FETCH", "UID FETCH " + uid() + " (FLAGS BODY.PEEK[])");
            if (step == "STORE+")
                return send("STORE", "UID STORE " + uid() + " +FLAGS (\\Seen)");
            if (step == "STORE-")
                return send("STORE", "UID STORE " + uid() + " -FLAGS (\\Seen)");
            if (step == "SEARCH-SUBJECT")
                return send("SEARCH", "UID SEARCH SUBJECT \"" + word() + ' ' + word() + '"');
            if (step == "SEARCH-TEXT")
                return send("SEARCH", "UID SEARCH TEXT \"" + word() + ' ' + word() + '"');
            if (step == "APPEND") {
                const QByteArray m = message();
                return send("APPEND", "APPEND INBOX (\\Deleted) {" + QByteArray::number(m.size()) +
                                          "+}\r\n" + m);
            }
            if (step == "EXPUNGE" && !m_appended.empty()) {
                const qint64 u = m_appended.front();
                m_appended.erase(m_appended.begin());
                return send("EXPUNGE", "UID EXPUNGE " + QByteArray::number(u));
            }
        }
    }

    void onReadyRead()
    {
        m_in += m_socket.readAll();
        qsizetype pos = 0;
        for (;;) {
            if (m_literalLeft > 0) {
                const qsizetype take = std::min(m_literalLeft, m_in.size() - pos);
                pos += take;
                m_literalLeft -= take;
                if (m_literalLeft > 0)
                    break;
                continue;
            }
            const qsizetype end = m_in.indexOf("\r\n", pos);
            if (end < 0)
                break;
            const QByteArray line = m_in.mid(pos, end - pos);
            pos = end + 2;
            m_line += line;
            if (line.endsWith('}')) { // a literal follows, then the rest of the response
                const qsizetype open = line.lastIndexOf('{');
                m_literalLeft = line.mid(open + 1, line.size() - open - 2).toLongLong();
                continue;
            }
            onLine(std::exchange(m_line, {}));
            if (m_phase == Phase::Done)
                return;
        }
        m_in.remove(0, pos);
    }

    void onLine(const QByteArray &line)
    {
        if (m_phase == Phase::Greeting) {
            m_phase = Phase::Login;
            return send("LOGIN", "LOGIN " + m_user + ' ' + m_password);
        }
        if (line.startsWith("* SEARCH") && m_phase == Phase::Uids) {
            for (const QByteArray &n : line.mid(9).split(' '))
                if (!n.isEmpty())
                    m_uids.push_back(n.toLongLong());
            return;
        }
        if (!line.startsWith(m_tag + ' '))
            return;
        if (line.mid(m_tag.size() + 1, 2) != "OK")
            return fail(m_kind + ": " + line);
        if (m_phase == Phase::Cycle) {
            g_latencies[m_kind].push_back(m_timer.nsecsElapsed() / 1e9);
            if (m_kind == "APPEND") {
                const qsizetype at = line.indexOf("APPENDUID ");
                if (at >= 0)
                    m_appended.push_back(
                        line.mid(at + 10).split(' ').value(1).split(']').value(0).toLongLong());
            }
            return nextCommand();
        }
        switch (m_phase) {
        case Phase::Login:
            m_phase = Phase::Select;
            return send("SELECT", "SELECT INBOX");
        case Phase::Select:
            m_phase = Phase::Uids;
            return send("UIDS", "UID SEARCH ALL");
        case Phase::Uids:
            if (m_uids.empty())
                return fail("no messages in the mailbox");
            m_phase = Phase::Cycle;
            return nextCommand();
        default:
            return finish();
        }
    }

    void fail(const QByteArray &why)
    {
        if (m_phase == Phase::Done)
            return;
        std::fprintf(stderr, "imapload: %s: %s\n", m_user.constData(), why.constData());
        g_failed = true;
        finish();
    }

    void finish()
    {
        m_phase = Phase::Done;
        m_socket.abort();
        if (--g_running == 0)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }

    QTcpSocket m_socket;
    QByteArray m_user, m_password;
    qint64 m_deadline;
    QRandomGenerator m_rng;
    Phase m_phase = Phase::Greeting;
    QByteArray m_in, m_line, m_tag, m_kind;
    qsizetype m_literalLeft = 0;
    qint64 m_commands = 0, m_serial = 0;
    int m_step = 0;
    std::vector<qint64> m_uids, m_appended;
    QElapsedTimer m_timer;
};

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const double k = (double(v.size()) - 1) * p / 100;
    const size_t lo = size_t(k), hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (k - double(lo));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("port"), QStringLiteral("IMAP port"), QStringLiteral("P")},
                  {QStringLiteral("password"), QStringLiteral("every user's password"),
                   QStringLiteral("PW")},
                  {QStringLiteral("seconds"), QStringLiteral("how long the cycle runs"),
                   QStringLiteral("S")},
                  {QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("N"),
                   QStringLiteral("1")}});
    p.addPositionalArgument(QStringLiteral("user"), QStringLiteral("one client per user"));
    p.process(app);
    if (p.positionalArguments().isEmpty())
        p.showHelp(2);
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    const qint64 deadline = start + qint64(p.value(QStringLiteral("seconds")).toDouble() * 1000);
    std::vector<std::unique_ptr<Client>> clients;
    quint32 seed = p.value(QStringLiteral("seed")).toUInt();
    for (const QString &u : p.positionalArguments())
        clients.push_back(std::make_unique<Client>(
            quint16(p.value(QStringLiteral("port")).toUInt()), u.toUtf8(),
            p.value(QStringLiteral("password")).toUtf8(), deadline, seed++));
    app.exec();
    const double seconds = (QDateTime::currentMSecsSinceEpoch() - start) / 1000.0;
    std::vector<double> all;
    for (const auto &[kind, v] : g_latencies) {
        all.insert(all.end(), v.begin(), v.end());
        std::printf("%s %zu %.3f %.3f\n", kind.constData(), v.size(), percentile(v, 50) * 1e3,
                    percentile(v, 99) * 1e3);
    }
    if (!all.empty())
        std::printf("all %zu %.3f %.3f\n", all.size(), percentile(all, 50) * 1e3,
                    percentile(all, 99) * 1e3);
    std::printf("total %zu %.3f\n", all.size(), seconds);
    return g_failed ? 1 : 0;
}
