// SmtpSession: one SMTP conversation (RFC 5321) in one of three roles — MX
// (port smtp: local recipients only, no AUTH), submission (STARTTLS, then
// AUTH, then anywhere; RFC 6409) and smtps (implicit TLS, RFC 8314). The
// command table and its replies follow Postfix's smtpd; recipient, sender and
// relay rules come from delivery/RecipientPolicy, and a received message goes
// to delivery/MessagePipeline, whose outcome the session words as its reply.
// Work that may block (password checks, the pipeline's steps, the durable
// write behind 250) runs elsewhere and the session pauses reading until it
// answers, which keeps pipelined input in order.
#pragma once

#include "auth/sessionauth.h"
#include "common/memorybudget.h"
#include "delivery/deliveryjob.h"
#include "delivery/recipientpolicy.h"
#include "net/session.h"
#include "smtpcommand.h"
#include "smtpdatareader.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace fumibako
{

class Delivery;
class EventLog;
class AuthThrottle;

struct SmtpConfig {
    enum class Role { Mx, Submission, Smtps };
    Role role = Role::Mx;
    QString hostname;
    qint64 maxMessageSize = 20 * 1024 * 1024;
    int maxRecipients = 100;
    bool allowPlaintextAuthOnLoopback = false;
    int authFailureDelayMs = 2000;
    MemoryBudget *messageMemory = nullptr; // shared cap on bodies held in memory
};

class SmtpSession : public Session
{
    Q_OBJECT
public:
    SmtpSession(SmtpConfig config, Authenticator *auth, Delivery *delivery, EventLog *log,
                QSslConfiguration tls, SessionLimits limits, ConnectionLimiter *limiter,
                QObject *parent);

    void drain() override;

protected:
    void greet() override;
    void process() override;
    QByteArray refusal(ConnectionLimiter::Verdict verdict) const override;
    QByteArray timeoutReply() const override;
    QByteArray tooManyErrorsReply() const override;
    void tlsStarted() override;

private:
    enum class Mode { Command, Data, Bdat };

    void reply(const QByteArray &text);
    void error(const QByteArray &text); // a reply that counts as a protocol error
    void handle(const SmtpCommand &cmd);
    void onEhlo(const SmtpCommand &cmd, bool extended);
    void onMail(const SmtpCommand &cmd);
    void onRcpt(const SmtpCommand &cmd);
    // RCPT once the policy has decided on it.
    void addRecipient(const MailAddress &rcpt, const RecipientDecision &decision, DsnRecipient dsn);
    // A local copy for `d`'s account, once per account whatever address named it.
    void addLocal(const RecipientDecision &d, const QString &deliveredTo);
    void onData(const SmtpCommand &cmd);
    void onBdat(const SmtpCommand &cmd);
    void onStartTls(const SmtpCommand &cmd);
    void onAuth(const SmtpCommand &cmd);
    // Logs the offending line, replies and closes: input that is not SMTP.
    void refuseNonSmtp(const QByteArray &reply, const char *what, QByteArrayView line);
    void feedData();
    void feedBdat();
    void finishMessage(QByteArray message, qsizetype fullSize, bool bareNewline);
    void resetTransaction();
    bool authOffered() const;

    SmtpConfig m_config;
    SessionAuth m_sasl; // AUTH (RFC 4954)
    Delivery *m_delivery;
    EventLog *m_log;
    Mode m_mode = Mode::Command;
    bool m_draining = false;

    QByteArray m_helo;
    bool m_esmtp = false;
    QString m_authUser; // set once authenticated

    // The transaction.
    bool m_haveMail = false;
    QString m_sender;
    bool m_smtputf8 = false;
    QList<LocalTarget> m_local;
    QList<DsnRecipient> m_remote;
    QList<DsnRecipient> m_reportDelivered; // local, NOTIFY=SUCCESS
    QList<ReturnTarget> m_returns;         // our SRS addresses
    QByteArray m_envid;                    // RFC 3461 DSN parameters of MAIL
    QByteArray m_ret;
    QStringList m_recipients; // as given, for the log
    int m_discarded = 0;
    std::optional<SmtpDataReader> m_data;
    QByteArray m_bdatMessage;
    qint64 m_bdatLeft = 0;
    qint64 m_bdatTotal = 0;
    bool m_bdatLast = false;
    bool m_bdatRejected = false;
    bool m_bdatStarted = false;
    qint64 m_declaredSize = 0;
    MemoryReservation m_reservation;
    bool m_outOfMemory = false;
};

} // namespace fumibako
