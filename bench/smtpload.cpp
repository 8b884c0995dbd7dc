// smtpload: a small SMTP load generator for bench/mailbench.py, written in
// C++ so the client's own CPU (above all TLS handshakes) does not hide the
// server's speed on a 2-core machine the way Python clients do.
//   smtpload --port P --clients N --messages M --size BYTES --rcpt ADDR
//            [--submission USER PASSWORD --cafile PEM]   (new session per message)
//            [--message-dir DIR]  (send DIR's *.eml in turn instead of the x-filled body,
//                                  each made unique by an X-Load-Id field on top)
// Prints "messages SECONDS" on success; exits 1 on any unexpected reply.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>

#include <cstdio>

namespace
{

struct Config {
    quint16 port = 0;
    int clients = 10;
    int messages = 1000;
    QByteArray body;
    QList<QByteArray> files; // --message-dir: dot-stuffed, CRLF, in turn
    QByteArray rcpt;
    bool submission = false;
    QByteArray user, password;
    QSslConfiguration tls;
};

int g_remaining = 0; // messages not yet started
int g_done = 0;
int g_started = 0; // transactions begun (picks --message-dir's message)
QByteArray g_nonce; // this run's, so a message is never the same bytes as an earlier run's
int g_active = 0;

// One client: a chain of sessions; replies are read line by line.
class Client : public QObject
{
public:
    explicit Client(const Config &c) : m_c(c) { next(); }

private:
    enum class Step { Greeting, Ehlo, StartTls, Ehlo2, Auth, Transaction, Data, Quit };

    void next()
    {
        if (g_remaining == 0) {
            if (--g_active == 0)
                QCoreApplication::exit(0);
            return;
        }
        --g_remaining;
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_c.submission) {
            sendTransaction();
            return;
        }
        if (m_socket)
            m_socket->deleteLater();
        m_socket = new QSslSocket(this);
        m_socket->setSslConfiguration(m_c.tls);
        connect(m_socket, &QSslSocket::connected, this,
                [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
        connect(m_socket, &QSslSocket::readyRead, this, [this] { onRead(); });
        connect(m_socket, &QSslSocket::encrypted, this, [this] {
            m_step = Step::Ehlo2;
            m_socket->write("EHLO load.test\r\n");
        });
        connect(m_socket, &QSslSocket::sslErrors, this,
                [this](const QList<QSslError> &) { m_socket->ignoreSslErrors(); });
        m_step = Step::Greeting;
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), m_c.port);
    }

    void fail(const QByteArray &line)
    {
        std::fprintf(stderr, "smtpload: unexpected reply: %s\n", line.constData());
        QCoreApplication::exit(1);
    }

    void sendTransaction()
    {
        m_step = Step::Transaction;
        m_pending = 3;
        if (m_c.files.isEmpty()) {
            m_body = m_c.body;
        } else {
            const int seq = g_started++;
            m_body = "X-Load-Id: " + g_nonce + '.' + QByteArray::number(seq) + "\r\n" +
                     m_c.files[seq % m_c.files.size()];
        }
        const QByteArray from = m_c.submission ? m_c.user : QByteArray("load@peer.test");
        m_socket->write("MAIL FROM:<" + from + ">\r\nRCPT TO:<" + m_c.rcpt + ">\r\nDATA\r\n");
    }

    void onRead()
    {
        while (m_socket->canReadLine()) {
            const QByteArray line = m_socket->readLine().trimmed();
            if (line.size() >= 4 && line[3] == '-')
                continue; // multi-line reply continues
            const int code = line.left(3).toInt();
            switch (m_step) {
            case Step::Greeting:
                if (code != 220)
                    return fail(line);
                m_step = Step::Ehlo;
                m_socket->write("EHLO load.test\r\n");
                break;
            case Step::Ehlo:
                if (code != 250)
                    return fail(line);
                if (m_c.submission) {
                    m_step = Step::StartTls;
                    m_socket->write("STARTTLS\r\n");
                } else {
                    sendTransaction();
                }
                break;
            case Step::StartTls:
                if (code != 220)
                    return fail(line);
                m_socket->startClientEncryption();
                return;
            case Step::Ehlo2:
                if (code != 250)
                    return fail(line);
                m_step = Step::Auth;
                m_socket->write("AUTH PLAIN " +
                                (QByteArray(1, '\0') + m_c.user + '\0' + m_c.password).toBase64() +
                                "\r\n");
                break;
            case Step::Auth:
                if (code != 235)
                    return fail(line);
                sendTransaction();
                break;
            case Step::Transaction:
                if (code != (m_pending == 1 ? 354 : 250))
                    return fail(line);
                if (--m_pending == 0) {
                    m_step = Step::Data;
                    m_socket->write(m_body + ".\r\n");
                }
                break;
            case Step::Data:
                if (code != 250)
                    return fail(line);
                ++g_done;
                if (m_c.submission) {
                    m_step = Step::Quit;
                    m_socket->write("QUIT\r\n");
                } else {
                    next();
                }
                break;
            case Step::Quit:
                m_socket->disconnectFromHost();
                next();
                return;
            }
        }
    }

    const Config &m_c;
    QSslSocket *m_socket = nullptr;
    Step m_step = Step::Greeting;
    int m_pending = 0;
    QByteArray m_body;
};

// A message file as DATA sends it: CRLF line ends, leading dots doubled
// (RFC 5321 4.5.2), ending in CRLF.
QByteArray dataOf(const QByteArray &file)
{
    QByteArray out;
    for (QByteArray line : file.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith('.'))
            line.prepend('.');
        out += line + "\r\n";
    }
    while (out.endsWith("\r\n\r\n"))
        out.chop(2);
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("port"), QStringLiteral("port"), QStringLiteral("P")},
                  {QStringLiteral("clients"), QStringLiteral("concurrent clients"),
                   QStringLiteral("N"), QStringLiteral("10")},
                  {QStringLiteral("messages"), QStringLiteral("messages in all"),
                   QStringLiteral("M"), QStringLiteral("1000")},
                  {QStringLiteral("size"), QStringLiteral("message size"), QStringLiteral("BYTES"),
                   QStringLiteral("4096")},
                  {QStringLiteral("rcpt"), QStringLiteral("recipient"), QStringLiteral("ADDR")},
                  {QStringLiteral("submission"),
                   QStringLiteral("STARTTLS + AUTH, a new session per message")},
                  {QStringLiteral("user"), QStringLiteral("AUTH user"), QStringLiteral("USER")},
                  {QStringLiteral("password"), QStringLiteral("AUTH password"),
                   QStringLiteral("PASSWORD")},
                  {QStringLiteral("message-dir"),
                   QStringLiteral("send these *.eml files in turn"), QStringLiteral("DIR")}});
    p.process(app);
    Config c;
    c.port = quint16(p.value(QStringLiteral("port")).toUInt());
    c.clients = p.value(QStringLiteral("clients")).toInt();
    c.messages = p.value(QStringLiteral("messages")).toInt();
    c.rcpt = p.value(QStringLiteral("rcpt")).toUtf8();
    c.submission = p.isSet(QStringLiteral("submission"));
    c.user = p.value(QStringLiteral("user")).toUtf8();
    c.password = p.value(QStringLiteral("password")).toUtf8();
    c.tls = QSslConfiguration::defaultConfiguration();
    c.tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    const int size = p.value(QStringLiteral("size")).toInt();
    c.body = "From: load@peer.test\r\nTo: <" + c.rcpt + ">\r\nSubject: load\r\n\r\n";
    while (c.body.size() < size)
        c.body += QByteArray(76, 'x') + "\r\n";
    if (p.isSet(QStringLiteral("message-dir"))) {
        const QDir dir(p.value(QStringLiteral("message-dir")));
        for (const QString &name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                c.files << dataOf(f.readAll());
        }
        if (c.files.isEmpty()) {
            std::fprintf(stderr, "smtpload: no *.eml in %s\n", qPrintable(dir.path()));
            return 1;
        }
    }
    g_nonce = QByteArray::number(QRandomGenerator::global()->generate64(), 36);

    g_remaining = c.messages;
    g_active = c.clients;
    QElapsedTimer t;
    t.start();
    QList<Client *> clients;
    for (int i = 0; i < c.clients; ++i)
        clients << new Client(c);
    const int rc = app.exec();
    if (rc == 0)
        std::printf("%d %.3f\n", g_done, t.nsecsElapsed() / 1e9);
    qDeleteAll(clients);
    return rc;
}
