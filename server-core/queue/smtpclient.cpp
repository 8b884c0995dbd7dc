#include "smtpclient.h"

#include "common/worker.h"
#include "mime/mimedowngrade.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <optional>

namespace fumibako
{

namespace
{

constexpr qint64 kBodyChunk = 64 * 1024;
constexpr qint64 kMaxWriteBacklog = 256 * 1024; // bytes handed to the socket, not yet sent

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 3463 2: class "." subject "." detail, class matching the reply's first digit.
qsizetype enhancedLength(QByteArrayView text, char cls)
{
    if (text.size() < 5 || text[0] != cls || text[1] != '.')
        return 0;
    qsizetype i = 2, digits = 0;
    for (; i < text.size() && isDigit(text[i]); ++i)
        ++digits;
    if (digits < 1 || digits > 3 || i >= text.size() || text[i] != '.')
        return 0;
    digits = 0;
    for (++i; i < text.size() && isDigit(text[i]); ++i)
        ++digits;
    if (digits < 1 || digits > 3 || (i < text.size() && text[i] != ' '))
        return 0;
    return i;
}

// RFC 3461 4: xtext — "!" to "~" except "+" and "=" as they are, the rest as "+XX".
QByteArray xtext(QByteArrayView raw)
{
    QByteArray out;
    for (char ch : raw) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= '!' && c <= '~' && c != '+' && c != '=')
            out += ch;
        else
            out += '+' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
    }
    return out;
}

// What may go between < and > of MAIL FROM / RCPT TO: no controls, no brackets, no
// space (a value from the queue must never add a parameter or a command).
bool isSafePath(QByteArrayView path)
{
    for (char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>')
            return false;
    }
    return true;
}

bool isKeywordValue(QByteArrayView v) // NOTIFY / RET values: letters and commas
{
    for (char c : v)
        if (!((c >= 'A' && c <= 'Z') || c == ','))
            return false;
    return !v.isEmpty();
}

bool isNonAscii(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() >= 0x80)
            return true;
    return false;
}

QByteArray describe(int expect)
{
    static const char *const names[] = {"the initial greeting",
                                        "EHLO",
                                        "HELO",
                                        "STARTTLS",
                                        "AUTH",
                                        "AUTH",
                                        "AUTH",
                                        "MAIL FROM",
                                        "RCPT TO",
                                        "DATA",
                                        "end of data",
                                        "RSET",
                                        "QUIT"};
    return names[expect];
}

} // namespace

// ---- SmtpReply ------------------------------------------------------------------------------

QByteArray SmtpReply::toLine() const
{
    QByteArray line = code ? QByteArray::number(code) : QByteArray();
    if (!enhanced.isEmpty())
        line += (line.isEmpty() ? "" : " ") + enhanced;
    if (!text.isEmpty())
        line += (line.isEmpty() ? "" : " ") + QByteArray(text).replace('\n', ' ');
    return line;
}

SmtpReply SmtpReply::local(int code, QByteArray enhanced, QByteArray text)
{
    SmtpReply r;
    r.code = code;
    r.enhanced = std::move(enhanced);
    r.text = std::move(text);
    return r;
}

// ---- SmtpReplyParser ------------------------------------------------------------------------

SmtpReplyParser::Status SmtpReplyParser::feed(QByteArray &in, SmtpReply *reply)
{
    for (;;) {
        const qsizetype nl = in.indexOf('\n');
        if (nl < 0 ? in.size() > kMaxLine : nl + 1 > kMaxLine) {
            m_error = "reply line longer than " + QByteArray::number(kMaxLine) + " octets";
            return Status::Error;
        }
        if (nl < 0)
            return Status::NeedMore;
        QByteArray line = in.left(nl);
        in.remove(0, nl + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        // RFC 5321 4.2: Reply-code [ SP textstring ] CRLF, or Reply-code "-" textstring CRLF.
        if (line.size() < 3 || line[0] < '2' || line[0] > '5' || !isDigit(line[1]) ||
            !isDigit(line[2]) || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
            m_error = "malformed reply line";
            return Status::Error;
        }
        if (m_lines.size() >= kMaxLines) {
            m_error = "reply of more than " + QByteArray::number(kMaxLines) + " lines";
            return Status::Error;
        }
        const bool last = line.size() == 3 || line[3] == ' ';
        m_lines.append(std::move(line));
        if (!last)
            continue;
        // RFC 5321 4.2.1: the code of the last line counts; RFC 2034 3: every line may
        // begin with the enhanced code.
        SmtpReply r;
        r.code = m_lines.last().left(3).toInt();
        QByteArrayList texts;
        for (const QByteArray &l : std::as_const(m_lines)) {
            QByteArrayView text = QByteArrayView(l).sliced(qMin<qsizetype>(4, l.size()));
            if (const qsizetype n = enhancedLength(text, l[0])) {
                if (r.enhanced.isEmpty())
                    r.enhanced = text.first(n).toByteArray();
                text = text.sliced(qMin(n + 1, text.size()));
            }
            texts << text.toByteArray();
        }
        r.text = texts.join('\n');
        m_lines.clear();
        *reply = std::move(r);
        return Status::Complete;
    }
}

// ---- SmtpClient -----------------------------------------------------------------------------

struct SmtpClient::Job {
    OutboundEnvelope envelope;
    QByteArray message;
    std::function<void(QList<SmtpReply>)> done;
    QList<std::optional<SmtpReply>> replies; // per recipient, once known
    QList<int> sent;                         // recipients given to RCPT, in order
    QByteArrayList rcptLines;                // their RCPT commands (lock-step sends one by one)
    int rcptReplies = 0;                     // RCPT replies read so far
    int accepted = 0;
    bool prepared = false;
    bool preparing = false;
    bool headers8bit = false;
    bool started = false; // MAIL sent
    std::optional<SmtpReply> mailRefusal;
    bool open = false;     // MAIL accepted, transaction not ended by the final dot
    bool inData = false;   // 354 received
    bool bodyDone = false; // final dot written
    bool discardBody = false;
    qsizetype bodyPos = 0;
    bool atLineStart = true;

    void answer(qsizetype i, const SmtpReply &r)
    {
        if (!replies[i])
            replies[i] = r;
    }
    void answerAll(const SmtpReply &r)
    {
        for (qsizetype i = 0; i < replies.size(); ++i)
            answer(i, r);
    }
    // Recipients without an answer get `r`; then `done` hears them all, once.
    void complete(const SmtpReply &r)
    {
        answerAll(r);
        QList<SmtpReply> out;
        for (const auto &reply : std::as_const(replies))
            out << *reply;
        if (auto callback = std::exchange(done, nullptr))
            callback(out);
    }
};

SmtpClient::SmtpClient(SmtpClientOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClient::onTimeout);
}

SmtpClient::~SmtpClient()
{
    if (m_socket)
        m_socket->disconnect(this);
    m_options.password.fill('\0');
    // Every `done` is called exactly once, even when the client is destroyed first.
    const SmtpReply stopped = SmtpReply::local(0, "4.3.2", "delivery stopped");
    const QList<std::shared_ptr<Job>> jobs = std::exchange(m_jobs, {});
    for (const std::shared_ptr<Job> &job : jobs) {
        job->complete(stopped);
    }
}

void SmtpClient::connectToHost(const QHostAddress &address, quint16 port, const QString &peerName)
{
    if (m_state != State::Idle)
        return;
    m_address = address;
    m_peerName = peerName;
    m_socket = new QSslSocket(this);
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    if (m_options.verifyPeer) {
        conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
        conf.addCaCertificates(m_options.caCertificates);
    } else {
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    m_socket->setSslConfiguration(conf);
    m_socket->setPeerVerifyName(peerName);
    connect(m_socket, &QSslSocket::connected, this, &SmtpClient::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClient::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_socket, &QSslSocket::bytesWritten, this, &SmtpClient::onBytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &SmtpClient::onBytesWritten);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpClient::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &SmtpClient::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!m_options.verifyPeer) {
            m_socket->ignoreSslErrors();
            return;
        }
        if (!errors.isEmpty() && m_tlsError.isEmpty())
            m_tlsError = errors.first().errorString().toUtf8();
    });

    m_state = State::Connecting;
    m_expect = {Expect::Greeting};
    armTimer(m_options.connectTimeoutMs);
    const QByteArray helo = m_options.heloName.toUtf8();
    if (helo.isEmpty() || !isSafePath(helo)) {
        // Fail from the event loop, as a refused connection would.
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(SmtpReply::local(0, "4.3.5", "invalid EHLO name in the configuration"));
            },
            Qt::QueuedConnection);
        return;
    }
    if (m_options.tls == SmtpClientOptions::Tls::Implicit)
        m_socket->connectToHostEncrypted(address.toString(), port, peerName);
    else
        m_socket->connectToHost(address, port);
}

void SmtpClient::send(OutboundEnvelope envelope, QByteArray message,
                      std::function<void(QList<SmtpReply>)> done)
{
    auto job = std::make_shared<Job>();
    job->envelope = std::move(envelope);
    job->message = std::move(message);
    job->done = std::move(done);
    job->replies.resize(job->envelope.recipients.size());
    m_jobs.append(job);
    if (m_state == State::Closed) {
        // Too late: answer from the event loop, never from inside send().
        QMetaObject::invokeMethod(
            this, [this] { answerJobs(SmtpReply::local(0, "4.4.2", "connection already closed")); },
            Qt::QueuedConnection);
        return;
    }
    scheduleNext();
}

void SmtpClient::quit()
{
    m_quitRequested = true;
    if (m_state == State::Idle) {
        m_state = State::Closed;
        QMetaObject::invokeMethod(
            this, [this] { finishClose(); }, Qt::QueuedConnection);
        return;
    }
    scheduleNext();
}

void SmtpClient::abort()
{
    fail(SmtpReply::local(0, "4.3.2", "delivery stopped"));
}

QByteArray SmtpClient::hostText() const
{
    const QByteArray address = m_address.toString().toUtf8();
    if (m_peerName.isEmpty() || m_peerName == m_address.toString())
        return address;
    return m_peerName.toUtf8() + '[' + address + ']';
}

bool SmtpClient::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

// ---- I/O ------------------------------------------------------------------------------------

void SmtpClient::onConnected()
{
    if (m_options.tls == SmtpClientOptions::Tls::Implicit) {
        m_state = State::Handshake; // the greeting comes after the handshake
        return;
    }
    m_state = State::Greeting;
    armTimer(m_options.replyTimeoutMs); // RFC 5321 4.5.3.2.1: 5 minutes for the greeting
}

void SmtpClient::onEncrypted()
{
    if (m_options.tls == SmtpClientOptions::Tls::Implicit &&
        m_expect == QList<Expect>{Expect::Greeting}) {
        m_state = State::Greeting;
        armTimer(m_options.replyTimeoutMs);
        return;
    }
    // RFC 3207 4.2: forget what was learnt before TLS and say EHLO again.
    m_state = State::Greeting;
    m_extensions.clear();
    command("EHLO " + m_options.heloName.toUtf8(), Expect::Ehlo);
    flushCommands();
}

void SmtpClient::onReadyRead()
{
    QPointer<SmtpClient> self(this);
    while (self && m_state != State::Closed && m_state != State::Handshake) {
        const QByteArray chunk = m_socket->read(8192);
        if (chunk.isEmpty())
            return;
        m_in += chunk;
        for (;;) {
            SmtpReply reply;
            const auto status = m_parser.feed(m_in, &reply);
            if (status == SmtpReplyParser::Status::NeedMore)
                break;
            if (status == SmtpReplyParser::Status::Error)
                return fail(SmtpReply::local(0, "4.5.0", "protocol error: " + m_parser.error()));
            m_lastReply = reply;
            dispatch(reply);
            if (!self || m_state == State::Closed || m_state == State::Handshake)
                return;
        }
    }
}

void SmtpClient::onBytesWritten()
{
    if (m_jobs.isEmpty() || !m_jobs.front()->inData)
        return;
    const auto &job = m_jobs.front();
    armTimer(job->bodyDone ? 2 * m_options.replyTimeoutMs : m_options.replyTimeoutMs);
    if (!job->bodyDone)
        sendBody();
}

void SmtpClient::onSocketError()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Quitting ||
        (m_state == State::Ready && m_jobs.isEmpty() && m_expect.isEmpty()))
        return finishClose(); // an orderly end, or the peer closed an idle connection
    const QString why = m_socket->error() == QAbstractSocket::UnknownSocketError
                            ? QStringLiteral("connection closed")
                            : m_socket->errorString();
    const QByteArray peer = m_address.toString().toUtf8();
    if (m_state == State::Connecting)
        return fail(
            SmtpReply::local(0, "4.4.1", "connect to " + peer + " failed: " + why.toUtf8()));
    if (m_state == State::Handshake && !m_socket->isEncrypted()) {
        QByteArray text = "TLS handshake with " + hostText() + " failed: " + why.toUtf8();
        if (!m_tlsError.isEmpty())
            text += " (" + m_tlsError + ")";
        return fail(SmtpReply::local(0, "4.7.5", text));
    }
    const QByteArray during = m_expect.isEmpty()
                                  ? QByteArray("the session")
                                  : "the reply to " + describe(int(m_expect.front()));
    fail(SmtpReply::local(0, "4.4.2",
                          "lost connection with " + peer + " while waiting for " + during + ": " +
                              why.toUtf8()));
}

void SmtpClient::onTimeout()
{
    const QByteArray peer = m_address.toString().toUtf8();
    if (m_state == State::Connecting)
        return fail(SmtpReply::local(0, "4.4.1", "connect to " + peer + " timed out"));
    if (m_state == State::Handshake)
        return fail(
            SmtpReply::local(0, "4.7.5", "TLS handshake with " + hostText() + " timed out"));
    const QByteArray during = m_expect.isEmpty()
                                  ? QByteArray("the session")
                                  : "the reply to " + describe(int(m_expect.front()));
    fail(SmtpReply::local(0, "4.4.2",
                          "conversation with " + peer + " timed out while waiting for " + during));
}

void SmtpClient::command(const QByteArray &line, Expect expect)
{
    m_out += line + "\r\n";
    m_expect.append(expect);
}

void SmtpClient::flushCommands()
{
    if (m_out.isEmpty() || !m_socket)
        return;
    m_socket->write(m_out);
    m_out.fill('\0'); // it may hold AUTH credentials
    m_out.clear();
    armTimer(m_options.replyTimeoutMs);
}

void SmtpClient::armTimer(int ms)
{
    m_timer.start(qMax(1, ms));
}

// ---- replies --------------------------------------------------------------------------------

void SmtpClient::dispatch(const SmtpReply &reply)
{
    if (m_expect.isEmpty()) {
        if (reply.code == 421)
            return fail(reply);
        return fail(SmtpReply::local(
            0, "4.5.0", "protocol error: unexpected reply " + reply.toLine().left(200)));
    }
    const Expect what = m_expect.takeFirst();
    if (m_expect.isEmpty() && !(what == Expect::Data && reply.code == 354))
        m_timer.stop();
    else
        armTimer(m_expect.value(0) == Expect::Dot ? 2 * m_options.replyTimeoutMs
                                                  : m_options.replyTimeoutMs);
    // RFC 5321 3.8: 421 at any point means the peer is closing the channel.
    if (reply.code == 421 && what != Expect::Quit)
        return fail(reply);
    switch (what) {
    case Expect::Greeting:
        return onGreeting(reply);
    case Expect::Ehlo:
        return onEhlo(reply, true);
    case Expect::Helo:
        return onEhlo(reply, false);
    case Expect::StartTls:
        return startTlsReply(reply);
    case Expect::Auth:
    case Expect::AuthUser:
    case Expect::AuthPassword:
        return onAuth(reply, what);
    case Expect::Mail:
        return onMail(reply);
    case Expect::Rcpt:
        return onRcpt(reply);
    case Expect::Data:
        return onData(reply);
    case Expect::Dot:
        return onDot(reply);
    case Expect::Rset:
        if (m_expect.isEmpty())
            startNext();
        return;
    case Expect::Quit:
        return finishClose();
    }
}

void SmtpClient::onGreeting(const SmtpReply &reply)
{
    if (reply.code != 220) // RFC 5321 3.1: 554 instead of 220 means no service here
        return fail(reply);
    command("EHLO " + m_options.heloName.toUtf8(), Expect::Ehlo);
    flushCommands();
}

void SmtpClient::onEhlo(const SmtpReply &reply, bool extended)
{
    if (extended && reply.isPermanent()) { // RFC 5321 3.2: fall back to HELO
        command("HELO " + m_options.heloName.toUtf8(), Expect::Helo);
        return flushCommands();
    }
    if (reply.code != 250)
        return fail(reply);
    m_extensions.clear();
    if (extended) {
        const QByteArrayList lines = reply.text.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) // the first line is the peer's name
            if (!lines[i].trimmed().isEmpty())
                m_extensions << lines[i].trimmed().toUpper();
    }
    afterEhlo();
}

void SmtpClient::afterEhlo()
{
    using Tls = SmtpClientOptions::Tls;
    const bool tlsWanted = m_options.tls == Tls::Opportunistic || m_options.tls == Tls::Required;
    if (!isEncrypted() && tlsWanted && hasExtension("STARTTLS")) {
        command("STARTTLS", Expect::StartTls);
        return flushCommands();
    }
    if (!isEncrypted() && m_options.tls == Tls::Required) // RFC 3207 4.1
        return fail(SmtpReply::local(0, "4.7.4",
                                     "TLS is required, but was not offered by host " + hostText()));
    if (!m_options.user.isEmpty())
        return authenticate();
    becomeReady();
}

void SmtpClient::startTlsReply(const SmtpReply &reply)
{
    if (reply.code != 220) {
        if (m_options.tls == SmtpClientOptions::Tls::Required)
            return fail(SmtpReply::local(0, "4.7.4",
                                         "TLS is required, but STARTTLS was refused: " +
                                             reply.toLine().left(200)));
        // Opportunistic: carry on in plaintext (RFC 3207 4.1).
        if (!m_options.user.isEmpty())
            return authenticate();
        return becomeReady();
    }
    // Anything the peer sent after its 220 came before TLS and must not be
    // believed afterwards (RFC 3207 6, the STARTTLS command-injection purge).
    m_in.clear();
    m_parser = SmtpReplyParser();
    m_state = State::Handshake;
    armTimer(m_options.connectTimeoutMs);
    m_socket->startClientEncryption();
}

void SmtpClient::authenticate()
{
    const bool loopbackTest =
        m_options.tls == SmtpClientOptions::Tls::None && m_address.isLoopback();
    if (!isEncrypted() && !loopbackTest)
        return fail(SmtpReply::local(0, "4.7.0",
                                     "not sending the password to " +
                                         m_address.toString().toUtf8() + " without TLS"));
    const QByteArrayList mechanisms = extensionArgument("AUTH").split(' ');
    if (mechanisms.contains("PLAIN")) { // RFC 4616 2: authzid NUL authcid NUL passwd
        QByteArray response = '\0' + m_options.user + '\0' + m_options.password;
        command("AUTH PLAIN " + response.toBase64(), Expect::Auth);
        response.fill('\0');
    } else if (mechanisms.contains("LOGIN")) {
        command("AUTH LOGIN", Expect::AuthUser);
    } else {
        return fail(SmtpReply::local(
            0, "4.7.0", m_address.toString().toUtf8() + " offers no AUTH PLAIN or LOGIN"));
    }
    flushCommands();
}

void SmtpClient::onAuth(const SmtpReply &reply, Expect step)
{
    if (step != Expect::Auth && reply.code == 334) {
        const bool user = step == Expect::AuthUser;
        command((user ? m_options.user : m_options.password).toBase64(),
                user ? Expect::AuthPassword : Expect::Auth);
        return flushCommands();
    }
    if (reply.code != 235) {     // RFC 4954 6
        if (reply.code == 334) { // a challenge we have no answer for: cancel (RFC 4954 4)
            command("*", Expect::Auth);
            flushCommands();
        }
        return fail(reply.code == 334 ? SmtpReply::local(0, "4.7.0", "unexpected AUTH challenge")
                                      : reply);
    }
    becomeReady();
}

void SmtpClient::becomeReady()
{
    m_state = State::Ready;
    QPointer<SmtpClient> self(this);
    Q_EMIT ready();
    if (self)
        startNext();
}

// ---- transactions ---------------------------------------------------------------------------

void SmtpClient::scheduleNext()
{
    if (m_nextScheduled)
        return;
    m_nextScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_nextScheduled = false;
            startNext();
        },
        Qt::QueuedConnection);
}

void SmtpClient::startNext()
{
    if (m_state != State::Ready)
        return;
    const bool pipelining = hasExtension("PIPELINING");
    if (!m_expect.isEmpty() && !pipelining)
        return; // lock-step: after the RSET's reply
    if (m_jobs.isEmpty()) {
        if (m_quitRequested) {
            m_state = State::Quitting;
            command("QUIT", Expect::Quit);
            flushCommands();
        }
        return;
    }
    const std::shared_ptr<Job> job = m_jobs.front();
    if (job->started || job->preparing)
        return;
    if (!job->prepared && has8bitBytes(job->message)) {
        // MIME work on a big message belongs on a worker thread (DESIGN.md, runtime model);
        // the continuation runs here only while this client exists.
        job->preparing = true;
        const bool peer8bit = hasExtension("8BITMIME");
        runOnWorker(this, [this, job, message = job->message, peer8bit]() -> std::function<void()> {
            const bool headers = has8bitHeaders(message);
            QByteArray ready = peer8bit ? message : downgradeTo7bit(message);
            return [this, job, headers, ready = std::move(ready)]() mutable {
                job->message = std::move(ready);
                job->headers8bit = headers;
                job->prepared = true;
                job->preparing = false;
                startNext();
            };
        });
        return;
    }
    job->prepared = true;
    beginTransaction();
}

void SmtpClient::beginTransaction()
{
    const std::shared_ptr<Job> job = m_jobs.front();
    const OutboundEnvelope &env = job->envelope;
    const bool peerUtf8 = hasExtension("SMTPUTF8");
    const QByteArray sender = env.sender.toUtf8();

    // RFC 6531 3.2: a message that needs SMTPUTF8 is not sent to a peer without it.
    const SmtpReply noUtf8 =
        SmtpReply::local(550, "5.6.7", "SMTPUTF8 is required, but was not offered by the host");
    if (!isSafePath(sender))
        job->answerAll(SmtpReply::local(553, "5.1.7", "Bad sender address syntax"));
    else if ((isNonAscii(env.sender) || job->headers8bit) && !peerUtf8)
        job->answerAll(noUtf8);
    // RFC 1870 6: SIZE 0 means no fixed limit.
    const qint64 limit = extensionArgument("SIZE").toLongLong();
    if (hasExtension("SIZE") && limit > 0 && job->message.size() > limit)
        job->answerAll(
            SmtpReply::local(552, "5.3.4", "Message size exceeds fixed maximum message size"));
    bool utf8 = isNonAscii(env.sender) || job->headers8bit;
    job->sent.clear();
    for (qsizetype i = 0; i < env.recipients.size(); ++i) {
        if (!isSafePath(env.recipients[i].toUtf8()) || env.recipients[i].isEmpty())
            job->answer(i,
                        SmtpReply::local(553, "5.1.3", "Bad destination mailbox address syntax"));
        else if (isNonAscii(env.recipients[i]) && !peerUtf8)
            job->answer(i, noUtf8);
        if (job->replies[i])
            continue;
        utf8 = utf8 || isNonAscii(env.recipients[i]);
        job->sent << int(i);
    }
    if (job->sent.isEmpty())
        return finishJob();

    const bool dsn = hasExtension("DSN");
    QByteArray mail = "MAIL FROM:<" + sender + ">";
    if (hasExtension("SIZE"))
        mail += " SIZE=" + QByteArray::number(job->message.size());
    if (has8bitBytes(job->message) && hasExtension("8BITMIME")) // RFC 6152 2
        mail += " BODY=8BITMIME";
    if (utf8 && peerUtf8)
        mail += " SMTPUTF8";
    if (dsn && (env.ret == "FULL" || env.ret == "HDRS")) // RFC 3461 4.3, 4.4
        mail += " RET=" + env.ret;
    if (dsn && !env.envid.isEmpty())
        mail += " ENVID=" + xtext(env.envid.left(100));
    job->started = true;
    m_state = State::Busy;
    command(mail, Expect::Mail);
    const bool pipelining = hasExtension("PIPELINING");
    for (int i : std::as_const(job->sent)) {
        QByteArray rcpt = "RCPT TO:<" + env.recipients[i].toUtf8() + ">";
        const QByteArray notify = env.notify.value(i).toUpper();
        if (dsn && isKeywordValue(notify)) // RFC 3461 4.1
            rcpt += " NOTIFY=" + notify;
        if (dsn && !env.orcpt.value(i).isEmpty()) { // RFC 3461 4.2: addr-type ";" xtext
            const QString orcpt = env.orcpt.value(i);
            const qsizetype semicolon = orcpt.indexOf(QLatin1Char(';'));
            const QByteArray type =
                semicolon > 0 ? orcpt.left(semicolon).toUtf8() : QByteArray("rfc822");
            rcpt += " ORCPT=" + type + ';' + xtext(orcpt.mid(semicolon + 1).toUtf8());
        }
        if (pipelining)
            command(rcpt, Expect::Rcpt);
        else
            job->rcptLines << rcpt;
    }
    if (pipelining) // RFC 2920 3.1: DATA ends the group
        command("DATA", Expect::Data);
    flushCommands();
}

void SmtpClient::onMail(const SmtpReply &reply)
{
    const std::shared_ptr<Job> job = m_jobs.front();
    if (reply.code != 250) {
        job->mailRefusal = reply;
        for (int i : std::as_const(job->sent))
            job->answer(i, reply);
        if (!hasExtension("PIPELINING"))
            finishJob(); // with PIPELINING the RCPT and DATA replies are still to come
        return;
    }
    job->open = true;
    if (!hasExtension("PIPELINING")) {
        command(job->rcptLines.value(0), Expect::Rcpt);
        flushCommands();
    }
}

void SmtpClient::onRcpt(const SmtpReply &reply)
{
    const std::shared_ptr<Job> job = m_jobs.front();
    const int i = job->sent.value(job->rcptReplies++);
    if (reply.isPositive())
        ++job->accepted;
    else
        job->answer(i, reply);
    if (hasExtension("PIPELINING"))
        return;
    if (job->rcptReplies < job->sent.size()) {
        command(job->rcptLines.value(job->rcptReplies), Expect::Rcpt);
        return flushCommands();
    }
    if (job->accepted == 0) // no DATA without a recipient
        return finishJob();
    command("DATA", Expect::Data);
    flushCommands();
}

void SmtpClient::onData(const SmtpReply &reply)
{
    const std::shared_ptr<Job> job = m_jobs.front();
    if (reply.code != 354) {
        job->answerAll(reply); // the accepted recipients get DATA's refusal
        return finishJob();
    }
    job->inData = true;
    m_expect.append(Expect::Dot);
    if (job->accepted == 0 || job->mailRefusal) {
        // RFC 2920 3.1: DATA accepted although no recipient was: an empty message ends it.
        job->discardBody = true;
        job->bodyDone = true;
        m_socket->write(".\r\n");
        armTimer(2 * m_options.replyTimeoutMs);
        return;
    }
    armTimer(m_options.replyTimeoutMs);
    sendBody();
}

void SmtpClient::sendBody()
{
    const std::shared_ptr<Job> job = m_jobs.front();
    const QByteArray &m = job->message;
    while (!job->bodyDone &&
           m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < kMaxWriteBacklog) {
        if (job->bodyPos >= m.size()) {
            // RFC 5321 4.1.1.4: the data ends with CRLF "." CRLF.
            m_socket->write(m.isEmpty() || m.endsWith("\r\n") ? ".\r\n" : "\r\n.\r\n");
            job->bodyDone = true;
            armTimer(2 * m_options.replyTimeoutMs); // RFC 5321 4.5.3.2.6: 10 minutes
            return;
        }
        // RFC 5321 4.5.2: a line that starts with "." gets one more.
        const qsizetype end = qMin(m.size(), job->bodyPos + kBodyChunk);
        QByteArray chunk;
        chunk.reserve(end - job->bodyPos + 64);
        qsizetype pos = job->bodyPos;
        while (pos < end) {
            if (job->atLineStart && m[pos] == '.')
                chunk += '.';
            qsizetype nl = m.indexOf('\n', pos);
            const qsizetype stop = nl < 0 || nl >= end ? end : nl + 1;
            chunk += QByteArrayView(m).sliced(pos, stop - pos);
            job->atLineStart = m[stop - 1] == '\n';
            pos = stop;
        }
        job->bodyPos = end;
        m_socket->write(chunk);
    }
}

void SmtpClient::onDot(const SmtpReply &reply)
{
    const std::shared_ptr<Job> job = m_jobs.front();
    const bool early = !job->bodyDone; // the peer answered before our final dot
    if (!job->discardBody)
        job->answerAll(reply);
    job->open = false;
    if (early) // the rest of our data would be read as commands: end here
        return fail(SmtpReply::local(
            0, "4.4.2", "peer replied before the end of data: " + reply.toLine().left(200)));
    finishJob();
}

void SmtpClient::finishJob()
{
    const std::shared_ptr<Job> job = m_jobs.takeFirst();
    if (job->open && m_state == State::Busy) {
        command("RSET", Expect::Rset); // RFC 5321 4.1.1.5: end the half-done transaction
        flushCommands();
    }
    if (m_state == State::Busy)
        m_state = State::Ready;
    QPointer<SmtpClient> self(this);
    job->complete(SmtpReply::local(
        0, "4.4.2", "no reply")); // the fallback cannot happen; it keeps the contract
    if (self && m_state == State::Ready)
        startNext();
}

// ---- ending ---------------------------------------------------------------------------------

bool SmtpClient::hasExtension(QByteArrayView keyword) const
{
    for (const QByteArray &e : m_extensions)
        if (e.startsWith(keyword) &&
            (e.size() == keyword.size() || e[keyword.size()] == ' ' || e[keyword.size()] == '='))
            return true;
    return false;
}

QByteArray SmtpClient::extensionArgument(QByteArrayView keyword) const
{
    for (const QByteArray &e : m_extensions)
        if (e.startsWith(keyword) && e.size() > keyword.size() &&
            (e[keyword.size()] == ' ' || e[keyword.size()] == '='))
            return e.mid(keyword.size() + 1).trimmed();
    return {};
}

void SmtpClient::fail(const SmtpReply &reply)
{
    if (m_state == State::Closed)
        return;
    const bool wasReady =
        m_state == State::Ready || m_state == State::Busy || m_state == State::Quitting;
    m_state = State::Closed;
    m_timer.stop();
    m_expect.clear();
    m_lastReply = reply;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_closedEmitted = true;
    QPointer<SmtpClient> self(this);
    if (!wasReady)
        Q_EMIT failed(reply);
    if (self)
        answerJobs(reply);
    if (self)
        Q_EMIT closed();
}

void SmtpClient::answerJobs(const SmtpReply &reply)
{
    QPointer<SmtpClient> self(this);
    while (self && !m_jobs.isEmpty()) {
        const std::shared_ptr<Job> job = m_jobs.takeFirst();
        job->complete(reply);
    }
}

void SmtpClient::finishClose()
{
    if (m_closedEmitted)
        return;
    if (!m_jobs.isEmpty() && m_state != State::Closed)
        return fail(SmtpReply::local(0, "4.4.2", "connection closed"));
    m_state = State::Closed;
    m_closedEmitted = true;
    m_timer.stop();
    m_expect.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->disconnectFromHost();
    }
    Q_EMIT closed();
}

} // namespace fumibako
