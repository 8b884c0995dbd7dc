// LogStore: the server's event log (SMTP receive/send, local delivery, POP3
// logins, auth failures) in the log table, for the console's Log page and
// for `fumibakoctl log`. Never holds a password.
#pragma once

#include "database.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace fumibako {

struct LogEntry {
    // SmtpReceive/SmtpSend: a message accepted on MX/submission; SmtpReject: one refused after DATA, or
    // a session closed for input that is not SMTP.
    enum class Kind { SmtpReceive, SmtpSend, Delivery, Pop3Login, ImapLogin, AuthFailure, Queue, System, SmtpReject };
    QDateTime time;
    Kind kind = Kind::System;
    QString address;
    QString peer;
    QString text;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
};

struct LogFilter {
    QString address;                  // substring, case-insensitive
    std::optional<LogEntry::Kind> kind;
    QDateTime from, to;               // either may be invalid (open)
    int limit = 1000;
};

class LogStore {
public:
    explicit LogStore(const Database &db) : m_db(db) {}
    Result<void> append(const LogEntry &entry) const;
    Result<QList<LogEntry>> query(const LogFilter &filter) const;
    Result<qint64> countSince(LogEntry::Kind kind, const QDateTime &since) const;
    // Deletes up to `limit` rows older than `before`, oldest first (one batch of
    // the log retention); answers how many it deleted.
    Result<int> deleteBefore(const QDateTime &before, int limit) const;

private:
    const Database &m_db;
};

} // namespace fumibako
