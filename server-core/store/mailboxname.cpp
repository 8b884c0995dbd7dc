#include "mailboxname.h"

#include <QList>

namespace fumibako
{

namespace
{

// RFC 3501 5.1.3: modified BASE64 (RFC 2045's alphabet with "," for "/", no padding)
const char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

bool isDirect(char16_t u)
{
    return u >= 0x20 && u <= 0x7e;
}

} // namespace

QString decodeMailboxName(QByteArrayView wire)
{
    QString out(0, Qt::Uninitialized); // empty but not null
    out.reserve(wire.size());
    bool afterRun = false; // the previous thing was a non-empty encoded run
    const qsizetype n = wire.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = wire[i];
        if (!isDirect(char16_t(static_cast<unsigned char>(c))))
            return QString();
        ++i;
        if (c != '&') {
            out.append(QChar(char16_t(c)));
            afterRun = false;
            continue;
        }
        const qsizetype start = i;
        while (i < n && wire[i] != '-')
            ++i;
        if (i == n)
            return QString(); // unterminated "&"
        const QByteArrayView run = wire.sliced(start, i - start);
        ++i;
        if (run.isEmpty()) { // "&-" is "&"
            out.append(QLatin1Char('&'));
            afterRun = false;
            continue;
        }
        if (afterRun)
            return QString(); // "&...-&...-" must have been one run
        afterRun = true;
        quint32 acc = 0;
        int bits = 0;
        char16_t pendingHigh = 0;
        for (const char b : run) {
            const int v = base64Value(b);
            if (v < 0)
                return QString();
            acc = (acc << 6) | quint32(v);
            bits += 6;
            if (bits < 16)
                continue;
            bits -= 16;
            const auto u = char16_t((acc >> bits) & 0xffff);
            acc &= (1u << bits) - 1;
            if (pendingHigh) {
                if (!QChar::isLowSurrogate(u))
                    return QString();
                out.append(QChar(pendingHigh));
                out.append(QChar(u));
                pendingHigh = 0;
            } else if (QChar::isHighSurrogate(u)) {
                pendingHigh = u;
            } else if (QChar::isLowSurrogate(u) || isDirect(u) || u == 0) {
                return QString();
            } else {
                out.append(QChar(u));
            }
        }
        // What is left must be fewer than 6 zero bits: no partial UTF-16 unit, no
        // non-zero padding, no surrogate without its pair.
        if (bits >= 6 || acc != 0 || pendingHigh)
            return QString();
    }
    return out;
}

QByteArray encodeMailboxName(const QString &name)
{
    QByteArray out;
    out.reserve(name.size());
    const qsizetype n = name.size();
    qsizetype i = 0;
    while (i < n) {
        const char16_t u = name.at(i).unicode();
        if (isDirect(u)) {
            if (u == '&')
                out.append("&-");
            else
                out.append(char(u));
            ++i;
            continue;
        }
        out.append('&');
        quint32 acc = 0;
        int bits = 0;
        auto put = [&](char16_t unit) {
            acc = (acc << 16) | unit;
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(Alphabet[(acc >> bits) & 0x3f]);
            }
            acc &= (1u << bits) - 1;
        };
        while (i < n && !isDirect(name.at(i).unicode())) {
            const char16_t w = name.at(i).unicode();
            if (QChar::isHighSurrogate(w) && i + 1 < n &&
                QChar::isLowSurrogate(name.at(i + 1).unicode())) {
                put(w);
                put(name.at(i + 1).unicode());
                i += 2;
                continue;
            }
            put(QChar::isSurrogate(w) || w == 0 ? char16_t(0xfffd) : w);
            ++i;
        }
        if (bits > 0)
            out.append(Alphabet[(acc << (6 - bits)) & 0x3f]);
        out.append('-');
    }
    return out;
}

const char *mailboxNameProblem(QStringView name)
{
    if (name.isEmpty() || name.size() > 200)
        return "Invalid mailbox name: empty or too long.";
    if (name.startsWith(QLatin1Char('~')))
        return "Invalid mailbox name: it may not begin with ~.";
    for (QChar c : name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char('*') ||
            c == QLatin1Char('%') || c == QLatin1Char('\\'))
            return "Invalid character in mailbox name.";
    for (QStringView level : name.split(QLatin1Char('/'))) {
        if (level.isEmpty())
            return "Invalid mailbox name: empty hierarchy level.";
        if (level == QLatin1String(".") || level == QLatin1String(".."))
            return "Invalid mailbox name: . and .. are not names.";
        if (level.toUtf8().size() > 255)
            return "Invalid mailbox name: a level is longer than 255 bytes.";
    }
    return nullptr;
}

} // namespace fumibako
