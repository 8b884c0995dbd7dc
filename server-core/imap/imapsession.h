// ImapSession: one IMAP4rev1 conversation (RFC 3501) with the extensions
// today's clients use — IDLE, UIDPLUS, MOVE, NAMESPACE, SPECIAL-USE,
// LITERAL+, ENABLE, ID, UNSELECT, CHILDREN, SASL-IR, QUOTA (RFC 9208),
// ESEARCH (RFC 4731), LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819) and
// CONDSTORE/QRESYNC (RFC 7162). Commands come from
// ImapCommandParser; changes go to the StoreWriter and are answered only
// once committed; other sessions' changes arrive through MailboxEvents and
// are reported as untagged EXISTS / EXPUNGE / FETCH where RFC 3501 7.4.1
// allows. Before authentication the session holds no mailbox.
#pragma once

#include "auth/sessionauth.h"
#include "common/account.h"
#include "delivery/deliveryjob.h"
#include "imapcommandparser.h"
#include "net/session.h"
#include "store/mailboxevents.h"
#include "store/mailboxstore.h"

namespace fumibako
{

class Database;
class EventLog;
class MailStorage;
class MessagePipeline;
class SearchTextCache;
struct FetchRequest;

struct ImapConfig {
    bool implicitTls = false;
    bool allowPlaintextAuthOnLoopback = false;
    int authFailureDelayMs = 2000;
    qint64 maxMessageSize = 20 * 1024 * 1024;
    int maxUserFolders = 295; // the reference service's limit
    int maxSessionsPerUserAddress = 10;
    KeyedCounter *userSessions = nullptr;
    std::shared_ptr<SearchTextCache> searchCache; // shared by all sessions; may be null
    // While in IDLE, how often to look for changes nobody announced: those made
    // by another process on the same data dir (Dovecot's
    // mailbox_idle_check_interval). 0: only announced changes.
    int idleCheckIntervalMs = 30 * 1000;
};

class ImapSession : public Session
{
    Q_OBJECT
public:
    // `pipeline` takes APPENDed messages; everything else is read from and
    // committed to `storage`.
    ImapSession(ImapConfig config, Authenticator *auth, MailStorage *storage,
                MessagePipeline *pipeline, EventLog *log, QSslConfiguration tls,
                SessionLimits limits, ConnectionLimiter *limiter, QObject *parent);
    ~ImapSession() override;

    void drain() override;

    // Names no user may create, nor create folders under (reference FAQ).

protected:
    void timerEvent(QTimerEvent *event) override;
    void greet() override;
    void process() override;
    QByteArray refusal(ConnectionLimiter::Verdict verdict) const override;
    QByteArray timeoutReply() const override;
    QByteArray tooManyErrorsReply() const override;

private:
    enum class State { NotAuthenticated, Authenticated, Selected, Logout };
    struct Message {
        qint64 id = 0;
        qint64 uid = 0;
        QString path;
        qint64 size = 0;
        qint64 internalDate = 0;
        QStringList flags;
        qint64 modseq = 0;
        bool gone = false;   // expunged elsewhere, not yet announced
        bool recent = false; // \Recent in this session (RFC 3501 2.3.2); see takeRecent()
    };

    void untagged(const QByteArray &text);
    void tagged(const QByteArray &tag, const QByteArray &text);
    void bad(const QByteArray &tag, const QByteArray &text);
    void handle(ImapCommand cmd);
    QByteArray capabilities() const;
    bool credentialsAllowed() const;

    // Not authenticated
    void onLogin(const ImapCommand &cmd);
    void onAuthenticate(const ImapCommand &cmd);
    void loggedIn(const Account &account); // unless over the per-user session limit
    // Authenticated
    void onList(const ImapCommand &cmd, bool lsub);
    void onCreate(const ImapCommand &cmd);
    void onDelete(const ImapCommand &cmd);
    void onRename(const ImapCommand &cmd);
    void onSubscribe(const ImapCommand &cmd, bool subscribe);
    void onStatus(const ImapCommand &cmd);
    // "STATUS name (item value ...)" (RFC 3501 7.2.4), read on a worker.
    static Result<QByteArray> statusResponse(const Database &db, const MailboxEvents &events,
                                             const Mailbox &mb, const QByteArrayList &items);
    void onSelect(const ImapCommand &cmd, bool readOnly);
    void onAppend(const ImapCommand &cmd);
    void onQuota(const ImapCommand &cmd);
    // Selected
    void onFetch(const QByteArray &tag, const QList<ImapValue> &args, bool byUid);
    void onStore(const QByteArray &tag, const QList<ImapValue> &args, bool byUid);
    void onSearch(const QByteArray &tag, const QList<ImapValue> &args, bool byUid);
    static QByteArray esearchResponse(const QByteArray &tag, bool byUid,
                                      const QByteArrayList &returns, const QByteArrayList &hits,
                                      qint64 modseq);
    void onCopy(const QByteArray &tag, const QList<ImapValue> &args, bool byUid, bool move);
    // Where APPEND and COPY put messages: the mailbox, and the account with its
    // quotas as they are now (the administrator may have changed them since login).
    struct SaveTarget {
        Mailbox mailbox;
        Account account;
    };
    static std::function<Result<SaveTarget>(const Database &)> saveTarget(qint64 accountId,
                                                                          const QString &name);
    void copyTo(const QByteArray &tag, const QList<int> &indexes, bool move,
                const SaveTarget &target);
    void append(const QByteArray &tag, const SaveTarget &target, const QByteArray &message,
                const QStringList &flags, qint64 date);
    void onExpunge(const QByteArray &tag, const QList<ImapValue> &args, bool byUid);
    void onClose(const QByteArray &tag, bool expunge);
    void onIdle(const QByteArray &tag);
    void onEnable(const ImapCommand &cmd);
    void enableCondstore();

    void closeMailbox();
    DeliveryRequest saveRequest(const SaveTarget &target, QByteArray message,
                                const QStringList &flags, qint64 internalDate) const;
    void releaseUserSession();
    // Catches up with changes committed since the last sync (by mod-sequence)
    // and reports them; EXPUNGE / VANISHED only if allowed.
    void sync(bool allowExpunge);
    // The same after a UID command (RFC 3501 7.4.1 allows the untagged replies
    // there), but only when a change to the mailbox was announced since; NOOP
    // and IDLE always look, which also covers writes made outside the
    // StoreWriter.
    void syncIfAnnounced();
    // Removes the messages at `indexes` (ascending) and says so: EXPUNGE, or
    // VANISHED once QRESYNC is enabled (RFC 7162 3.2.10.2).
    void announceExpunged(const QList<int> &indexes);
    int indexOfUid(qint64 uid) const;
    // "n FETCH (UID u [FLAGS (..)] MODSEQ (m))" after a flag change.
    QByteArray flagsResponse(int index, bool withUid, bool withFlags);
    QByteArray highestModseqCode() const;
    static std::optional<qint64> parseModseq(const ImapValue &v);
    QList<int> resolve(const ImapValue &set, bool byUid, bool *ok) const; // indexes into m_messages
    // The mailbox name an argument gives, or nullopt with the reply in `error`.
    static std::optional<QString> mailboxName(const ImapValue &v, QByteArray *error);
    // Runs `read` off the I/O thread (MailStorage::read) while the session
    // reads no command, then `then` with its value; a failed read answers the
    // command itself, with `notFound` when the mailbox does not exist.
    template <typename T>
    void readThen(const QByteArray &tag, std::function<Result<T>(const Database &)> read,
                  std::function<void(T &)> then,
                  const QByteArray &notFound = "NO [NONEXISTENT] Mailbox does not exist.");
    QString maildirRoot() const;
    QString messageFile(const Message &m) const;
    // "(\\Seen $Label1 \\Recent)": the stored flags and this session's \Recent.
    QByteArray flagList(const Message &m) const;
    // Adds the keywords of `flags` not yet in m_keywords; true if any was new.
    bool addKeywords(const QStringList &flags);
    // Before a response shows `flags`: a keyword this session has not announced yet
    // goes into an untagged FLAGS and PERMANENTFLAGS first (RFC 3501 7.2.6).
    void announceKeywords(const QStringList &flags);
    void sendFlagsAndPermanentFlags();
    // Marks messages[from..] \Recent as RFC 3501 2.3.2 says: read-write, this
    // session claims them for itself unless another session did first; read-only,
    // they are recent while nobody has claimed them. Returns how many are recent.
    int takeRecent(qsizetype from);
    // Commits `job`, then runs onSuccess (which may change the OK text) and answers.
    void runAfterCommit(const QByteArray &tag, std::shared_ptr<class StoreJob> job,
                        std::function<void(QByteArray &okText)> onSuccess,
                        const QByteArray &okText);

    ImapConfig m_config;
    SessionAuth m_sasl; // LOGIN and AUTHENTICATE
    MailStorage *m_storage;
    MessagePipeline *m_pipeline;
    EventLog *m_log;
    ImapCommandParser m_parser;
    State m_state = State::NotAuthenticated;
    Account m_account;

    // The LOGIN or AUTHENTICATE being answered
    QByteArray m_authTag;

    // IDLE in progress
    QByteArray m_idleTag;
    int m_idleCheckTimer = 0; // QObject timer id while in IDLE

    // Selected mailbox
    Mailbox m_mailbox;
    bool m_readOnly = false;
    QList<Message> m_messages;
    QStringList m_keywords; // announced in FLAGS since SELECT
    MailboxEvents::Token m_subscription = 0;
    bool m_dirty = false;
    qint64 m_syncedModseq = 0;      // every change up to here is in m_messages
    quint64 m_syncedGeneration = 0; // MailboxEvents::generation at the last sync

    // RFC 7162: enabled by ENABLE or by the first command that uses them.
    bool m_condstore = false;
    bool m_qresync = false;
    QString m_userSessionKey; // held in m_config.userSessions while logged in
};

} // namespace fumibako
