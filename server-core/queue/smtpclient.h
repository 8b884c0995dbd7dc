// SmtpClient: one outgoing SMTP connection (RFC 5321) that carries one or
// many messages, for direct MX delivery and the smarthost relay. It speaks
// EHLO (HELO when refused), STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN /
// LOGIN (RFC 4954, over TLS only), PIPELINING (RFC 2920), SIZE (RFC 1870),
// 8BITMIME (RFC 6152, downgrading when absent), SMTPUTF8 (RFC 6531), DSN
// (RFC 3461) and enhanced codes (RFC 3463). Its state is an explicit queue of
// the replies it waits for, fed by the pure SmtpReplyParser; it reads no
// global settings: SmtpClientOptions says everything. It lives on one thread.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QStringList>
#include <QTimer>

#include <functional>

class QSslSocket;

namespace fumibako
{

struct SmtpReply {
    // 0: no reply (network error, timeout); text says what happened
    int code = 0;
    // "5.1.1" if the peer sent one (RFC 3463), else empty; our own code-0 replies carry
    // one too (4.4.1 no answer, 4.4.2 bad connection, 4.5.0 protocol error, 4.7.x TLS/AUTH)
    QByteArray enhanced;
    // the reply lines joined with "\n" (without codes), or our description
    QByteArray text;
    // 4xx, or code 0 (a broken connection defers, RFC 5321 4.5.4.1)
    bool isTemporary() const { return code == 0 || (code >= 400 && code < 500); }
    bool isPermanent() const { return code >= 500; }
    bool isPositive() const { return code >= 200 && code < 400; }
    // "550 5.1.1 User unknown" for logs and bounces (lines joined by " ")
    QByteArray toLine() const;

    // A reply of our own (code 0, or a local refusal such as 552 5.3.4).
    static SmtpReply local(int code, QByteArray enhanced, QByteArray text);
};

// Reads replies (RFC 5321 4.2) from the bytes a peer sends; never sees a socket.
// Bounded: a line over kMaxLine octets, a reply over kMaxLines lines or a line
// that is not "ddd", "ddd text" or "ddd-text" is an Error.
class SmtpReplyParser
{
public:
    static constexpr int kMaxLine = 2048; // RFC 5321 4.5.3.1.5 says 512; peers exceed it
    static constexpr int kMaxLines = 200;
    enum class Status { Complete, NeedMore, Error };

    // Takes complete lines from the front of `in`; Complete sets *reply.
    Status feed(QByteArray &in, SmtpReply *reply);
    QByteArray error() const { return m_error; }

private:
    QList<QByteArray> m_lines;
    QByteArray m_error;
};

struct SmtpClientOptions {
    QString heloName; // EHLO argument (our server.hostname)
    // Opportunistic: STARTTLS when offered, certificate not checked (unless verifyPeer);
    // Required: no STARTTLS or a failed handshake is a 4.7.x code-0 failure;
    // Implicit: TLS from the first byte (port 465); None: never TLS.
    enum class Tls { Opportunistic, Required, Implicit, None } tls = Tls::Opportunistic;
    bool verifyPeer = false; // verify the chain and peerName (with Required or Implicit)
    // trusted besides the system's when verifyPeer (tests, private relays)
    QList<QSslCertificate> caCertificates;
    QByteArray user, password; // AUTH PLAIN (or LOGIN) when non-empty; only over TLS, or
                               // with Tls::None to a loopback address (tests)
    int connectTimeoutMs = 30000;
    int replyTimeoutMs = 300000; // RFC 5321 4.5.3.2 (5 min; twice this after the final dot)
};

struct OutboundEnvelope {
    QString sender;           // MAIL FROM, "" = null sender <>
    QStringList recipients;   // RCPT TO
    QByteArray envid;         // RFC 3461 ENVID (xtext-encoded here), sent only if the peer has DSN
    QByteArray ret;           // "FULL" / "HDRS" or empty
    QList<QByteArray> notify; // per recipient: "" or "NEVER" / "SUCCESS,FAILURE,DELAY"
    QStringList orcpt; // per recipient: "addr-type;address" as received (RFC 3461 4.2), or empty
};

class SmtpClient : public QObject
{
    Q_OBJECT
public:
    explicit SmtpClient(SmtpClientOptions options, QObject *parent = nullptr);
    ~SmtpClient() override;

    // Connects and does greeting, EHLO (HELO if EHLO is refused), STARTTLS, AUTH.
    void connectToHost(const QHostAddress &address, quint16 port, const QString &peerName);
    // Queues a message; messages go one after another (RSET between when needed).
    // `done` gets one reply per recipient: the RCPT reply if that was not 2xx, else the reply
    // to the end of data (or a code-0 reply if the connection broke first). Called exactly
    // once, always from the event loop (never from inside send()), or from the destructor
    // (a code-0 "4.3.2 delivery stopped") for messages still queued; inside `done`, end the
    // client with deleteLater(), not delete.
    void send(OutboundEnvelope envelope, QByteArray message,
              std::function<void(QList<SmtpReply>)> done);
    void quit(); // QUIT after the queued messages, then closed()
    // Closes at once: queued messages get a code-0 reply, then closed().
    void abort();

    bool isEncrypted() const;
    bool isReady() const { return m_state == State::Ready; }
    QByteArrayList extensions() const { return m_extensions; } // EHLO keywords, upper-cased
    SmtpReply lastReply() const { return m_lastReply; }
    int pendingMessages() const { return int(m_jobs.size()); } // queued or in transfer

Q_SIGNALS:
    void ready(); // greeting/EHLO/TLS/AUTH done
    // Could not get ready (connect, greeting, EHLO, STARTTLS required but absent/failed,
    // AUTH): queued messages get this reply too. closed() follows.
    void failed(const fumibako::SmtpReply &reply);
    void closed(); // once, at the end of every connection

private:
    enum class State { Idle, Connecting, Greeting, Handshake, Ready, Busy, Quitting, Closed };
    // What each reply we wait for answers, in order (RFC 2920 3.1).
    enum class Expect {
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        Auth,
        AuthUser,
        AuthPassword,
        Mail,
        Rcpt,
        Data,
        Dot,
        Rset,
        Quit
    };
    struct Job;

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onBytesWritten();
    void onSocketError();
    void onTimeout();

    void command(const QByteArray &line, Expect expect);
    void flushCommands();
    void armTimer(int ms);
    void dispatch(const SmtpReply &reply);
    void onGreeting(const SmtpReply &reply);
    void onEhlo(const SmtpReply &reply, bool extended);
    void afterEhlo();
    void startTlsReply(const SmtpReply &reply);
    void authenticate();
    void onAuth(const SmtpReply &reply, Expect step);
    void becomeReady();

    void scheduleNext();
    void startNext();
    void beginTransaction();
    void onMail(const SmtpReply &reply);
    void onRcpt(const SmtpReply &reply);
    void onData(const SmtpReply &reply);
    void onDot(const SmtpReply &reply);
    void sendBody();
    void finishJob();

    // "mx.example.jp[192.0.2.25]" (Postfix's form), or the address alone
    QByteArray hostText() const;
    bool hasExtension(QByteArrayView keyword) const;
    QByteArray extensionArgument(QByteArrayView keyword) const;
    // Ends the connection: before ready, `reply` fails it (failed()); after, it goes
    // to every recipient still without an answer. Then closed().
    void fail(const SmtpReply &reply);
    void finishClose();
    void answerJobs(const SmtpReply &reply); // every queued message gets `reply`

    SmtpClientOptions m_options;
    QSslSocket *m_socket = nullptr;
    QTimer m_timer;
    QString m_peerName;
    QHostAddress m_address;
    State m_state = State::Idle;
    QList<Expect> m_expect;
    QByteArray m_out; // commands gathered for one write
    QByteArray m_in;
    SmtpReplyParser m_parser;
    QByteArrayList m_extensions;
    QByteArray m_tlsError; // the first certificate error, for the failure text
    bool m_closedEmitted = false;
    bool m_quitRequested = false;
    bool m_nextScheduled = false;
    SmtpReply m_lastReply;
    QList<std::shared_ptr<Job>> m_jobs; // front: the one in transfer
};

} // namespace fumibako

Q_DECLARE_METATYPE(fumibako::SmtpReply)
