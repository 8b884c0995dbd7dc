#include "mxresolver.h"

#include <QDnsLookup>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace fumibako
{

namespace
{

// One query's outcome, after fail-over across the configured servers.
struct Answer {
    QDnsLookup::Error error = QDnsLookup::NoError;
    QString errorString;
    bool slow = false; // the last attempt took at least kNoAnswerThreshold
    QList<QDnsMailExchangeRecord> mx;
    QList<QHostAddress> addresses;

    bool empty() const { return mx.isEmpty() && addresses.isEmpty(); }
    // NOERROR without records, as Qt reports it (see the header): certain when
    // Qt says NoError, assumed for a quick InvalidReplyError.
    bool certainNoData() const { return error == QDnsLookup::NoError && empty(); }
    bool noData() const
    {
        return certainNoData() || (error == QDnsLookup::InvalidReplyError && !slow);
    }
    bool nxdomain() const { return error == QDnsLookup::NotFoundError; }
    QString why() const
    {
        if (nxdomain())
            return QStringLiteral("host unknown");
        if (noData())
            return QStringLiteral("no records");
        if (error == QDnsLookup::InvalidReplyError)
            return QStringLiteral("no answer from the DNS server");
        return errorString.isEmpty() ? QStringLiteral("DNS error %1").arg(int(error)) : errorString;
    }
};

// Errors after which the next configured server is asked: the server failed,
// refused, or did not answer. A quick InvalidReplyError may be NODATA or a
// refused connection (see the header), so it is retried too.
bool tryNextServer(QDnsLookup::Error e)
{
    switch (e) {
    case QDnsLookup::ResolverError:
    case QDnsLookup::ServerFailureError:
    case QDnsLookup::ServerRefusedError:
    case QDnsLookup::InvalidReplyError:
    case QDnsLookup::InvalidRequestError:
        return true;
    default:
        return false;
    }
}

bool usable(const QHostAddress &a)
{
    if (a.isNull() || a.isMulticast() || a.isBroadcast())
        return false;
    return a != QHostAddress(QHostAddress::AnyIPv4) && a != QHostAddress(QHostAddress::AnyIPv6);
}

// The address order documented in the header: families interleaved, IPv4
// first, DNS order within a family, no duplicates, bounded.
QList<QHostAddress> interleave(const QList<QHostAddress> &v4, const QList<QHostAddress> &v6)
{
    QList<QHostAddress> out;
    auto add = [&out](const QHostAddress &a) {
        if (out.size() < MxResolver::kMaxAddressesPerHost && usable(a) && !out.contains(a))
            out.append(a);
    };
    for (qsizetype i = 0; i < std::max(v4.size(), v6.size()); ++i) {
        if (i < v4.size())
            add(v4.at(i));
        if (i < v6.size())
            add(v6.at(i));
    }
    return out;
}

// A name as it is asked for: lower case, ACE (IDNA), no final dot, valid DNS
// label syntax (RFC 1035 2.3.4: labels up to 63 octets, names up to 253).
Result<QString> normalizeName(const QString &input)
{
    QString name = input.trimmed().toLower();
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    const QByteArray ace = QUrl::toAce(name);
    if (name.isEmpty() || ace.isEmpty() || ace.size() > 253)
        return Error::permanent(QStringLiteral("invalid domain name \"%1\"").arg(input));
    for (const QByteArray &label : ace.split('.')) {
        if (label.isEmpty() || label.size() > 63)
            return Error::permanent(QStringLiteral("invalid domain name \"%1\"").arg(input));
        for (char c : label)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                return Error::permanent(QStringLiteral("invalid domain name \"%1\"").arg(input));
    }
    return QString::fromLatin1(ace);
}

// RFC 5321 4.1.3 address literal: "[192.0.2.1]" or "[IPv6:2001:db8::1]".
// Returns a null address when `text` is not one.
QHostAddress addressLiteral(const QString &text)
{
    const QString t = text.trimmed();
    if (!t.startsWith(QLatin1Char('[')) || !t.endsWith(QLatin1Char(']')))
        return {};
    QString inner = t.mid(1, t.size() - 2);
    const bool v6 = inner.startsWith(QLatin1String("IPv6:"), Qt::CaseInsensitive);
    if (v6)
        inner = inner.mid(5);
    const QHostAddress a(inner);
    if (a.isNull() || (a.protocol() == QAbstractSocket::IPv6Protocol) != v6)
        return {};
    return a;
}

template <typename T>
void post(const QPointer<QObject> &context, const std::function<void(Result<T>)> &done, Result<T> r)
{
    if (!context || !done)
        return;
    QMetaObject::invokeMethod(
        context.data(), [done, r = std::move(r)]() { done(r); }, Qt::QueuedConnection);
}

} // namespace

class MxResolver::Job : public QObject
{
public:
    Job(MxResolver *resolver, QString name, QPointer<QObject> context)
        : QObject(resolver), m_nameservers(resolver->m_nameservers), m_input(std::move(name)),
          m_context(std::move(context))
    {
    }

    std::function<void(Result<QList<MxHost>>)> mxDone;
    std::function<void(Result<QList<QHostAddress>>)> hostDone;

    void start(std::chrono::milliseconds timeout)
    {
        QTimer::singleShot(timeout, this, [this] { onDeadline(); });
        if (mxDone)
            startMx();
        else
            startHost();
    }

    // The resolver is going away: answer now rather than never.
    void abandon()
    {
        if (mxDone)
            finish(Result<QList<MxHost>>(Error::temporary(QStringLiteral("DNS resolver stopped"))));
        else
            finish(Result<QList<QHostAddress>>(
                Error::temporary(QStringLiteral("DNS resolver stopped"))));
    }

private:
    // ---- one query, with fail-over -------------------------------------------------------
    void query(QDnsLookup::Type type, const QString &name, std::function<void(const Answer &)> cb,
               int server = 0)
    {
        const bool custom = !m_nameservers.isEmpty();
        if (custom && m_nameservers.at(server).protocol() == QAbstractSocket::IPv6Protocol &&
            !MxResolver::ipv6NameserversSupported()) {
            // Qt would quietly ask the system's resolver instead: count it as a failed server.
            Answer a;
            a.error = QDnsLookup::ResolverError;
            a.errorString =
                QStringLiteral("IPv6 name server %1 not supported by Qt %2")
                    .arg(m_nameservers.at(server).toString(), QLatin1String(qVersion()));
            return answered(type, name, std::move(cb), server, a);
        }
        auto *lookup = new QDnsLookup(type, name, this);
        if (custom)
            lookup->setNameserver(m_nameservers.at(server));
        QElapsedTimer clock;
        clock.start();
        connect(lookup, &QDnsLookup::finished, this,
                [this, lookup, type, name, cb = std::move(cb), server, clock]() mutable {
                    lookup->deleteLater();
                    if (m_finished)
                        return;
                    Answer a;
                    a.error = lookup->error();
                    a.errorString = lookup->errorString();
                    a.slow = clock.elapsed() >= kNoAnswerThreshold.count();
                    if (a.error == QDnsLookup::NoError) {
                        a.mx = lookup->mailExchangeRecords();
                        for (const QDnsHostAddressRecord &r : lookup->hostAddressRecords()) {
                            const bool v4 = r.value().protocol() == QAbstractSocket::IPv4Protocol;
                            if (v4 == (type == QDnsLookup::A))
                                a.addresses.append(r.value());
                        }
                    }
                    answered(type, name, std::move(cb), server, a);
                });
        lookup->lookup();
    }

    void answered(QDnsLookup::Type type, const QString &name,
                  std::function<void(const Answer &)> cb, int server, const Answer &a)
    {
        if (tryNextServer(a.error) && server + 1 < m_nameservers.size()) {
            // Later, never inside query(): keeps every path asynchronous and shallow.
            QTimer::singleShot(0, this, [this, type, name, cb = std::move(cb), server]() mutable {
                query(type, name, std::move(cb), server + 1);
            });
            return;
        }
        cb(a);
    }

    // A and AAAA of one name, asked at once; cb gets both answers.
    void addresses(const QString &name, std::function<void(const Answer &, const Answer &)> cb)
    {
        struct Pair {
            Answer v4, v6;
            int left = 2;
        };
        auto pair = std::make_shared<Pair>();
        auto one = [pair, cb](bool v4, const Answer &a) {
            (v4 ? pair->v4 : pair->v6) = a;
            if (--pair->left == 0)
                cb(pair->v4, pair->v6);
        };
        query(QDnsLookup::A, name, [one](const Answer &a) { one(true, a); });
        query(QDnsLookup::AAAA, name, [one](const Answer &a) { one(false, a); });
    }

    // ---- resolve() -----------------------------------------------------------------------
    void startMx()
    {
        const QHostAddress literal = addressLiteral(m_input);
        if (!literal.isNull()) {
            if (!usable(literal))
                return finishMx(
                    Error::permanent(QStringLiteral("unusable address literal %1").arg(m_input)));
            return finishMx(QList<MxHost>{MxHost{m_input.trimmed(), 0, {literal}}});
        }
        auto name = normalizeName(m_input);
        if (!name)
            return finishMx(name.error());
        m_domain = *name;
        query(QDnsLookup::MX, m_domain, [this](const Answer &a) { onMx(a); });
    }

    void onMx(const Answer &a)
    {
        if (a.nxdomain())
            return finishMx(Error{Error::Kind::NotFound, QStringLiteral("host unknown"),
                                  QStringLiteral("%1: NXDOMAIN").arg(m_domain)});
        if (a.error == QDnsLookup::NoError && !a.mx.isEmpty())
            return useMxRecords(a.mx);
        if (a.noData()) {
            // RFC 5321 5.1: no MX → the domain itself is the implicit MX, preference 0.
            m_implicit = true;
            m_mxCertainNoData = a.certainNoData();
            m_hosts = {MxHost{m_domain, 0, {}}};
            return resolveHosts();
        }
        finishMx(Error::temporary(
            QStringLiteral("MX lookup for %1 failed: %2").arg(m_domain, a.why()), a.errorString));
    }

    void useMxRecords(QList<QDnsMailExchangeRecord> records)
    {
        auto isRoot = [](const QDnsMailExchangeRecord &r) {
            return r.exchange().isEmpty() || r.exchange() == QLatin1String(".");
        };
        // RFC 7505 3: a null MX is one MX of "."; a domain with one must have no
        // other, so "." among real MX records is only skipped.
        if (std::all_of(records.cbegin(), records.cend(), isRoot))
            return finishMx(
                Error::permanent(QStringLiteral("domain does not accept mail"),
                                 QStringLiteral("%1: null MX (RFC 7505)").arg(m_domain)));
        // RFC 5321 5.1: lowest preference first; equal preferences in random order.
        std::shuffle(records.begin(), records.end(), *QRandomGenerator::global());
        std::stable_sort(records.begin(), records.end(), [](const auto &x, const auto &y) {
            return x.preference() < y.preference();
        });
        for (const QDnsMailExchangeRecord &r : records) {
            if (isRoot(r))
                continue;
            auto name = normalizeName(r.exchange());
            if (!name) {
                m_skipped << QStringLiteral("%1: invalid name").arg(r.exchange());
                continue;
            }
            const bool seen = std::any_of(m_hosts.cbegin(), m_hosts.cend(),
                                          [&](const MxHost &h) { return h.name == *name; });
            if (!seen)
                m_hosts.append(MxHost{*name, int(r.preference()), {}});
            if (m_hosts.size() == kMaxMxHosts)
                break;
        }
        if (m_hosts.isEmpty())
            return finishMx(
                Error::temporary(QStringLiteral("no usable MX host for %1").arg(m_domain),
                                 m_skipped.join(QLatin1String("; "))));
        resolveHosts();
    }

    void resolveHosts()
    {
        m_resolved = QList<bool>(m_hosts.size(), false);
        m_pending = int(m_hosts.size());
        for (int i = 0; i < m_hosts.size(); ++i)
            addresses(m_hosts.at(i).name,
                      [this, i](const Answer &v4, const Answer &v6) { onHost(i, v4, v6); });
    }

    void onHost(int i, const Answer &v4, const Answer &v6)
    {
        MxHost &host = m_hosts[i];
        host.addresses = interleave(v4.addresses, v6.addresses);
        m_resolved[i] = true;
        if (host.addresses.isEmpty()) {
            m_skipped << QStringLiteral("%1: %2").arg(
                host.name, v4.nxdomain() || v6.nxdomain()
                               ? QStringLiteral("host unknown")
                               : QStringLiteral("A %1, AAAA %2").arg(v4.why(), v6.why()));
            m_hostNxdomain = m_hostNxdomain || v4.nxdomain() || v6.nxdomain();
            m_hostCertainNoData = v4.certainNoData() && v6.certainNoData();
        }
        if (--m_pending == 0)
            hostsDone();
    }

    QList<MxHost> resolvedHosts() const
    {
        QList<MxHost> out;
        for (int i = 0; i < m_hosts.size(); ++i)
            if (m_resolved.value(i) && !m_hosts.at(i).addresses.isEmpty())
                out.append(m_hosts.at(i));
        return out;
    }

    void hostsDone()
    {
        const QList<MxHost> usableHosts = resolvedHosts();
        if (!usableHosts.isEmpty())
            return finishMx(usableHosts);
        const QString detail = m_skipped.join(QLatin1String("; "));
        if (!m_implicit)
            return finishMx(Error::temporary(
                QStringLiteral("none of the MX hosts of %1 has an address").arg(m_domain), detail));
        if (m_hostNxdomain)
            return finishMx(Error{Error::Kind::NotFound, QStringLiteral("host unknown"), detail});
        if (m_mxCertainNoData && m_hostCertainNoData)
            return finishMx(Error::permanent(
                QStringLiteral("%1 has no MX or address records").arg(m_domain), detail));
        finishMx(Error::temporary(
            QStringLiteral("%1 has no MX or address records (or the DNS server did not answer)")
                .arg(m_domain),
            detail));
    }

    // ---- resolveHost() -------------------------------------------------------------------
    void startHost()
    {
        QHostAddress literal = addressLiteral(m_input);
        if (literal.isNull()) {
            QString bare = m_input.trimmed();
            if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
                bare = bare.mid(1, bare.size() - 2);
            literal = QHostAddress(bare);
        }
        if (!literal.isNull()) {
            if (!usable(literal))
                return finishHost(
                    Error::permanent(QStringLiteral("unusable address %1").arg(m_input)));
            return finishHost(QList<QHostAddress>{literal});
        }
        auto name = normalizeName(m_input);
        if (!name)
            return finishHost(name.error());
        m_domain = *name;
        addresses(m_domain, [this](const Answer &v4, const Answer &v6) {
            const QList<QHostAddress> found = interleave(v4.addresses, v6.addresses);
            if (!found.isEmpty())
                return finishHost(found);
            if (v4.nxdomain() || v6.nxdomain())
                return finishHost(Error{Error::Kind::NotFound, QStringLiteral("host unknown"),
                                        QStringLiteral("%1: NXDOMAIN").arg(m_domain)});
            finishHost(Error::temporary(QStringLiteral("no address for %1").arg(m_domain),
                                        QStringLiteral("A %1, AAAA %2").arg(v4.why(), v6.why())));
        });
    }

    // ---- the end ---------------------------------------------------------------------------
    void onDeadline()
    {
        if (m_finished)
            return;
        const QString why = QStringLiteral("DNS lookup for %1 timed out").arg(m_input.trimmed());
        if (mxDone) {
            // MX hosts already resolved are worth trying; the rest are skipped.
            const QList<MxHost> usableHosts = m_implicit ? QList<MxHost>() : resolvedHosts();
            if (!usableHosts.isEmpty())
                return finishMx(usableHosts);
            return finishMx(Error::temporary(why));
        }
        finishHost(Error::temporary(why));
    }

    void finishMx(Result<QList<MxHost>> r) { finish(std::move(r)); }
    void finishHost(Result<QList<QHostAddress>> r) { finish(std::move(r)); }

    template <typename T> void finish(Result<T> r)
    {
        if (m_finished)
            return;
        m_finished = true;
        if constexpr (std::is_same_v<T, QList<MxHost>>)
            post(m_context, mxDone, std::move(r));
        else
            post(m_context, hostDone, std::move(r));
        // Pending QDnsLookups die with the job; their threads finish on their own.
        deleteLater();
    }

    const QList<QHostAddress> m_nameservers;
    const QString m_input;
    const QPointer<QObject> m_context;
    QString m_domain;
    bool m_finished = false;

    QList<MxHost> m_hosts;
    QList<bool> m_resolved;
    int m_pending = 0;
    bool m_implicit = false;
    bool m_mxCertainNoData = false;
    bool m_hostNxdomain = false;
    bool m_hostCertainNoData = false;
    QStringList m_skipped; // why hosts were left out, for the error detail
};

MxResolver::MxResolver(QList<QHostAddress> nameservers, QObject *parent)
    : QObject(parent), m_nameservers(std::move(nameservers))
{
}

MxResolver::~MxResolver()
{
    for (QObject *child : children())
        if (auto *job = dynamic_cast<Job *>(child))
            job->abandon();
}

void MxResolver::resolve(const QString &domain, QObject *context,
                         std::function<void(Result<QList<MxHost>>)> done)
{
    QMetaObject::invokeMethod(
        this, [this, domain, ctx = QPointer<QObject>(context), done = std::move(done)]() mutable {
            auto *job = new Job(this, domain, ctx);
            job->mxDone = std::move(done);
            start(job);
        });
}

void MxResolver::resolveHost(const QString &host, QObject *context,
                             std::function<void(Result<QList<QHostAddress>>)> done)
{
    QMetaObject::invokeMethod(
        this, [this, host, ctx = QPointer<QObject>(context), done = std::move(done)]() mutable {
            auto *job = new Job(this, host, ctx);
            job->hostDone = std::move(done);
            start(job);
        });
}

void MxResolver::start(Job *job)
{
    job->start(m_timeout);
}

Result<QList<QHostAddress>> MxResolver::parseNameservers(const QString &setting)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    QList<QHostAddress> out;
    for (QString item : setting.split(separators, Qt::SkipEmptyParts)) {
        if (item.startsWith(QLatin1Char('[')) && item.endsWith(QLatin1Char(']')))
            item = item.mid(1, item.size() - 2);
        const QHostAddress a(item);
        if (a.isNull()) {
            if (item.contains(QLatin1Char(':')) || item.contains(QLatin1Char('#')))
                return Error::invalid(
                    QStringLiteral("dns.servers: \"%1\" is not an IP address (no port can be "
                                   "given: name servers are asked on port 53)")
                        .arg(item));
            return Error::invalid(
                QStringLiteral("dns.servers: \"%1\" is not an IP address").arg(item));
        }
        if (!usable(a) || !a.scopeId().isEmpty())
            return Error::invalid(
                QStringLiteral("dns.servers: %1 cannot be a name server").arg(item));
        if (a.protocol() == QAbstractSocket::IPv6Protocol && !ipv6NameserversSupported())
            return Error::invalid(
                QStringLiteral("dns.servers: %1: IPv6 name servers are not supported with Qt %2; "
                               "give an IPv4 address")
                    .arg(item, QLatin1String(qVersion())));
        if (!out.contains(a))
            out.append(a);
    }
    if (out.size() > kMaxNameservers)
        return Error::invalid(
            QStringLiteral("dns.servers: at most %1 name servers").arg(kMaxNameservers));
    return out;
}

QString MxResolver::formatNameservers(const QList<QHostAddress> &nameservers)
{
    QStringList parts;
    for (const QHostAddress &a : nameservers)
        parts << a.toString();
    return parts.join(QLatin1String(", "));
}

} // namespace fumibako
