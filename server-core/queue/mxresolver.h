// MxResolver: where mail for a domain goes (RFC 5321 5.1) — its MX hosts by
// preference, each with its addresses, or the domain's own A/AAAA when it has
// no MX, or a refusal at once for a null MX (RFC 7505) — and the addresses of a
// single host for transport rules and smarthosts. Built on QDnsLookup, which
// does the blocking res_nquery() on Qt's own threads: nothing here blocks the
// caller's thread. Every lookup is bounded (hosts, addresses, one deadline).
#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>

namespace fumibako
{

struct MxHost {
    QString name;                  // the exchange's host name (TLS peer name, logs); ACE form
    int preference = 0;            // implicit MX (no MX records): 0
    QList<QHostAddress> addresses; // A and AAAA in the order to try (see MxResolver)
};

// Address order, per host: the address families interleaved, IPv4 first
// (v4, v6, v4, v6, ...; RFC 8305 4 interleaves families), each family in the
// order the DNS server gave (servers rotate records; RFC 5321 5.1 leaves the
// order within a host to us). IPv4 first because whether this machine has a
// working IPv6 route cannot be known in advance and every SMTP peer has IPv4;
// interleaving means one unreachable family costs one connection attempt, not
// all of them. Duplicates and unusable addresses (unspecified, multicast,
// broadcast) are dropped; at most kMaxAddressesPerHost are kept.
//
// Errors (the `kind` the queue acts on):
//  - Permanent: null MX ("domain does not accept mail", RFC 7505 3; X.1.10),
//    an invalid domain name, an unusable address literal (0.0.0.0, multicast).
//  - NotFound: NXDOMAIN for the domain or host ("host unknown"): also final.
//  - Temporary: SERVFAIL, REFUSED, no answer, the deadline, no MX host with an
//    address, no address at all for an implicit MX or a host (see below).
//
// Qt 6.4 reports a NOERROR answer without records (NODATA), a query that got
// no answer and a refused connection alike, as InvalidReplyError: its Unix
// backend reads nothing when glibc's res_nquery() returns -1, as it does for
// all three. (A Qt that says NoError with no records is believed.) So a quick
// InvalidReplyError (under kNoAnswerThreshold; a lost query costs glibc at
// least a second) counts as NODATA and a slow one as no answer, and where a
// wrong guess would matter the answer is Temporary: a domain with neither MX
// nor address records waits in the queue (it bounces when the queue gives up)
// rather than bouncing at once, so a dead name server never bounces mail. An MX
// query answered quickly with InvalidReplyError while the domain's A/AAAA
// lookup finds addresses is taken as "no MX" (the implicit MX).
class MxResolver : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxMxHosts = 10;
    static constexpr int kMaxAddressesPerHost = 10;
    static constexpr int kMaxNameservers = 3; // as resolv.conf (MAXNS)
    static constexpr std::chrono::milliseconds kDefaultTimeout{30000};
    static constexpr std::chrono::milliseconds kNoAnswerThreshold{900};

    // nameservers empty: the system's resolver (resolv.conf, with glibc's own
    // fail-over). Otherwise each query goes to the first, and to the next one
    // when a server fails (no answer, SERVFAIL, REFUSED). Qt 6.4's
    // QDnsLookup::setNameserver takes an address only: port 53. IPv6 servers
    // are unusable before Qt 6.8 (see ipv6NameserversSupported()); such an
    // entry counts as a failed server.
    explicit MxResolver(QList<QHostAddress> nameservers, QObject *parent = nullptr);
    ~MxResolver() override;

    // The dns.servers setting: addresses separated by commas and/or spaces
    // ("127.0.0.53, 192.0.2.1"); "" = the empty list (the system's resolver).
    // No ports (always 53), at most kMaxNameservers, duplicates dropped.
    static Result<QList<QHostAddress>> parseNameservers(const QString &setting);
    // The canonical text of a list ("a, b") as settings store it.
    static QString formatNameservers(const QList<QHostAddress> &nameservers);
    // Qt 6.4 with glibc 2.36 sends queries for an IPv6 nameserver to the
    // system's resolver instead (checked: an answer came with nothing on [::1]:53).
    static constexpr bool ipv6NameserversSupported()
    {
        return QT_VERSION >= QT_VERSION_CHECK(6, 8, 0);
    }

    // For the whole of one resolve()/resolveHost() call; at the deadline an MX
    // lookup answers with the hosts resolved so far if there are any, else a
    // Temporary error.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // RFC 5321 5.1: MX records by preference (equal preferences shuffled),
    // each with its addresses; no MX → the domain's own A/AAAA as an implicit MX
    // (preference 0, name = the domain); null MX → Permanent; NXDOMAIN →
    // NotFound "host unknown"; SERVFAIL, REFUSED, no answer → Temporary. MX
    // hosts whose addresses can't be resolved are skipped; none left →
    // Temporary. At most kMaxMxHosts hosts (the most preferred). A domain may be
    // an address literal, "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321
    // 4.1.3): one host with that address. IDN domains are looked up in ACE form.
    //
    // `done` is called exactly once, later (never inside this call), on
    // `context`'s thread — unless `context` is destroyed first, in which case
    // it is never called. `context` should live in this resolver's thread or
    // outlive the call (QPointer is checked before posting). Callable from any
    // thread; the work runs in this object's thread.
    void resolve(const QString &domain, QObject *context,
                 std::function<void(Result<QList<MxHost>>)> done);
    // A/AAAA only (transport rules "[host]:port", smarthost names). An IP
    // literal, bare or in brackets, resolves to itself. NXDOMAIN → NotFound;
    // no address → Temporary. Same contract for `done` as resolve().
    void resolveHost(const QString &host, QObject *context,
                     std::function<void(Result<QList<QHostAddress>>)> done);

    class Job; // one resolve()/resolveHost() call; in mxresolver.cpp

private:
    void start(Job *job);

    QList<QHostAddress> m_nameservers;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace fumibako
