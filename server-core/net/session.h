// Session: what every protocol session shares — the socket (plain, STARTTLS
// or implicit TLS), the connection limits, the idle timer, an input buffer
// read in bounded pieces, the count of protocol errors, and graceful
// shutdown. Protocol classes (SmtpSession, Pop3Session) derive and hold the
// protocol's state machine; this class only does I/O (qBittorrent's
// Connection split). It lives on one I/O thread for its whole life.
#pragma once

#include "connectionlimiter.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <functional>

namespace fumibako
{

struct SessionLimits {
    int idleTimeoutMs = 300000;
    int maxErrors = 20;
    int maxLine = 2048;
};

class Session : public QObject
{
    Q_OBJECT
public:
    Session(QSslConfiguration tls, bool implicitTls, SessionLimits limits,
            ConnectionLimiter *limiter, QObject *parent);
    ~Session() override;

    // Adopts the accepted socket; refuses it when over a connection limit.
    void start(qintptr descriptor);
    // The server is stopping: finish what is under way, then close. Sessions
    // busy with a pending operation are asked again when it completes.
    void requestDrain();

    bool isTls() const { return m_socket && m_socket->isEncrypted(); }
    QHostAddress peerAddress() const { return m_peer; }
    QString peerText() const; // "[127.0.0.1]"
    bool peerIsLoopback() const { return m_peer.isLoopback(); }

Q_SIGNALS:
    void closed();

protected:
    virtual void drain() = 0;
    virtual void greet() = 0;
    virtual void process() = 0; // consume what is in m_in
    virtual QByteArray refusal(ConnectionLimiter::Verdict verdict) const = 0;
    virtual QByteArray timeoutReply() const = 0;
    virtual QByteArray tooManyErrorsReply() const = 0;
    virtual void tlsStarted() {}

    void send(const QByteArray &data);
    void closeAfterFlush();
    void startTls(); // throws away input buffered before the handshake
    // Stops reading (and so, through TCP, the client) while work is pending.
    void pause() { m_paused = true; }
    void resume();
    bool paused() const { return m_paused; }
    // True while too much output waits for a client that does not read:
    // protocol loops stop taking commands until it drains (no unbounded buffer).
    bool writeBacklogged() const;
    // Runs `next` once the output waiting for the client has drained below the
    // backlog limit (at once if it has). The one way a long answer (FETCH,
    // RETR) continues: over TLS the plaintext is encrypted into the socket's
    // buffer long before the network takes it, so bytesWritten alone fires
    // while still backlogged and never again; both signals are watched here.
    void whenWritable(std::function<void()> next);
    // Counts a protocol error; true when the limit is reached (and the
    // session is closing).
    bool protocolError();

    enum class LineStatus { Complete, NeedMore, TooLong };
    // Takes one line (without its CRLF/LF) from m_in. A line over
    // maxLine is swallowed up to its end and reported once as TooLong.
    // `bareLf`, if given, tells whether the line ended in LF without CR.
    LineStatus takeLine(QByteArray *line, bool *bareLf = nullptr);

    QSslSocket *socket() const { return m_socket; }
    const SessionLimits &limits() const { return m_limits; }

    QByteArray m_in;
    bool m_closing = false;

private:
    void onReadyRead();
    void onEncrypted();
    void onDisconnected();
    void onIdle();
    void onWritten();

    QSslSocket *m_socket = nullptr;
    QSslConfiguration m_tls;
    bool m_implicitTls;
    SessionLimits m_limits;
    ConnectionLimiter *m_limiter;
    bool m_acquired = false;
    QHostAddress m_peer;
    QTimer m_idle;
    int m_errors = 0;
    bool m_paused = false;
    bool m_discardingLongLine = false;
    bool m_handshaking = false;
    bool m_greeted = false;
    bool m_ended = false;
    bool m_drainRequested = false;
    std::function<void()> m_whenWritable;
};

} // namespace fumibako
