// libFuzzer target: a message as it arrives from a stranger, through every
// reader of server-core/mime — MimeMessage (ENVELOPE, BODYSTRUCTURE, sections,
// decoded headers, searchable text: what FETCH, SEARCH and the archive read),
// mimetext (transfer encodings, the charset decoders — ISO-2022-JP, Shift_JIS,
// EUC-JP and whatever else iconv has —, RFC 2047 words, search folding,
// containsBytes), the 7-bit downgrade of the SMTP client and submission's
// missing-field check. Besides crashes and sanitizer reports it checks
// invariants and aborts when one breaks: ENVELOPE and BODYSTRUCTURE are
// well-formed IMAP, encodeHeaderText reads back through decodeHeaderText,
// containsBytes agrees with a plain search.
// Build and run: see tests/fuzz/CMakeLists.txt.

#include "fuzzsupport.h"

#include "mime/mimedowngrade.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "mime/missingheaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace fumibako;
using fumibako::fuzz::check;

namespace
{

// Reads one IMAP value at s[i] (RFC 3501 9: nil, number, quoted, literal or a
// parenthesised list of them separated by single spaces — lists may also follow
// each other directly, as the parts of body-type-mpart do); false if malformed.
bool imapValue(const QByteArray &s, qsizetype &i, int depth)
{
    if (i >= s.size() || depth > 200)
        return false;
    const char c = s[i];
    if (c == '(') {
        ++i;
        if (i < s.size() && s[i] == ')')
            return false; // no IMAP body or envelope item is an empty list
        for (;;) {
            const bool list = s[i] == '(';
            if (!imapValue(s, i, depth + 1) || i >= s.size())
                return false;
            if (s[i] == ')') {
                ++i;
                return true;
            }
            if (list && s[i] == '(')
                continue; // body-type-mpart: 1*body, the parts not separated
            if (s[i] != ' ')
                return false;
            ++i;
        }
    }
    if (c == '"') {
        for (++i; i < s.size(); ++i) {
            const auto u = uchar(s[i]);
            if (u == '\\') {
                if (++i >= s.size() || (s[i] != '\\' && s[i] != '"'))
                    return false;
            } else if (u == '"') {
                ++i;
                return true;
            } else if (u == '\r' || u == '\n' || u == 0 || u >= 0x80) {
                return false; // not a QUOTED-CHAR: that text needs a literal
            }
        }
        return false;
    }
    if (c == '{') {
        const qsizetype close = s.indexOf("}\r\n", i);
        if (close < 0)
            return false;
        bool ok = false;
        const qsizetype n = s.mid(i + 1, close - i - 1).toLongLong(&ok);
        if (!ok || n < 0 || close + 3 + n > s.size())
            return false;
        i = close + 3 + n;
        return true;
    }
    if (s.mid(i, 3) == "NIL") {
        i += 3;
        return true;
    }
    const qsizetype start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    return i > start;
}

void checkImap(const QByteArray &s)
{
    qsizetype i = 0;
    const bool ok = s.startsWith('(') && imapValue(s, i, 0) && i == s.size();
    check(ok);
}

// Every part number below `part` (depth <= 3, at most 4 parts a level), with
// each section text of it.
void walkSections(const MimeMessage &m, QList<int> part)
{
    using T = MimeMessage::SectionText;
    const QList<QByteArray> fields = {"From", "subject", "Content-Type"};
    for (const T text :
         {T::Whole, T::Header, T::HeaderFields, T::HeaderFieldsNot, T::Text, T::Mime}) {
        const auto s = m.section(part, text, fields);
        if (s && text != T::HeaderFields && text != T::HeaderFieldsNot)
            check(s->size() <= m.raw().size());
    }
    if (part.size() >= 3)
        return;
    for (int n = 1; n <= 4; ++n) {
        QList<int> child = part;
        child << n;
        if (!m.section(child, T::Whole))
            break;
        walkSections(m, child);
    }
}

void checkMessage(const QByteArray &raw)
{
    const MimeMessage m(raw);
    checkImap(m.imapEnvelope());
    checkImap(m.imapBodyStructure(true));
    checkImap(m.imapBodyStructure(false));
    walkSections(m, {});
    (void)m.rawHeader("Subject");
    (void)m.decodedHeaders("From");
    (void)m.decodedHeaderText();
    const QString text = m.searchableText();
    (void)mimetext::foldForSearch(text);
}

const char *const kCharsets[] = {
    "iso-2022-jp", "ISO-2022-JP-2", "shift_jis", "Windows-31J", "euc-jp",
    "utf-8",       "us-ascii",      "",          "iso-8859-1",  "utf-16",
    "utf-7",       "gb2312",        "euc-kr",    "big5",        "koi8-r",
    "x-unknown",   "\"cp932\"",     "utf-32",
};
const char *const kEncodings[] = {"base64", "quoted-printable", "x-uuencode", "7bit",
                                  "8bit",   "\"Base64\""};

void checkText(QByteArrayView data, uchar selector)
{
    const QByteArrayView charset(kCharsets[selector % std::size(kCharsets)]);
    (void)mimetext::decodeCharset(data, charset);
    (void)mimetext::decodeIso2022Jp(data);
    (void)mimetext::decodeTransfer(data, kEncodings[selector % std::size(kEncodings)]);
    const QString header = mimetext::decodeHeaderText(data);
    const QByteArray folded = mimetext::foldForSearch(header).toUtf8();

    // The server's own header words read back as the text they were made from
    // (RFC 2047: mail the server writes is read by this same decoder).
    QString plain = QString::fromUtf8(data);
    plain.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray encoded = mimetext::encodeHeaderText(plain);
    for (char c : encoded)
        check((uchar(c) >= 0x20 && uchar(c) < 0x7f) || c == '\t');
    check(mimetext::decodeHeaderText(encoded) == plain);

    // containsBytes against a plain search: a needle cut from the text, and the same one changed.
    if (!folded.isEmpty()) {
        const qsizetype from = selector % folded.size();
        QByteArray needle = folded.mid(from, 1 + (selector >> 3) % 40);
        check(mimetext::containsBytes(folded, needle));
        needle[needle.size() - 1] = char(needle.back() ^ 0x20);
        check(mimetext::containsBytes(folded, needle) == (folded.indexOf(needle) >= 0));
        check(mimetext::containsBytes(data, needle) == (data.indexOf(needle) >= 0));
    }
}

void checkOutbound(const QByteArray &raw)
{
    const QByteArray seven = downgradeTo7bit(raw);
    if (!has8bitBytes(raw)) {
        check(seven == raw);
        check(!has8bitHeaders(raw));
    } else {
        (void)has8bitHeaders(raw);
    }
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const QByteArray added = missingSubmissionFields(raw, now, "mail.example.jp");
    check(added.isEmpty() || added.endsWith("\r\n"));
    const HeaderPresence after = headerPresence(added + raw);
    check(after.date && after.messageId);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    // byte 0 picks a charset, an encoding and a needle; the rest is the message
    const uchar selector = bytes[0];
    const QByteArray raw(reinterpret_cast<const char *>(bytes) + 1, qsizetype(size) - 1);
    checkMessage(raw);
    checkText(raw, selector);
    checkOutbound(raw);
    return 0;
}
