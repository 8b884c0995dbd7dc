#include "scannerexchange.h"

#include <QLocalSocket>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace fumibako
{

namespace
{

// Unsent request bytes the socket may hold before we stop handing it more.
constexpr qint64 kWriteWindow = 256 * 1024;

class Exchange : public QObject
{
public:
    Exchange(ScannerExchangeOptions options, std::unique_ptr<ScannerRequest> request)
        : m_options(std::move(options)), m_request(std::move(request))
    {
    }

    // On the thread the exchange runs on.
    void start()
    {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this, [this] {
            end(Error::temporary(QStringLiteral("%1 did not answer within %2 s")
                                     .arg(where(), QString::number(m_options.timeoutMs / 1000.0))));
        });
        m_deadline->start(m_options.timeoutMs);

        if (m_options.address.isLocal()) {
            m_local = new QLocalSocket(this);
            watch(m_local, QLocalSocket::PeerClosedError);
        } else {
            m_tcp = new QTcpSocket(this);
            watch(m_tcp, QAbstractSocket::RemoteHostClosedError);
        }
        connect(m_io, &QIODevice::readyRead, this, &Exchange::onReadyRead);
        connect(m_io, &QIODevice::bytesWritten, this, &Exchange::pump);
        if (m_local) {
            m_local->connectToServer(m_options.address.path);
        } else {
            // Unbuffered: bytes are read from the kernel when we ask, even after a
            // failed write, instead of being lost when QTcpSocket closes on it.
            m_tcp->connectToHost(m_options.address.host, m_options.address.port,
                                 QIODevice::ReadWrite | QIODevice::Unbuffered);
        }
    }

private:
    template <typename Socket, typename SocketError>
    void watch(Socket *socket, SocketError peerClosed)
    {
        m_io = socket;
        connect(socket, &Socket::connected, this, &Exchange::onConnected);
        connect(socket, &Socket::disconnected, this, &Exchange::onClosed);
        connect(socket, &Socket::errorOccurred, this, [this, socket, peerClosed](SocketError e) {
            onError(socket->errorString(), e == peerClosed);
        });
    }

    QString where() const
    {
        return QStringLiteral("%1 (%2)").arg(m_options.daemon, m_options.address.toString());
    }

    void onConnected()
    {
        m_connected = true;
        pump();
    }

    void pump()
    {
        // An unbuffered QTcpSocket reports bytesWritten from inside write().
        if (m_ended || !m_connected || m_sent || m_pumping)
            return;
        m_pumping = true;
        while (!m_ended && m_io->bytesToWrite() < kWriteWindow) {
            // Read before each write: a daemon that stopped reading has
            // answered, and a write into its closed socket would lose that answer.
            onReadyRead();
            if (m_ended)
                break;
            const QByteArray chunk = m_request->nextChunk();
            if (chunk.isEmpty()) {
                m_sent = true;
                break;
            }
            if (m_io->write(chunk) != chunk.size()) {
                const QString text = m_io->errorString();
                onReadyRead(); // the daemon may have said why it stopped reading
                if (!m_ended)
                    end(Error::temporary(QStringLiteral("%1 closed the connection").arg(where()),
                                         text));
            }
        }
        m_pumping = false;
    }

    void onReadyRead()
    {
        if (m_ended || m_reading)
            return;
        m_reading = true;
        const QByteArray bytes = m_io->readAll();
        m_reading = false;
        if (!bytes.isEmpty()) {
            const ReplyStatus status = m_request->feed(bytes);
            if (status == ReplyStatus::Complete)
                end(std::nullopt);
            else if (status == ReplyStatus::Error)
                endUnreadable();
        }
        // Unbuffered, QTcpSocket learns of the close in readAll() and says nothing.
        if (!m_ended && m_tcp && m_tcp->state() == QAbstractSocket::UnconnectedState)
            onClosed();
    }

    // The daemon closed its end: what it sent before is all there is.
    void onClosed()
    {
        if (m_ended || m_closing)
            return;
        m_closing = true;
        onReadyRead();
        if (m_ended)
            return;
        if (m_request->finish() == ReplyStatus::Complete)
            end(std::nullopt);
        else
            endUnreadable();
    }

    void onError(const QString &text, bool peerClosed)
    {
        if (m_ended)
            return;
        // A reply may wait unread: clamd answers a stream over its
        // StreamMaxLength and closes while we still send, so the write fails
        // first. Unbuffered, readAll() still reaches the kernel's bytes here.
        if (m_connected)
            onReadyRead();
        if (m_ended)
            return;
        if (peerClosed)
            onClosed();
        else if (m_connected)
            end(Error::temporary(QStringLiteral("%1: the connection broke").arg(where()), text));
        else
            end(Error::temporary(QStringLiteral("%1 is not reachable: %2").arg(where(), text)));
    }

    void endUnreadable()
    {
        end(Error::temporary(QStringLiteral("%1 gave no usable answer").arg(where()),
                             m_request->parseError()));
    }

    void end(std::optional<Error> failure)
    {
        if (m_ended)
            return;
        m_ended = true;
        m_deadline->stop();
        m_io->disconnect(this);
        if (m_tcp)
            m_tcp->abort();
        else
            m_local->abort();
        // `done` may destroy the context, our parent: be nobody's child by then.
        setParent(nullptr);
        deleteLater();
        std::unique_ptr<ScannerRequest> request = std::move(m_request);
        request->done(std::move(failure));
    }

    ScannerExchangeOptions m_options;
    std::unique_ptr<ScannerRequest> m_request;
    QTimer *m_deadline = nullptr;
    QIODevice *m_io = nullptr;
    QTcpSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    bool m_connected = false;
    bool m_sent = false;
    bool m_ended = false;
    bool m_pumping = false; // re-entry guards
    bool m_reading = false;
    bool m_closing = false;
};

} // namespace

void startScannerExchange(ScannerExchangeOptions options, std::unique_ptr<ScannerRequest> request,
                          QObject *context)
{
    auto *exchange = new Exchange(std::move(options), std::move(request));
    QThread *thread = context ? context->thread() : QThread::currentThread();
    if (exchange->thread() != thread)
        exchange->moveToThread(thread);
    // Parented to the context on its own thread, so that its destruction ends
    // the exchange there; a context gone before that means nobody is waiting.
    QPointer<QObject> guard(context);
    const bool owned = context != nullptr;
    QMetaObject::invokeMethod(
        exchange,
        [exchange, guard, owned] {
            if (owned) {
                if (!guard) {
                    delete exchange;
                    return;
                }
                exchange->setParent(guard.data());
            }
            exchange->start();
        },
        Qt::QueuedConnection);
}

void postToContext(QObject *context, std::function<void()> then)
{
    if (context)
        QMetaObject::invokeMethod(context, std::move(then), Qt::QueuedConnection);
    else
        QTimer::singleShot(0, std::move(then));
}

} // namespace fumibako
