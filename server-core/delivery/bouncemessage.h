// BounceMessage: the delivery reports the queue sends back to a sender —
// failures (bounces), delay notices and success reports — as RFC 3464
// multipart/report messages with a human part in Japanese first, English
// second (DESIGN.md), naming the cause the way the reference service's FAQ
// teaches users to read bounces (User unknown, host unknown, quota...).
// Pure functions, no I/O: the queue decides whether and where to send them.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

struct BounceRecipient {
    QString address;           // final recipient (rfc822)
    QString originalRecipient; // ORCPT decoded from xtext ("rfc822;a+b@c"), or a bare address;
                               // empty if none
    enum class Action { Failed, Delayed, Delivered, Relayed, Expanded } action = Action::Failed;
    QByteArray status; // "5.1.1", "4.4.1" (RFC 3463); empty: taken from `diagnostic`,
                       // else 5.0.0/4.0.0/2.0.0
    QByteArray
        diagnostic;    // the peer's reply, e.g. "550 5.1.1 <a@b>: ... User unknown"; empty if none
    QString remoteMta; // host that answered, e.g. "mx1.example.jp"; empty if none
    QDateTime lastAttempt;
    QDateTime willRetryUntil; // for Delayed
};

// Postfix's bounce_size_limit default: a RET=FULL original larger than this
// comes back as its header alone (text/rfc822-headers), and a header larger
// than this is cut at a field boundary, so no report grows with the mail it is about.
constexpr qsizetype kBounceSizeLimit = 50000;

struct BounceInput {
    enum class Kind { Failure, Delay, Success } kind = Kind::Failure;
    QString reportingMta;     // our server.hostname
    QString postmasterDomain; // From: MAILER-DAEMON@<this>
    QString originalSender;   // the envelope sender the report goes to
    QByteArray envid;         // RFC 3461 ENVID decoded from xtext, if any
    QDateTime arrivalDate;
    // RET=FULL: the whole original as message/rfc822; else text/rfc822-headers.
    // Only failure reports return the content (RFC 3461 4.3); delay and success
    // reports always carry the headers alone.
    bool returnFull = false;
    QByteArray original;                          // the original message (CRLF)
    qsizetype returnSizeLimit = kBounceSizeLimit; // bytes of the original a report may carry
    QList<BounceRecipient> recipients;
    QDateTime now;           // Date: (injectable for tests)
    QString messageIdDomain; // for the Message-ID
};

namespace BounceMessage
{

// The RFC 3464 report: multipart/report; report-type=delivery-status (RFC 6522)
// with (1) text/plain UTF-8 in base64, Japanese then English, (2)
// message/delivery-status (RFC 3464 2.2 per-message and 2.3 per-recipient
// fields), (3) text/rfc822-headers, or message/rfc822 under RET=FULL when the
// original fits in returnSizeLimit.
// Headers: From: Mail Delivery System <MAILER-DAEMON@domain>, To:, Subject:
// (RFC 2047), Date:, Message-ID:, Auto-Submitted: auto-replied (RFC 3834 5),
// MIME-Version:, Content-Type: with a boundary found in no part. CRLF lines of
// at most 998 octets; 7-bit unless RET=FULL returns an 8-bit original (then
// that part says Content-Transfer-Encoding: 8bit and the report needs
// BODY=8BITMIME). Addresses with UTF-8 (RFC 6531) switch the report to
// message/global-delivery-status and "utf-8" address types (RFC 6533).
QByteArray build(const BounceInput &input);

// What the user should be told about one recipient, from its status and the
// peer's reply. A failure with a 4.x.x status is Expired: the queue gave up
// after its lifetime, the last reply being temporary.
enum class Cause { UserUnknown, HostUnknown, MailboxFull, TooBig, Spam, Network, Expired, Other };
Cause classify(const BounceRecipient &r);

// The sentences the report says for `cause`: what happened, then what to do.
struct CauseText {
    const char *ja;       // UTF-8
    const char *jaAdvice; // UTF-8
    const char *en;
    const char *enAdvice;
};
const CauseText &causeText(Cause cause);

// True if `message` must never be answered with a bounce: it is itself a
// delivery report or auto-generated mail — Content-Type multipart/report with
// report-type delivery-status, global-delivery-status or
// disposition-notification (RFC 6522 3, RFC 8098), Auto-Submitted other than
// "no" (RFC 3834 5), From: MAILER-DAEMON, Return-Path: <> or Exim's
// X-Failed-Recipients. The queue also never bounces to the null sender.
bool isBounce(const QByteArray &message);

} // namespace BounceMessage

} // namespace fumibako
