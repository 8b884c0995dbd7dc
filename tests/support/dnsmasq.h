// Dnsmasq: a real DNS server for tests of outbound delivery — Debian's
// dnsmasq (dnsmasq-base, no service) in the foreground with a temporary
// configuration, serving the test's MX, A/AAAA, null-MX and TXT records on a
// random 127.x.y.z address, port 53 (Qt 6.4's QDnsLookup asks port 53 only).
// Nothing is forwarded off the machine (--no-resolv, no --server but the
// loopback ones below). Stopped by its PID in the destructor. Header-only.
//
// What each record kind takes (dnsmasq(8)):
//   mx()        --mx-host=DOMAIN,HOST,PREF
//   host()      --host-record=NAME,ADDR (A or AAAA by the address)
//   nullMx()    --dns-rr=DOMAIN,15,0000:00 (MX, preference 0, exchange "." — RFC 7505)
//   txt()       --txt-record=NAME,TEXT
//   NXDOMAIN    any name under a localZone() (default "test") without records;
//               a name with records but not of the type asked: NOERROR, no data
//   timeout()   --server=/DOMAIN/127.x.y.z#1: forwarded to a loopback port where
//               nothing listens, so dnsmasq never answers (the client times out)
//   REFUSED     any name outside the local zones (no upstream server)
// dnsmasq cannot be made to answer SERVFAIL this way; tests that need one run a
// tiny stub of their own.
#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <QUdpSocket>

#include <csignal>
#include <memory>

#include <sys/prctl.h>
#include <unistd.h>

namespace fumibako::test
{

class Dnsmasq
{
public:
    static QString binary() { return QStringLiteral("/usr/sbin/dnsmasq"); }
    static bool available() { return QFile::exists(binary()); }

    Dnsmasq() { m_zones << QStringLiteral("test"); }
    ~Dnsmasq() { stop(); }
    Dnsmasq(const Dnsmasq &) = delete;
    Dnsmasq &operator=(const Dnsmasq &) = delete;

    // ---- records (before start()) ------------------------------------------------------------
    Dnsmasq &mx(const QString &domain, const QString &host, int preference)
    {
        return option(QStringLiteral("--mx-host=%1,%2,%3").arg(domain, host).arg(preference));
    }
    Dnsmasq &host(const QString &name, const QString &address)
    {
        return option(QStringLiteral("--host-record=%1,%2").arg(name, address));
    }
    Dnsmasq &nullMx(const QString &domain)
    {
        return option(QStringLiteral("--dns-rr=%1,15,0000:00").arg(domain));
    }
    Dnsmasq &txt(const QString &name, const QString &text)
    {
        // On the command line dnsmasq splits at commas and keeps quotes: one string, no comma.
        Q_ASSERT(!text.contains(QLatin1Char(',')));
        return option(QStringLiteral("--txt-record=%1,%2").arg(name, text));
    }
    // Queries for DOMAIN and below get no answer at all.
    Dnsmasq &timeout(const QString &domain)
    {
        m_silent << domain;
        return *this;
    }
    // Names under ZONE are answered here only: without records, NXDOMAIN.
    Dnsmasq &localZone(const QString &zone)
    {
        m_zones << zone;
        return *this;
    }
    Dnsmasq &option(const QString &raw)
    {
        m_options << raw;
        return *this;
    }

    // ---- running -------------------------------------------------------------------------------
    // Starts and waits until it answers. Empty on success, else why not
    // (a test should QFAIL with it; only a missing binary is a reason to skip).
    QString start()
    {
        if (!available())
            return QStringLiteral("%1 is not installed (apt-get install dnsmasq-base)")
                .arg(binary());
        if (!m_tmp.isValid())
            return QStringLiteral("no temporary directory");
        QString why;
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_address = randomLoopback();
            why = launch();
            if (why.isEmpty())
                return {};
            stop();
            if (!why.contains(QLatin1String("in use"))) // another run owns that address
                break;
        }
        return why;
    }

    void stop()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate(); // SIGTERM to its PID
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_log += QString::fromLocal8Bit(m_process->readAllStandardError());
        m_process.reset();
    }

    QHostAddress address() const { return m_address; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    // dnsmasq's log so far (queries and answers: --log-queries), for failure messages.
    QString log()
    {
        if (m_process)
            m_log += QString::fromLocal8Bit(m_process->readAllStandardError());
        return m_log;
    }

private:
    static QHostAddress randomLoopback()
    {
        // 127.64.0.0-127.127.255.255: away from 127.0.0.x, which local resolvers use.
        auto *r = QRandomGenerator::global();
        return QHostAddress(QStringLiteral("127.%1.%2.%3")
                                .arg(r->bounded(64, 128))
                                .arg(r->bounded(0, 256))
                                .arg(r->bounded(2, 254)));
    }

    QString launch()
    {
        const QString ip = m_address.toString();
        QStringList args{QStringLiteral("--keep-in-foreground"),
                         QStringLiteral("--conf-file=/dev/null"),
                         QStringLiteral("--no-resolv"),
                         QStringLiteral("--no-hosts"),
                         QStringLiteral("--no-poll"),
                         QStringLiteral("--bind-interfaces"),
                         QStringLiteral("--listen-address=") + ip,
                         QStringLiteral("--port=53"),
                         QStringLiteral("--pid-file=") +
                             m_tmp.filePath(QStringLiteral("dnsmasq.pid")),
                         QStringLiteral("--log-facility=-"),
                         QStringLiteral("--log-queries"),
                         QStringLiteral("--cache-size=0")};
        if (::geteuid() == 0)
            args << QStringLiteral("--user=root"); // no switch to "nobody": nothing to protect here
        for (const QString &zone : m_zones)
            args << QStringLiteral("--local=/%1/").arg(zone);
        // Forwarded to port 1 of dnsmasq's own address: nothing listens, so no answer.
        for (const QString &domain : m_silent)
            args << QStringLiteral("--server=/%1/%2#1").arg(domain, ip);
        args << m_options;

        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        // A test that crashes takes its dnsmasq with it (Linux; so is dnsmasq).
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start(binary(), args);
        if (!m_process->waitForStarted(5000))
            return QStringLiteral("cannot run %1: %2").arg(binary(), m_process->errorString());

        QUdpSocket probe;
        const QDeadlineTimer deadline(10000);
        quint16 id = 0x4242;
        while (!deadline.hasExpired()) {
            if (m_process->state() == QProcess::NotRunning)
                return QStringLiteral("dnsmasq on %1:53 exited with %2 (binding port 53 needs root "
                                      "or CAP_NET_BIND_SERVICE): %3")
                    .arg(ip)
                    .arg(m_process->exitCode())
                    .arg(log().trimmed());
            ++id;
            probe.writeDatagram(probeQuery(id), m_address, 53);
            if (probe.waitForReadyRead(200)) {
                while (probe.hasPendingDatagrams()) {
                    const QByteArray reply = probe.receiveDatagram().data();
                    if (reply.size() >= 12 && quint8(reply[0]) == (id >> 8) &&
                        quint8(reply[1]) == (id & 0xff))
                        return {};
                }
            }
        }
        return QStringLiteral("dnsmasq on %1:53 did not answer within 10 s: %2").arg(ip, log());
    }

    // RFC 1035 4.1: a query for probe.invalid A; any answer (REFUSED) means it is up.
    static QByteArray probeQuery(quint16 id)
    {
        QByteArray q;
        q.append(char(id >> 8)).append(char(id & 0xff));
        q.append("\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10); // RD, one question
        q.append("\x05probe\x07invalid\x00", 15);
        q.append("\x00\x01\x00\x01", 4); // A, IN
        return q;
    }

    QTemporaryDir m_tmp;
    QStringList m_zones;
    QStringList m_silent;
    QStringList m_options;
    QHostAddress m_address;
    std::unique_ptr<QProcess> m_process;
    QString m_log;
};

} // namespace fumibako::test
