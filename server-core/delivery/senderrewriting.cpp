#include "senderrewriting.h"

#include "common/clock.h"
#include "common/mailaddress.h"

#include <QMessageAuthenticationCode>

#include <cstring>
#include <optional>

namespace fumibako
{

namespace
{

// libsrs2's format constants. The stamp is the day number (days since the
// epoch) modulo 1024 in two base32 digits; the hash is the first four base64
// characters of an HMAC-SHA1 (24 bits; compared without case, about 21).
const char kStampChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kStampSlots = 1024;
constexpr qsizetype kHashLength = 4;
constexpr qint64 kSecsPerDay = 24 * 60 * 60;

// kMaxSrsLocal: SRS addresses grow past RFC 5321's 64 octets (see forward());
// a bound stays, as everywhere: an SRS1 of a 64-octet sender at a 255-octet
// domain, forwarded through a 255-octet host, is about 600 octets — more than
// fits a 512-octet SMTP command line (4.5.3.1.4) without extensions anyway.

// The parts of an SRS local part, as views into it. SRS0: the hash, the stamp,
// the original domain and the original local part (which may hold '=' itself:
// it is all that follows the third separator). SRS1: the hash, the first
// forwarder's host and what followed its SRS0 tag ("=HHHH=TT=d=l").
struct SrsParts {
    bool srs1 = false;
    QStringView hash;
    QStringView stamp; // SRS0 only
    QStringView host;
    QStringView user;
};

// The next '='-separated field of `rest` (libsrs2 splits at '=' only, whatever
// the separator after the tag), or nullopt when it is missing or empty.
std::optional<QStringView> takeField(QStringView &rest)
{
    const qsizetype eq = rest.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return std::nullopt;
    const QStringView field = rest.first(eq);
    rest = rest.sliced(eq + 1);
    return field;
}

std::optional<SrsParts> splitSrs(QStringView local)
{
    if (!SenderRewriting::isSrs(local))
        return std::nullopt;
    SrsParts p;
    p.srs1 = local[3] == QLatin1Char('1');
    QStringView rest = local.sliced(5);
    const auto hash = takeField(rest);
    const auto stamp = p.srs1 ? std::optional<QStringView>(QStringView()) : takeField(rest);
    const auto host = hash && stamp ? takeField(rest) : std::nullopt;
    if (!host || rest.isEmpty())
        return std::nullopt;
    p.hash = *hash;
    p.stamp = *stamp;
    p.host = *host;
    p.user = rest;
    return p;
}

// The day number a stamp stands for, modulo kStampSlots; -1 if it is no stamp.
int stampValue(QStringView stamp)
{
    if (stamp.size() != 2)
        return -1;
    int value = 0;
    for (QChar c : stamp) {
        const char *at = c.unicode() < 0x80 && c.unicode() != 0
                             ? std::strchr(kStampChars, char(c.toUpper().unicode()))
                             : nullptr;
        if (!at)
            return -1;
        value = value * 32 + int(at - kStampChars);
    }
    return value;
}

QString stampText(qint64 day)
{
    const int slot = int(day % kStampSlots);
    const char stamp[] = {kStampChars[slot / 32], kStampChars[slot % 32]};
    return QString::fromLatin1(stamp, 2);
}

// `local`@`host` as it goes on the wire: quoted when the local part is no
// dot-atom, a host in brackets kept as an address literal.
QString joinAddress(const QString &local, QStringView host)
{
    MailAddress a;
    a.local = local;
    a.quoted = true; // toString() quotes only when the local part needs it
    if (host.size() > 2 && host.front() == QLatin1Char('[') && host.back() == QLatin1Char(']')) {
        a.domainLiteral = true;
        a.domain = host.sliced(1, host.size() - 2).toString();
    } else {
        a.domain = host.toString();
    }
    return a.toString();
}

QString hostOf(const MailAddress &a)
{
    return a.domainLiteral ? QLatin1Char('[') + a.domain + QLatin1Char(']') : a.domain;
}

} // namespace

SenderRewriting::SenderRewriting(QByteArray key, const Clock *clock)
    : m_key(std::move(key)), m_clock(clock)
{
    Q_ASSERT(m_key.size() >= kMinKeySize);
    Q_ASSERT(m_clock);
}

bool SenderRewriting::isSrs(QStringView localPart)
{
    if (localPart.size() < 5 || !localPart.startsWith(QLatin1String("SRS"), Qt::CaseInsensitive))
        return false;
    const QChar digit = localPart[3], separator = localPart[4];
    return (digit == QLatin1Char('0') || digit == QLatin1Char('1')) &&
           (separator == QLatin1Char('=') || separator == QLatin1Char('+') ||
            separator == QLatin1Char('-'));
}

QByteArray SenderRewriting::hash(std::initializer_list<QByteArrayView> parts) const
{
    // libsrs2 lower-cases each part (ASCII only, as QByteArray::toLower) before
    // the HMAC, so a case-folded address hashes the same.
    QMessageAuthenticationCode mac(QCryptographicHash::Sha1, m_key);
    for (QByteArrayView part : parts)
        mac.addData(part.toByteArray().toLower());
    return mac.result().toBase64().left(kHashLength);
}

bool SenderRewriting::hashMatches(QStringView given,
                                  std::initializer_list<QByteArrayView> parts) const
{
    if (given.size() < kHashLength)
        return false;
    // libsrs2 reads only the first hashlength characters of a longer hash.
    return given.first(kHashLength).compare(QLatin1String(hash(parts)), Qt::CaseInsensitive) == 0;
}

qint64 SenderRewriting::today() const
{
    return m_clock->secsSinceEpoch() / kSecsPerDay;
}

QString SenderRewriting::forward(const QString &sender, const QString &forwarderDomain) const
{
    if (sender.isEmpty())
        return sender; // the null sender: a bounce, never bounced again
    // libsrs2 takes an alias address as well as a domain.
    const QString domain = forwarderDomain.mid(forwarderDomain.lastIndexOf(QLatin1Char('@')) + 1);
    const auto address = MailAddress::parse(QByteArrayView(sender.toUtf8()), kMaxSrsLocal);
    if (!address || !isValidDomainName(domain.toUtf8()))
        return sender;

    const QString &local = address->local;
    QString rewritten;
    if (const auto srs = splitSrs(local)) {
        const QByteArray host = srs->host.toUtf8(), user = srs->user.toUtf8();
        const bool ours = srs->srs1 ? hashMatches(srs->hash, {host, user})
                                    : hashMatches(srs->hash, {srs->stamp.toUtf8(), host, user});
        if (ours)
            return sender;
        if (srs->srs1) {
            // Someone else's SRS1: our hash over the first host and the rest.
            rewritten = QLatin1String("SRS1=") + QLatin1String(hash({host, user})) +
                        QLatin1Char('=') + srs->host.toString() + QLatin1Char('=') +
                        srs->user.toString();
        }
    }
    if (rewritten.isEmpty() && isSrs(local) && local[3] == QLatin1Char('0')) {
        // Someone else's SRS0 (well-formed or not, as libsrs2): the SRS1 that
        // names its host, so a bounce goes back there through us, not to the
        // original sender — whom only that host may tell.
        const QString host = hostOf(*address);
        const QStringView afterTag = QStringView(local).sliced(4); // "=HHHH=TT=d=l"
        rewritten = QLatin1String("SRS1=") +
                    QLatin1String(hash({host.toUtf8(), afterTag.toUtf8()})) + QLatin1Char('=') +
                    host + QLatin1Char('=') + afterTag.toString();
    }
    if (rewritten.isEmpty()) {
        // A plain sender (or an SRS1 too broken to keep its first host).
        const QString stamp = stampText(today());
        const QString host = hostOf(*address);
        rewritten = QLatin1String("SRS0=") +
                    QLatin1String(hash({stamp.toUtf8(), host.toUtf8(), local.toUtf8()})) +
                    QLatin1Char('=') + stamp + QLatin1Char('=') + host + QLatin1Char('=') + local;
    }
    if (rewritten.toUtf8().size() > kMaxSrsLocal)
        return sender; // too long for reverse() to read back: left as it is
    return joinAddress(rewritten, domain);
}

Result<QString> SenderRewriting::reverse(const QString &address) const
{
    const auto parsed = MailAddress::parse(QByteArrayView(address.toUtf8()), kMaxSrsLocal);
    if (!parsed || !isSrs(parsed->local))
        return Error::invalid(QStringLiteral("not an SRS address: %1").arg(address));
    const auto srs = splitSrs(parsed->local);
    if (!srs)
        return Error::invalid(QStringLiteral("malformed SRS address: %1").arg(address));
    const QByteArray host = srs->host.toUtf8(), user = srs->user.toUtf8();

    if (srs->srs1) {
        if (!hashMatches(srs->hash, {host, user}))
            return Error::invalid(QStringLiteral("SRS address with a bad hash: %1").arg(address));
        // The first forwarder's SRS0, which that forwarder verifies.
        return joinAddress(QLatin1String("SRS0") + srs->user.toString(), srs->host);
    }

    const int then = stampValue(srs->stamp);
    if (then < 0)
        return Error::invalid(QStringLiteral("SRS address with a bad time stamp: %1").arg(address));
    // Days since the stamp, modulo the stamp's 1024-day cycle: 1023 is tomorrow.
    const int age = int(((today() % kStampSlots) - then + kStampSlots) % kStampSlots);
    if (age > kMaxAgeDays && age < kStampSlots - kMaxFutureDays)
        return Error::invalid(QStringLiteral("SRS address expired (%1 days old, %2 allowed): %3")
                                  .arg(age)
                                  .arg(kMaxAgeDays)
                                  .arg(address));
    if (!hashMatches(srs->hash, {srs->stamp.toUtf8(), host, user}))
        return Error::invalid(QStringLiteral("SRS address with a bad hash: %1").arg(address));
    return joinAddress(srs->user.toString(), srs->host);
}

} // namespace fumibako
