#include "mailaddress.h"

namespace fumibako
{

namespace
{

constexpr qsizetype kMaxLocal = 64;   // RFC 5321 4.5.3.1.1
constexpr qsizetype kMaxDomain = 255; // RFC 5321 4.5.3.1.2

bool isAtext(unsigned char c)
{
    if (c >= 0x80)
        return true; // UTF-8 (RFC 6531)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isDotAtom(QByteArrayView s)
{
    if (s.isEmpty() || s.front() == '.' || s.back() == '.')
        return false;
    char prev = 0;
    for (char c : s) {
        if (c == '.') {
            if (prev == '.')
                return false;
        } else if (!isAtext(static_cast<unsigned char>(c))) {
            return false;
        }
        prev = c;
    }
    return true;
}

bool needsQuoting(const QString &local)
{
    return !isDotAtom(local.toUtf8());
}

} // namespace

bool isValidDomainName(QByteArrayView domain)
{
    if (domain.isEmpty() || domain.size() > kMaxDomain)
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            const qsizetype len = i - labelStart;
            if (len == 0 || len > 63)
                return false;
            if (domain[labelStart] == '-' || domain[i - 1] == '-')
                return false;
            labelStart = i + 1;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(domain[i]);
        const bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<MailAddress> MailAddress::parse(QByteArrayView text)
{
    return parse(text, kMaxLocal);
}

std::optional<MailAddress> MailAddress::parse(QByteArrayView text, qsizetype maxLocal)
{
    if (text.isEmpty() || text.size() > maxLocal + 1 + kMaxDomain + 2)
        return std::nullopt;
    MailAddress out;
    QByteArray local;
    qsizetype i = 0;
    if (text.front() == '"') {
        // Quoted-string (RFC 5321 4.1.2): qtextSMTP or quoted-pairSMTP.
        out.quoted = true;
        for (i = 1; i < text.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            if (c == '"')
                break;
            if (c == '\\') {
                if (++i >= text.size())
                    return std::nullopt;
                const unsigned char q = static_cast<unsigned char>(text[i]);
                if (q < 32 || q == 127)
                    return std::nullopt;
                local.append(char(q));
            } else if (c < 32 || c == 127) {
                return std::nullopt;
            } else {
                local.append(char(c));
            }
        }
        if (i >= text.size() || text[i] != '"')
            return std::nullopt;
        ++i;
        if (i >= text.size() || text[i] != '@')
            return std::nullopt;
    } else {
        const qsizetype at = text.lastIndexOf('@');
        if (at <= 0)
            return std::nullopt;
        local = text.first(at).toByteArray();
        if (!isDotAtom(local))
            return std::nullopt;
        i = at;
    }
    if (local.size() > maxLocal)
        return std::nullopt;
    QByteArrayView domain = text.sliced(i + 1);
    if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
        // Address literal: accept IPv4 dotted quads and "IPv6:" forms by charset.
        const QByteArrayView inner = domain.sliced(1, domain.size() - 2);
        if (inner.isEmpty())
            return std::nullopt;
        for (char c : inner) {
            const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                            (c >= 'A' && c <= 'F') || c == '.' || c == ':' || c == 'I' ||
                            c == 'P' || c == 'v';
            if (!ok)
                return std::nullopt;
        }
        out.domainLiteral = true;
        out.domain = QString::fromLatin1(inner);
    } else {
        if (!isValidDomainName(domain))
            return std::nullopt;
        out.domain = QString::fromUtf8(domain);
    }
    out.local = QString::fromUtf8(local);
    if (out.local.contains(QChar::ReplacementCharacter) ||
        out.domain.contains(QChar::ReplacementCharacter))
        return std::nullopt; // not valid UTF-8
    return out;
}

QString MailAddress::toString() const
{
    QString l = local;
    if (quoted && needsQuoting(local)) {
        l.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        l = QLatin1Char('"') + l + QLatin1Char('"');
    }
    const QString d = domainLiteral ? QLatin1Char('[') + domain + QLatin1Char(']') : domain;
    return l + QLatin1Char('@') + d;
}

QString MailAddress::normalized() const
{
    return toString().toLower();
}

bool MailAddress::isAscii() const
{
    const QString all = local + domain;
    for (QChar c : all)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

} // namespace fumibako
