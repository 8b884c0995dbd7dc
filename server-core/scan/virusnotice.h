// virusNoticeMessage: the mail a sender gets when submission refuses a message
// because clamd found a virus in it (issue 13; FAQ メールウイルスチェック:
// 「【ウイルス検出】送信メールを削除しました」). Many mail clients hide the SMTP
// error, so the sender also learns it by mail: what was refused, to whom, which
// virus, and that nothing was sent. Never carries the infected message back.
// Pure function, no I/O: the caller sends it from the null sender (RFC 5321 4.5.5).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace fumibako
{

struct VirusNoticeInput {
    QString reportingMta;     // our server.hostname, named in the text
    QString postmasterDomain; // From: MAILER-DAEMON@<this> (the primary domain)
    QString sender;           // To: the authenticated sender the message came from
    QStringList recipients;   // the envelope recipients it was refused for
    QString virusName;        // as clamd named it, e.g. "Eicar-Test-Signature"
    QByteArray original;      // the refused message; only its header is read (Subject:, Date:)
    QDateTime now;            // Date: and the time in the text (injectable for tests)
    QString messageIdDomain;  // for the Message-ID; reportingMta when empty
};

// At most this many recipients are listed; the rest are counted. The
// reference service guarantees 100 recipients per message.
constexpr int kVirusNoticeMaxRecipients = 100;

// The complete RFC 5322 message: From: Mail Delivery System
// <MAILER-DAEMON@domain>, To:, Subject: 【ウイルス検出】送信メールを削除しました
// (RFC 2047, UTF-8), Date:, Message-ID:, Auto-Submitted: auto-replied (RFC 3834
// 5), MIME-Version:, one text/plain; charset=UTF-8 part in base64, Japanese
// then English. CRLF, header lines folded within 78 octets; 7-bit unless the
// sender's address is UTF-8 (RFC 6532).
QByteArray virusNoticeMessage(const VirusNoticeInput &in);

} // namespace fumibako
