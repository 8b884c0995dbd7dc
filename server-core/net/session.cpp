#include "session.h"

#include "hostaddress.h"

namespace fumibako
{

namespace
{
// Decrypted bytes QSslSocket may hold for us; beyond it TCP pushes back.
constexpr qint64 kSocketReadBuffer = 256 * 1024;
// Output we queue for a slow reader before we stop reading its commands.
constexpr qint64 kMaxPendingWrite = 1024 * 1024;
// Input we take from the socket ahead of the protocol's consumption.
constexpr qint64 kMaxBufferedInput = 256 * 1024;
} // namespace

Session::Session(QSslConfiguration tls, bool implicitTls, SessionLimits limits,
                 ConnectionLimiter *limiter, QObject *parent)
    : QObject(parent), m_tls(std::move(tls)), m_implicitTls(implicitTls), m_limits(limits),
      m_limiter(limiter)
{
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &Session::onIdle);
}

Session::~Session()
{
    if (m_acquired && m_limiter)
        m_limiter->release(m_peer);
}

QString Session::peerText() const
{
    return QLatin1Char('[') + displayAddress(m_peer) + QLatin1Char(']');
}

void Session::start(qintptr descriptor)
{
    m_socket = new QSslSocket(this);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        deleteLater();
        return;
    }
    m_socket->setReadBufferSize(kSocketReadBuffer);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = m_socket->peerAddress();
    connect(m_socket, &QSslSocket::readyRead, this, &Session::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &Session::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, &Session::onDisconnected);
    connect(m_socket, &QSslSocket::bytesWritten, this, &Session::onWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &Session::onWritten);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError &&
            m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
    });

    const auto verdict = m_limiter ? m_limiter->acquire(m_peer) : ConnectionLimiter::Verdict::Ok;
    if (verdict != ConnectionLimiter::Verdict::Ok) {
        if (!m_implicitTls)
            m_socket->write(refusal(verdict));
        closeAfterFlush();
        return;
    }
    m_acquired = true;
    m_idle.start(m_limits.idleTimeoutMs);
    if (m_implicitTls) {
        m_handshaking = true;
        m_socket->setSslConfiguration(m_tls);
        m_socket->startServerEncryption();
    } else {
        greet();
    }
}

void Session::send(const QByteArray &data)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(data);
}

void Session::closeAfterFlush()
{
    m_closing = true;
    m_paused = true;
    if (!m_socket) {
        deleteLater();
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        onDisconnected();
        return;
    }
    m_socket->disconnectFromHost(); // flushes pending writes first
    // A peer that never reads must not keep us forever.
    QTimer::singleShot(30000, m_socket, [s = m_socket]() { s->abort(); });
}

void Session::startTls()
{
    m_in.clear(); // RFC 3207 5: nothing sent before the handshake may be acted on
    m_discardingLongLine = false;
    m_handshaking = true;
    m_socket->setSslConfiguration(m_tls);
    m_socket->startServerEncryption();
}

bool Session::writeBacklogged() const
{
    return m_socket &&
           m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() > kMaxPendingWrite;
}

void Session::whenWritable(std::function<void()> next)
{
    if (!writeBacklogged()) {
        next();
        return;
    }
    Q_ASSERT(!m_whenWritable); // one long answer at a time
    m_whenWritable = std::move(next);
}

void Session::onWritten()
{
    if (writeBacklogged())
        return;
    if (m_whenWritable)
        std::exchange(m_whenWritable, {})();
    // Commands held back while the client was not reading.
    if (m_socket && !m_paused && (!m_in.isEmpty() || m_socket->bytesAvailable() > 0))
        onReadyRead();
}

void Session::requestDrain()
{
    m_drainRequested = true;
    if (!m_closing)
        drain();
}

void Session::resume()
{
    if (m_closing)
        return;
    m_paused = false;
    if (m_drainRequested) {
        drain();
        if (m_closing)
            return;
    }
    // Input may have arrived (or been left in m_in) while paused.
    QMetaObject::invokeMethod(this, &Session::onReadyRead, Qt::QueuedConnection);
}

bool Session::protocolError()
{
    if (++m_errors < m_limits.maxErrors)
        return false;
    send(tooManyErrorsReply());
    closeAfterFlush();
    return true;
}

Session::LineStatus Session::takeLine(QByteArray *line, bool *bareLf)
{
    for (;;) {
        const qsizetype lf = m_in.indexOf('\n');
        if (m_discardingLongLine) {
            if (lf < 0) {
                m_in.clear();
                return LineStatus::NeedMore;
            }
            m_in.remove(0, lf + 1);
            m_discardingLongLine = false;
            continue;
        }
        if (lf < 0) {
            if (m_in.size() > m_limits.maxLine) {
                m_in.clear();
                m_discardingLongLine = true;
                return LineStatus::TooLong;
            }
            return LineStatus::NeedMore;
        }
        qsizetype end = lf;
        if (end > 0 && m_in[end - 1] == '\r')
            --end;
        if (bareLf)
            *bareLf = end == lf;
        if (end > m_limits.maxLine) {
            m_in.remove(0, lf + 1);
            return LineStatus::TooLong;
        }
        *line = m_in.left(end);
        m_in.remove(0, lf + 1);
        return LineStatus::Complete;
    }
}

void Session::onReadyRead()
{
    if (!m_socket || m_handshaking)
        return;
    // Input is taken in bounded pieces and only as fast as it is consumed:
    // a client that pipelines without reading our replies fills its own
    // socket buffers, not our memory.
    for (;;) {
        if (m_paused || m_closing || writeBacklogged())
            return;
        const qint64 room = kMaxBufferedInput - m_in.size();
        if (room > 0 && m_socket->bytesAvailable() > 0) {
            m_in.append(m_socket->read(room));
            m_idle.start(m_limits.idleTimeoutMs);
        }
        if (m_in.isEmpty())
            return;
        const qsizetype before = m_in.size();
        process();
        const bool progressed = m_in.size() != before;
        if (!progressed && (m_in.size() >= kMaxBufferedInput || m_socket->bytesAvailable() == 0))
            return; // waiting for the rest of a line, or for the client
    }
}

void Session::onEncrypted()
{
    m_handshaking = false;
    if (m_implicitTls && !m_greeted) {
        m_greeted = true;
        greet();
    } else {
        tlsStarted();
    }
    onReadyRead();
}

void Session::onDisconnected()
{
    if (m_ended)
        return;
    m_ended = true;
    m_closing = true;
    m_idle.stop();
    Q_EMIT closed();
    deleteLater();
}

void Session::onIdle()
{
    send(timeoutReply());
    closeAfterFlush();
}

} // namespace fumibako
