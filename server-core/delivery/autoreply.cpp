#include "autoreply.h"

#include "noticemail.h"

#include "common/mailaddress.h"
#include "common/maildate.h"
#include "mime/headerfields.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "mime/missingheaders.h"

#include <algorithm>

namespace fumibako::AutoReply
{

namespace
{

// Pigeonhole's str_sanitize(subject, 256) bound: a hostile original subject
// cannot make the reply's header unbounded.
constexpr qsizetype kMaxHeaderText = 256;
// References: the first id (the thread's root) and the latest ones, as mail
// clients trim a long thread (RFC 5322 3.6.4 leaves the length open).
constexpr qsizetype kMaxReferences = 20;
constexpr qsizetype kMaxMessageId = 250;

bool isControl(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029;
}

// Text from any input made fit for one header line: every control (CR and LF
// among them, and the Unicode line separators) becomes a space, runs of
// spaces one space, and the text is cut at kMaxHeaderText characters.
QString oneLine(const QString &in)
{
    QString out;
    out.reserve(in.size());
    for (QChar c : in) {
        const QChar d = isControl(c) ? QLatin1Char(' ') : c;
        if (d == QLatin1Char(' ') && (out.isEmpty() || out.endsWith(QLatin1Char(' '))))
            continue;
        out += d;
    }
    if (out.size() > kMaxHeaderText)
        out.truncate(out[kMaxHeaderText - 1].isHighSurrogate() ? kMaxHeaderText - 1
                                                               : kMaxHeaderText);
    while (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

// The body text without the controls a text/plain part has no use for (ESC
// would break ISO-2022-JP), its line ends made "\n".
QString plainText(const QString &in)
{
    QString out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QChar c = in[i];
        if (c == QLatin1Char('\r')) {
            out += QLatin1Char('\n');
            if (i + 1 < in.size() && in[i + 1] == QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\t') || !isControl(c)) {
            out += c;
        }
    }
    return out;
}

// The first token of a structured field's value (RFC 5322 3.2.2: comments and
// folding white space skipped), lower case; parameters after ';' are not read.
QByteArray firstToken(QByteArrayView value)
{
    qsizetype i = 0;
    for (int depth = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (depth > 0 && c == '\\')
            ++i;
        else if (c == '(')
            ++depth;
        else if (c == ')' && depth > 0)
            --depth;
        else if (depth == 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
    }
    const qsizetype start = i;
    while (i < value.size() && !QByteArrayView(" \t\r\n(;").contains(value[i]))
        ++i;
    return value.sliced(start, i - start).toByteArray().toLower();
}

bool isSystemLocalPart(const QString &local)
{
    // RFC 3834 2 and 3.1.8, RFC 2142 3, Pigeonhole vacation's _is_system_address,
    // and the reference service's own list (FAQ: 「特定の送信者アドレスに対して、
    // 自動返信メールが送信されません」: -request, -admin, owner-, autoanswer, echo,
    // listserv, mailerdaemon, mailer-daemon, mirror, netserv, server, uucp,
    // mailer, listproc, majordomo).
    static const QStringList exact = {
        QStringLiteral("mailer-daemon"), QStringLiteral("mailerdaemon"),
        QStringLiteral("postmaster"),    QStringLiteral("noreply"),
        QStringLiteral("no-reply"),      QStringLiteral("donotreply"),
        QStringLiteral("do-not-reply"),  QStringLiteral("listserv"),
        QStringLiteral("majordomo"),     QStringLiteral("root"),
        QStringLiteral("nobody"),        QStringLiteral("autoanswer"),
        QStringLiteral("echo"),          QStringLiteral("mirror"),
        QStringLiteral("netserv"),       QStringLiteral("server"),
        QStringLiteral("uucp"),          QStringLiteral("mailer"),
        QStringLiteral("listproc"),
    };
    const QString l = local.toLower();
    return exact.contains(l) || l.startsWith(QLatin1String("owner-")) ||
           l.endsWith(QLatin1String("-request")) || l.endsWith(QLatin1String("-owner")) ||
           l.endsWith(QLatin1String("-admin"));
}

// An address from the caller ("a@b" or "<a@b>"), parsed strictly: nullopt
// for anything but one valid RFC 5321 mailbox (a second address, a line break).
std::optional<MailAddress> singleAddress(const QString &text)
{
    if (std::any_of(text.cbegin(), text.cend(), isControl))
        return std::nullopt;
    QString s = text.trimmed();
    if (s.size() >= 2 && s.startsWith(QLatin1Char('<')) && s.endsWith(QLatin1Char('>')))
        s = s.mid(1, s.size() - 2);
    return MailAddress::parse(s);
}

// The msg-ids of a Message-ID / References value (RFC 5322 3.6.4), each
// "<left@right>" of printable ASCII without white space; anything else is
// passed over, so nothing but those bytes reaches the reply's fields.
QList<QByteArray> messageIds(QByteArrayView value)
{
    QList<QByteArray> ids;
    qsizetype at = 0;
    while ((at = value.indexOf('<', at)) >= 0) {
        const qsizetype close = value.indexOf('>', at + 1);
        if (close < 0)
            break;
        const QByteArrayView id = value.sliced(at + 1, close - at - 1);
        const bool printable = std::all_of(id.begin(), id.end(), [](char c) {
            return c > 0x20 && c < 0x7f && c != '<' && c != '>';
        });
        const qsizetype atSign = id.indexOf('@');
        if (printable && atSign > 0 && atSign < id.size() - 1 && id.size() <= kMaxMessageId)
            ids << '<' + id.toByteArray() + '>';
        at = close + 1;
    }
    return ids;
}

} // namespace

std::optional<QString> suppression(QByteArrayView originalHeader, const QString &envelopeSender,
                                   const QStringList &ownAddresses, bool spam,
                                   const AutoReplyRule &rule, const QDateTime &now)
{
    if (!rule.enabled)
        return QStringLiteral("auto-reply is off");
    const QDate today = now.toLocalTime().date();
    if (rule.start.isValid() && today < rule.start)
        return QStringLiteral("before the auto-reply period");
    if (rule.end.isValid() && today > rule.end)
        return QStringLiteral("after the auto-reply period");

    // RFC 3834 3.1.8 / RFC 5321 4.5.5: no reply to a delivery report.
    QString sender = envelopeSender.trimmed();
    if (sender.startsWith(QLatin1Char('<')) && sender.endsWith(QLatin1Char('>')))
        sender = sender.mid(1, sender.size() - 2).trimmed();
    if (sender.isEmpty())
        return QStringLiteral("null envelope sender");
    const auto parsed = MailAddress::parse(sender);
    const QString local =
        parsed ? parsed->local : sender.left(qMax(0, sender.lastIndexOf(QLatin1Char('@'))));
    if (isSystemLocalPart(local))
        return QStringLiteral("sender is a system or list address");

    bool autoSubmitted = false, bulk = false, list = false, spamFlag = false;
    HeaderFieldScanner scanner(originalHeader);
    for (HeaderFieldScanner::Item item = scanner.next();
         item.kind == HeaderFieldScanner::Kind::Field ||
         item.kind == HeaderFieldScanner::Kind::NotAField;
         item = scanner.next()) {
        if (item.kind != HeaderFieldScanner::Kind::Field)
            continue;
        const QByteArray name = scanner.name(item).toByteArray().toLower();
        if (name == "auto-submitted") // RFC 3834 5.1: any value but "no"
            autoSubmitted = autoSubmitted || firstToken(scanner.unfoldedValue(item)) != "no";
        else if (name == "precedence")
            bulk = bulk || QList<QByteArray>{"bulk", "junk", "list"}.contains(
                               firstToken(scanner.unfoldedValue(item)));
        else if (name == "list-id" || name == "list-post" || name == "list-unsubscribe" ||
                 name == "list-help" || name == "list-subscribe" || name == "list-owner" ||
                 name == "list-archive") // RFC 2919, RFC 2369 3
            list = true;
        else if (name == "x-spam-flag")
            spamFlag = spamFlag || firstToken(scanner.unfoldedValue(item)) == "yes";
    }
    if (autoSubmitted)
        return QStringLiteral("the message is Auto-Submitted");
    if (bulk)
        return QStringLiteral("the message is Precedence bulk, junk or list");
    if (list)
        return QStringLiteral("the message is from a mailing list");
    if (spam || spamFlag)
        return QStringLiteral("the message is spam");

    // RFC 5230 4.5: only mail addressed to the account itself (not a Bcc, not
    // a list it is on) gets a reply. MimeMessage reads the address lists as
    // RFC 5322 3.4 writes them: quoted names, comments, groups, folding.
    QByteArray header = originalHeader.toByteArray();
    if (!header.endsWith("\n\n") && !header.endsWith("\r\n\r\n"))
        header += header.endsWith('\n') ? "\r\n" : "\r\n\r\n";
    const MimeMessage message(header);
    const QStringList addressed = message.addresses("To") + message.addresses("Cc");
    for (const QString &own : ownAddresses)
        for (const QString &a : addressed)
            if (a.compare(own.trimmed(), Qt::CaseInsensitive) == 0)
                return std::nullopt;
    return QStringLiteral("the account is not in To: or Cc:");
}

QByteArray build(const Reply &reply)
{
    const auto to = singleAddress(reply.to);
    const auto from = singleAddress(reply.from);
    if (!to || !from)
        return {};
    const AutoReplyRule &rule = reply.rule;

    QString subject = oneLine(rule.subject);
    if (subject.isEmpty()) {
        const QString original =
            oneLine(mimetext::decodeHeaderText(firstFieldValue(reply.originalHeader, "Subject")));
        if (original.startsWith(QLatin1String("Re:"), Qt::CaseInsensitive))
            subject = original;
        else
            subject =
                original.isEmpty() ? QStringLiteral("Re:") : QStringLiteral("Re: ") + original;
    }
    const QString name = oneLine(rule.fromName);
    const QString text = plainText(rule.body);

    // ISO-2022-JP when the rule asks for it and it can carry every character
    // of the name, the subject and the body, each body line within 998 octets
    // (RFC 5322 2.1.1, a 7bit part); otherwise the whole reply is UTF-8, which
    // carries anything — never a part in one charset and a header in another.
    QByteArray jisText;
    bool jis = rule.charset == AutoReplyRule::Charset::Iso2022Jp &&
               mimetext::encodeIso2022Jp(name) && mimetext::encodeIso2022Jp(subject);
    if (jis) {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; jis && i < lines.size(); ++i) {
            const auto line = mimetext::encodeIso2022Jp(lines[i]);
            jis = line && line->size() <= 998;
            if (jis)
                jisText += *line + (i + 1 < lines.size() ? "\r\n" : "");
        }
    }
    const auto charset = jis ? mimetext::WriteCharset::Iso2022Jp : mimetext::WriteCharset::Utf8;

    QByteArray idDomain = reply.messageIdDomain.trimmed().toUtf8();
    if (!isValidDomainName(idDomain) || !NoticeMail::isAscii(idDomain))
        idDomain = from->domainLiteral || !from->isAscii() ? QByteArray("localhost")
                                                           : from->domain.toUtf8();
    const QList<QByteArray> parent =
        messageIds(firstFieldValue(reply.originalHeader, "Message-ID"));
    QList<QByteArray> references = messageIds(firstFieldValue(reply.originalHeader, "References"));
    if (!parent.isEmpty())
        references << parent.first(); // RFC 5322 3.6.4: the parent's References, then its id
    if (references.size() > kMaxReferences)
        references = references.first(1) + references.last(kMaxReferences - 1);

    NoticeMail::TextNotice notice;
    notice.date = rfc5322Date(reply.now);
    const QByteArray phrase = mimetext::encodePhrase(name, charset);
    const QByteArray fromAddress = '<' + from->toString().toUtf8() + '>';
    // A leading space lets NoticeMail::field fold before a first word too long
    // for the field's first line (RFC 5322 2.2.3), as the virus notice does.
    notice.from = ' ' + (phrase.isEmpty() ? fromAddress : phrase + ' ' + fromAddress);
    notice.to = '<' + to->toString().toUtf8() + '>';
    notice.subject = ' ' + mimetext::encodeHeaderText(subject, charset);
    notice.messageId = newMessageId(reply.now, idDomain);
    notice.inReplyTo = parent.isEmpty() ? QByteArray() : parent.first();
    notice.references = references.join(' ');
    notice.autoSubmitted = "auto-replied"; // RFC 3834 5.2
    notice.iso2022Jp = jis;
    notice.text = jis ? jisText : text.toUtf8();
    return NoticeMail::textNotice(notice);
}

} // namespace fumibako::AutoReply
