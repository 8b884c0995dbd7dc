// LogStore: the server's event log (SMTP receive/send, local delivery, POP3
// logins, auth failures) in the log table, for the console's Log page and
// for `fumibakoctl log`. Never holds a password.
#pragma once

#include "database.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace fumibako
{

struct LogEntry {
    // SmtpReceive/SmtpSend: a message accepted on MX/submission; SmtpReject: one refused after
    // DATA, or a session closed for input that is not SMTP.
    enum class Kind {
        SmtpReceive,
        SmtpSend,
        Delivery,
        Pop3Login,
        ImapLogin,
        AuthFailure,
        Queue,
        System,
        SmtpReject
    };
    QDateTime time;
    Kind kind = Kind::System;
    QString address; // the recipient, or the account that logged in
    QString peer;
    QString text;
    // What message tracking follows a message by, from its acceptance to its
    // last delivery attempt; empty (0) on lines about no message.
    QString messageId = {};       // ours, made at acceptance (Envelope::id)
    qint64 queueId = 0;           // its row in the outbound queue
    QString headerMessageId = {}; // its Message-ID: field, without the angle brackets
    QString sender = {};          // its envelope sender
    // accepted, delivered, queued, sent, deferred, bounced, rejected, ...; "login" for a
    // POP3 or IMAP login that succeeded (it becomes the account's last login).
    QString result = {};

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
};

struct LogFilter {
    QString address;   // substring, case-insensitive
    QString messageId; // exact: every line about one message
    std::optional<LogEntry::Kind> kind;
    QDateTime from, to; // either may be invalid (open)
    int limit = 1000;
};

class LogStore
{
public:
    explicit LogStore(const Database &db) : m_db(db) {}
    Result<void> append(const LogEntry &entry) const;
    // An administrator's change, in the audit trail: a System line at `time`
    // about `address`, `result` naming the kind of change ("filter-changed"),
    // "<what> by <who>" as its text.
    Result<void> audit(const QDateTime &time, const QString &address, const QString &result,
                       const QString &what, const QString &who) const;
    Result<QList<LogEntry>> query(const LogFilter &filter) const;
    Result<qint64> countSince(LogEntry::Kind kind, const QDateTime &since) const;

    // The tracking ids (LogEntry::messageId) of the messages a value names,
    // newest first, at most `limit`, seen at or after `since` (invalid: any time).
    enum class TrackedBy { TrackingId, QueueId, HeaderMessageId, Address };
    Result<QStringList> trackingIds(TrackedBy by, const QString &value, const QDateTime &since,
                                    int limit) const;
    // Deletes up to `limit` rows older than `before`, oldest first (one batch of
    // the log retention); answers how many it deleted.
    Result<int> deleteBefore(const QDateTime &before, int limit) const;

private:
    const Database &m_db;
};

} // namespace fumibako
