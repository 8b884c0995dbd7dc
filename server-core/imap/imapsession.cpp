#include "imapsession.h"

#include "common/durablefile.h"
#include "delivery/messagepipeline.h"
#include "imapfetch.h"
#include "imapsearch.h"
#include "searchtextcache.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/expungejob.h"
#include "store/folderjobs.h"
#include "store/mailboxname.h"
#include "store/mailstorage.h"
#include "store/messageflags.h"
#include "store/messagestore.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QTimeZone>
#include <QTimerEvent>

#include <algorithm>

namespace fumibako
{

namespace
{

// FETCH answers up to this size (all messages together) are read on the I/O thread.
constexpr qint64 kInlineFetchBytes = 256 * 1024;

const QStringList kSystemFlags = {QStringLiteral("\\Answered"), QStringLiteral("\\Flagged"),
                                  QStringLiteral("\\Deleted"), QStringLiteral("\\Seen"),
                                  QStringLiteral("\\Draft")};

// "1:3,7" from ascending numbers: runs joined, as ESEARCH ALL, VANISHED and MODIFIED want.
QByteArray sequenceSetText(const QList<qint64> &numbers)
{
    QByteArrayList runs;
    for (qsizetype i = 0; i < numbers.size();) {
        qsizetype j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1)
            ++j;
        runs << (j == i ? QByteArray::number(numbers[i])
                        : QByteArray::number(numbers[i]) + ':' + QByteArray::number(numbers[j]));
        i = j + 1;
    }
    return runs.join(',');
}

// A flag from the wire: a system flag (normalised case) or a keyword atom. An
// unquoted NIL is the atom NIL here, a keyword, as Dovecot reads "STORE 1 +FLAGS
// NIL" (imaptest's nil group).
std::optional<QString> parseFlag(const ImapValue &value)
{
    if (value.type == ImapValue::Type::List)
        return std::nullopt;
    const QByteArray text =
        value.type == ImapValue::Type::Nil ? QByteArrayLiteral("NIL") : value.text;
    if (text.startsWith('\\')) {
        for (const QString &f : kSystemFlags)
            if (f.compare(QString::fromLatin1(text), Qt::CaseInsensitive) == 0)
                return f;
        return std::nullopt; // \Recent and unknown system flags cannot be stored
    }
    if (text.isEmpty() || text.size() > 100)
        return std::nullopt;
    for (char c : text)
        if (c <= ' ' || c >= 127 || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' ||
            c == '"' || c == '\\' || c == ']')
            return std::nullopt;
    return QString::fromLatin1(text);
}

// LIST patterns (RFC 3501 6.3.8): '*' matches anything, '%' anything but the separator.
bool matches(QStringView pattern, QStringView name)
{
    if (pattern.isEmpty())
        return name.isEmpty();
    const QChar p = pattern.front();
    if (p == QLatin1Char('*') || p == QLatin1Char('%')) {
        for (qsizetype i = 0; i <= name.size(); ++i) {
            if (matches(pattern.mid(1), name.mid(i)))
                return true;
            if (i < name.size() && p == QLatin1Char('%') && name[i] == QLatin1Char('/'))
                return false;
        }
        return false;
    }
    return !name.isEmpty() && name.front() == p && matches(pattern.mid(1), name.mid(1));
}

// COPY and APPEND to a mailbox that is not there (RFC 3501 6.3.11, 6.4.7).
const QByteArray kTryCreate = "NO [TRYCREATE] Mailbox does not exist.";

// RFC 3501 6.2.2 and RFC 5530's response codes, worded as Dovecot does.
const AuthTexts kAuthTexts = {
    .unknownMechanism = {"NO Unsupported authentication mechanism.", false},
    .aborted = {"BAD Authentication aborted."},
    .badEncoding = {"BAD Invalid base64 data."},
    .badMessage = {"NO [AUTHENTICATIONFAILED] Invalid PLAIN message.", false},
    .lockedOut = {"NO [UNAVAILABLE] Too many authentication failures; try again later.", false},
    .tempFail = {"NO [UNAVAILABLE] Temporary authentication failure.", false},
    .failed = {"NO [AUTHENTICATIONFAILED] Authentication failed."},
    .logLockedOut = QStringLiteral("IMAP login refused: locked out after repeated failures"),
    .logFailed = QStringLiteral("IMAP login failed"),
};

} // namespace

ImapSession::ImapSession(ImapConfig config, Authenticator *auth, MailStorage *storage,
                         MessagePipeline *pipeline, EventLog *log, QSslConfiguration tls,
                         SessionLimits limits, ConnectionLimiter *limiter, QObject *parent)
    : Session(std::move(tls), config.implicitTls, limits, limiter, parent), m_config(config),
      m_sasl(auth, log->sink(LogEntry::Kind::AuthFailure), this, m_config.authFailureDelayMs,
             kAuthTexts,
             {.challenge = [this](const QByteArray &base64) { send("+ " + base64 + "\r\n"); },
              .reply =
                  [this](const AuthReply &r) {
                      tagged(m_authTag, r.text);
                      if (r.protocolError)
                          protocolError();
                  },
              .accepted =
                  [this](const Account &account) {
                      loggedIn(account);
                      return true;
                  },
              .setPaused = [this](bool on) { on ? pause() : resume(); },
              .peer =
                  [this]() {
                      return AuthPeer{peerAddress().toString(), peerText()};
                  }}),
      m_storage(storage), m_pipeline(pipeline), m_log(log)
{
    ImapCommandParser::Limits l;
    l.maxAppendLiteral = config.maxMessageSize;
    m_parser.setLimits(l);
}

ImapSession::~ImapSession()
{
    releaseUserSession();
    if (m_subscription)
        m_storage->events().unsubscribe(m_subscription);
}

void ImapSession::releaseUserSession()
{
    if (!m_userSessionKey.isEmpty() && m_config.userSessions)
        m_config.userSessions->release(std::exchange(m_userSessionKey, {}));
}

QByteArray ImapSession::refusal(ConnectionLimiter::Verdict) const
{
    return "* BYE Too many connections\r\n";
}
QByteArray ImapSession::timeoutReply() const
{
    return "* BYE Disconnected for inactivity.\r\n";
}
QByteArray ImapSession::tooManyErrorsReply() const
{
    return "* BYE Too many invalid commands.\r\n";
}

void ImapSession::greet()
{
    untagged("OK [CAPABILITY " + capabilities() + "] Fumibako ready.");
}

void ImapSession::drain()
{
    if (!paused() && !m_closing) {
        untagged("BYE Server shutting down.");
        closeAfterFlush();
    }
}

void ImapSession::untagged(const QByteArray &text)
{
    send("* " + text + "\r\n");
}
void ImapSession::tagged(const QByteArray &tag, const QByteArray &text)
{
    send(tag + ' ' + text + "\r\n");
}

void ImapSession::bad(const QByteArray &tag, const QByteArray &text)
{
    tagged(tag, "BAD " + text);
    protocolError();
}

bool ImapSession::credentialsAllowed() const
{
    return isTls() || (m_config.allowPlaintextAuthOnLoopback && peerIsLoopback());
}

QByteArray ImapSession::capabilities() const
{
    QByteArray caps = "IMAP4rev1 SASL-IR LITERAL+ ID ENABLE IDLE";
    if (m_state == State::NotAuthenticated) {
        if (!isTls() && !m_config.implicitTls)
            caps += " STARTTLS";
        if (!credentialsAllowed())
            caps += " LOGINDISABLED";
        else
            for (const QByteArray &mechanism : SaslExchange::mechanisms())
                caps += " AUTH=" + mechanism;
    } else {
        caps += " UIDPLUS MOVE NAMESPACE SPECIAL-USE UNSELECT CHILDREN";
        caps += " QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE ESEARCH LIST-EXTENDED LIST-STATUS "
                "CONDSTORE QRESYNC";
    }
    return caps;
}

QString ImapSession::maildirRoot() const
{
    return m_storage->maildirRoot(m_account.maildir);
}

QString ImapSession::messageFile(const Message &m) const
{
    return maildirRoot() + QLatin1Char('/') + m.path;
}

QByteArray ImapSession::flagList(const Message &m) const
{
    QByteArray out = '(' + m.flags.join(QLatin1Char(' ')).toUtf8();
    if (m.recent)
        out += m.flags.isEmpty() ? "\\Recent" : " \\Recent";
    return out + ')';
}

bool ImapSession::addKeywords(const QStringList &flags)
{
    bool added = false;
    for (const QString &f : flags)
        if (!f.startsWith(QLatin1Char('\\')) && !MessageFlags::has(m_keywords, f)) {
            m_keywords << f;
            added = true;
        }
    return added;
}

void ImapSession::announceKeywords(const QStringList &flags)
{
    if (addKeywords(flags))
        sendFlagsAndPermanentFlags();
}

void ImapSession::sendFlagsAndPermanentFlags()
{
    // Keywords are created on first use (the "\\*"), and each is announced before a
    // FETCH shows it, as Dovecot does: a client keeps its flag list from FLAGS.
    const QByteArray keywords =
        m_keywords.isEmpty() ? QByteArray() : ' ' + m_keywords.join(QLatin1Char(' ')).toUtf8();
    untagged("FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft" + keywords + ')');
    untagged(m_readOnly ? QByteArray("OK [PERMANENTFLAGS ()] Read-only mailbox.")
                        : "OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft" +
                              keywords + " \\*)] Flags permitted.");
}

int ImapSession::takeRecent(qsizetype from)
{
    if (from >= m_messages.size())
        return 0;
    MailboxEvents *events = &m_storage->events();
    const Mailbox &mb = m_mailbox;
    qint64 first = 0;
    if (m_readOnly) {
        first = events->firstUnclaimed(mb.id, mb.uidValidity, mb.firstRecentUid);
    } else {
        first = events->claimRecent(mb.id, mb.uidValidity, mb.firstRecentUid, mb.uidNext);
        if (first < mb.uidNext) {
            // Kept in the store only so that a restart does not make them recent again;
            // losing this write (a crash) does no more than that.
            const qint64 id = mb.id, validity = mb.uidValidity, upTo = mb.uidNext;
            m_storage->commit(std::make_shared<SqlJob>(
                                  [id, validity, upTo](const Database &db) {
                                      return MailboxStore(db).setFirstRecentUid(id, validity, upTo);
                                  },
                                  SqlJob::Durability::Unsynced),
                              this, [](Result<void>) {});
        }
    }
    int recent = 0;
    for (qsizetype i = from; i < m_messages.size(); ++i) {
        m_messages[i].recent = m_messages[i].uid >= first;
        recent += m_messages[i].recent ? 1 : 0;
    }
    return recent;
}

void ImapSession::process()
{
    while (!paused() && !m_closing && !writeBacklogged()) {
        if (!m_idleTag.isEmpty() || m_sasl.inExchange()) {
            QByteArray line;
            const LineStatus status = takeLine(&line);
            if (status == LineStatus::NeedMore)
                return;
            if (!m_idleTag.isEmpty()) {
                const QByteArray tag = std::exchange(m_idleTag, {});
                if (m_idleCheckTimer)
                    killTimer(std::exchange(m_idleCheckTimer, 0));
                if (status == LineStatus::Complete && line.trimmed().toUpper() == "DONE") {
                    sync(true);
                    tagged(tag, "OK Idle completed.");
                } else {
                    bad(tag, "Expected DONE.");
                }
                continue;
            }
            m_sasl.respond(status == LineStatus::Complete ? line : QByteArray("*"));
            continue;
        }
        const auto status = m_parser.feed(m_in);
        switch (status) {
        case ImapCommandParser::Status::NeedMore:
            return;
        case ImapCommandParser::Status::NeedContinuation:
            send("+ Ready for literal data\r\n");
            continue;
        case ImapCommandParser::Status::Error:
            tagged(m_parser.errorTag(), m_parser.errorResponse());
            if (m_parser.errorIsFatal()) {
                untagged("BYE Input can no longer be understood.");
                return closeAfterFlush();
            }
            protocolError();
            continue;
        case ImapCommandParser::Status::Complete:
            handle(m_parser.take());
            continue;
        }
    }
}

void ImapSession::handle(ImapCommand cmd)
{
    const QByteArray &tag = cmd.tag;
    const QByteArray &name = cmd.name;
    // Any state (RFC 3501 6.1)
    if (name == "CAPABILITY") {
        untagged("CAPABILITY " + capabilities());
        return tagged(tag, "OK Capability completed.");
    }
    if (name == "NOOP" || name == "CHECK") {
        if (m_state == State::Selected)
            sync(true);
        return tagged(tag, "OK " + name + " completed.");
    }
    if (name == "LOGOUT") {
        releaseUserSession(); // before the reply: the client may log in again at once
        untagged("BYE Logging out.");
        tagged(tag, "OK Logout completed.");
        m_state = State::Logout;
        return closeAfterFlush();
    }
    if (name == "ID") {
        // RFC 2971: we say who we are; nothing of the client's is kept.
        untagged("ID (\"name\" \"Fumibako\" \"version\" \"" FUMIBAKO_VERSION "\")");
        return tagged(tag, "OK ID completed.");
    }
    if (m_state == State::NotAuthenticated) {
        if (name == "STARTTLS") {
            if (isTls() || m_config.implicitTls)
                return bad(tag, "TLS is already active.");
            tagged(tag, "OK Begin TLS negotiation now.");
            m_parser.reset();
            return startTls(); // drops anything pipelined behind STARTTLS (RFC 3501 6.2.1)
        }
        if (name == "LOGIN")
            return onLogin(cmd);
        if (name == "AUTHENTICATE")
            return onAuthenticate(cmd);
        return bad(tag, "Command not valid before authentication.");
    }
    if (name == "STARTTLS" || name == "LOGIN" || name == "AUTHENTICATE")
        return bad(tag, "Already authenticated.");
    if (name == "ENABLE")
        return onEnable(cmd);
    if (name == "NAMESPACE") {
        untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return tagged(tag, "OK Namespace completed.");
    }
    if (name == "LIST" || name == "LSUB")
        return onList(cmd, name == "LSUB");
    if (name == "CREATE")
        return onCreate(cmd);
    if (name == "DELETE")
        return onDelete(cmd);
    if (name == "RENAME")
        return onRename(cmd);
    if (name == "SUBSCRIBE" || name == "UNSUBSCRIBE")
        return onSubscribe(cmd, name == "SUBSCRIBE");
    if (name == "STATUS")
        return onStatus(cmd);
    if (name == "SELECT" || name == "EXAMINE")
        return onSelect(cmd, name == "EXAMINE");
    if (name == "APPEND")
        return onAppend(cmd);
    if (name == "IDLE")
        return onIdle(tag);
    if (name == "GETQUOTAROOT" || name == "GETQUOTA" || name == "SETQUOTA")
        return onQuota(cmd);
    if (m_state != State::Selected)
        return bad(tag, "No mailbox selected.");
    bool byUid = false;
    QByteArray verb = name;
    QList<ImapValue> args = cmd.args;
    if (name == "UID") {
        if (args.isEmpty() || args.first().type != ImapValue::Type::Atom)
            return bad(tag, "UID needs a command.");
        byUid = true;
        verb = args.takeFirst().text.toUpper();
    }
    if (verb == "FETCH")
        return onFetch(tag, args, byUid);
    if (verb == "STORE")
        return onStore(tag, args, byUid);
    if (verb == "SEARCH")
        return onSearch(tag, args, byUid);
    if (verb == "COPY" || verb == "MOVE")
        return onCopy(tag, args, byUid, verb == "MOVE");
    if (verb == "EXPUNGE")
        return onExpunge(tag, args, byUid);
    if (!byUid && verb == "CLOSE")
        return onClose(tag, true);
    if (!byUid && verb == "UNSELECT")
        return onClose(tag, false);
    bad(tag, "Unknown command.");
}

// ---- authentication ------------------------------------------------------

void ImapSession::onLogin(const ImapCommand &cmd)
{
    if (!credentialsAllowed())
        return tagged(cmd.tag,
                      "NO [PRIVACYREQUIRED] LOGIN is disabled until TLS is active (STARTTLS).");
    if (cmd.args.size() != 2 || cmd.args[0].type == ImapValue::Type::List ||
        cmd.args[1].type == ImapValue::Type::List)
        return bad(cmd.tag, "LOGIN needs a user name and a password.");
    m_authTag = cmd.tag;
    m_sasl.verify(cmd.args[0].text, cmd.args[1].text);
}

void ImapSession::onAuthenticate(const ImapCommand &cmd)
{
    if (!credentialsAllowed())
        return tagged(
            cmd.tag,
            "NO [PRIVACYREQUIRED] Authentication is disabled until TLS is active (STARTTLS).");
    if (cmd.args.isEmpty() || cmd.args[0].type != ImapValue::Type::Atom)
        return bad(cmd.tag, "AUTHENTICATE needs a mechanism.");
    m_authTag = cmd.tag;
    // SASL-IR (RFC 4959): the initial response may come with the command.
    m_sasl.start(cmd.args[0].text,
                 cmd.args.size() >= 2 ? std::optional(cmd.args[1].text) : std::nullopt);
}

void ImapSession::loggedIn(const Account &account)
{
    const QString peer = peerText();
    const QString key = account.address + QLatin1Char('|') + peerAddress().toString();
    if (m_config.userSessions &&
        !m_config.userSessions->tryAcquire(key, m_config.maxSessionsPerUserAddress)) {
        m_log->add(LogEntry::Kind::ImapLogin, account.address, peer,
                   QStringLiteral(
                       "IMAP login refused: too many sessions for this account from this address"));
        return tagged(m_authTag,
                      "NO [LIMIT] Too many IMAP sessions for this account from your address.");
    }
    m_userSessionKey = key;
    m_account = account;
    m_state = State::Authenticated;
    LogEntry login;
    login.kind = LogEntry::Kind::ImapLogin;
    login.address = m_account.address;
    login.peer = peer;
    login.text = QStringLiteral("IMAP login");
    login.result = QStringLiteral("login");
    m_log->add(std::move(login));
    tagged(m_authTag, "OK [CAPABILITY " + capabilities() + "] Logged in.");
}

// ---- mailboxes -----------------------------------------------------------

std::optional<QString> ImapSession::mailboxName(const ImapValue &v, QByteArray *error)
{
    if (v.type == ImapValue::Type::List || v.type == ImapValue::Type::Nil) {
        *error = "BAD Invalid mailbox name.";
        return std::nullopt;
    }
    const QString name = decodeMailboxName(v.text);
    if (name.isNull()) {
        // No mailbox can have such a name: NO, as Dovecot answers (imaptest's atoms group).
        *error = "NO [CANNOT] Invalid modified UTF-7 in mailbox name.";
        return std::nullopt;
    }
    return name;
}

template <typename T>
void ImapSession::readThen(const QByteArray &tag, std::function<Result<T>(const Database &)> read,
                           std::function<void(T &)> then, const QByteArray &notFound)
{
    pause();
    m_storage->read<T>(this, std::move(read),
                       [this, tag, then = std::move(then), notFound](Result<T> r) {
                           // Reading resumes before `then` runs: it may pause again (a
                           // commit), and resume() only queues the next read.
                           resume();
                           if (m_closing)
                               return;
                           if (!r)
                               return tagged(tag, r.error().kind == Error::Kind::NotFound
                                                      ? notFound
                                                      : "NO [UNAVAILABLE] Temporary failure.");
                           then(*r);
                       });
}

// LIST with the RFC 5258 extensions: selection options (SUBSCRIBED, SPECIAL-USE [RFC 6154],
// RECURSIVEMATCH, REMOTE), several patterns in a list, and return options (SUBSCRIBED,
// CHILDREN, SPECIAL-USE — always answered — and STATUS [RFC 5819], an untagged STATUS after
// each LIST line). LSUB is RFC 3501's.
void ImapSession::onList(const ImapCommand &cmd, bool lsub)
{
    const QList<ImapValue> &args = cmd.args;
    qsizetype pos = 0;
    bool selectSubscribed = false, selectSpecialUse = false, recursiveMatch = false;
    if (!lsub && !args.isEmpty() && args[0].type == ImapValue::Type::List) {
        for (const ImapValue &o : args[0].list) {
            const QByteArray option = o.text.toUpper();
            if (o.type != ImapValue::Type::Atom)
                return bad(cmd.tag, "Invalid LIST selection option.");
            if (option == "SUBSCRIBED")
                selectSubscribed = true;
            else if (option == "SPECIAL-USE")
                selectSpecialUse = true;
            else if (option == "RECURSIVEMATCH")
                recursiveMatch = true;
            else if (option != "REMOTE")
                return bad(cmd.tag, "Unknown LIST selection option.");
        }
        if (recursiveMatch && !selectSubscribed && !selectSpecialUse)
            return bad(cmd.tag, "RECURSIVEMATCH needs another selection option.");
        ++pos;
    }
    if (args.size() < pos + 2 || args[pos].type == ImapValue::Type::List)
        return bad(cmd.tag, "LIST needs a reference and a pattern.");
    const QString reference = decodeMailboxName(args[pos].text);
    QStringList patterns;
    const QList<ImapValue> patternValues = args[pos + 1].type == ImapValue::Type::List && !lsub
                                               ? args[pos + 1].list
                                               : QList<ImapValue>{args[pos + 1]};
    if (patternValues.isEmpty())
        return bad(cmd.tag, "LIST needs a pattern.");
    // A pattern or reference that is not modified UTF-7 matches no name: nothing is
    // listed for it, as Dovecot does, rather than a BAD (imaptest's atoms group).
    bool undecodable = reference.isNull();
    for (const ImapValue &v : patternValues) {
        if (v.type == ImapValue::Type::List)
            return bad(cmd.tag, "Invalid mailbox name.");
        const QString pattern = decodeMailboxName(v.text);
        if (pattern.isNull())
            undecodable = true;
        else
            patterns << pattern;
    }
    if (undecodable && (reference.isNull() || patterns.isEmpty()))
        patterns.clear();
    pos += 2;
    QByteArrayList statusItems;
    bool returnStatus = false;
    if (pos < args.size()) {
        if (lsub || args.size() != pos + 2 || args[pos].type != ImapValue::Type::Atom ||
            args[pos].text.toUpper() != "RETURN" || args[pos + 1].type != ImapValue::Type::List)
            return bad(cmd.tag, "Unexpected LIST arguments.");
        const QList<ImapValue> &options = args[pos + 1].list;
        for (qsizetype i = 0; i < options.size(); ++i) {
            const QByteArray option = options[i].text.toUpper();
            if (options[i].type != ImapValue::Type::Atom)
                return bad(cmd.tag, "Invalid LIST return option.");
            if (option == "STATUS") {
                if (i + 1 >= options.size() || options[i + 1].type != ImapValue::Type::List ||
                    options[i + 1].list.isEmpty())
                    return bad(cmd.tag, "STATUS needs a list of items.");
                for (const ImapValue &item : options[++i].list) {
                    const QByteArray k = item.text.toUpper();
                    static const QByteArrayList known = {"MESSAGES",     "RECENT", "UIDNEXT",
                                                         "UIDVALIDITY",  "UNSEEN", "SIZE",
                                                         "HIGHESTMODSEQ"};
                    if (item.type != ImapValue::Type::Atom || !known.contains(k))
                        return bad(cmd.tag, "Unknown STATUS item.");
                    statusItems << k;
                }
                returnStatus = true;
            } else if (option != "SUBSCRIBED" && option != "CHILDREN" && option != "SPECIAL-USE") {
                return bad(cmd.tag, "Unknown LIST return option.");
            }
        }
    }
    const QByteArray verb = lsub ? "LSUB" : "LIST";
    if (patterns.isEmpty()) // only undecodable ones
        return tagged(cmd.tag, "OK " + verb + " completed.");
    bool anyPattern = false;
    for (const QString &p : std::as_const(patterns))
        anyPattern = anyPattern || !p.isEmpty();
    if (!anyPattern) {
        untagged(verb + " (\\Noselect) \"/\" \"\"");
        return tagged(cmd.tag, "OK " + verb + " completed.");
    }
    // The names, matching and STATUS are worked out on a worker, from one snapshot.
    const qint64 account = m_account.id;
    const MailboxEvents *events = &m_storage->events();
    readThen<QByteArrayList>(
        cmd.tag,
        [account, events, lsub, selectSubscribed, selectSpecialUse, recursiveMatch, reference,
         patterns, returnStatus, statusItems, verb](const Database &db) -> Result<QByteArrayList> {
            MailboxStore store(db);
            auto boxes = store.list(account);
            if (!boxes)
                return boxes.error();
            auto subscriptions = store.subscriptions(account);
            if (!subscriptions)
                return subscriptions.error();
            QByteArrayList lines;
            QHash<QString, const Mailbox *> existing;
            for (const Mailbox &m : std::as_const(*boxes))
                existing.insert(m.name, &m);
            const QSet<QString> subscribed(subscriptions->cbegin(), subscriptions->cend());
            // The names to look at: the mailboxes, and where subscriptions count also the
            // subscribed names that no longer exist and their parents (which LSUB and
            // RECURSIVEMATCH may have to show for a subscribed child).
            QStringList names = existing.keys();
            if (lsub || selectSubscribed) {
                QSet<QString> known(names.cbegin(), names.cend());
                for (const QString &name : std::as_const(*subscriptions))
                    for (qsizetype cut = name.indexOf(QLatin1Char('/'));;
                         cut = name.indexOf(QLatin1Char('/'), cut + 1)) {
                        const QString level = cut < 0 ? name : name.left(cut);
                        if (!level.isEmpty() && !known.contains(level)) {
                            known.insert(level);
                            names << level;
                        }
                        if (cut < 0)
                            break;
                    }
            }
            std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
                const bool inboxA = a == QLatin1String("INBOX"),
                           inboxB = b == QLatin1String("INBOX");
                return inboxA != inboxB ? inboxA : a < b;
            });
            auto matched = [&](const QString &name) {
                for (const QString &pattern : std::as_const(patterns)) {
                    const QString full = reference + pattern;
                    const QString compare =
                        full.startsWith(QLatin1String("INBOX"), Qt::CaseInsensitive) &&
                                name == QLatin1String("INBOX")
                            ? QStringLiteral("INBOX") + full.mid(5)
                            : full;
                    if (!pattern.isEmpty() && matches(compare, name))
                        return true;
                }
                return false;
            };
            // LSUB selects the subscribed names (RFC 3501 6.3.9); LIST the mailboxes, narrowed
            // by the selection options, where (SUBSCRIBED) also selects a subscribed name whose
            // mailbox is gone (RFC 5258 3.1).
            auto selected = [&](const QString &name) {
                const Mailbox *m = existing.value(name);
                if (lsub)
                    return subscribed.contains(name);
                return (m || (selectSubscribed && subscribed.contains(name))) &&
                       (!selectSubscribed || subscribed.contains(name)) &&
                       (!selectSpecialUse || (m && !m->specialUse.isEmpty()));
            };
            for (const QString &name : std::as_const(names)) {
                if (!matched(name))
                    continue;
                const Mailbox *m = existing.value(name);
                const QString prefix = name + QLatin1Char('/');
                bool children = false;
                bool selectedChildUnmatched = false;
                for (const QString &other : std::as_const(names)) {
                    if (!other.startsWith(prefix))
                        continue;
                    children = children || existing.contains(other);
                    // A parent is shown for a selected child that the patterns do not show
                    // themselves: LSUB's \Noselect parent for "%" (RFC 3501 6.3.9), and
                    // RECURSIVEMATCH's CHILDINFO (RFC 5258 3.5). As Dovecot, never for a
                    // child that is listed anyway.
                    if ((lsub || recursiveMatch) && !selectedChildUnmatched && selected(other) &&
                        !matched(other))
                        selectedChildUnmatched = true;
                }
                const bool isSelected = selected(name);
                if (!isSelected && !selectedChildUnmatched)
                    continue;
                QByteArrayList attrs;
                if (lsub) {
                    if (!isSelected || !m)
                        attrs << "\\Noselect";
                } else if (!m) {
                    attrs << "\\NonExistent"; // implies \Noselect (RFC 5258 3.4)
                }
                attrs << (children ? "\\HasChildren" : "\\HasNoChildren");
                if (m && !m->specialUse.isEmpty())
                    attrs << m->specialUse.toLatin1();
                if (!lsub && subscribed.contains(name))
                    attrs << "\\Subscribed";
                QByteArray line = verb + " (" + attrs.join(' ') + ") \"/\" " +
                                  imapString(encodeMailboxName(name));
                if (!lsub && recursiveMatch && selectedChildUnmatched)
                    line += selectSubscribed ? " (\"CHILDINFO\" (\"SUBSCRIBED\"))"
                                             : " (\"CHILDINFO\" (\"SPECIAL-USE\"))";
                lines << line;
                if (returnStatus && m) {
                    auto status = statusResponse(db, *events, *m, statusItems);
                    if (!status)
                        return status.error();
                    lines << *status;
                }
            }
            return lines;
        },
        [this, tag = cmd.tag, verb](QByteArrayList &lines) {
            for (const QByteArray &line : std::as_const(lines))
                untagged(line);
            tagged(tag, "OK " + verb + " completed.");
        });
}

Result<QByteArray> ImapSession::statusResponse(const Database &db, const MailboxEvents &events,
                                               const Mailbox &mb, const QByteArrayList &items)
{
    qint64 unseen = 0, recent = 0;
    if (items.contains("UNSEEN")) {
        auto n = MessageStore(db).unseenCount(mb.id);
        if (!n)
            return n.error();
        unseen = *n;
    }
    if (items.contains("RECENT")) {
        // The messages no session has seen yet (RFC 3501 6.3.10); STATUS claims none.
        const qint64 first = events.firstUnclaimed(mb.id, mb.uidValidity, mb.firstRecentUid);
        auto n = MessageStore(db).countFromUid(mb.id, first);
        if (!n)
            return n.error();
        recent = *n;
    }
    QByteArrayList out;
    for (const QByteArray &k : items) {
        if (k == "MESSAGES")
            out << "MESSAGES " + QByteArray::number(mb.messages);
        else if (k == "RECENT")
            out << "RECENT " + QByteArray::number(recent);
        else if (k == "UIDNEXT")
            out << "UIDNEXT " + QByteArray::number(mb.uidNext);
        else if (k == "UIDVALIDITY")
            out << "UIDVALIDITY " + QByteArray::number(mb.uidValidity);
        else if (k == "UNSEEN")
            out << "UNSEEN " + QByteArray::number(unseen);
        else if (k == "SIZE")
            out << "SIZE " + QByteArray::number(mb.usedBytes);
        else if (k == "HIGHESTMODSEQ")
            out << "HIGHESTMODSEQ " + QByteArray::number(mb.highestModseq);
    }
    return "STATUS " + imapString(encodeMailboxName(mb.name)) + " (" + out.join(' ') + ')';
}

void ImapSession::onCreate(const ImapCommand &cmd)
{
    if (cmd.args.size() != 1 || cmd.args[0].type == ImapValue::Type::List)
        return bad(cmd.tag, "CREATE needs a mailbox name.");
    QString name = decodeMailboxName(cmd.args[0].text);
    if (name.isNull())
        return tagged(cmd.tag, "NO [CANNOT] Invalid modified UTF-7 in mailbox name.");
    while (name.endsWith(QLatin1Char('/')))
        name.chop(1); // RFC 3501 6.3.3: a trailing separator only declares intent
    if (const char *problem = mailboxNameProblem(name))
        return tagged(cmd.tag, QByteArray("NO [CANNOT] ") + problem);
    struct Plan {
        bool exists = false;
        qint64 folders = 0;
        QStringList toCreate; // the name and its missing parents, parents first
    };
    const qint64 account = m_account.id;
    readThen<Plan>(
        cmd.tag,
        [account, name](const Database &db) -> Result<Plan> {
            MailboxStore boxes(db);
            Plan plan;
            auto count = boxes.count(account);
            if (!count)
                return count.error();
            plan.folders = *count;
            // Parents come into being with the child (RFC 3501 6.3.3).
            const QStringList levels = name.split(QLatin1Char('/'));
            for (int i = 1; i <= levels.size(); ++i) {
                const QString partial = levels.mid(0, i).join(QLatin1Char('/'));
                auto found = boxes.find(account, partial);
                if (!found && found.error().kind != Error::Kind::NotFound)
                    return found.error();
                if (!found)
                    plan.toCreate << partial;
                else if (i == levels.size())
                    plan.exists = true;
            }
            return plan;
        },
        [this, tag = cmd.tag, name](Plan &plan) {
            if (plan.exists)
                return tagged(tag, "NO [ALREADYEXISTS] Mailbox already exists.");
            if (FolderRules::isReserved(name))
                return tagged(tag, "NO [CANNOT] This name is reserved by the system; neither "
                                   "it nor folders under it can be created.");
            const int builtIn = 1 + int(MailboxStore::defaultFolders().size());
            if (plan.folders - builtIn >= m_config.maxUserFolders)
                return tagged(tag, "NO [LIMIT] Too many folders: at most " +
                                       QByteArray::number(m_config.maxUserFolders) +
                                       " may be created.");
            runAfterCommit(
                tag, std::make_shared<CreateFoldersJob>(maildirRoot(), m_account.id, plan.toCreate),
                {}, "OK Create completed.");
        });
}

void ImapSession::onDelete(const ImapCommand &cmd)
{
    if (cmd.args.size() != 1)
        return bad(cmd.tag, "DELETE needs a mailbox name.");
    QByteArray error;
    const auto name = mailboxName(cmd.args[0], &error);
    if (!name)
        return tagged(cmd.tag, error);
    struct Plan {
        Mailbox mailbox;
        bool hasChildren = false;
        QList<qint64> ids; // its messages
        QStringList paths; // their files, within the Maildir
    };
    const qint64 account = m_account.id;
    readThen<Plan>(
        cmd.tag,
        [account, name = *name](const Database &db) -> Result<Plan> {
            MailboxStore boxes(db);
            auto mb = boxes.find(account, name);
            if (!mb)
                return mb.error();
            auto all = boxes.list(account);
            if (!all)
                return all.error();
            Plan plan{*mb, false, {}, {}};
            for (const Mailbox &m : std::as_const(*all))
                plan.hasChildren =
                    plan.hasChildren || m.name.startsWith(mb->name + QLatin1Char('/'));
            auto messages = MessageStore(db).list(mb->id);
            if (!messages)
                return messages.error();
            for (const StoredMessage &m : std::as_const(*messages)) {
                plan.ids << m.id;
                plan.paths << m.path;
            }
            return plan;
        },
        [this, tag = cmd.tag](Plan &plan) {
            const Mailbox &mb = plan.mailbox;
            if (mb.name == QLatin1String("INBOX") || !mb.specialUse.isEmpty())
                return tagged(tag, "NO [CANNOT] This is a system folder and cannot be deleted.");
            if (plan.hasChildren)
                return tagged(tag, "NO [INUSE] Delete the folders inside it first.");
            if (m_state == State::Selected && m_mailbox.id == mb.id)
                closeMailbox();
            QStringList files;
            for (const QString &path : std::as_const(plan.paths))
                files << maildirRoot() + QLatin1Char('/') + path;
            runAfterCommit(
                tag,
                std::make_shared<DeleteFolderJob>(
                    mb.id, maildirRoot() + QLatin1Char('/') + mb.directory, plan.ids, files),
                {}, "OK Delete completed.");
        });
}

void ImapSession::onRename(const ImapCommand &cmd)
{
    if (cmd.args.size() != 2)
        return bad(cmd.tag, "RENAME needs two mailbox names.");
    QByteArray error;
    const auto from = mailboxName(cmd.args[0], &error);
    if (!from)
        return tagged(cmd.tag, error);
    QString to = decodeMailboxName(cmd.args[1].text);
    if (to.isNull())
        return tagged(cmd.tag, "NO [CANNOT] Invalid modified UTF-7 in mailbox name.");
    while (to.endsWith(QLatin1Char('/')))
        to.chop(1);
    struct Plan {
        Mailbox mailbox;
        bool targetExists = false;
        QList<QPair<qint64, QString>> renames; // the mailbox and those inside it
    };
    const qint64 account = m_account.id;
    readThen<Plan>(
        cmd.tag,
        [account, from = *from, to](const Database &db) -> Result<Plan> {
            MailboxStore boxes(db);
            auto mb = boxes.find(account, from);
            if (!mb)
                return mb.error();
            auto target = boxes.find(account, to);
            if (!target && target.error().kind != Error::Kind::NotFound)
                return target.error();
            auto all = boxes.list(account);
            if (!all)
                return all.error();
            Plan plan{*mb, bool(target), {}};
            for (const Mailbox &m : std::as_const(*all)) {
                if (m.id == mb->id)
                    plan.renames << qMakePair(m.id, to);
                else if (m.name.startsWith(mb->name + QLatin1Char('/')))
                    plan.renames << qMakePair(m.id, to + m.name.mid(mb->name.size()));
            }
            return plan;
        },
        [this, tag = cmd.tag, to](Plan &plan) {
            if (plan.mailbox.name == QLatin1String("INBOX") || !plan.mailbox.specialUse.isEmpty())
                return tagged(tag, "NO [CANNOT] System folders cannot be renamed.");
            if (const char *problem = mailboxNameProblem(to))
                return tagged(tag, QByteArray("NO [CANNOT] ") + problem);
            if (FolderRules::isReserved(to))
                return tagged(tag, "NO [CANNOT] This name is reserved by the system.");
            if (plan.targetExists)
                return tagged(tag, "NO [ALREADYEXISTS] Target mailbox already exists.");
            auto job = std::make_shared<SqlJob>(
                [renames = plan.renames](const Database &db) -> Result<void> {
                    for (const auto &[id, name] : renames)
                        if (auto r = MailboxStore(db).rename(id, name); !r)
                            return r;
                    return {};
                });
            runAfterCommit(tag, job, {}, "OK Rename completed.");
        });
}

void ImapSession::onSubscribe(const ImapCommand &cmd, bool subscribe)
{
    if (cmd.args.size() != 1 || cmd.args[0].type == ImapValue::Type::List)
        return bad(cmd.tag, "Mailbox name expected.");
    const qint64 account = m_account.id;
    auto commit = [this, tag = cmd.tag, account, subscribe](const QString &name) {
        runAfterCommit(tag,
                       std::make_shared<SqlJob>(
                           [account, name, subscribe](const Database &db) {
                               return MailboxStore(db).setSubscribed(account, name, subscribe);
                           },
                           SqlJob::Durability::Unsynced),
                       {}, subscribe ? "OK Subscribe completed." : "OK Unsubscribe completed.");
    };
    // SUBSCRIBE wants the mailbox to exist; UNSUBSCRIBE takes any name, so that a
    // subscription that outlived its mailbox can go too (RFC 3501 6.3.6, 6.3.7).
    if (subscribe) {
        QByteArray error;
        const auto name = mailboxName(cmd.args[0], &error);
        if (!name)
            return tagged(cmd.tag, error);
        return readThen<Mailbox>(
            cmd.tag,
            [account, name = *name](const Database &db) {
                return MailboxStore(db).find(account, name);
            },
            [commit](Mailbox &mb) { commit(mb.name); });
    }
    QString name = decodeMailboxName(cmd.args[0].text);
    if (name.isNull())
        return tagged(cmd.tag, "NO [CANNOT] Invalid modified UTF-7 in mailbox name.");
    if (name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        name = QStringLiteral("INBOX");
    commit(name);
}

void ImapSession::onStatus(const ImapCommand &cmd)
{
    if (cmd.args.size() != 2 || cmd.args[1].type != ImapValue::Type::List)
        return bad(cmd.tag, "STATUS needs a mailbox and a list of items.");
    QByteArray error;
    const auto name = mailboxName(cmd.args[0], &error);
    if (!name)
        return tagged(cmd.tag, error);
    QByteArrayList items;
    for (const ImapValue &item : cmd.args[1].list) {
        const QByteArray k = item.text.toUpper();
        static const QByteArrayList known = {"MESSAGES", "RECENT", "UIDNEXT",      "UIDVALIDITY",
                                             "UNSEEN",   "SIZE",   "HIGHESTMODSEQ"};
        if (!known.contains(k))
            return bad(cmd.tag, "Unknown STATUS item.");
        items << k;
    }
    const qint64 account = m_account.id;
    const MailboxEvents *events = &m_storage->events();
    readThen<QByteArray>(
        cmd.tag,
        [account, events, name = *name, items](const Database &db) -> Result<QByteArray> {
            auto mb = MailboxStore(db).find(account, name);
            if (!mb)
                return mb.error();
            return statusResponse(db, *events, *mb, items);
        },
        [this, tag = cmd.tag, items](QByteArray &status) {
            if (items.contains("HIGHESTMODSEQ"))
                enableCondstore();
            untagged(status);
            tagged(tag, "OK Status completed.");
        });
}

// RFC 9208: one quota root "" per account, with the limits the administrator set.
void ImapSession::onQuota(const ImapCommand &cmd)
{
    if (cmd.name == "SETQUOTA") {
        if (cmd.args.size() != 2 || cmd.args[1].type != ImapValue::Type::List)
            return bad(cmd.tag, "SETQUOTA needs a quota root and a list of limits.");
        return tagged(cmd.tag, "NO [NOPERM] Only the administrator sets quotas.");
    }
    if (cmd.args.size() != 1 || cmd.args[0].type == ImapValue::Type::List)
        return bad(cmd.tag, cmd.name + " needs one argument.");
    const bool root = cmd.name == "GETQUOTAROOT";
    QString name;
    if (root) {
        QByteArray error;
        const auto given = mailboxName(cmd.args[0], &error);
        if (!given)
            return tagged(cmd.tag, error);
        name = *given;
    } else if (!cmd.args[0].text.isEmpty()) {
        return tagged(cmd.tag, "NO [NONEXISTENT] No such quota root.");
    }
    struct Quota {
        QString mailbox; // GETQUOTAROOT's, as stored
        Account account; // limits may have changed since login: the administrator sets them
    };
    const qint64 account = m_account.id;
    readThen<Quota>(
        cmd.tag,
        [account, name, root](const Database &db) -> Result<Quota> {
            Quota q;
            if (root) {
                auto mb = MailboxStore(db).find(account, name);
                if (!mb)
                    return mb.error();
                q.mailbox = mb->name;
            }
            auto a = AccountStore(db).findById(account);
            if (!a)
                return a.error().kind == Error::Kind::NotFound
                           ? Error::temporary(a.error().message) // not the mailbox that is gone
                           : a.error();
            q.account = *a;
            return q;
        },
        [this, tag = cmd.tag, verb = cmd.name, root](Quota &q) {
            QByteArrayList resources;
            const Account &a = q.account;
            if (a.quotaBytes > 0)
                resources << "STORAGE " + QByteArray::number((a.usedBytes + 1023) / 1024) + ' ' +
                                 QByteArray::number(a.quotaBytes / 1024);
            if (a.quotaMessages > 0)
                resources << "MESSAGE " + QByteArray::number(a.usedMessages) + ' ' +
                                 QByteArray::number(a.quotaMessages);
            if (root)
                untagged("QUOTAROOT " + imapString(encodeMailboxName(q.mailbox)) + " \"\"");
            untagged("QUOTA \"\" (" + resources.join(' ') + ')');
            tagged(tag, "OK " + verb + " completed.");
        });
}

void ImapSession::closeMailbox()
{
    if (m_subscription)
        m_storage->events().unsubscribe(m_subscription);
    m_subscription = 0;
    m_messages.clear();
    m_mailbox = Mailbox();
    m_syncedModseq = 0;
    m_state = State::Authenticated;
}

std::optional<qint64> ImapSession::parseModseq(const ImapValue &v)
{
    // mod-sequence-value: 1*DIGIT, at most 2^63-1 (RFC 7162 7).
    if (v.type != ImapValue::Type::Atom || v.text.isEmpty() || v.text.size() > 19)
        return std::nullopt;
    for (char c : v.text)
        if (c < '0' || c > '9')
            return std::nullopt;
    bool ok = false;
    const qint64 n = v.text.toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

QByteArray ImapSession::highestModseqCode() const
{
    return "[HIGHESTMODSEQ " + QByteArray::number(m_mailbox.highestModseq) + ']';
}

void ImapSession::enableCondstore()
{
    if (m_condstore)
        return;
    m_condstore = true;
    // RFC 7162 3.1: a client that enables CONDSTORE with a mailbox open learns its HIGHESTMODSEQ.
    if (m_state == State::Selected)
        untagged("OK " + highestModseqCode() + " Highest mod-sequence.");
}

void ImapSession::onEnable(const ImapCommand &cmd)
{
    // RFC 5161: ENABLED lists what this command enabled; unknown names are ignored.
    if (cmd.args.isEmpty())
        return bad(cmd.tag, "ENABLE needs a capability name.");
    QByteArrayList enabled;
    for (const ImapValue &v : cmd.args) {
        const QByteArray name = v.text.toUpper();
        if (v.type != ImapValue::Type::Atom || enabled.contains(name))
            continue;
        if (name == "CONDSTORE" && !m_condstore) {
            enableCondstore();
            enabled << name;
        } else if (name == "QRESYNC" && !m_qresync) {
            m_qresync = true; // implies CONDSTORE (RFC 7162 3.2.3)
            enableCondstore();
            enabled << name;
        }
    }
    untagged("ENABLED" + (enabled.isEmpty() ? QByteArray() : ' ' + enabled.join(' ')));
    tagged(cmd.tag, "OK Enable completed.");
}

void ImapSession::onSelect(const ImapCommand &cmd, bool readOnly)
{
    if (cmd.args.isEmpty() || cmd.args.size() > 2 ||
        (cmd.args.size() == 2 && cmd.args[1].type != ImapValue::Type::List))
        return bad(cmd.tag, "SELECT needs a mailbox name and optional parameters.");
    // RFC 7162 3.1.8 and 3.2.5: (CONDSTORE) or (QRESYNC (uidvalidity modseq [known-uids
    // [seq-match-data]])).
    bool condstore = false;
    struct {
        bool asked = false;
        qint64 uidValidity = 0;
        qint64 modseq = 0;
        std::optional<QList<QPair<quint32, quint32>>> knownUids;
    } resync;
    const QList<ImapValue> params = cmd.args.size() == 2 ? cmd.args[1].list : QList<ImapValue>();
    for (qsizetype i = 0; i < params.size(); ++i) {
        const QByteArray name =
            params[i].type == ImapValue::Type::Atom ? params[i].text.toUpper() : QByteArray();
        if (name == "CONDSTORE") {
            condstore = true;
            continue;
        }
        if (name != "QRESYNC" || i + 1 >= params.size() ||
            params[i + 1].type != ImapValue::Type::List)
            return bad(cmd.tag, "Unknown SELECT parameter.");
        if (!m_qresync)
            return bad(cmd.tag, "QRESYNC must be enabled first (ENABLE QRESYNC).");
        const QList<ImapValue> q = params[++i].list;
        bool ok = q.size() >= 2 && q.size() <= 4 && q[0].type == ImapValue::Type::Atom;
        resync.asked = true;
        resync.uidValidity = ok ? q[0].text.toLongLong(&ok) : 0;
        const auto modseq = ok ? parseModseq(q[1]) : std::nullopt;
        if (!ok || !modseq || *modseq == 0 || resync.uidValidity <= 0)
            return bad(cmd.tag, "Invalid QRESYNC parameter.");
        resync.modseq = *modseq;
        if (q.size() >= 3) {
            resync.knownUids = q[2].type == ImapValue::Type::Atom
                                   ? parseSequenceSet(q[2].text, UINT32_MAX)
                                   : std::nullopt;
            if (!resync.knownUids || (q.size() == 4 && q[3].type != ImapValue::Type::List))
                return bad(cmd.tag, "Invalid QRESYNC parameter.");
        }
        // seq-match-data only helps a server that cannot tell which UIDs vanished. We
        // can, and beyond the history kept we answer every UID that is gone instead.
    }
    if (m_state == State::Selected) {
        closeMailbox();
        untagged("OK [CLOSED] Previous mailbox closed.");
    }
    QByteArray error;
    const auto name = mailboxName(cmd.args[0], &error);
    if (!name)
        return tagged(cmd.tag, error);
    // The mailbox, all of its messages, is read on a worker (a big one would
    // hold the I/O thread's other sessions); meanwhile the session reads no command.
    struct Read {
        quint64 generation = 0; // of MailboxEvents, before the snapshot, as in sync()
        MessageStore::Changes snapshot;
        QList<qint64> vanished; // QRESYNC: expunged since the client's modseq
    };
    const qint64 account = m_account.id;
    const MailboxEvents *events = &m_storage->events();
    const qint64 resyncModseq = resync.asked ? resync.modseq : 0;
    readThen<Read>(
        cmd.tag,
        [account, events, name = *name, resyncModseq](const Database &db) -> Result<Read> {
            auto mb = MailboxStore(db).find(account, name);
            if (!mb)
                return mb.error();
            Read read;
            read.generation = events->generation(mb->id);
            auto snapshot = MessageStore(db).snapshot(mb->id);
            if (!snapshot)
                return snapshot.error();
            read.snapshot = std::move(*snapshot);
            if (resyncModseq > 0)
                read.vanished = MessageStore(db).vanishedSince(mb->id, resyncModseq).value_or({});
            return read;
        },
        [this, tag = cmd.tag, readOnly, condstore, resync](Read &read) {
            const MessageStore::Changes &snapshot = read.snapshot;
            const qint64 mailboxId = snapshot.mailbox.id;
            m_syncedGeneration = read.generation;
            m_mailbox = snapshot.mailbox;
            m_syncedModseq = m_mailbox.highestModseq;
            m_messages.clear();
            m_messages.reserve(snapshot.changed.size());
            for (const StoredMessage &s : std::as_const(snapshot.changed))
                m_messages.append({s.id, s.uid, s.path, s.size, s.internalDate,
                                   MessageFlags::split(s.flags), s.modseq, false});
            m_readOnly = readOnly;
            m_state = State::Selected;
            m_dirty = false;
            const int recent = takeRecent(0);
            m_keywords.clear();
            for (const Message &m : std::as_const(m_messages))
                addKeywords(m.flags);
            if (condstore)
                m_condstore = true; // the HIGHESTMODSEQ below tells the rest
            m_subscription = m_storage->events().subscribe(mailboxId, this, [this]() {
                m_dirty = true;
                if (!m_idleTag.isEmpty())
                    sync(true); // IDLE: tell at once
            });
            qint64 firstUnseen = 0;
            for (int i = 0; i < m_messages.size() && !firstUnseen; ++i)
                if (!MessageFlags::has(m_messages[i].flags, QStringLiteral("\\Seen")))
                    firstUnseen = i + 1;
            sendFlagsAndPermanentFlags();
            untagged(QByteArray::number(m_messages.size()) + " EXISTS");
            untagged(QByteArray::number(recent) + " RECENT");
            if (firstUnseen)
                untagged("OK [UNSEEN " + QByteArray::number(firstUnseen) + "] First unseen.");
            untagged("OK [UIDVALIDITY " + QByteArray::number(m_mailbox.uidValidity) +
                     "] UIDs valid.");
            untagged("OK [UIDNEXT " + QByteArray::number(m_mailbox.uidNext) +
                     "] Predicted next UID.");
            // RFC 7162 3.1.2.1: we keep mod-sequences, so every SELECT tells the highest.
            untagged("OK " + highestModseqCode() + " Highest mod-sequence.");
            if (resync.asked && resync.uidValidity == m_mailbox.uidValidity) {
                // RFC 7162 3.2.5.1: what vanished and what changed since the client's modseq.
                QList<qint64> uids;
                for (qint64 uid : std::as_const(read.vanished))
                    if (!resync.knownUids ||
                        std::any_of(resync.knownUids->cbegin(), resync.knownUids->cend(),
                                    [uid](const auto &r) {
                                        return quint32(uid) >= r.first && quint32(uid) <= r.second;
                                    }))
                        uids << uid;
                if (!uids.isEmpty())
                    untagged("VANISHED (EARLIER) " + sequenceSetText(uids));
                for (int i = 0; i < m_messages.size(); ++i)
                    if (m_messages[i].modseq > resync.modseq)
                        untagged(flagsResponse(i, true, true));
            }
            tagged(tag, readOnly ? "OK [READ-ONLY] Examine completed."
                                 : "OK [READ-WRITE] Select completed.");
        });
}

int ImapSession::indexOfUid(qint64 uid) const
{
    auto it = std::lower_bound(m_messages.cbegin(), m_messages.cend(), uid,
                               [](const Message &m, qint64 u) { return m.uid < u; });
    return it != m_messages.cend() && it->uid == uid ? int(it - m_messages.cbegin()) : -1;
}

QByteArray ImapSession::flagsResponse(int index, bool withUid, bool withFlags)
{
    const Message &m = m_messages[index];
    QByteArrayList parts;
    if (withUid)
        parts << "UID " + QByteArray::number(m.uid);
    if (withFlags) {
        announceKeywords(m.flags);
        parts << "FLAGS " + flagList(m);
    }
    if (m_condstore)
        parts << "MODSEQ (" + QByteArray::number(m.modseq) + ')';
    return QByteArray::number(index + 1) + " FETCH (" + parts.join(' ') + ')';
}

void ImapSession::announceExpunged(const QList<int> &indexes)
{
    if (indexes.isEmpty())
        return;
    if (m_qresync) {
        QList<qint64> uids;
        for (int i : indexes)
            uids << m_messages[i].uid;
        untagged("VANISHED " + sequenceSetText(uids));
    } else {
        // From the highest sequence number down, so the numbers stay right as they are sent.
        for (qsizetype k = indexes.size() - 1; k >= 0; --k)
            untagged(QByteArray::number(indexes[k] + 1) + " EXPUNGE");
    }
    QList<Message> kept;
    kept.reserve(m_messages.size() - indexes.size());
    qsizetype k = 0;
    for (int i = 0; i < m_messages.size(); ++i) {
        if (k < indexes.size() && indexes[k] == i) {
            ++k;
            continue;
        }
        kept << std::move(m_messages[i]);
    }
    m_messages = std::move(kept);
}

void ImapSession::syncIfAnnounced()
{
    if (m_state == State::Selected &&
        m_storage->events().generation(m_mailbox.id) != m_syncedGeneration)
        sync(true);
}

void ImapSession::sync(bool allowExpunge)
{
    if (m_state != State::Selected)
        return;
    m_dirty = false;
    m_syncedGeneration = m_storage->events().generation(
        m_mailbox.id); // before reading: a later change is seen next time
    auto changes = m_storage->readNow<MessageStore::Changes>(
        [id = m_mailbox.id, modseq = m_syncedModseq](const Database &db) {
            return MessageStore(db).changesSince(id, modseq);
        });
    if (!changes)
        return;
    m_mailbox = changes->mailbox;
    m_syncedModseq = m_mailbox.highestModseq;
    for (qint64 uid : std::as_const(changes->vanished))
        if (const int i = indexOfUid(uid); i >= 0)
            m_messages[i].gone = true;
    if (allowExpunge) {
        QList<int> gone;
        for (int i = 0; i < m_messages.size(); ++i)
            if (m_messages[i].gone)
                gone << i;
        announceExpunged(gone);
    }
    const qint64 lastUid = m_messages.isEmpty() ? 0 : m_messages.last().uid;
    const qsizetype before = m_messages.size();
    for (const StoredMessage &s : std::as_const(changes->changed)) {
        if (s.uid > lastUid) { // UIDs are given in commit order, so anything above ours is new
            m_messages.append({s.id, s.uid, s.path, s.size, s.internalDate,
                               MessageFlags::split(s.flags), s.modseq, false});
            continue;
        }
        const int i = indexOfUid(s.uid);
        if (i < 0 || m_messages[i].gone || s.modseq <= m_messages[i].modseq)
            continue;
        Message &m = m_messages[i];
        const QStringList flags = MessageFlags::split(s.flags);
        const bool differ = flags != m.flags;
        m.flags = flags;
        m.modseq = s.modseq;
        // Flag changes by others (RFC 3501 7.4.2); with CONDSTORE also a new modseq alone.
        if (differ || m_condstore)
            untagged(flagsResponse(i, true, true));
    }
    if (m_messages.size() != before) {
        const int recent = takeRecent(before);
        untagged(QByteArray::number(m_messages.size()) + " EXISTS");
        if (recent > 0) {
            int all = 0;
            for (const Message &m : std::as_const(m_messages))
                all += m.recent ? 1 : 0;
            untagged(QByteArray::number(all) + " RECENT"); // RFC 3501 7.3.2: the new total
        }
    }
}

QList<int> ImapSession::resolve(const ImapValue &set, bool byUid, bool *ok) const
{
    QList<int> out;
    *ok = false;
    if (set.type != ImapValue::Type::Atom)
        return out;
    const quint32 star = byUid ? quint32(m_messages.isEmpty() ? 0 : m_messages.last().uid)
                               : quint32(m_messages.size());
    auto ranges = parseSequenceSet(set.text, star);
    if (!ranges)
        return out;
    *ok = true;
    if (byUid) {
        // RFC 3501 6.4.8: "*" in a UID range is the highest UID, and a range
        // matching nothing is not an error.
        for (int i = 0; i < m_messages.size(); ++i) {
            const quint32 uid = quint32(m_messages[i].uid);
            for (const auto &r : *ranges)
                if (uid >= r.first && uid <= r.second) {
                    out << i;
                    break;
                }
        }
        return out;
    }
    QSet<int> seen;
    for (const auto &r : *ranges) {
        if (r.first < 1 || r.second > quint32(m_messages.size())) {
            *ok = false;
            return {};
        }
        for (quint32 n = r.first; n <= r.second; ++n)
            if (!seen.contains(int(n) - 1)) {
                seen.insert(int(n) - 1);
                out << int(n) - 1;
            }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---- messages ------------------------------------------------------------

void ImapSession::onFetch(const QByteArray &tag, const QList<ImapValue> &args, bool byUid)
{
    if (args.size() < 2 || args.size() > 3)
        return bad(tag, "FETCH needs a sequence set and items.");
    bool ok = false;
    QList<int> indexes = resolve(args[0], byUid, &ok);
    if (!ok)
        return bad(tag, "Invalid sequence set.");
    auto request = parseFetchItems(args[1]);
    if (!request)
        return bad(tag, "Invalid or unsupported fetch attribute.");
    // RFC 7162 3.1.4 and 3.2.6: (CHANGEDSINCE modseq [VANISHED]).
    qint64 changedSince = -1;
    bool vanished = false;
    if (args.size() == 3) {
        const QList<ImapValue> modifiers =
            args[2].type == ImapValue::Type::List ? args[2].list : QList<ImapValue>{args[2]};
        for (qsizetype k = 0; k < modifiers.size(); ++k) {
            const QByteArray name = modifiers[k].text.toUpper();
            if (args[2].type == ImapValue::Type::List && name == "CHANGEDSINCE" &&
                k + 1 < modifiers.size()) {
                const auto modseq = parseModseq(modifiers[++k]);
                if (!modseq)
                    return bad(tag, "Invalid CHANGEDSINCE mod-sequence.");
                changedSince = *modseq;
            } else if (args[2].type == ImapValue::Type::List && name == "VANISHED") {
                vanished = true;
            } else {
                return bad(tag, "Unknown FETCH modifier.");
            }
        }
        if (vanished && (!byUid || changedSince < 0 || !m_qresync))
            return bad(tag, "VANISHED needs UID FETCH, CHANGEDSINCE and QRESYNC enabled.");
    }
    const bool wantsModseq =
        std::any_of(request->items.cbegin(), request->items.cend(),
                    [](const FetchItem &i) { return i.kind == FetchItem::Kind::Modseq; });
    if (changedSince >= 0 || wantsModseq)
        enableCondstore();
    if (changedSince >= 0) {
        indexes.removeIf([&](int i) { return m_messages[i].modseq <= changedSince; });
        // RFC 7162 3.1.4.1: these responses carry UID and MODSEQ whatever was asked.
        auto item = [](FetchItem::Kind kind) {
            FetchItem i;
            i.kind = kind;
            return i;
        };
        if (!wantsModseq)
            request->items << item(FetchItem::Kind::Modseq);
        if (!request->wantsUid) {
            request->items.prepend(item(FetchItem::Kind::Uid));
            request->wantsUid = true;
        }
    }
    if (vanished) {
        // UIDs in the set that were expunged after CHANGEDSINCE; "*" reaches every UID ever given.
        const auto ranges = parseSequenceSet(args[0].text, quint32(m_mailbox.uidNext - 1));
        QList<qint64> uids;
        const auto gone = m_storage->readNow<QList<qint64>>(
            [id = m_mailbox.id, changedSince](const Database &db) {
                return MessageStore(db).vanishedSince(id, changedSince);
            });
        for (qint64 uid : gone.value_or({}))
            if (ranges && std::any_of(ranges->cbegin(), ranges->cend(), [uid](const auto &r) {
                    return quint32(uid) >= r.first && quint32(uid) <= r.second;
                }))
                uids << uid;
        if (!uids.isEmpty())
            untagged("VANISHED (EARLIER) " + sequenceSetText(uids));
    }
    struct State {
        QByteArray tag;
        bool byUid = false;
        FetchRequest request;
        QList<int> indexes;
        qsizetype next = 0;       // indexes[next] is the next message to answer
        QList<qint64> seenIds;    // messages this FETCH marks \Seen
        qsizetype nextToRead = 0; // indexes[nextToRead] is the next for a worker to read
    };
    auto st = std::make_shared<State>(State{tag, byUid, *request, indexes, 0, {}, 0});
    auto fromFile = readsMessageFile;
    // One FETCH response; `values` answer the items that need the message file, in order.
    auto respond = [this, fromFile](State &s, int i, const QByteArrayList &values) {
        if (i >= m_messages.size())
            return; // cannot happen while paused (no command runs); never index out of range
        Message &m = m_messages[i];
        announceKeywords(m.flags);
        QByteArrayList parts;
        if (s.byUid && !s.request.wantsUid)
            parts << "UID " + QByteArray::number(m.uid);
        // RFC 3501 6.4.5: BODY[...] (not .PEEK) sets \Seen. It is set before the items are
        // answered, so that a FLAGS item in the same response already has it (7.4.2).
        bool addFlags = false;
        if (s.request.setsSeen && !m_readOnly &&
            !MessageFlags::has(m.flags, QStringLiteral("\\Seen"))) {
            m.flags << QStringLiteral("\\Seen");
            s.seenIds << m.id;
            addFlags = true;
        }
        qsizetype v = 0;
        for (const FetchItem &item : s.request.items) {
            switch (item.kind) {
            case FetchItem::Kind::Uid:
                parts << "UID " + QByteArray::number(m.uid);
                break;
            case FetchItem::Kind::Flags:
                parts << "FLAGS " + flagList(m);
                break;
            case FetchItem::Kind::InternalDate:
                parts << "INTERNALDATE " + imapDateTime(m.internalDate);
                break;
            case FetchItem::Kind::Size:
                parts << "RFC822.SIZE " + QByteArray::number(m.size);
                break;
            case FetchItem::Kind::Modseq:
                parts << "MODSEQ (" + QByteArray::number(m.modseq) + ')';
                break;
            default:
                if (fromFile(item))
                    parts << values.value(v++);
                break;
            }
        }
        if (addFlags && !parts.contains("FLAGS " + flagList(m)))
            parts << "FLAGS " + flagList(m);
        // One buffer of the final size: a message body is copied once more here,
        // not once per concatenation.
        qsizetype size = 32;
        for (const QByteArray &p : std::as_const(parts))
            size += p.size() + 1;
        QByteArray line;
        line.reserve(size);
        line.append("* ").append(QByteArray::number(i + 1)).append(" FETCH (");
        for (qsizetype k = 0; k < parts.size(); ++k)
            line.append(k ? " " : "").append(parts[k]);
        line.append(")\r\n");
        send(line);
    };
    auto finish = [this](const std::shared_ptr<State> &s, bool wasPaused) {
        if (s->seenIds.isEmpty()) {
            if (s->byUid)
                syncIfAnnounced();
            tagged(s->tag, "OK Fetch completed.");
            if (wasPaused)
                resume();
            return;
        }
        // The new modseq reaches a CONDSTORE client through the next sync's FETCH.
        const qint64 mailbox = m_mailbox.id;
        const auto ids = s->seenIds;
        runAfterCommit(s->tag,
                       std::make_shared<SqlJob>(
                           [mailbox, ids](const Database &db) -> Result<void> {
                               auto r = MessageStore(db).storeFlags(
                                   mailbox, ids, MessageFlags::Op::Add, {QStringLiteral("\\Seen")});
                               return r ? Result<void>() : Result<void>(r.error());
                           },
                           SqlJob::Durability::Unsynced),
                       {}, "OK Fetch completed."); // resumes when committed
    };
    if (indexes.isEmpty() ||
        std::none_of(request->items.cbegin(), request->items.cend(), fromFile)) {
        for (int i : indexes)
            respond(*st, i, {});
        return finish(st, false);
    }
    // A few small messages are answered at once, as POP3 does: a worker round
    // trip would cost more than reading them, and they must not wait in line
    // behind a large SEARCH.
    qint64 total = 0;
    for (int i : std::as_const(indexes))
        total += m_messages[i].size;
    if (total <= kInlineFetchBytes) {
        for (int i : std::as_const(indexes))
            respond(
                *st, i,
                fetchFileValues(messageFile(m_messages[i]), request->items, m_messages[i].size));
        return finish(st, false);
    }
    // Larger answers are read and parsed on a worker (runOnWorker), some messages
    // at a time; the session takes no command until the last answer is out. The
    // worker reads the next batch while this thread sends the one before (one
    // batch ahead at most), and waits for a slow reader before reading more.
    pause();
    auto step = [this, respond, finish, fromFile](auto self, std::shared_ptr<State> s) -> void {
        struct File {
            int index;
            QString path;
            qint64 size;
        };
        QList<File> files;
        qint64 bytes = 0;
        for (; s->nextToRead < s->indexes.size() && files.size() < 256 && bytes < 4 * 1024 * 1024;
             ++s->nextToRead) {
            const Message &m = m_messages[s->indexes[s->nextToRead]];
            files << File{s->indexes[s->nextToRead], messageFile(m), m.size};
            bytes += m.size;
        }
        const QList<FetchItem> items = s->request.items;
        runOnWorker(
            this,
            [this, self, respond, finish, fromFile, s, files, items]() -> std::function<void()> {
                QList<QByteArrayList> answers;
                answers.reserve(files.size());
                for (const File &f : files)
                    answers << fetchFileValues(f.path, items, f.size);
                return [this, self, respond, finish, s, answers]() {
                    const bool more = s->nextToRead < s->indexes.size();
                    const bool readAhead = more && !writeBacklogged();
                    if (readAhead)
                        self(self, s);
                    for (const QByteArrayList &values : answers)
                        respond(*s, s->indexes[s->next++], values);
                    if (s->next >= s->indexes.size())
                        return finish(s, true);
                    if (readAhead)
                        return;
                    whenWritable([self, s] { self(self, s); });
                };
            });
    };
    step(step, st);
}

void ImapSession::onStore(const QByteArray &tag, const QList<ImapValue> &argsIn, bool byUid)
{
    QList<ImapValue> args = argsIn;
    // RFC 7162 3.1.3: STORE set (UNCHANGEDSINCE modseq) item flags
    qint64 unchangedSince = -1;
    if (args.size() >= 2 && args[1].type == ImapValue::Type::List) {
        const QList<ImapValue> modifiers = args.takeAt(1).list;
        const auto modseq = modifiers.size() == 2 && modifiers[0].text.toUpper() == "UNCHANGEDSINCE"
                                ? parseModseq(modifiers[1])
                                : std::nullopt;
        if (!modseq)
            return bad(tag, "Unknown STORE modifier.");
        unchangedSince = *modseq;
    }
    if (args.size() < 3)
        return bad(tag, "STORE needs a sequence set, an item and flags.");
    if (m_readOnly)
        return tagged(tag, "NO [READ-ONLY] Mailbox is read-only.");
    bool ok = false;
    const QList<int> indexes = resolve(args[0], byUid, &ok);
    if (!ok)
        return bad(tag, "Invalid sequence set.");
    QByteArray item = args[1].text.toUpper();
    const bool silent = item.endsWith(".SILENT");
    if (silent)
        item.chop(7);
    if (item != "FLAGS" && item != "+FLAGS" && item != "-FLAGS")
        return bad(tag, "Unknown STORE item.");
    const MessageFlags::Op op = item == "FLAGS"    ? MessageFlags::Op::Replace
                                : item == "+FLAGS" ? MessageFlags::Op::Add
                                                   : MessageFlags::Op::Remove;
    QStringList given;
    QList<ImapValue> flagValues =
        args[2].type == ImapValue::Type::List ? args[2].list : args.mid(2);
    for (const ImapValue &v : flagValues) {
        auto f = parseFlag(v);
        if (!f)
            return bad(tag, "Invalid flag.");
        if (!MessageFlags::has(given, *f))
            given << *f;
    }
    if (unchangedSince >= 0)
        enableCondstore();
    // The operation runs on the stored flags inside the write transaction, so
    // two sessions storing at once never undo each other; the answers are
    // built from what was committed.
    QList<qint64> ids;
    for (int i : indexes)
        ids << m_messages[i].id;
    auto results = std::make_shared<QList<MessageStore::FlagResult>>();
    const qint64 mailbox = m_mailbox.id;
    auto job = std::make_shared<SqlJob>(
        [mailbox, ids, op, given, unchangedSince, results](const Database &db) -> Result<void> {
            auto r = MessageStore(db).storeFlags(mailbox, ids, op, given, unchangedSince);
            if (!r)
                return r.error();
            *results = *r;
            return {};
        },
        SqlJob::Durability::Unsynced); // STORE is not among the replies that promise stable storage
    auto answer = [this, indexes, results, silent, byUid](QByteArray &okText) {
        QHash<qint64, int> indexById;
        for (int i : indexes)
            if (i < m_messages.size())
                indexById.insert(m_messages[i].id, i);
        QList<qint64> modified;
        for (const MessageStore::FlagResult &r : std::as_const(*results)) {
            const int i = indexById.value(r.id, -1);
            if (i < 0)
                continue;
            Message &m = m_messages[i];
            if (r.modified) {
                modified << (byUid ? m.uid : i + 1);
                continue;
            }
            const bool changed = r.modseq != m.modseq;
            m.flags = MessageFlags::split(r.flags);
            m.modseq = r.modseq;
            // RFC 7162 3.1.3: .SILENT still reports the new modseq to a CONDSTORE client.
            if (!silent || (m_condstore && changed))
                untagged(flagsResponse(i, byUid || m_condstore, !silent));
        }
        if (!modified.isEmpty()) {
            std::sort(modified.begin(), modified.end());
            okText = "OK [MODIFIED " + sequenceSetText(modified) + "] Conditional STORE failed.";
        }
    };
    runAfterCommit(tag, job, answer, "OK Store completed.");
}

// RFC 4731 3: the requested results in the order MIN MAX COUNT ALL; with no match only COUNT 0.
// ALL is a sequence set with runs joined ("1:3,7").
QByteArray ImapSession::esearchResponse(const QByteArray &tag, bool byUid,
                                        const QByteArrayList &returns, const QByteArrayList &hits,
                                        qint64 modseq)
{
    QList<qint64> numbers;
    for (const QByteArray &h : hits)
        numbers << h.toLongLong();
    std::sort(numbers.begin(), numbers.end());
    QByteArray out = "ESEARCH (TAG " + imapString(tag) + ')';
    if (byUid)
        out += " UID";
    for (const char *option : {"MIN", "MAX", "COUNT", "ALL"}) {
        if (!returns.contains(option) || (numbers.isEmpty() && qstrcmp(option, "COUNT") != 0))
            continue;
        out += ' ' + QByteArray(option) + ' ';
        if (qstrcmp(option, "MIN") == 0) {
            out += QByteArray::number(numbers.first());
        } else if (qstrcmp(option, "MAX") == 0) {
            out += QByteArray::number(numbers.last());
        } else if (qstrcmp(option, "COUNT") == 0) {
            out += QByteArray::number(numbers.size());
        } else {
            out += sequenceSetText(numbers);
        }
    }
    if (modseq > 0 && !numbers.isEmpty())
        out += " MODSEQ " + QByteArray::number(modseq); // RFC 7162 3.1.5
    return out;
}

void ImapSession::onSearch(const QByteArray &tag, const QList<ImapValue> &argsIn, bool byUid)
{
    QList<ImapValue> args = argsIn;
    // RFC 4731: SEARCH RETURN (MIN MAX COUNT ALL) answers one ESEARCH; RETURN () means ALL.
    bool extended = false;
    QByteArrayList returns;
    if (args.size() >= 2 && args[0].type == ImapValue::Type::Atom &&
        args[0].text.toUpper() == "RETURN" && args[1].type == ImapValue::Type::List) {
        extended = true;
        for (const ImapValue &o : args[1].list) {
            const QByteArray option = o.text.toUpper();
            if (o.type != ImapValue::Type::Atom ||
                (option != "MIN" && option != "MAX" && option != "COUNT" && option != "ALL"))
                return bad(tag, "Unknown SEARCH RETURN option.");
            if (!returns.contains(option))
                returns << option;
        }
        if (returns.isEmpty())
            returns << "ALL";
        args = args.mid(2);
    }
    if (args.size() >= 2 && args[0].text.toUpper() == "CHARSET") {
        const QByteArray cs = args[1].text.toUpper();
        if (cs != "UTF-8" && cs != "US-ASCII")
            return tagged(tag, "NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset.");
        args = args.mid(2);
    }
    if (args.isEmpty())
        return bad(tag, "SEARCH needs criteria.");
    const auto search =
        ImapSearch::compile(args, quint32(m_messages.size()),
                            quint32(m_messages.isEmpty() ? 0 : m_messages.last().uid));
    if (!search)
        return bad(tag, "Invalid search criteria.");
    struct Outcome {
        QByteArrayList hits;      // ascending
        QList<qint64> hitModseqs; // of each hit, for a MODSEQ key (RFC 7162 3.1.5)
        qint64 highestModseq = 0; // of the hits
    };
    // Uses only what it captured by value: keys that read message files make it run
    // on a worker (runOnWorker); the others are answered here at once.
    auto evaluate = [messages = m_messages, root = maildirRoot(), search = *search, byUid,
                     cache = m_config.searchCache, mailbox = m_mailbox.id,
                     validity = m_mailbox.uidValidity]() -> Outcome {
        Outcome out;
        // Criteria that read no text (answered on the I/O thread) need no cache.
        SearchTextCache::Search texts(search.readsText() ? cache.get() : nullptr, mailbox,
                                      validity);
        for (int i = 0; i < messages.size(); ++i) {
            const Message &m = messages[i];
            MessageSearchText text(texts, m.uid, m.path, root);
            if (search.matches({quint32(i + 1), m.uid, m.size, m.internalDate, m.modseq, &m.flags,
                                &text, m.recent})) {
                out.hits << QByteArray::number(byUid ? m.uid : i + 1);
                out.hitModseqs << m.modseq;
                out.highestModseq = std::max(out.highestModseq, m.modseq);
            }
        }
        return out;
    };
    auto answer = [this, tag, byUid, extended, returns,
                   usesModseq = search->usesModseq()](const Outcome &outcome) {
        qint64 modseq = usesModseq ? outcome.highestModseq : 0;
        // RFC 7162 3.1.5: with MIN and/or MAX alone the MODSEQ is that of the
        // message(s) returned, not of every hit.
        if (modseq && extended && !returns.contains("ALL") && !returns.contains("COUNT")) {
            modseq = 0;
            if (returns.contains("MIN"))
                modseq = outcome.hitModseqs.first();
            if (returns.contains("MAX"))
                modseq = std::max(modseq, outcome.hitModseqs.last());
        }
        if (usesModseq)
            enableCondstore();
        if (extended)
            untagged(esearchResponse(tag, byUid, returns, outcome.hits, modseq));
        else if (outcome.hits.isEmpty())
            untagged("SEARCH");
        else
            untagged("SEARCH " + outcome.hits.join(' ') +
                     (modseq ? " (MODSEQ " + QByteArray::number(modseq) + ')' : QByteArray()));
        if (byUid)
            syncIfAnnounced();
        tagged(tag, "OK Search completed.");
    };
    if (!search->readsText())
        return answer(evaluate());
    pause();
    runOnWorker(this, [this, evaluate, answer]() -> std::function<void()> {
        const Outcome outcome = evaluate();
        return [this, outcome, answer]() {
            answer(outcome);
            resume();
        };
    });
}

void ImapSession::onCopy(const QByteArray &tag, const QList<ImapValue> &args, bool byUid, bool move)
{
    if (args.size() != 2)
        return bad(tag, "COPY needs a sequence set and a mailbox.");
    if (move && m_readOnly)
        return tagged(tag, "NO [READ-ONLY] Mailbox is read-only.");
    bool ok = false;
    const QList<int> indexes = resolve(args[0], byUid, &ok);
    if (!ok)
        return bad(tag, "Invalid sequence set.");
    QByteArray error;
    const auto name = mailboxName(args[1], &error);
    if (!name)
        return tagged(tag, error);
    // m_messages stays as it is while the session waits: only commands sync it.
    readThen<SaveTarget>(
        tag, saveTarget(m_account.id, *name),
        [this, tag, indexes, move](SaveTarget &target) { copyTo(tag, indexes, move, target); },
        kTryCreate);
}

void ImapSession::copyTo(const QByteArray &tag, const QList<int> &indexes, bool move,
                         const SaveTarget &target)
{
    if (indexes.isEmpty())
        return tagged(tag, "OK Nothing to copy.");
    QList<std::shared_ptr<StoreJob>> jobs;
    QList<std::shared_ptr<DeliveryJob>> copies;
    QList<qint64> sourceUids, expungeIds;
    QStringList expungeFiles;
    for (int i : indexes) {
        const Message &m = m_messages[i];
        auto content = readMessageFile(messageFile(m), m.size);
        if (!content)
            return tagged(tag, "NO [SERVERBUG] A message could not be read.");
        auto job = std::make_shared<DeliveryJob>(
            saveRequest(target, std::move(*content), m.flags, m.internalDate));
        copies << job;
        jobs << job;
        sourceUids << m.uid;
        expungeIds << m.id;
        expungeFiles << messageFile(m);
    }
    if (move)
        jobs << std::make_shared<ExpungeJob>(expungeIds, expungeFiles);
    const qint64 validity = target.mailbox.uidValidity;
    auto done = [this, copies, sourceUids, validity, tag, move, indexes,
                 target = target.mailbox.id](Result<void> r) {
        if (!r) {
            if (r.error().kind == Error::Kind::OverQuota || r.error().kind == Error::Kind::TooBig)
                tagged(tag, "NO [OVERQUOTA] Quota exceeded.");
            else
                tagged(tag, "NO [SERVERBUG] The copy could not be saved.");
            return resume();
        }
        QByteArrayList src, dst;
        for (int k = 0; k < copies.size(); ++k) {
            src << QByteArray::number(sourceUids[k]);
            dst << QByteArray::number(copies[k]->assignedUids().value(0));
        }
        const QByteArray copyUid = "[COPYUID " + QByteArray::number(validity) + ' ' +
                                   src.join(',') + ' ' + dst.join(',') + "] ";
        if (move) {
            // RFC 6851 3.3: COPYUID comes in an untagged OK before the EXPUNGEs.
            untagged("OK " + copyUid + "Moved UIDs.");
            announceExpunged(indexes);
        }
        // Into the selected mailbox itself: its new messages are told at once (EXISTS,
        // RECENT), as Dovecot does (imaptest's move group).
        if (m_state == State::Selected && m_mailbox.id == target)
            sync(true);
        tagged(tag, move ? QByteArray("OK Move completed.") : "OK " + copyUid + "Copy completed.");
        resume();
    };
    pause();
    m_storage->commit(std::make_shared<CompositeJob>(jobs), this, done);
}

void ImapSession::onExpunge(const QByteArray &tag, const QList<ImapValue> &args, bool byUid)
{
    if (m_readOnly)
        return tagged(tag, "NO [READ-ONLY] Mailbox is read-only.");
    QList<int> limit;
    bool restricted = false;
    if (byUid) {
        if (args.size() != 1)
            return bad(tag, "UID EXPUNGE needs a UID set.");
        bool ok = false;
        limit = resolve(args[0], true, &ok);
        if (!ok)
            return bad(tag, "Invalid UID set.");
        restricted = true;
    }
    QList<int> indexes;
    QList<qint64> ids;
    QStringList files;
    for (int i = 0; i < m_messages.size(); ++i) {
        if (!MessageFlags::has(m_messages[i].flags, QStringLiteral("\\Deleted")) ||
            (restricted && !limit.contains(i)))
            continue;
        indexes << i;
        ids << m_messages[i].id;
        files << messageFile(m_messages[i]);
    }
    if (ids.isEmpty()) {
        sync(true);
        return tagged(tag, "OK Expunge completed.");
    }
    runAfterCommit(
        tag, std::make_shared<ExpungeJob>(ids, files),
        [this, indexes](QByteArray &okText) {
            announceExpunged(indexes);
            if (m_qresync) {
                // RFC 7162 3.2.7: the tagged OK carries the mailbox's new HIGHESTMODSEQ.
                sync(true);
                okText = "OK " + highestModseqCode() + " Expunge completed.";
            }
        },
        "OK Expunge completed.");
}

void ImapSession::onClose(const QByteArray &tag, bool expunge)
{
    if (!expunge || m_readOnly) {
        closeMailbox();
        return tagged(tag, "OK Close completed.");
    }
    // CLOSE expunges silently (RFC 3501 6.4.2).
    QList<qint64> ids;
    QStringList files;
    for (const Message &m : std::as_const(m_messages))
        if (MessageFlags::has(m.flags, QStringLiteral("\\Deleted"))) {
            ids << m.id;
            files << messageFile(m);
        }
    closeMailbox();
    if (ids.isEmpty())
        return tagged(tag, "OK Close completed.");
    runAfterCommit(tag, std::make_shared<ExpungeJob>(ids, files), {}, "OK Close completed.");
}

void ImapSession::onAppend(const ImapCommand &cmd)
{
    // APPEND mailbox [(flags)] [date-time] literal (RFC 3501 6.3.11)
    if (cmd.args.size() < 2 || cmd.args.last().type != ImapValue::Type::String)
        return bad(cmd.tag, "APPEND needs a mailbox and a message literal.");
    QByteArray error;
    const auto name = mailboxName(cmd.args[0], &error);
    if (!name)
        return tagged(cmd.tag, error);
    QStringList flags;
    qint64 date = 0;
    for (int i = 1; i + 1 < cmd.args.size(); ++i) {
        const ImapValue &v = cmd.args[i];
        if (v.type == ImapValue::Type::List) {
            for (const ImapValue &f : v.list) {
                auto flag = parseFlag(f);
                if (!flag)
                    return bad(cmd.tag, "Invalid flag.");
                flags << *flag;
            }
        } else if (v.type == ImapValue::Type::String) {
            const QDateTime t =
                QLocale::c().toDateTime(QString::fromLatin1(v.text).left(20).trimmed(),
                                        QStringLiteral("d-MMM-yyyy HH:mm:ss"));
            if (!t.isValid())
                return bad(cmd.tag, "Invalid date-time.");
            const QString zone = QString::fromLatin1(v.text).mid(21).trimmed();
            bool okZone = false;
            const int z = zone.toInt(&okZone);
            QDateTime utc = t;
            utc.setTimeZone(QTimeZone(okZone ? (z / 100 * 3600 + (z % 100) * 60) : 0));
            date = utc.toSecsSinceEpoch();
        } else {
            return bad(cmd.tag, "Invalid APPEND arguments.");
        }
    }
    const QByteArray &message = cmd.args.last().text;
    if (message.size() > m_config.maxMessageSize)
        return tagged(cmd.tag, "NO [TOOBIG] Message too large.");
    readThen<SaveTarget>(
        cmd.tag, saveTarget(m_account.id, *name),
        [this, tag = cmd.tag, message, flags, date](SaveTarget &target) {
            append(tag, target, message, flags, date);
        },
        kTryCreate);
}

void ImapSession::append(const QByteArray &tag, const SaveTarget &target, const QByteArray &message,
                         const QStringList &flags, qint64 date)
{
    // A new message, so it passes the pipeline like one received by SMTP.
    Envelope envelope;
    envelope.source = Envelope::Source::Append;
    envelope.sender = m_account.address;
    envelope.recipients = {m_account.address};
    envelope.authUser = m_account.address;
    envelope.peer = peerText();
    const qint64 validity = target.mailbox.uidValidity;
    pause();
    m_pipeline->submit(
        std::move(envelope), saveRequest(target, message, flags, date), this,
        [this, tag, validity](PipelineOutcome o) {
            using K = PipelineOutcome::Kind;
            switch (o.kind) {
            case K::Delivered:
                if (m_state == State::Selected)
                    syncIfAnnounced();
                tagged(tag, "OK [APPENDUID " + QByteArray::number(validity) + ' ' +
                                QByteArray::number(o.delivery.uids.value(0)) +
                                "] Append completed.");
                break;
            case K::Rejected:
                tagged(tag, "NO [CANNOT] " + o.verdict.text);
                break;
            case K::Deferred:
            case K::Quarantined: // held, not appended: the client must not think it is there
                tagged(tag, "NO [UNAVAILABLE] " + (o.verdict.text.isEmpty()
                                                       ? QByteArray("Try again later.")
                                                       : o.verdict.text));
                break;
            case K::Failed:
                if (o.error.kind == Error::Kind::OverQuota || o.error.kind == Error::Kind::TooBig)
                    tagged(tag, "NO [OVERQUOTA] Quota exceeded.");
                else
                    tagged(tag, "NO [SERVERBUG] The message could not be saved.");
                break;
            }
            resume();
        });
}

void ImapSession::onIdle(const QByteArray &tag)
{
    // RFC 2177: report changes as they happen until DONE.
    m_idleTag = tag;
    send("+ idling\r\n");
    if (m_state == State::Selected && m_dirty)
        sync(true);
    // The store announces what this server writes; a change made by another
    // process on the data dir (fumibakoctl, the console's own connection) is
    // found by looking now and then. Coarse: thousands of idle sessions need
    // not wake in step.
    if (m_state == State::Selected && m_config.idleCheckIntervalMs > 0)
        m_idleCheckTimer = startTimer(m_config.idleCheckIntervalMs, Qt::VeryCoarseTimer);
}

void ImapSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_idleCheckTimer)
        return Session::timerEvent(event);
    if (!m_idleTag.isEmpty() && m_state == State::Selected)
        sync(true);
}

std::function<Result<ImapSession::SaveTarget>(const Database &)>
ImapSession::saveTarget(qint64 accountId, const QString &name)
{
    return [accountId, name](const Database &db) -> Result<SaveTarget> {
        auto mb = MailboxStore(db).find(accountId, name);
        if (!mb)
            return mb.error();
        auto account = AccountStore(db).findById(accountId);
        if (!account) // the mailbox is there: not NotFound, whatever it was
            return Error::temporary(account.error().message);
        return SaveTarget{*mb, *account};
    };
}

DeliveryRequest ImapSession::saveRequest(const SaveTarget &target, QByteArray message,
                                         const QStringList &flags, qint64 internalDate) const
{
    // APPEND and COPY store a message as given: no Return-Path/Delivered-To.
    DeliveryRequest r;
    r.message = std::move(message);
    r.envelopeHeaders = false;
    r.internalDate = internalDate;
    LocalTarget t;
    t.accountId = m_account.id;
    t.mailboxId = target.mailbox.id;
    t.maildir = maildirRoot();
    t.directory = target.mailbox.directory;
    t.flags = flags.join(QLatin1Char(' '));
    t.quotaBytes = target.account.quotaBytes;
    t.quotaMessages = target.account.quotaMessages;
    r.local = {t};
    return r;
}

void ImapSession::runAfterCommit(const QByteArray &tag, std::shared_ptr<StoreJob> job,
                                 std::function<void(QByteArray &okText)> onSuccess,
                                 const QByteArray &okText)
{
    pause();
    m_storage->commit(std::move(job), this, [this, tag, onSuccess, okText](Result<void> r) {
        if (r) {
            QByteArray text = okText;
            if (onSuccess)
                onSuccess(text);
            tagged(tag, text);
        } else if (r.error().kind == Error::Kind::Exists) {
            tagged(tag, "NO [ALREADYEXISTS] Mailbox already exists.");
        } else {
            tagged(tag, "NO [SERVERBUG] The change could not be saved.");
        }
        resume();
    });
}

} // namespace fumibako
