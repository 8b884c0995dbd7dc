#include "smtpsession.h"

#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "net/tlsconfig.h"
#include "store/eventlog.h"

namespace fumibako
{

namespace
{

QByteArray crlf(const QByteArray &s)
{
    return s + "\r\n";
}

QByteArray angle(const QString &address)
{
    return '<' + address.toUtf8() + '>';
}

// Bare LF → CRLF, for BDAT content (RFC 3030 allows any octets; mailboxes hold CRLF lines).
QByteArray normalizeLineEnds(const QByteArray &in)
{
    if (!in.contains('\n'))
        return in;
    QByteArray out;
    out.reserve(in.size() + in.size() / 32);
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '\n' && (i == 0 || in[i - 1] != '\r'))
            out.append('\r');
        out.append(c);
    }
    return out;
}

// RFC 4954 and Postfix's smtpd wording for each way an AUTH can fail.
const AuthTexts kAuthTexts = {
    .unknownMechanism = {"504 5.5.4 Unrecognized authentication type"},
    .aborted = {"501 5.7.0 Authentication aborted"},
    .badEncoding = {"501 5.5.2 Cannot decode response"},
    .badMessage = {"535 5.7.8 Error: authentication failed: authentication failure"},
    .lockedOut = {"454 4.7.0 Error: too many authentication failures; try again later"},
    .tempFail = {"454 4.7.0 Temporary authentication failure"},
    .failed = {"535 5.7.8 Error: authentication failed: authentication failure"},
    .logLockedOut = QStringLiteral("SMTP AUTH refused: locked out after repeated failures"),
    .logFailed = QStringLiteral("SMTP AUTH failed"),
};

} // namespace

SmtpSession::SmtpSession(SmtpConfig config, Authenticator *auth, Delivery *delivery, EventLog *log,
                         QSslConfiguration tls, SessionLimits limits, ConnectionLimiter *limiter,
                         QObject *parent)
    : Session(std::move(tls), config.role == SmtpConfig::Role::Smtps, limits, limiter, parent),
      m_config(std::move(config)),
      m_sasl(
          auth, log->sink(LogEntry::Kind::AuthFailure), this, m_config.authFailureDelayMs,
          kAuthTexts,
          {.challenge = [this](const QByteArray &base64) { reply("334 " + base64); },
           .reply = [this](const AuthReply &r) { r.protocolError ? error(r.text) : reply(r.text); },
           .accepted =
               [this](const Account &account) {
                   m_authUser = account.address;
                   reply("235 2.7.0 Authentication successful");
                   return true;
               },
           .setPaused = [this](bool on) { on ? pause() : resume(); },
           .peer =
               [this]() {
                   return AuthPeer{peerAddress().toString(), peerText()};
               }}),
      m_delivery(delivery), m_log(log), m_reservation(m_config.messageMemory)
{
}

QByteArray SmtpSession::refusal(ConnectionLimiter::Verdict verdict) const
{
    if (verdict == ConnectionLimiter::Verdict::TooManyFromAddress)
        return crlf("421 4.7.0 " + m_config.hostname.toUtf8() +
                    " Error: too many connections from " + peerAddress().toString().toUtf8());
    return crlf("421 4.3.2 " + m_config.hostname.toUtf8() + " Error: too many connections");
}

QByteArray SmtpSession::timeoutReply() const
{
    return crlf("421 4.4.2 " + m_config.hostname.toUtf8() + " Error: timeout exceeded");
}

QByteArray SmtpSession::tooManyErrorsReply() const
{
    return crlf("421 4.7.0 " + m_config.hostname.toUtf8() + " Error: too many errors");
}

void SmtpSession::greet()
{
    reply("220 " + m_config.hostname.toUtf8() + " ESMTP Fumibako");
}

void SmtpSession::drain()
{
    // A message being received or committed is finished first; a session
    // between commands (even after MAIL/RCPT: nothing is accepted yet, the
    // client retries) is told 421 at once (RFC 5321 3.8).
    m_draining = true;
    if (m_mode != Mode::Data && m_mode != Mode::Bdat && !paused() && !m_closing) {
        reply("421 4.3.2 " + m_config.hostname.toUtf8() + " Service shutting down");
        closeAfterFlush();
    }
}

void SmtpSession::reply(const QByteArray &text)
{
    send(crlf(text));
}

void SmtpSession::error(const QByteArray &text)
{
    reply(text);
    protocolError();
}

bool SmtpSession::authOffered() const
{
    if (m_config.role == SmtpConfig::Role::Mx)
        return false;
    return isTls() || (m_config.allowPlaintextAuthOnLoopback && peerIsLoopback());
}

void SmtpSession::tlsStarted()
{
    // RFC 3207 4.2: forget everything learnt before the handshake.
    m_helo.clear();
    m_esmtp = false;
    m_authUser.clear();
    resetTransaction();
}

void SmtpSession::resetTransaction()
{
    m_haveMail = false;
    m_sender.clear();
    m_smtputf8 = false;
    m_local.clear();
    m_remote.clear();
    m_reportDelivered.clear();
    m_returns.clear();
    m_envid.clear();
    m_ret.clear();
    m_recipients.clear();
    m_discarded = 0;
    m_data.reset();
    m_bdatMessage.clear();
    m_bdatTotal = 0;
    m_bdatLast = false;
    m_bdatRejected = false;
    m_bdatStarted = false;
    m_declaredSize = 0;
    m_reservation.reset();
    m_outOfMemory = false;
}

void SmtpSession::process()
{
    while (!paused() && !m_closing && !writeBacklogged()) {
        if (m_mode == Mode::Data) {
            feedData();
            if (m_mode == Mode::Data)
                return;
            continue;
        }
        if (m_mode == Mode::Bdat) {
            feedBdat();
            if (m_mode == Mode::Bdat)
                return;
            continue;
        }
        QByteArray line;
        bool bareLf = false;
        const LineStatus status = takeLine(&line, &bareLf);
        if (status == LineStatus::NeedMore)
            return;
        if (status == LineStatus::TooLong) {
            m_mode = Mode::Command;
            m_sasl.cancel();
            error("500 5.5.2 Error: line too long");
            continue;
        }
        // RFC 5321 2.3.8: a line ends in CRLF, and a bare CR or LF is no line
        // end. A client and a server that split such input differently can
        // be made to see different commands (SMTP smuggling), so neither part
        // is acted on and the session ends, as Postfix's
        // smtpd_forbid_bare_newline = reject does.
        if (bareLf || line.contains('\r'))
            return refuseNonSmtp("521 5.5.2 " + m_config.hostname.toUtf8() +
                                     " Error: bare <CR> or <LF> received",
                                 "bare <CR> or <LF> in a command line", line);
        if (m_sasl.inExchange())
            m_sasl.respond(line);
        else
            handle(SmtpCommand::parse(line));
    }
}

void SmtpSession::handle(const SmtpCommand &cmd)
{
    using V = SmtpCommand::Verb;
    switch (cmd.verb) {
    case V::Ehlo:
        return onEhlo(cmd, true);
    case V::Helo:
        return onEhlo(cmd, false);
    case V::Mail:
        return onMail(cmd);
    case V::Rcpt:
        return onRcpt(cmd);
    case V::Data:
        return onData(cmd);
    case V::Bdat:
        return onBdat(cmd);
    case V::StartTls:
        return onStartTls(cmd);
    case V::Auth:
        return onAuth(cmd);
    case V::Rset:
        resetTransaction();
        return reply("250 2.0.0 Ok");
    case V::Noop:
        return reply("250 2.0.0 Ok");
    case V::Quit:
        reply("221 2.0.0 Bye");
        return closeAfterFlush();
    case V::Vrfy:
    case V::Expn:
        // Never tell which mailboxes exist (Postfix: disable_vrfy_command = yes).
        return error("502 5.5.1 VRFY command is disabled");
    case V::Empty:
        return error("500 5.5.2 Error: bad syntax");
    case V::Help:
    case V::Unknown:
        return error("502 5.5.2 Error: command not recognized");
    case V::Forbidden:
        return refuseNonSmtp("221 2.7.0 Error: I can break rules, too. Goodbye.",
                             "non-SMTP command", cmd.line);
    }
}

void SmtpSession::refuseNonSmtp(const QByteArray &reply, const char *what, QByteArrayView line)
{
    // The line may hold anything (a browser's request, binary); the log gets a printable start of
    // it.
    QString shown = QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 100)));
    for (QChar &c : shown)
        if (!c.isPrint())
            c = QLatin1Char('?');
    m_log->add(LogEntry::Kind::SmtpReject, QString(), peerText(),
               QStringLiteral("%1 from %2: %3").arg(QLatin1String(what), peerText(), shown));
    this->reply(reply);
    closeAfterFlush();
}

void SmtpSession::onEhlo(const SmtpCommand &cmd, bool extended)
{
    if (cmd.argument.isEmpty())
        return error(extended ? "501 5.5.4 Syntax: EHLO hostname"
                              : "501 5.5.4 Syntax: HELO hostname");
    // The name goes into our Received: header: printable ASCII only.
    for (char c : cmd.argument)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            return error("501 5.5.2 Invalid EHLO hostname");
    resetTransaction();
    m_helo = cmd.argument.left(255);
    m_esmtp = extended;
    const QByteArray host = m_config.hostname.toUtf8();
    if (!extended)
        return reply("250 " + host);
    QList<QByteArray> lines = {host, "PIPELINING",
                               "SIZE " + QByteArray::number(m_config.maxMessageSize)};
    if (!isTls() && m_config.role != SmtpConfig::Role::Smtps)
        lines << "STARTTLS";
    if (authOffered())
        lines << "AUTH " + SaslExchange::mechanisms().join(' ');
    lines << "ENHANCEDSTATUSCODES"
          << "8BITMIME"
          << "SMTPUTF8"
          << "CHUNKING";
    if (m_config.role != SmtpConfig::Role::Mx)
        lines << "DSN"; // RFC 3461, for mail our queue sends on
    QByteArray out;
    for (int i = 0; i < lines.size(); ++i)
        out += "250" + QByteArray(i + 1 < lines.size() ? "-" : " ") + lines[i] + "\r\n";
    send(out);
}

void SmtpSession::onMail(const SmtpCommand &cmd)
{
    if (m_helo.isEmpty())
        return error("503 5.5.1 Error: send HELO/EHLO first");
    if (m_haveMail)
        return error("503 5.5.1 Error: nested MAIL command");
    const bool submission = m_config.role != SmtpConfig::Role::Mx;
    if (submission && m_authUser.isEmpty())
        return error("530 5.7.0 Authentication required");
    auto path = SmtpPath::parse(cmd.argument, "FROM");
    if (!path || path->postmaster)
        return error("501 5.1.7 Bad sender address syntax");
    if (path->badParams)
        return error("501 5.5.4 Bad MAIL parameter syntax");
    bool utf8 = false;
    qint64 declared = 0;
    QByteArray envid, ret;
    for (const auto &[key, value] : path->params) {
        if (key == "SIZE") {
            bool ok = false;
            declared = value.toLongLong(&ok);
            if (!ok || declared < 0)
                return error("501 5.5.4 Bad message size syntax");
            if (declared > m_config.maxMessageSize)
                return error("552 5.3.4 Message size exceeds fixed limit");
        } else if (key == "BODY") {
            const QByteArray v = value.toUpper();
            if (v != "7BIT" && v != "8BITMIME")
                return error("501 5.5.4 Unsupported BODY type: " + value.left(64));
        } else if (key == "SMTPUTF8" && value.isEmpty()) {
            utf8 = true;
        } else if (key == "AUTH") {
            // RFC 4954 5: we do not trust other servers' AUTH= claims; ignore.
        } else if (key == "RET" && submission) {
            ret = value.toUpper();
            if (ret != "FULL" && ret != "HDRS")
                return error("501 5.5.4 Bad RET parameter syntax");
        } else if (key == "ENVID" && submission) {
            const auto decoded = decodeXtext(value);
            if (!decoded || decoded->isEmpty() || value.size() > 100) // RFC 3461 4.4
                return error("501 5.5.4 Bad ENVID parameter syntax");
            envid = *decoded;
        } else {
            return error("555 5.5.4 Unsupported option: " + key.left(64));
        }
    }
    if (!path->null && !path->address.isAscii() && !utf8)
        return error("553 5.6.7 Must declare SMTPUTF8 to send unicode address");
    const QString sender = path->null ? QString() : path->address.toString();
    auto accept = [this, sender, utf8, declared, envid, ret]() {
        m_haveMail = true;
        m_sender = sender;
        m_smtputf8 = utf8;
        m_declaredSize = declared;
        m_envid = envid;
        m_ret = ret;
        reply("250 2.1.0 Ok");
    };
    if (!submission)
        return accept();
    // Which addresses the account may send as is read off the I/O thread;
    // pipelined commands wait their turn.
    pause();
    m_delivery->checkSender(m_authUser, path->null ? std::nullopt : std::optional(path->address),
                            this, [this, sender, accept](Result<void> allowed) {
                                resume(); // before replying: resume() only queues the next read
                                if (m_closing)
                                    return;
                                if (!allowed && allowed.error().kind == Error::Kind::Temporary)
                                    return error("451 4.3.0 " + angle(sender) +
                                                 ": Temporary lookup failure");
                                if (!allowed)
                                    return error("554 5.7.1 " + angle(sender) +
                                                 ": Sender address rejected: Access denied");
                                accept();
                            });
}

void SmtpSession::onRcpt(const SmtpCommand &cmd)
{
    if (!m_haveMail)
        return error("503 5.5.1 Error: need MAIL command");
    auto path = SmtpPath::parse(cmd.argument, "TO");
    if (!path || path->null)
        return error("501 5.1.3 Bad recipient address syntax");
    if (path->badParams)
        return error("501 5.5.4 Bad RCPT parameter syntax");
    DsnRecipient dsn;
    for (const auto &[key, value] : path->params) {
        // RFC 3461 4.1, 4.2: only where DSN is offered (submission).
        if (m_config.role == SmtpConfig::Role::Mx || (key != "NOTIFY" && key != "ORCPT"))
            return error("555 5.5.4 Unsupported option: " + key.left(64));
        if (key == "NOTIFY") {
            const auto notify = parseDsnNotify(value);
            if (!notify)
                return error("501 5.5.4 Bad NOTIFY parameter syntax");
            dsn.notify = *notify;
        } else {
            const auto orcpt = decodeXtext(value);
            if (!orcpt || !orcpt->contains(';') || value.size() > 500)
                return error("501 5.5.4 Bad ORCPT parameter syntax");
            dsn.orcpt = QString::fromUtf8(*orcpt);
        }
    }
    if (m_recipients.size() >= m_config.maxRecipients)
        return reply("452 4.5.3 Error: too many recipients");
    if (!path->postmaster) {
        if (!path->address.isAscii() && !m_smtputf8)
            return error("553 5.6.7 Must declare SMTPUTF8 to send unicode address");
        if (path->sourceRoute)
            return error("554 5.7.1 " + angle(path->address.toString()) +
                         ": Recipient address rejected: Access denied");
    }
    // The recipient is looked up off the I/O thread; pipelined commands wait their turn.
    pause();
    m_delivery->decide(path->address, path->postmaster, !m_authUser.isEmpty(), this,
                       [this, dsn](Delivery::RecipientLookup lookup) {
                           resume(); // before replying: resume() only queues the next read
                           if (m_closing)
                               return;
                           if (!lookup.address)
                               return error("451 4.3.0 <postmaster>: Temporary lookup failure");
                           addRecipient(*lookup.address, lookup.decision, dsn);
                       });
}

void SmtpSession::addRecipient(const MailAddress &rcpt, const RecipientDecision &d,
                               DsnRecipient dsn)
{
    const QByteArray shown = angle(rcpt.toString());
    using K = RecipientDecision::Kind;
    switch (d.kind) {
    case K::Denied:
        return error("554 5.7.1 " + shown + ": Recipient address rejected: Access denied");
    case K::Unknown:
        return error("550 5.1.1 " + shown +
                     ": Recipient address rejected: User unknown in virtual mailbox table");
    case K::Disabled:
        return error("550 5.2.1 " + shown + ": Recipient address rejected: Account disabled");
    case K::TempFail:
        return error("451 4.3.0 " + shown + ": Temporary lookup failure");
    case K::Discard:
        ++m_discarded;
        break;
    case K::Remote:
        dsn.address = rcpt.toString();
        if (std::none_of(m_remote.cbegin(), m_remote.cend(),
                         [&](const DsnRecipient &r) { return r.address == dsn.address; }))
            m_remote << dsn;
        break;
    case K::Local: {
        if (auto room = RecipientPolicy::checkDeclaredSize(d.account, m_declaredSize); !room)
            return error((room.error().kind == Error::Kind::TooBig ? "552 5.2.2 " : "452 4.2.2 ") +
                         shown + ": Recipient address rejected: Mailbox full");
        addLocal(d, rcpt.toString());
        if (dsnWants(dsn.notify, "SUCCESS")) {
            dsn.address = rcpt.toString();
            m_reportDelivered << dsn;
        }
        break;
    }
    case K::Group:
        // Each member as if named itself: a full mailbox among them is
        // returned after DATA (the others still get the mail), not refused here.
        for (const RecipientDecision &m : d.members) {
            if (m.kind == K::Local) {
                addLocal(m, m.address);
            } else if (std::none_of(m_remote.cbegin(), m_remote.cend(), [&](const DsnRecipient &r) {
                           return r.address == m.address;
                       })) {
                DsnRecipient member = dsn;
                member.address = m.address;
                member.orcpt = QStringLiteral("rfc822;") + rcpt.toString();
                m_remote << member;
            }
        }
        break;
    case K::Return:
        m_returns << ReturnTarget{rcpt.toString(), d.returnTo};
        break;
    }
    m_recipients << rcpt.toString();
    reply("250 2.1.5 Ok");
}

void SmtpSession::addLocal(const RecipientDecision &d, const QString &deliveredTo)
{
    for (const LocalTarget &t : std::as_const(m_local))
        if (t.accountId == d.account.id)
            return;
    m_local << m_delivery->targetFor(d, deliveredTo);
}

void SmtpSession::onData(const SmtpCommand &cmd)
{
    if (!cmd.argument.isEmpty())
        return error("501 5.5.4 Syntax: DATA");
    if (!m_haveMail)
        return error("503 5.5.1 Error: need MAIL command");
    if (m_recipients.isEmpty())
        return error("554 5.5.1 Error: no valid recipients");
    if (m_bdatTotal > 0 || m_bdatStarted)
        return error("503 5.5.1 Error: BDAT and DATA cannot be mixed"); // RFC 3030 2
    reply("354 End data with <CR><LF>.<CR><LF>");
    m_data.emplace(m_config.maxMessageSize);
    m_mode = Mode::Data;
}

void SmtpSession::feedData()
{
    qsizetype consumed = 0;
    const auto status = m_data->feed(m_in, &consumed);
    m_in.remove(0, consumed);
    if (!m_outOfMemory && !m_reservation.growTo(m_data->storedSize())) {
        m_outOfMemory = true;
        m_data->stopStoring();
    }
    if (status == SmtpDataReader::Status::NeedMore)
        return;
    m_mode = Mode::Command;
    const qsizetype size = m_data->size();
    const bool bare = m_data->bareNewline();
    finishMessage(m_data->takeMessage(), size, bare);
}

void SmtpSession::onBdat(const SmtpCommand &cmd)
{
    // RFC 3030 2: "BDAT" SP chunk-size [SP end-marker]
    const QList<QByteArray> words = cmd.argument.simplified().split(' ');
    bool ok = false;
    const qint64 size = words.value(0).toLongLong(&ok);
    const bool last = words.size() == 2 && words[1].toUpper() == "LAST";
    if (!ok || size < 0 || words.size() > 2 || (words.size() == 2 && !last)) {
        // The chunk length is unknown, so the input can no longer be framed.
        reply("501 5.5.4 Syntax: BDAT count [LAST]");
        reply("421 4.7.0 " + m_config.hostname.toUtf8() + " Error: lost framing");
        return closeAfterFlush();
    }
    m_bdatRejected = !m_haveMail || m_recipients.isEmpty() || m_data.has_value();
    m_bdatLeft = size;
    m_bdatLast = last;
    if (!m_bdatRejected)
        m_bdatStarted = true;
    m_mode = Mode::Bdat;
}

void SmtpSession::feedBdat()
{
    const qint64 n = qMin<qint64>(m_bdatLeft, m_in.size());
    if (!m_bdatRejected) {
        m_bdatTotal += n;
        if (!m_outOfMemory && !m_reservation.growTo(m_bdatMessage.size() + n))
            m_outOfMemory = true;
        if (!m_outOfMemory && m_bdatMessage.size() + n <= m_config.maxMessageSize)
            m_bdatMessage.append(m_in.constData(), n);
    }
    m_in.remove(0, n);
    m_bdatLeft -= n;
    if (m_bdatLeft > 0)
        return;
    m_mode = Mode::Command;
    if (m_bdatRejected) {
        m_bdatRejected = false;
        return error(!m_haveMail ? "503 5.5.1 Error: need MAIL command"
                                 : "503 5.5.1 Error: need RCPT command");
    }
    if (!m_bdatLast)
        return reply("250 2.0.0 Ok: " + QByteArray::number(m_bdatTotal) + " bytes");
    finishMessage(normalizeLineEnds(std::exchange(m_bdatMessage, {})), m_bdatTotal, false);
}

void SmtpSession::finishMessage(QByteArray message, qsizetype fullSize, bool bareNewline)
{
    const QString peer = peerText();
    const QString rcpts = m_recipients.join(QLatin1Char(','));
    if (m_outOfMemory) {
        m_log->add(
            LogEntry::Kind::SmtpReject, rcpts, peer,
            QStringLiteral("deferred: too many messages in transit from=<%1>").arg(m_sender));
        resetTransaction();
        return error("452 4.3.1 Insufficient system storage"); // RFC 3463; the client retries
    }
    if (fullSize > m_config.maxMessageSize && !bareNewline) {
        m_log->add(LogEntry::Kind::SmtpReject, rcpts, peer,
                   QStringLiteral("rejected: message of %1 bytes exceeds the limit from=<%2>")
                       .arg(fullSize)
                       .arg(m_sender));
        resetTransaction();
        return error("552 5.3.4 Message size exceeds fixed limit");
    }
    const bool mx = m_config.role == SmtpConfig::Role::Mx;
    Envelope envelope;
    envelope.source = mx ? Envelope::Source::Mx : Envelope::Source::Submission;
    envelope.sender = m_sender;
    envelope.recipients = m_recipients;
    envelope.authUser = m_authUser;
    envelope.peer = peer;
    envelope.helo = m_helo;
    envelope.esmtp = m_esmtp;
    envelope.smtputf8 = m_smtputf8;
    if (isTls())
        envelope.tls = describeTlsSession(*socket());
    envelope.bareLineEnd = bareNewline;
    DeliveryRequest request;
    request.sender = m_sender;
    request.message = std::move(message);
    request.local = m_local;
    request.remote = m_remote;
    request.reportDelivered = m_reportDelivered;
    request.returns = m_returns;
    request.envid = m_envid;
    request.ret = m_ret;
    const QList<LocalTarget> local = m_local;
    const QList<DsnRecipient> remote = m_remote;
    const bool returns = !m_returns.isEmpty();
    const QString summary =
        QStringLiteral("from=<%1> size=%2 nrcpt=%3%4")
            .arg(m_sender)
            .arg(fullSize)
            .arg(m_recipients.size())
            .arg(m_authUser.isEmpty() ? QString() : QStringLiteral(" sasl_username=") + m_authUser);
    pause();
    m_delivery->pipeline().submit(
        std::move(envelope), std::move(request), this, [=, this](PipelineOutcome o) {
            // Every line about the message carries its id, sender and Message-ID (message
            // tracking).
            auto logLine = [&](LogEntry::Kind kind, const QString &address, const QString &result,
                               const QString &text) {
                LogEntry e;
                e.kind = kind;
                e.address = address;
                e.peer = peer;
                e.messageId = o.id;
                e.headerMessageId = o.headerMessageId;
                e.sender = m_sender;
                e.result = result;
                e.text = QStringLiteral("id=") + o.id + QLatin1Char(' ') + text;
                m_log->add(std::move(e));
            };
            const auto kind = mx ? LogEntry::Kind::SmtpReceive : LogEntry::Kind::SmtpSend;
            using K = PipelineOutcome::Kind;
            switch (o.kind) {
            case K::Delivered:
            case K::Quarantined:
                if (local.isEmpty() && remote.isEmpty() && !returns) {
                    // Only send-only recipients (noreply@): accepted and dropped, as the reference
                    // service does.
                    logLine(kind, rcpts, QStringLiteral("discarded"),
                            summary + QStringLiteral(" discarded (send-only recipient)"));
                } else if (o.kind == K::Quarantined) {
                    logLine(kind, rcpts, QStringLiteral("quarantined"),
                            summary + QStringLiteral(" quarantined: ") + o.verdict.reason);
                } else {
                    logLine(kind, rcpts, QStringLiteral("accepted"), summary);
                    for (const LocalTarget &t : local) {
                        const bool refused = o.delivery.refused.contains(t.deliveredTo);
                        logLine(LogEntry::Kind::Delivery, t.deliveredTo,
                                refused ? QStringLiteral("returned") : QStringLiteral("delivered"),
                                refused ? QStringLiteral("mailbox full, returned to the sender")
                                        : QStringLiteral("delivered to mailbox"));
                    }
                    for (const DsnRecipient &rr : remote)
                        logLine(LogEntry::Kind::Queue, rr.address, QStringLiteral("queued"),
                                QStringLiteral("queued for outbound delivery"));
                }
                reply("250 2.0.0 Ok: queued as " + o.id.toUtf8());
                break;
            case K::Rejected:
            case K::Deferred: {
                const QString result =
                    o.kind == K::Rejected ? QStringLiteral("rejected") : QStringLiteral("deferred");
                logLine(LogEntry::Kind::SmtpReject, rcpts, result,
                        summary +
                            QStringLiteral(" %1 by %2: %3").arg(result, o.step, o.verdict.reason));
                error(o.verdict.smtpReply());
                break;
            }
            case K::Failed:
                logLine(LogEntry::Kind::SmtpReject, rcpts, QStringLiteral("failed"),
                        summary + QStringLiteral(" not accepted: ") + o.error.message);
                switch (o.error.kind) {
                case Error::Kind::OverQuota:
                    error("452 4.2.2 Mailbox full");
                    break;
                case Error::Kind::TooBig:
                    error("552 5.2.2 Mailbox full: message exceeds the quota");
                    break;
                case Error::Kind::Limit:
                    error("554 5.4.6 Error: mail forwarding loop");
                    break;
                default:
                    error("451 4.3.0 Error: queue file write error");
                    break;
                }
                break;
            }
            resetTransaction();
            if (m_draining) {
                reply("421 4.3.2 " + m_config.hostname.toUtf8() + " Service shutting down");
                return closeAfterFlush();
            }
            resume();
        });
}

void SmtpSession::onStartTls(const SmtpCommand &cmd)
{
    if (isTls() || m_config.role == SmtpConfig::Role::Smtps)
        return error("554 5.5.1 Error: TLS already active");
    if (!cmd.argument.isEmpty())
        return error("501 5.5.4 Syntax: STARTTLS");
    reply("220 2.0.0 Ready to start TLS");
    startTls(); // discards anything pipelined behind STARTTLS (RFC 3207 5)
}

void SmtpSession::onAuth(const SmtpCommand &cmd)
{
    if (!authOffered())
        return error("503 5.5.1 Error: authentication not enabled");
    if (m_helo.isEmpty())
        return error("503 5.5.1 Error: send HELO/EHLO first");
    // RFC 4954 4: not during a mail transaction, and only once per session.
    if (m_haveMail)
        return error("503 5.5.1 Error: MAIL transaction in progress");
    if (!m_authUser.isEmpty())
        return error("503 5.5.1 Error: already authenticated");
    const QList<QByteArray> words = cmd.argument.split(' ');
    if (words.size() > 2)
        return error("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
    const QByteArray initial = words.value(1);
    m_sasl.start(words.value(0), initial.isEmpty() ? std::nullopt : std::optional(initial));
}

} // namespace fumibako
