#include "pop3session.h"

#include "common/durablefile.h"
#include "common/worker.h"
#include "maildroplock.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/expungejob.h"
#include "store/mailstorage.h"

namespace fumibako
{

namespace
{

// RFC 1939 3: byte-stuff lines that begin with the termination octet.
QByteArray dotStuffed(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size() + 64);
    qsizetype start = 0;
    if (in.startsWith('.'))
        out.append('.');
    for (;;) {
        const qsizetype nl = in.indexOf("\n.", start);
        if (nl < 0)
            break;
        out.append(in.constData() + start, nl + 1 - start);
        out.append('.');
        start = nl + 1;
    }
    out.append(in.constData() + start, in.size() - start);
    if (!out.endsWith("\r\n"))
        out.append("\r\n");
    return out;
}

// RFC 5034 and RFC 2449's response codes, worded as Dovecot does.
const AuthTexts kAuthTexts = {
    .unknownMechanism = {"-ERR Unsupported authentication mechanism."},
    .aborted = {"-ERR Authentication aborted."},
    .badEncoding = {"-ERR [AUTH] Invalid base64 data or PLAIN message."},
    .badMessage = {"-ERR [AUTH] Invalid base64 data or PLAIN message."},
    .lockedOut = {"-ERR [SYS/TEMP] Too many authentication failures; try again later."},
    .tempFail = {"-ERR [SYS/TEMP] Temporary authentication failure."},
    .failed = {"-ERR [AUTH] Authentication failed."},
    .logLockedOut = QStringLiteral("POP3 login refused: locked out after repeated failures"),
    .logFailed = QStringLiteral("POP3 login failed"),
};

} // namespace

Pop3Session::Pop3Session(Pop3Config config, Authenticator *auth, MailStorage *storage,
                         EventLog *log, MaildropLock *locks, QSslConfiguration tls,
                         SessionLimits limits, ConnectionLimiter *limiter, QObject *parent)
    : Session(std::move(tls), config.implicitTls, limits, limiter, parent), m_config(config),
      m_sasl(auth, log->sink(LogEntry::Kind::AuthFailure), this, m_config.authFailureDelayMs,
             kAuthTexts,
             {.challenge = [this](const QByteArray &base64) { send("+ " + base64 + "\r\n"); },
              .reply =
                  [this](const AuthReply &r) {
                      send(r.text + "\r\n");
                      if (r.protocolError)
                          protocolError();
                  },
              .accepted = [this](const Account &account) { return loggedIn(account); },
              .setPaused = [this](bool on) { on ? pause() : resume(); },
              .peer =
                  [this]() {
                      return AuthPeer{peerAddress().toString(), peerText()};
                  }}),
      m_storage(storage), m_log(log), m_locks(locks)
{
}

Pop3Session::~Pop3Session()
{
    if (m_locked)
        m_locks->unlock(m_accountId);
}

QByteArray Pop3Session::refusal(ConnectionLimiter::Verdict) const
{
    return "-ERR [SYS/TEMP] Too many connections\r\n";
}

QByteArray Pop3Session::timeoutReply() const
{
    return "-ERR Disconnected for inactivity.\r\n";
}
QByteArray Pop3Session::tooManyErrorsReply() const
{
    return "-ERR Too many bad commands.\r\n";
}

void Pop3Session::greet()
{
    ok("Fumibako POP3 ready.");
}

void Pop3Session::drain()
{
    // RFC 1939 6: a session that ends without QUIT deletes nothing.
    if (!paused() && !m_closing) {
        err("[SYS/TEMP] Server shutting down.");
        closeAfterFlush();
    }
}

void Pop3Session::ok(const QByteArray &text)
{
    send("+OK " + text + "\r\n");
}

void Pop3Session::err(const QByteArray &text)
{
    send("-ERR " + text + "\r\n");
    protocolError();
}

bool Pop3Session::credentialsAllowed() const
{
    return isTls() || (m_config.allowPlaintextAuthOnLoopback && peerIsLoopback());
}

void Pop3Session::process()
{
    while (!paused() && !m_closing && !writeBacklogged()) {
        QByteArray line;
        const LineStatus status = takeLine(&line);
        if (status == LineStatus::NeedMore)
            return;
        if (status == LineStatus::TooLong) {
            m_sasl.cancel();
            err("Line too long.");
            continue;
        }
        if (m_sasl.inExchange()) {
            m_sasl.respond(line);
            continue;
        }
        handle(Pop3Command::parse(line));
    }
}

void Pop3Session::capa()
{
    QByteArray out = "+OK Capability list "
                     "follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n";
    if (m_state == State::Authorization) {
        if (!isTls() && !m_config.implicitTls)
            out += "STLS\r\n";
        if (credentialsAllowed())
            out += "USER\r\nSASL " + SaslExchange::mechanisms().join(' ') + "\r\n";
    }
    out += "IMPLEMENTATION Fumibako\r\n.\r\n";
    send(out);
}

void Pop3Session::handle(const Pop3Command &cmd)
{
    using V = Pop3Command::Verb;
    if (cmd.verb == V::Capa)
        return capa();
    if (cmd.verb == V::Noop)
        return m_state == State::Transaction ? ok("") : err("Unknown command.");
    if (cmd.verb == V::Quit)
        return quit();
    if (m_state == State::Authorization)
        return onAuthorization(cmd);
    onTransaction(cmd);
}

void Pop3Session::onAuthorization(const Pop3Command &cmd)
{
    using V = Pop3Command::Verb;
    switch (cmd.verb) {
    case V::Stls:
        if (isTls() || m_config.implicitTls)
            return err("TLS is already active.");
        ok("Begin TLS negotiation now.");
        m_user.clear();
        return startTls(); // discards anything pipelined behind STLS
    case V::User:
        if (!credentialsAllowed())
            return err(
                "[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        if (cmd.args.size() != 1)
            return err("USER needs exactly one argument.");
        m_user = cmd.args.first().left(320);
        return ok("");
    case V::Pass:
        if (!credentialsAllowed())
            return err(
                "[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        if (m_user.isEmpty())
            return err("No username given.");
        return m_sasl.verify(std::exchange(m_user, {}), cmd.rest);
    case V::Auth: {
        if (cmd.args.isEmpty()) {
            // Lists mechanisms, as Dovecot and most servers do for old clients.
            if (!credentialsAllowed())
                return send("+OK\r\n.\r\n");
            return send("+OK\r\n" + SaslExchange::mechanisms().join("\r\n") + "\r\n.\r\n");
        }
        if (!credentialsAllowed())
            return err(
                "[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        const std::optional<QByteArray> initial =
            cmd.args.size() > 1 ? std::optional(cmd.args.at(1)) : std::nullopt;
        return m_sasl.start(cmd.args.first(), initial);
    }
    default:
        return err("Unknown command.");
    }
}

bool Pop3Session::loggedIn(const Account &a)
{
    if (!m_locks->tryLock(a.id)) {
        err("[IN-USE] Mailbox is locked by another POP3 session.");
        return true;
    }
    m_locked = true;
    m_accountId = a.id;
    m_address = a.address;
    m_maildir = m_storage->maildirRoot(a.maildir);
    // The maildrop listing is read off the I/O thread (a big mailbox, or a
    // read waiting on the disk, would hold every session of the thread); the
    // session reads no command until it is in.
    struct Maildrop {
        qint64 uidValidity = 0;
        QList<StoredMessage> messages;
    };
    m_storage->read<Maildrop>(
        this,
        [accountId = a.id](const Database &db) -> Result<Maildrop> {
            auto inbox = AccountStore(db).inboxId(accountId);
            if (!inbox)
                return inbox.error();
            auto list = MessageStore(db).list(*inbox);
            if (!list)
                return list.error();
            auto validity = MessageStore(db).uidValidity(*inbox);
            if (!validity)
                return validity.error();
            return Maildrop{*validity, std::move(*list)};
        },
        [this](Result<Maildrop> drop) {
            if (!drop) {
                err("[SYS/TEMP] Cannot open the mailbox.");
                return closeAfterFlush();
            }
            m_uidValidity = drop->uidValidity;
            for (const StoredMessage &m : std::as_const(drop->messages))
                m_messages.append({m, false});
            LogEntry login;
            login.kind = LogEntry::Kind::Pop3Login;
            login.address = m_address;
            login.peer = peerText();
            login.text = QStringLiteral("POP3 login%1, %2 messages")
                             .arg(isTls() ? QStringLiteral(" (TLS)") : QString())
                             .arg(m_messages.size());
            login.result = QStringLiteral("login");
            m_log->add(std::move(login));
            m_state = State::Transaction;
            ok("Logged in.");
            resume();
        });
    return false;
}

Pop3Session::Message *Pop3Session::message(const QByteArray &arg)
{
    const int n = Pop3Command::messageNumber(arg);
    if (n < 1 || n > m_messages.size()) {
        err("There's no message " + arg.left(16) + ".");
        return nullptr;
    }
    Message *m = &m_messages[n - 1];
    if (m->deleted) {
        err("Message is deleted.");
        return nullptr;
    }
    return m;
}

QByteArray Pop3Session::uidl(const Message &m) const
{
    // Dovecot's default pop3_uidl_format %08Xu%08Xv: stable while UIDVALIDITY is.
    return QByteArray::number(m.stored.uid, 16).toUpper().rightJustified(8, '0') +
           QByteArray::number(m_uidValidity, 16).toUpper().rightJustified(8, '0');
}

void Pop3Session::onTransaction(const Pop3Command &cmd)
{
    using V = Pop3Command::Verb;
    switch (cmd.verb) {
    case V::Stat: {
        qint64 count = 0, size = 0;
        for (const Message &m : std::as_const(m_messages))
            if (!m.deleted)
                ++count, size += m.stored.size;
        return ok(QByteArray::number(count) + ' ' + QByteArray::number(size));
    }
    case V::List:
    case V::Uidl: {
        const bool isList = cmd.verb == V::List;
        if (!cmd.args.isEmpty()) {
            const int n = Pop3Command::messageNumber(cmd.args.first());
            Message *m = message(cmd.args.first());
            if (!m)
                return;
            return ok(QByteArray::number(n) + ' ' +
                      (isList ? QByteArray::number(m->stored.size) : uidl(*m)));
        }
        QByteArray out = "+OK\r\n";
        for (int i = 0; i < m_messages.size(); ++i) {
            const Message &m = m_messages[i];
            if (!m.deleted)
                out += QByteArray::number(i + 1) + ' ' +
                       (isList ? QByteArray::number(m.stored.size) : uidl(m)) + "\r\n";
        }
        return send(out + ".\r\n");
    }
    case V::Retr:
    case V::Top: {
        if (cmd.args.isEmpty() || (cmd.verb == V::Top && cmd.args.size() < 2))
            return err("Missing message number.");
        Message *m = message(cmd.args.first());
        if (!m)
            return;
        int lines = -1;
        if (cmd.verb == V::Top) {
            bool okNum = false;
            lines = cmd.args.at(1).toInt(&okNum);
            if (!okNum || lines < 0)
                return err("Invalid line count.");
        }
        return sendMessage(*m, lines);
    }
    case V::Dele: {
        if (cmd.args.isEmpty())
            return err("Missing message number.");
        Message *m = message(cmd.args.first());
        if (!m)
            return;
        m->deleted = true;
        return ok("Marked to be deleted.");
    }
    case V::Rset:
        for (Message &m : m_messages)
            m.deleted = false;
        return ok("");
    default:
        return err("Unknown command.");
    }
}

namespace
{

// RETR/TOP response for the message bytes in `file` (RFC 1939 7: TOP gives the
// headers, the blank line, then the first `bodyLines` lines); empty if unreadable.
QByteArray retrieveResponse(const QString &file, int bodyLines)
{
    auto read = readMessageFile(file);
    if (!read)
        return {};
    QByteArray data = std::move(*read);
    QByteArray status;
    if (bodyLines >= 0) {
        qsizetype end = data.indexOf("\r\n\r\n");
        end = end < 0 ? data.size() : end + 4;
        for (int i = 0; i < bodyLines && end < data.size(); ++i) {
            const qsizetype nl = data.indexOf('\n', end);
            end = nl < 0 ? data.size() : nl + 1;
        }
        data.truncate(end);
        status = "+OK\r\n";
    } else {
        status = "+OK " + QByteArray::number(data.size()) + " octets\r\n";
    }
    return status + dotStuffed(data) + ".\r\n";
}

// Messages up to this size are read on the I/O thread (a page-cache read of a
// few pages); bigger ones on a worker, so the I/O thread never waits on disk
// for long. The hop costs a sequential client about a quarter of its speed.
constexpr qint64 kInlineRetrieveBytes = 256 * 1024;

} // namespace

void Pop3Session::sendMessage(const Message &m, int bodyLines)
{
    const QString file = m_maildir + QLatin1Char('/') + m.stored.path;
    if (m.stored.size <= kInlineRetrieveBytes) {
        const QByteArray response = retrieveResponse(file, bodyLines);
        return response.isEmpty() ? err("[SYS/TEMP] Cannot read the message.") : send(response);
    }
    // The session waits for the worker, so pipelined commands keep their order.
    pause();
    runOnWorker(this, [this, file, bodyLines]() -> std::function<void()> {
        QByteArray response = retrieveResponse(file, bodyLines);
        // Runs on the session's thread, and only while the session exists.
        return [this, response = std::move(response)] {
            if (response.isEmpty())
                err("[SYS/TEMP] Cannot read the message.");
            else
                send(response);
            resume();
        };
    });
}

void Pop3Session::quit()
{
    if (m_state != State::Transaction) {
        ok("Logging out.");
        return closeAfterFlush();
    }
    m_state = State::Update;
    QList<qint64> ids;
    QStringList files;
    for (const Message &m : std::as_const(m_messages)) {
        if (m.deleted) {
            ids << m.stored.id;
            files << m_maildir + QLatin1Char('/') + m.stored.path;
        }
    }
    if (ids.isEmpty()) {
        ok("Logging out.");
        return closeAfterFlush();
    }
    pause();
    // +OK only once the deletions are on stable storage (RFC 1939 6).
    m_storage->commit(std::make_shared<ExpungeJob>(ids, files), this,
                      [this, n = ids.size()](Result<void> r) {
                          if (r) {
                              m_log->add(LogEntry::Kind::Pop3Login, m_address, peerText(),
                                         QStringLiteral("POP3 logout, %1 messages deleted").arg(n));
                              ok("Logging out, messages deleted.");
                          } else {
                              send("-ERR [SYS/TEMP] Some deleted messages were not removed.\r\n");
                          }
                          closeAfterFlush();
                      });
}

} // namespace fumibako
