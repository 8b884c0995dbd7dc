// AutoReply: the account's out-of-office reply (FAQ 自動返信設定, with its
// 送信者名) — whether a message gets one (RFC 3834 and what Sieve vacation,
// RFC 5230 4.5, skips: bounces, system senders, lists, bulk, auto-replies,
// spam, mail not addressed to the account) and the reply itself, header-
// injection safe. Pure: no I/O, no database; the caller keeps the
// once-per-sender-per-period table (rule.days) and delivers the reply from <>.
#pragma once

#include "store/forwardingstore.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace fumibako
{

// AutoReplyRule: store/forwardingstore.h, where the rule is kept.

namespace AutoReply
{

// Why no reply is due, or nullopt when one is: a short English reason for the
// log. Checked in this order: the rule (off, before start, after end; `now` in
// local time); the null envelope sender; a system sender (MAILER-DAEMON,
// postmaster, owner-*, *-request, noreply, ...); Auto-Submitted other than "no"
// (RFC 3834 5.1); Precedence bulk / junk / list; a List-* field (RFC 2369,
// 2919); spam (X-Spam-Flag: YES or `spam`); none of `ownAddresses` in To: or Cc:.
std::optional<QString> suppression(QByteArrayView originalHeader, const QString &envelopeSender,
                                   const QStringList &ownAddresses, bool spam,
                                   const AutoReplyRule &rule, const QDateTime &now);

struct Reply {
    AutoReplyRule rule;
    QByteArray originalHeader; // the message replied to, its header (CRLF)
    QString to;                // the envelope sender replied to
    QString from;              // the account's address
    QDateTime now;             // Date:
    QString messageIdDomain;   // right side of the new Message-ID
};

// The complete reply (CRLF), to be sent from the null envelope sender <>:
// From, To, Subject, Date, Message-ID, In-Reply-To and References (RFC 5322
// 3.6.4), Auto-Submitted: auto-replied (RFC 3834 5.2), one text/plain part in
// the rule's charset (UTF-8 base64, or ISO-2022-JP 7bit; a text ISO-2022-JP
// cannot carry makes the whole reply UTF-8). No input reaches a field with a
// line break. Empty when `to` or `from` is not one valid address.
QByteArray build(const Reply &reply);

} // namespace AutoReply
} // namespace fumibako
