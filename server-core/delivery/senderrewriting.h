// SenderRewriting: the Sender Rewriting Scheme as libsrs2 and PostSRSd write
// it, so a message we forward keeps passing SPF (the envelope sender becomes
// one at our domain) and its bounces still come back to us, to be turned back
// into the original sender — and only for senders we rewrote recently (an
// HMAC and a day stamp), so the SRS addresses are no open relay for bounces.
// Pure string work on an injectable clock; the key comes from the settings.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace fumibako
{

class Clock;

class SenderRewriting
{
public:
    // `key`: the secret, at least kMinKeySize bytes. `clock`: Clock::system()
    // in the server, a TestClock in tests; it must outlive this object.
    SenderRewriting(QByteArray key, const Clock *clock);

    static constexpr qsizetype kMinKeySize = 16;
    // libsrs2's defaults: an address is good for 21 days after the day it was
    // made (srs->maxage); we also take one a day ahead (a peer's clock, midnight).
    static constexpr int kMaxAgeDays = 21;
    static constexpr int kMaxFutureDays = 1;
    // The longest local part forward() writes and reverse() reads.
    static constexpr qsizetype kMaxSrsLocal = 1000;

    // The envelope sender of a message `forwarderDomain` forwards:
    //   ""                       → "" (a bounce is never rewritten);
    //   a@b.example              → SRS0=HHHH=TT=b.example=a@forwarderDomain;
    //   SRS0=HHHH=TT=d=l@srshost → SRS1=HHHH=srshost==HHHH=TT=d=l@forwarderDomain
    //                              (someone else's SRS0: libsrs2's SRS1 form);
    //   SRS1=HHHH=host=rest@x    → SRS1=<our hash>=host=rest@forwarderDomain
    //                              (someone else's SRS1: the first host kept);
    // unchanged: an SRS address whose hash verifies with our key (ours already),
    // anything that is no address (nothing to rewrite; the queue will send it
    // as it is), and a sender whose rewritten local part would pass
    // kMaxSrsLocal octets. A sender at `forwarderDomain` itself is rewritten
    // too (libsrs2's alwaysrewrite): SPF would pass without, but a report
    // about the forward must come back through us, to be told to that sender
    // without the destination in it.
    // The local part grows by 14 octets plus the sender's domain and may pass
    // RFC 5321's 64 (4.5.3.1.1): libsrs2 lets it grow, and so do we — the RFC
    // asks servers to accept longer local parts, and the common ones do.
    // (The rest of this server keeps to 64 octets — SMTP's MAIL and RCPT, the
    // reports, the queue — so RecipientExpansion never forwards with an SRS
    // address longer than that: such a forward goes from the account itself.)
    QString forward(const QString &sender, const QString &forwarderDomain) const;

    // What an SRS address at one of our domains stands for: the original
    // sender for an SRS0, the SRS0 address at the first forwarder for an SRS1.
    // Invalid when it is not an SRS address, its hash does not match (compared
    // without case: an MTA may fold the local part's case), or its stamp is more
    // than kMaxAgeDays old or more than kMaxFutureDays ahead. The domain the
    // address is at is not looked at: the caller knows which domains are ours.
    Result<QString> reverse(const QString &address) const;

    // "SRS0=" / "SRS1=" at the start, without case, or libsrs2's other
    // separators after the tag: "SRS0+", "SRS0-", "SRS1+", "SRS1-".
    static bool isSrs(QStringView localPart);

private:
    QByteArray hash(std::initializer_list<QByteArrayView> parts) const;
    bool hashMatches(QStringView given, std::initializer_list<QByteArrayView> parts) const;
    qint64 today() const;

    QByteArray m_key;
    const Clock *m_clock;
};

} // namespace fumibako
