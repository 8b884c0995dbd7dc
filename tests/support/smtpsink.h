// SmtpSink: Postfix's smtp-sink(1) as a real SMTP peer for client tests — started
// on a free 127.0.0.1 port with the given options (-p no PIPELINING, -8 no
// 8BITMIME, -r/-f/-q/-Q refusals and disconnects, ...), dumping each message
// to a file in a temporary folder (-d), stopped by its PID in the destructor.
// smtp-sink needs no Postfix configuration; as root it must drop to a user (-u).
// Header-only; the test QSKIPs when /usr/sbin/smtp-sink is missing.
#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <unistd.h>

namespace fumibako::test
{

class SmtpSink
{
public:
    static QString binary() { return QStringLiteral("/usr/sbin/smtp-sink"); }
    static bool available() { return QFile::exists(binary()); }

    explicit SmtpSink(QStringList options)
    {
        if (!m_tmp.isValid())
            return;
        // smtp-sink runs as another user when we are root: it must be able to write the dumps.
        QFile::setPermissions(m_tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::WriteOther |
                                                QFileDevice::ExeOther | QFileDevice::ReadOther);
        for (int attempt = 0; attempt < 5 && !m_port; ++attempt) {
            const quint16 port = freePort();
            QStringList args = options;
            if (::geteuid() == 0)
                args << QStringLiteral("-u") << QStringLiteral("nobody");
            args << QStringLiteral("-d") << m_tmp.path() + QStringLiteral("/msg.")
                 << QStringLiteral("127.0.0.1:%1").arg(port) << QStringLiteral("16");
            m_process.setProcessChannelMode(QProcess::MergedChannels);
            m_process.start(binary(), args);
            if (!m_process.waitForStarted(5000))
                continue;
            if (waitForPort(port))
                m_port = port;
            else
                stop();
        }
    }
    ~SmtpSink() { stop(); }

    quint16 port() const { return m_port; } // 0: it did not start
    QString output() { return QString::fromUtf8(m_process.readAll()); }

    // The dumped messages (smtp-sink's X-* lines, Received:, then the message, LF line ends),
    // oldest first.
    QList<QByteArray> dumps() const
    {
        QList<QByteArray> out;
        QDir dir(m_tmp.path());
        const QFileInfoList files =
            dir.entryInfoList({QStringLiteral("msg.*")}, QDir::Files, QDir::Time | QDir::Reversed);
        for (const QFileInfo &fi : files) {
            QFile f(fi.filePath());
            if (f.open(QIODevice::ReadOnly))
                out << f.readAll();
        }
        return out;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate(); // SIGTERM to this process's PID only
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }
    bool waitForPort(quint16 port)
    {
        QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(200)) {
                probe.abort(); // smtp-sink counts it as a session; no test depends on that count
                return true;
            }
            QThread::msleep(20);
        }
        return false;
    }

    QTemporaryDir m_tmp;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace fumibako::test
