#include "noticemail.h"

#include <QtGlobal>

namespace fumibako::NoticeMail
{

bool isAscii(QByteArrayView bytes)
{
    for (char c : bytes)
        if (uchar(c) >= 0x80)
            return false;
    return true;
}

// A value for a 7-bit field: line breaks (a multi-line SMTP reply) become
// spaces, other controls and 8-bit bytes '?'.
QByteArray printableAscii(QByteArrayView in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const uchar c = uchar(in[i]);
        if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n')
            continue;
        if (c == '\r' || c == '\n' || c == '\t')
            out += ' ';
        else if (c < 0x20 || c >= 0x7f)
            out += '?';
        else
            out += char(c);
    }
    return out.trimmed();
}

// Lone LF (and lone CR) to CRLF: the report is sent as is over SMTP (RFC 5321 2.3.8).
QByteArray toCrlf(QByteArrayView in)
{
    QByteArray out;
    out.reserve(in.size() + in.size() / 32);
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < in.size() && in[i + 1] == '\n')
                ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

// "Name: value" folded (RFC 5322 2.2.3) before a space so lines stay within 78
// octets where the value allows, and within 998 always (a run of more than 990
// octets without a space is broken where it must be).
QByteArray field(QByteArrayView name, QByteArrayView value)
{
    constexpr qsizetype kSoft = 78, kHard = 998 - 8;
    QByteArray out = name.toByteArray() + ':';
    qsizetype lineLen = out.size();
    qsizetype at = 0;
    while (at < value.size()) {
        // The next word with the spaces before it.
        qsizetype end = at;
        while (end < value.size() && value[end] == ' ')
            ++end;
        while (end < value.size() && value[end] != ' ')
            ++end;
        QByteArrayView word = value.sliced(at, end - at);
        if (at == 0 && !word.startsWith(' ')) {
            out += ' ';
            ++lineLen;
        }
        if (lineLen + word.size() > kSoft && lineLen > 1 && word.startsWith(' ')) {
            out += "\r\n";
            lineLen = 0;
        }
        while (lineLen + word.size() > kHard) {
            const qsizetype take = qMax<qsizetype>(1, kHard - lineLen);
            out += word.first(take).toByteArray() + "\r\n ";
            word = word.sliced(take);
            lineLen = 1;
        }
        out += word.toByteArray();
        lineLen += word.size();
        at = end;
    }
    return out + "\r\n";
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

QByteArray textNotice(const TextNotice &n)
{
    QByteArray out;
    out += field("Date", n.date);
    out += field("From", n.from);
    out += field("To", n.to);
    out += field("Subject", n.subject);
    out += field("Message-ID", n.messageId);
    if (!n.inReplyTo.isEmpty())
        out += field("In-Reply-To", n.inReplyTo);
    if (!n.references.isEmpty())
        out += field("References", n.references);
    out += field("Auto-Submitted", n.autoSubmitted);
    out += field("MIME-Version", "1.0");
    if (n.iso2022Jp) {
        out += field("Content-Type", "text/plain; charset=ISO-2022-JP");
        out += field("Content-Transfer-Encoding", "7bit");
        out += "\r\n";
        const QByteArray text = toCrlf(n.text);
        return out + text + (text.isEmpty() || text.endsWith("\r\n") ? "" : "\r\n");
    }
    out += field("Content-Type", "text/plain; charset=UTF-8");
    out += field("Content-Transfer-Encoding", "base64");
    out += "\r\n";
    out += base64Lines(toCrlf(n.text));
    return out;
}

} // namespace fumibako::NoticeMail
