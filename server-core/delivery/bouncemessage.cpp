#include "bouncemessage.h"

#include "common/maildate.h"
#include "mime/headerfields.h"
#include "mime/mimetext.h"
#include "noticemail.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <iterator>
#include <optional>

namespace fumibako
{

using namespace NoticeMail;

namespace
{

using Cause = BounceMessage::Cause;
using Action = BounceRecipient::Action;

// ---------------------------------------------------------------------------
// The templates. One row per cause: what happened, then what to do, in
// Japanese (です・ます, worded as the reference FAQ teaches users to read
// bounces: 宛先のアドレスが存在しません / 宛先のドメイン部分が存在しません /
// メールボックスがいっぱい / 迷惑メール対策などにより受信拒否) and in English.
// ---------------------------------------------------------------------------
// Whole Japanese sentences read better than lines cut at 100 columns:
// clang-format off
const BounceMessage::CauseText kCauses[] = {
    /* UserUnknown */
    {"宛先のメールアドレスが存在しません（User unknown）。",
     "アドレスに誤りがないかご確認ください。",
     "The recipient's address does not exist (user unknown).",
     "Please check the address for mistakes."},
    /* HostUnknown */
    {"宛先のドメイン（@より後ろの部分）が存在しません（Host unknown）。",
     "@より後ろの部分に誤りがないかご確認ください。",
     "The recipient's domain (the part after @) does not exist (host unknown).",
     "Please check the part of the address after @ for mistakes."},
    /* MailboxFull */
    {"宛先のメールボックスがいっぱいになっています（Mailbox full / quota exceeded）。",
     "時間をおいて再度お送りいただくか、別の方法で相手の方にお知らせください。",
     "The recipient's mailbox is full (quota exceeded).",
     "Please send the message again later, or let the recipient know by other means."},
    /* TooBig */
    {"メールのサイズが大きすぎるため、相手のサーバに受け付けられませんでした（Message too large）。",
     "添付ファイルを小さくするか、何通かに分けて再度お送りください。",
     "The message is larger than the recipient's server accepts (message too large).",
     "Please make the attachments smaller or send them in several messages."},
    /* Spam */
    {"相手のサーバで迷惑メールと判断されたか、迷惑メール対策などによる受信拒否の設定により、"
     "受け取りを拒否されました。",
     "本文や添付ファイルを見直すか、相手の方に受信許可の設定をご依頼ください。",
     "The recipient's server refused the message as spam, or because of its anti-spam or "
     "other receiving policy.",
     "Please review the content, or ask the recipient to allow mail from you."},
    /* Network */
    {"相手のメールサーバに接続できないか、通信が途中で切れました。",
     "時間をおいて再度お送りください。続く場合は、社内のメール管理者にご相談ください。",
     "The recipient's mail server could not be reached, or the connection was lost.",
     "Please send the message again later. If this continues, please ask your mail "
     "administrator."},
    /* Expired */
    {"お預かりしてから再送を続けましたが、期限までに届けることができませんでした。",
     "宛先に誤りがないかご確認のうえ、時間をおいて再度お送りください。",
     "We kept retrying, but could not deliver the message before the retry period ended.",
     "Please check the address and send the message again later."},
    /* Other */
    {"相手のサーバがメールを受け付けませんでした。",
     "下記の「相手サーバの応答」をご確認ください。"
     "わからない場合は、社内のメール管理者にご相談ください。",
     "The recipient's server did not accept the message.",
     "Please see the server's reply below. If it is unclear, please ask your mail "
     "administrator."},
};
// clang-format on
static_assert(std::size(kCauses) == int(Cause::Other) + 1);

struct KindText {
    const char *subjectJa;
    const char *subjectEn;
    const char *introJa;
    const char *introEn;
};
// clang-format off
const KindText kKinds[] = {
    /* Failure */
    {"【配送エラー】", "Undelivered Mail Returned to Sender",
     "お送りいただいたメールは、次の宛先に届けることができませんでした。",
     "Your message could not be delivered to the following recipients."},
    /* Delay */
    {"【配送遅延】", "Delayed Mail (still being retried)",
     "お送りいただいたメールは、次の宛先にまだ届いていません。"
     "配送は自動で再試行を続けていますので、今のところお客様の操作は必要ありません。"
     "再送期限までに届けられなかった場合は、改めてお知らせします。",
     "Your message has not yet been delivered to the following recipients. Delivery is "
     "still being retried automatically, so there is nothing you need to do yet. If it "
     "cannot be delivered before the retry deadline, you will be notified again."},
    /* Success */
    {"【配送完了】", "Successful Mail Delivery Report",
     "お送りいただいたメールは、次の宛先に届けました。",
     "Your message was delivered to the following recipients."},
};
// clang-format on

// Per-recipient lines for actions that are not failures or delays.
const char *const kDeliveredJa = "配送しました。";
const char *const kDeliveredEn = "Delivered.";
const char *const kRelayedJa =
    "相手のサーバに渡しました。これより先の配送状況はお知らせできない場合があります。";
const char *const kRelayedEn =
    "Handed to the recipient's server, which may not report further delivery status.";
const char *const kExpandedJa = "転送先の各アドレスに配送しました。";
const char *const kExpandedEn = "Delivered to the addresses this one forwards to.";

QString ja(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QString textDate(const QDateTime &t)
{
    return QString::fromLatin1(formatMailDate(t, QStringLiteral("yyyy/MM/dd HH:mm")));
}

// ---------------------------------------------------------------------------
// Reading the original and the replies
// ---------------------------------------------------------------------------

// The header block of `message` with its final line break, without the empty
// line that ends it (RFC 5322 2.1); the whole message if it has no body.
QByteArray headerBlock(const QByteArray &message)
{
    qsizetype bodyOffset = message.size();
    HeaderFieldScanner scanner(message);
    for (auto item = scanner.next(); item.kind != HeaderFieldScanner::Kind::End;
         item = scanner.next())
        if (item.kind == HeaderFieldScanner::Kind::Blank) {
            bodyOffset = item.next;
            break;
        }
    QByteArray head = message.first(bodyOffset);
    if (bodyOffset < message.size() || head.endsWith("\n\n") || head.endsWith("\r\n\r\n")) {
        head.chop(head.endsWith("\r\n") ? 2 : 1); // the empty line
    }
    if (head == "\r\n" || head == "\n")
        head.clear();
    return head;
}

// `head` cut to at most `limit` bytes after a whole field (a field longer than
// that is cut after one of its lines), so a huge header cannot make a huge report.
QByteArray boundedHeader(const QByteArray &head, qsizetype limit)
{
    if (head.size() <= limit)
        return head;
    qsizetype fieldEnd = 0, lineEnd = 0;
    for (qsizetype lf = head.indexOf('\n'); lf >= 0 && lf < limit;
         lf = head.indexOf('\n', lf + 1)) {
        lineEnd = lf + 1;
        if (lf + 1 < head.size() && head[lf + 1] != ' ' && head[lf + 1] != '\t')
            fieldEnd = lf + 1;
    }
    return head.first(fieldEnd > 0 ? fieldEnd : lineEnd);
}

struct ReplyCodes {
    int basic = 0;    // 550
    int klass = 0;    // 5 of 5.1.1
    int subject = -1; // 1
    int detail = -1;  // 1
};

ReplyCodes replyCodes(const BounceRecipient &r)
{
    ReplyCodes c;
    static const QRegularExpression basicRe(QStringLiteral("^\\s*([2-5][0-9][0-9])(?:[ -]|$)"));
    static const QRegularExpression enhancedRe(
        QStringLiteral("(?:^|[-\\s(\\[#])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?=$|[\\s;,:)\\]])"));
    const QString diag = QString::fromLatin1(r.diagnostic.left(4096));
    if (const auto m = basicRe.match(diag); m.hasMatch())
        c.basic = m.captured(1).toInt();
    const QString status = QString::fromLatin1(r.status).trimmed();
    auto m = enhancedRe.match(status);
    if (!m.hasMatch())
        m = enhancedRe.match(diag);
    if (m.hasMatch()) {
        c.klass = m.captured(1).toInt();
        c.subject = m.captured(2).toInt();
        c.detail = m.captured(3).toInt();
    } else if (c.basic) {
        c.klass = c.basic / 100;
    }
    return c;
}

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *n : needles)
        if (text.contains(QString::fromUtf8(n)))
            return true;
    return false;
}

// What the reply's words say, in the order the more specific wins
// ("mailbox size limit" is about quota, not the message size).
std::optional<Cause> causeFromWords(const QString &t)
{
    if (containsAny(t, {"quota", "mailbox full", "mailbox is full", "mailbox size limit",
                        "mailbox has exceeded", "full mailbox", "insufficient storage",
                        "storage allocation", "mailbox exceeded", "over the limit of storage",
                        "容量", "いっぱい", "満杯"}))
        return Cause::MailboxFull;
    if (containsAny(t, {"message size", "message too large", "message is too large", "too big",
                        "size limit", "exceeds the maximum", "message length exceeds", "too large",
                        "サイズ"}))
        return Cause::TooBig;
    if (containsAny(t, {"host unknown", "unknown host", "host not found", "domain not found",
                        "name service error", "nxdomain", "no such domain", "unrouteable", "no mx",
                        "domain does not exist", "domain doesn't exist",
                        "host or domain name not found"}))
        return Cause::HostUnknown;
    if (containsAny(t, {"user unknown",
                        "unknown user",
                        "no such user",
                        "no mailbox",
                        "recipient not found",
                        "recipientnotfound",
                        "user not found",
                        "unknown recipient",
                        "invalid recipient",
                        "no such recipient",
                        "mailbox not found",
                        "mailbox unavailable or not local",
                        "does not exist",
                        "doesn't exist",
                        "not exist",
                        "no such mailbox",
                        "unknown or illegal alias",
                        "address unknown",
                        "user doesn't have",
                        "account is disabled",
                        "account has been disabled",
                        "存在しません",
                        "該当するユーザ",
                        "宛先不明"}))
        return Cause::UserUnknown;
    if (containsAny(
            t, {"spam",       "blocked",       "blacklist",      "blocklist",       "black list",
                "block list", "denylist",      "reputation",     "unsolicited",     "dnsbl",
                "rbl",        "junk",          "spamhaus",       "spamcop",         "barracuda",
                "policy",     "access denied", "not authorized", "unauthenticated", "dmarc",
                "迷惑",       "拒否"}))
        return Cause::Spam;
    if (containsAny(t, {"connection refused", "timed out", "timeout", "connection reset",
                        "no route to host", "network is unreachable", "lost connection",
                        "connection closed", "connection dropped", "cannot connect",
                        "can't connect", "could not connect"}))
        return Cause::Network;
    return std::nullopt;
}

// The cause of a temporary reply, as if the queue were still retrying.
Cause transientCause(BounceRecipient r)
{
    r.action = Action::Delayed;
    return BounceMessage::classify(r);
}

} // namespace

namespace BounceMessage
{

const CauseText &causeText(Cause cause)
{
    return kCauses[int(cause)];
}

Cause classify(const BounceRecipient &r)
{
    const ReplyCodes c = replyCodes(r);
    // The queue gave up on a temporary failure: its lifetime ended (RFC 3463
    // 4.4.7, "delivery time expired", is the same thing said by a peer).
    if (r.action == Action::Failed && c.klass == 4)
        return Cause::Expired;
    if (c.subject == 4 && c.detail == 7)
        return r.action == Action::Failed ? Cause::Expired : Cause::Network;

    const QString words = mimetext::decodeCharset(r.diagnostic.left(4096), "").toLower();
    // RFC 3463 3.2-3.5: the subjects that name one cause.
    switch (c.subject * 1000 + c.detail) {
    case 1001: // 5.1.1 bad destination mailbox address
    case 1006: // 5.1.6 destination mailbox has moved
    case 1010: // 5.1.10 (Microsoft) recipient not found
    case 2001: // 5.2.1 mailbox disabled
        return Cause::UserUnknown;
    case 1002: // 5.1.2 bad destination system address
    case 4004: // 5.4.4 unable to route
        return Cause::HostUnknown;
    case 2002: // 5.2.2 mailbox full
        return Cause::MailboxFull;
    case 2003: // 5.2.3 message length exceeds administrative limit
    case 3004: // 5.3.4 message too big for system
        return Cause::TooBig;
    case 1007: // 5.1.7 bad sender's mailbox address syntax
    case 1008: // 5.1.8 bad sender's system address
        return Cause::Other;
    case 4001: // Exchange Online's "5.4.1 Recipient address rejected: Access denied"
        if (words.contains(QLatin1String("recipient address rejected")))
            return Cause::UserUnknown;
        break;
    default:
        break;
    }
    if (const auto fromWords = causeFromWords(words))
        return *fromWords;
    if (c.subject == 7) // 5.7.x security or policy status (RFC 3463 3.8)
        return Cause::Spam;
    // 4.4.x network and routing status (RFC 3463 3.6): no answer, bad
    // connection, DNS failure, congestion; a routing loop (4.4.6) is not the network's.
    if (c.subject == 4 && (c.detail <= 3 || c.detail == 5))
        return Cause::Network;
    if (c.basic == 552) // RFC 5321 4.2.2: "exceeded storage allocation"
        return Cause::MailboxFull;
    return Cause::Other;
}

bool isBounce(const QByteArray &message)
{
    const QByteArray head = message.left(256 * 1024);
    auto headerValue = [&head](QByteArrayView name) { return firstFieldValue(head, name); };

    const QByteArray type = headerValue("Content-Type").toLower();
    if (type.startsWith("multipart/report")) {
        static const QRegularExpression reportType(
            QStringLiteral("report-type\\s*=\\s*\"?\\s*(delivery-status|global-delivery-status|"
                           "disposition-notification)\\b"));
        if (reportType.match(QString::fromLatin1(type)).hasMatch())
            return true;
    }

    // RFC 3834 5.1: any value but "no" (comments in parentheses aside).
    QByteArray autoSubmitted = headerValue("Auto-Submitted");
    if (!autoSubmitted.isNull()) {
        static const QRegularExpression comment(QStringLiteral("\\([^)]*\\)"));
        const QString v = QString::fromLatin1(autoSubmitted).remove(comment).trimmed().toLower();
        if (!v.isEmpty() && v != QLatin1String("no"))
            return true;
    }

    if (!headerValue("X-Failed-Recipients").isNull()) // Exim's bounces
        return true;

    const QByteArray returnPath = headerValue("Return-Path");
    if (!returnPath.isNull() && QByteArray(returnPath).replace(' ', "") == "<>")
        return true;

    // From: Mail Delivery System <MAILER-DAEMON@host>, MAILER-DAEMON (comment), ...
    QString from = QString::fromLatin1(headerValue("From"));
    static const QRegularExpression comment(QStringLiteral("\\([^)]*\\)"));
    const qsizetype lt = from.lastIndexOf(QLatin1Char('<'));
    if (lt >= 0) {
        from = from.mid(lt + 1);
        from.truncate(from.indexOf(QLatin1Char('>')) < 0 ? from.size()
                                                         : from.indexOf(QLatin1Char('>')));
    } else {
        from.remove(comment);
    }
    QString local = from.trimmed();
    local.truncate(local.lastIndexOf(QLatin1Char('@')) < 0 ? local.size()
                                                           : local.lastIndexOf(QLatin1Char('@')));
    local.remove(QLatin1Char('"'));
    local = local.trimmed().toLower();
    return local == QLatin1String("mailer-daemon") || local == QLatin1String("mailerdaemon");
}

QByteArray build(const BounceInput &in)
{
    const KindText &kind = kKinds[int(in.kind)];
    const QByteArray crlf = "\r\n";

    // RFC 6533: a UTF-8 address anywhere makes this an internationalized report.
    bool utf8Addresses = !isAscii(in.originalSender.toUtf8());
    for (const BounceRecipient &r : in.recipients)
        utf8Addresses =
            utf8Addresses || !isAscii(r.address.toUtf8()) || !isAscii(r.originalRecipient.toUtf8());
    auto addressField = [&](const QString &address) -> QByteArray {
        // RFC 3464 2.3.2 "rfc822; local@domain"; RFC 6533 3 "utf-8; ..." when not ASCII.
        const QByteArray a = address.toUtf8();
        return (isAscii(a) ? QByteArray("rfc822; ") : QByteArray("utf-8; ")) + a;
    };

    // --- The original: its header block (RFC 6522 text/rfc822-headers) or all of it.
    const QByteArray original = toCrlf(in.original);
    const QByteArray originalHead = boundedHeader(headerBlock(original), in.returnSizeLimit);
    // RET=FULL within the size limit only; past it the header alone, as Postfix
    // does past bounce_size_limit (a cut message/rfc822 would be broken MIME).
    const bool fullWanted = in.returnFull && in.kind == BounceInput::Kind::Failure;
    const bool returnWhole = fullWanted && original.size() <= in.returnSizeLimit;
    QString originalSubject = mimetext::decodeHeaderText(firstFieldValue(original, "Subject"));

    // --- (1) The human part.
    QString text;
    auto line = [&](const QString &s = QString()) { text += s + QLatin1Char('\n'); };
    auto recipientLines = [&](bool japanese) {
        for (const BounceRecipient &r : in.recipients) {
            line();
            line((japanese ? QStringLiteral("■ 宛先: ") : QStringLiteral("* Recipient: ")) +
                 r.address);
            if (!r.originalRecipient.isEmpty()) {
                QString orcpt = r.originalRecipient;
                const qsizetype semi = orcpt.indexOf(QLatin1Char(';'));
                if (semi >= 0 && !orcpt.left(semi).contains(QLatin1Char('@')))
                    orcpt = orcpt.mid(semi + 1).trimmed();
                if (orcpt.compare(r.address, Qt::CaseInsensitive) != 0)
                    line((japanese ? QStringLiteral("  元の宛先: ")
                                   : QStringLiteral("  Originally to: ")) +
                         orcpt);
            }
            const QString label =
                japanese ? QStringLiteral("  原因: ") : QStringLiteral("  Cause: ");
            const QString todo =
                japanese ? QStringLiteral("  対処: ") : QStringLiteral("  What to do: ");
            const QString result =
                japanese ? QStringLiteral("  結果: ") : QStringLiteral("  Result: ");
            switch (r.action) {
            case Action::Failed:
            case Action::Delayed: {
                const Cause cause = classify(r);
                const CauseText &t = causeText(cause);
                const QString prefix = r.action == Action::Failed ? label
                                       : japanese                 ? QStringLiteral("  状況: ")
                                                                  : QStringLiteral("  Status: ");
                line(prefix + ja(japanese ? t.ja : t.en));
                if (cause == Cause::Expired) {
                    const Cause last = transientCause(r);
                    if (last != Cause::Other && last != Cause::Expired)
                        line((japanese ? QStringLiteral("  最後の原因: ")
                                       : QStringLiteral("  Last cause: ")) +
                             ja(japanese ? causeText(last).ja : causeText(last).en));
                }
                if (r.action == Action::Failed)
                    line(todo + ja(japanese ? t.jaAdvice : t.enAdvice));
                if (r.action == Action::Delayed && r.willRetryUntil.isValid())
                    line((japanese ? QStringLiteral("  再送期限: ")
                                   : QStringLiteral("  Retrying until: ")) +
                         textDate(r.willRetryUntil));
                break;
            }
            case Action::Delivered:
                line(result + ja(japanese ? kDeliveredJa : kDeliveredEn));
                break;
            case Action::Relayed:
                line(result + ja(japanese ? kRelayedJa : kRelayedEn));
                break;
            case Action::Expanded:
                line(result + ja(japanese ? kExpandedJa : kExpandedEn));
                break;
            }
            if (!r.remoteMta.isEmpty())
                line((japanese ? QStringLiteral("  相手サーバ: ")
                               : QStringLiteral("  Remote server: ")) +
                     r.remoteMta);
            if (!r.diagnostic.isEmpty()) {
                // The exact reply; a multi-line reply keeps its lines.
                QString reply = mimetext::decodeCharset(r.diagnostic, "");
                reply.replace(QLatin1String("\r\n"), QLatin1String("\n"));
                reply = reply.trimmed().replace(QLatin1Char('\n'), QLatin1String("\n    "));
                line((japanese ? QStringLiteral("  相手サーバの応答: ")
                               : QStringLiteral("  Server reply: ")) +
                     reply);
            }
        }
    };
    auto originalLines = [&](bool japanese) {
        line();
        line((japanese ? QStringLiteral("  件名: ") : QStringLiteral("  Subject: ")) +
             (originalSubject.isEmpty()
                  ? (japanese ? QStringLiteral("（件名なし）") : QStringLiteral("(no subject)"))
                  : originalSubject));
        if (in.arrivalDate.isValid())
            line((japanese ? QStringLiteral("  受付日時: ") : QStringLiteral("  Received: ")) +
                 textDate(in.arrivalDate));
    };

    line(ja("このメールは、メールサーバ ") + in.reportingMta + ja(" が自動で送信しています。"));
    line();
    line(ja(kind.introJa));
    originalLines(true);
    recipientLines(true);
    line();
    const QString size = QString::number(original.size());
    line(returnWhole ? ja("お送りいただいたメールを添付しています。")
         : fullWanted
             ? ja("お送りいただいたメールは大きいため（%1 バイト）、"
                  "ヘッダー（差出人・宛先・件名などの情報）のみを添付しています。")
                   .arg(size)
             : ja("お送りいただいたメールのヘッダー（差出人・宛先・件名などの情報）を添付し"
                  "ています。"));
    line(ja("このメールに返信しても届きません。ご不明な点は、社内のメール管理者にお問い合わせくださ"
            "い。"));
    line();
    line(QStringLiteral("----------------------------------------------------------------------"));
    line(QStringLiteral("This message was sent automatically by the mail server ") +
         in.reportingMta + QLatin1Char('.'));
    line();
    line(ja(kind.introEn));
    originalLines(false);
    recipientLines(false);
    line();
    line(returnWhole ? QStringLiteral("Your message is attached.")
         : fullWanted
             ? QStringLiteral("Your message is too large to return (%1 bytes): only its "
                              "headers (sender, recipients, subject...) are attached.")
                   .arg(size)
             : QStringLiteral("The headers of your message (sender, recipients, subject...) are "
                              "attached."));
    line(QStringLiteral("Replies to this message are not read. If you need help, please ask your "
                        "mail administrator."));
    const QByteArray humanBody = base64Lines(toCrlf(text.toUtf8()));

    // --- (2) The machine part: RFC 3464 2.2 per-message fields, then a group
    // of 2.3 per-recipient fields for each recipient, groups separated by an
    // empty line.
    QByteArray status;
    status += field("Reporting-MTA", "dns; " + printableAscii(in.reportingMta.toUtf8()));
    // RFC 3461 6.3 (a), (b): ENVID and ORCPT as the client meant them. They come
    // decoded from xtext already (the SMTP session decodes them): decoding again
    // would turn an ORCPT of "rfc822;user+2024@..." into "user 24@...".
    if (!in.envid.isEmpty())
        status += field("Original-Envelope-Id", printableAscii(in.envid));
    if (in.arrivalDate.isValid())
        status += field("Arrival-Date", rfc5322Date(in.arrivalDate));
    for (const BounceRecipient &r : in.recipients) {
        status += crlf;
        if (!r.originalRecipient.isEmpty()) {
            QByteArray orcpt = r.originalRecipient.toUtf8().trimmed();
            const qsizetype semi = orcpt.indexOf(';');
            if (semi >= 0 && !orcpt.left(semi).contains('@'))
                orcpt = orcpt.left(semi).trimmed() + "; " + orcpt.mid(semi + 1).trimmed();
            else
                orcpt = addressField(QString::fromUtf8(orcpt));
            status += field("Original-Recipient", utf8Addresses ? orcpt : printableAscii(orcpt));
        }
        status += field("Final-Recipient", addressField(r.address));
        static const char *const actions[] = {"failed", "delayed", "delivered", "relayed",
                                              "expanded"};
        status += field("Action", actions[int(r.action)]);
        QByteArray code = r.status.trimmed();
        if (code.isEmpty()) {
            const ReplyCodes c = replyCodes(r);
            if (c.subject >= 0)
                code = QByteArray::number(c.klass) + '.' + QByteArray::number(c.subject) + '.' +
                       QByteArray::number(c.detail);
            else
                code = r.action == Action::Failed    ? "5.0.0"
                       : r.action == Action::Delayed ? "4.0.0"
                                                     : "2.0.0";
        }
        status += field("Status", printableAscii(code));
        if (!r.remoteMta.isEmpty())
            status += field("Remote-MTA", "dns; " + printableAscii(r.remoteMta.toUtf8()));
        if (!r.diagnostic.isEmpty()) {
            // RFC 3464 2.3.6: "smtp" for an SMTP reply; our own words otherwise.
            const QByteArray reply = printableAscii(r.diagnostic);
            static const QRegularExpression smtpReply(QStringLiteral("^[2-5][0-9][0-9]([ -]|$)"));
            const bool isSmtp = smtpReply.match(QString::fromLatin1(reply)).hasMatch();
            status += field("Diagnostic-Code", (isSmtp ? "smtp; " : "X-Fumibako; ") + reply);
        }
        if (r.lastAttempt.isValid())
            status += field("Last-Attempt-Date", rfc5322Date(r.lastAttempt));
        if (r.action == Action::Delayed && r.willRetryUntil.isValid())
            status += field("Will-Retry-Until", rfc5322Date(r.willRetryUntil));
    }

    // --- (3) The original.
    QByteArray returnedType, returnedBody, returnedEncoding;
    if (returnWhole) {
        returnedBody = original;
        if (!returnedBody.endsWith(crlf))
            returnedBody += crlf;
        const bool eightBit = !isAscii(returnedBody);
        // RFC 2046 5.2.1: message/rfc822 is 7bit, 8bit or binary, never base64.
        returnedType = eightBit && !isAscii(originalHead) ? "message/global" : "message/rfc822";
        if (eightBit)
            returnedEncoding = "8bit";
    } else {
        returnedBody = originalHead;
        if (isAscii(returnedBody)) {
            returnedType = "text/rfc822-headers";
        } else {
            // RFC 6533 6.3 for UTF-8 headers; quoted-printable keeps the report 7-bit.
            returnedType = utf8Addresses ? "message/global-headers" : "text/rfc822-headers";
            returnedEncoding = "quoted-printable";
            QByteArray qp;
            qsizetype lineLen = 0;
            for (qsizetype i = 0; i < returnedBody.size(); ++i) {
                const uchar c = uchar(returnedBody[i]);
                if (c == '\r' && i + 1 < returnedBody.size() && returnedBody[i + 1] == '\n') {
                    qp += "\r\n";
                    ++i;
                    lineLen = 0;
                    continue;
                }
                QByteArray piece;
                if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t')
                    piece = QByteArray(1, char(c));
                else
                    piece = '=' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
                // RFC 2045 6.7 (5): soft line breaks keep lines within 76.
                if (lineLen + piece.size() > 75) {
                    qp += "=\r\n";
                    lineLen = 0;
                }
                qp += piece;
                lineLen += piece.size();
                // (3): white space at the end of a line would be lost.
                const bool lineEnds = i + 1 >= returnedBody.size() || returnedBody[i + 1] == '\r';
                if (lineEnds && (c == ' ' || c == '\t')) {
                    qp.chop(1);
                    qp += c == ' ' ? "=20" : "=09";
                    lineLen += 2;
                }
            }
            returnedBody = qp;
        }
        if (!returnedBody.isEmpty() && !returnedBody.endsWith(crlf))
            returnedBody += crlf;
    }

    // --- A boundary and a Message-ID from a digest of the report: the same
    // input gives the same report (tests), and a boundary in no part
    // (RFC 2046 5.1.1) — "=_" cannot occur in base64.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(in.now.toString(Qt::ISODateWithMs).toUtf8());
    hash.addData(in.originalSender.toUtf8());
    hash.addData(status);
    hash.addData(original);
    const QByteArray digest = hash.result().toHex();
    QByteArray boundary = "=_fumibako-report-" + digest.left(24);
    for (int n = 1; status.contains(boundary) || returnedBody.contains(boundary); ++n)
        boundary = "=_fumibako-report-" + digest.left(24) + '-' + QByteArray::number(n);
    const QByteArray idDomain =
        (in.messageIdDomain.isEmpty() ? in.reportingMta : in.messageIdDomain).toUtf8();
    const QByteArray messageId =
        '<' + in.now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + ".report." +
        digest.mid(24, 16) + '@' + printableAscii(idDomain) + '>';

    // --- The message.
    QByteArray out;
    out += field("Date", rfc5322Date(in.now));
    out += field("From", "Mail Delivery System <MAILER-DAEMON@" +
                             printableAscii(in.postmasterDomain.toUtf8()) + '>');
    out += field("To", '<' + in.originalSender.toUtf8() + '>');
    out += field("Subject", mimetext::encodeHeaderText(ja(kind.subjectJa) + ja(kind.subjectEn)));
    out += field("Message-ID", messageId);
    out += field("Auto-Submitted", "auto-replied"); // RFC 3834 5
    out += field("MIME-Version", "1.0");
    out +=
        field("Content-Type", QByteArray("multipart/report; report-type=") +
                                  (utf8Addresses ? "global-delivery-status" : "delivery-status") +
                                  "; boundary=\"" + boundary + '"');
    out += crlf;
    out += "This is a MIME-encapsulated message (RFC 3464 delivery status notification)." + crlf;

    out += crlf + "--" + boundary + crlf;
    out += field("Content-Type", "text/plain; charset=UTF-8");
    out += field("Content-Transfer-Encoding", "base64");
    out += field("Content-Description", "Notification");
    out += crlf + humanBody;

    out += crlf + "--" + boundary + crlf;
    out += field("Content-Type",
                 utf8Addresses ? "message/global-delivery-status" : "message/delivery-status");
    out += field("Content-Description", "Delivery report");
    if (utf8Addresses)
        out += field("Content-Transfer-Encoding", "8bit");
    out += crlf + status;

    out += crlf + "--" + boundary + crlf;
    out += field("Content-Type", returnedType);
    // As Postfix words it: only a success report's original was delivered.
    out += field("Content-Description",
                 QByteArray(in.kind == BounceInput::Kind::Success ? "" : "Undelivered ") +
                     (returnWhole ? "Message" : "Message Headers"));
    if (!returnedEncoding.isEmpty())
        out += field("Content-Transfer-Encoding", returnedEncoding);
    out += crlf + returnedBody;

    out += crlf + "--" + boundary + "--" + crlf;
    return out;
}

} // namespace BounceMessage

} // namespace fumibako
