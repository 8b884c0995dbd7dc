// SpamdClient: asks SpamAssassin's spamd how a message scores, with the REPORT
// command of the SPAMC/1.5 protocol (SpamAssassin's spamd/PROTOCOL): a request
// line, "Content-length:", a blank line and the message; spamd answers
// "SPAMD/1.1 0 EX_OK", "Spam: True ; 7.3 / 5.0" and the report, whose table
// names each rule that hit with its points — what the triage page shows. A
// failure is an Error: the caller then accepts the message unscored (issue 13).
#pragma once

#include "common/result.h"
#include "scanneraddress.h"
#include "scannerexchange.h"

#include <QByteArrayList>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

class QObject;

namespace fumibako
{

struct SpamRule {
    QString name;        // "GTUBE"
    double score = 0;    // its points, as the report prints them
    QString description; // "BODY: Generic Test for Unsolicited Bulk Email"
};

struct SpamScore {
    bool spam = false;     // spamd's own judgement: score >= its required_score
    double score = 0;      // the message's points
    double threshold = 0;  // spamd's required_score
    QList<SpamRule> rules; // from the report's table; empty when its template has none
};

// A reply as it came: the response line, its header fields and the body.
struct SpamdReply {
    QByteArray version; // "1.1"
    int code = -1;      // 0 is EX_OK; else a sysexits.h code (76 EX_PROTOCOL, ...)
    QByteArray message; // "EX_OK", "PONG", "Bad header line: ..."
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
};

// Reads a spamd reply and never sees a socket. The body ends after
// Content-length bytes, or at the close when there is none; a reply with a
// code other than 0 is complete at its response line. Bounded: lines,
// header fields and the body each have a limit, past which it is an Error.
class SpamdReplyParser
{
public:
    static constexpr qsizetype kMaxLine = 1024;
    static constexpr int kMaxHeaders = 32;
    static constexpr qsizetype kMaxBody = 256 * 1024;

    ReplyStatus feed(QByteArrayView bytes);
    ReplyStatus finish(); // the connection closed
    QString error() const { return m_error; }
    const SpamdReply &reply() const { return m_reply; }

private:
    enum class State { ResponseLine, Headers, Body, Complete, Error };
    void takeLine(QByteArrayView line);
    void fail(QString why);
    ReplyStatus status() const;

    State m_state = State::ResponseLine;
    QByteArray m_line; // a line not yet ended by LF
    qint64 m_contentLength = -1;
    SpamdReply m_reply;
    QString m_error;
};

// A complete reply to REPORT as a score: code 0 and a "Spam:" field
// ("True ; 7.3 / 5.0"; True/False/Yes/No), the rules from the body.
Result<SpamScore> spamScore(const SpamdReply &reply);

// The rules in a report's table (the default report template's
// " pts rule name  description" / "---- ----..." / rows). Only rows after the
// report's last dashed line count, so a message quoting a table in its
// content preview cannot add rules; the "[...]" detail lines under a row,
// which quote the message, are left out; wrapped descriptions are joined.
QList<SpamRule> parseSpamReport(QByteArrayView report);

struct SpamdOptions {
    int timeoutMs = 60000; // connect, send and answer together
    // Larger messages are not sent (TooBig), as spamc does by default (-s 512000):
    // spam is small, and SpamAssassin is slow on big messages.
    qint64 maxMessageSize = 512000;
};

class SpamdClient
{
public:
    explicit SpamdClient(ScannerAddress address, SpamdOptions options = {});

    // Scores the message, given as consecutive pieces sent without being
    // joined. `done` runs once, on `context`'s thread (or the calling thread's,
    // with no context: it must run an event loop), never inside check(), and
    // not at all if `context` is destroyed first. Thread-safe: the client is immutable.
    void check(QByteArrayList message, QObject *context,
               std::function<void(Result<SpamScore>)> done) const;
    // PING: is spamd up and serving (it answers once its rules are loaded)?
    void ping(QObject *context, std::function<void(Result<void>)> done) const;

    const ScannerAddress &address() const { return m_address; }
    const SpamdOptions &options() const { return m_options; }

private:
    ScannerAddress m_address;
    SpamdOptions m_options;
};

} // namespace fumibako
