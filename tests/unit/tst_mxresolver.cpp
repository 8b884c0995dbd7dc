// MxResolver against a real DNS server (dnsmasq on a random 127.x.y.z, port
// 53, see tests/support/dnsmasq.h): MX order by preference (RFC 5321 5.1), the
// implicit MX, null MX (RFC 7505), NXDOMAIN, no answer, REFUSED and SERVFAIL
// (from a stub), fail-over between name servers, MX hosts without address,
// the deadline, resolveHost, the callback contract, and dns.servers parsing.
#include "queue/mxresolver.h"
#include "service/settings.h"

#include "../support/dnsmasq.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <optional>

using namespace fumibako;
using fumibako::test::Dnsmasq;

namespace
{

template <typename T> struct Outcome {
    std::optional<Result<T>> result;
    int calls = 0;
};

// Runs the event loop until `done` was called (or `ms` passed).
template <typename T> void waitFor(const Outcome<T> &o, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!o.result && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    QCoreApplication::processEvents(); // a second call would be queued by now
}

Outcome<QList<MxHost>> resolveNow(MxResolver &resolver, const QString &domain, int ms = 40000)
{
    Outcome<QList<MxHost>> o;
    QObject context;
    resolver.resolve(domain, &context, [&o](Result<QList<MxHost>> r) {
        ++o.calls;
        o.result = std::move(r);
    });
    waitFor(o, ms);
    return o;
}

Outcome<QList<QHostAddress>> resolveHostNow(MxResolver &resolver, const QString &host)
{
    Outcome<QList<QHostAddress>> o;
    QObject context;
    resolver.resolveHost(host, &context, [&o](Result<QList<QHostAddress>> r) {
        ++o.calls;
        o.result = std::move(r);
    });
    waitFor(o, 40000);
    return o;
}

QStringList names(const QList<MxHost> &hosts)
{
    QStringList out;
    for (const MxHost &h : hosts)
        out << QStringLiteral("%1/%2").arg(h.name).arg(h.preference);
    return out;
}

// The error of a failed result, for QVERIFY2 messages (evaluated on success too).
template <typename T> QByteArray why(const Result<T> &r)
{
    return r ? QByteArray()
             : (r.error().message + QLatin1String(" / ") + r.error().detail).toUtf8();
}

QStringList texts(const QList<QHostAddress> &addresses)
{
    QStringList out;
    for (const QHostAddress &a : addresses)
        out << a.toString();
    return out;
}

QHostAddress unusedLoopback()
{
    auto *r = QRandomGenerator::global();
    return QHostAddress(QStringLiteral("127.%1.%2.%3")
                            .arg(r->bounded(128, 192))
                            .arg(r->bounded(0, 256))
                            .arg(r->bounded(2, 254)));
}

// A DNS server that answers every query with SERVFAIL (RFC 1035 4.1.1 RCODE 2);
// dnsmasq cannot be told to.
class ServfailStub
{
public:
    bool start()
    {
        for (int i = 0; i < 5; ++i) {
            m_address = unusedLoopback();
            if (m_socket.bind(m_address, 53))
                break;
        }
        if (m_socket.state() != QAbstractSocket::BoundState)
            return false;
        QObject::connect(&m_socket, &QUdpSocket::readyRead, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram d = m_socket.receiveDatagram();
                QByteArray reply = d.data();
                if (reply.size() < 12)
                    continue;
                reply[2] = char(0x81); // QR, RD
                reply[3] = char(0x82); // RA, SERVFAIL
                ++queries;
                m_socket.writeDatagram(reply, d.senderAddress(), quint16(d.senderPort()));
            }
        });
        return true;
    }
    QHostAddress address() const { return m_address; }
    int queries = 0;

private:
    QUdpSocket m_socket;
    QHostAddress m_address;
};

} // namespace

class tst_MxResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!Dnsmasq::available())
            QSKIP("dnsmasq is not installed (apt-get install dnsmasq-base)");
        m_dns.mx(QStringLiteral("order.test"), QStringLiteral("mx-b.order.test"), 20)
            .mx(QStringLiteral("order.test"), QStringLiteral("mx-a.order.test"), 10)
            .mx(QStringLiteral("order.test"), QStringLiteral("mx-c.order.test"), 30)
            .host(QStringLiteral("mx-a.order.test"), QStringLiteral("127.0.1.1"))
            .host(QStringLiteral("mx-a.order.test"), QStringLiteral("::1"))
            .host(QStringLiteral("mx-b.order.test"), QStringLiteral("127.0.1.2"))
            .host(QStringLiteral("mx-c.order.test"), QStringLiteral("127.0.1.3"))
            // equal preferences: both, in either order, after the preferred one
            .mx(QStringLiteral("equal.test"), QStringLiteral("x.equal.test"), 10)
            .mx(QStringLiteral("equal.test"), QStringLiteral("y.equal.test"), 10)
            .mx(QStringLiteral("equal.test"), QStringLiteral("first.equal.test"), 5)
            .host(QStringLiteral("x.equal.test"), QStringLiteral("127.0.2.1"))
            .host(QStringLiteral("y.equal.test"), QStringLiteral("127.0.2.2"))
            .host(QStringLiteral("first.equal.test"), QStringLiteral("127.0.2.3"))
            // an MX host without any record (NXDOMAIN) and one with a name only
            .mx(QStringLiteral("skip.test"), QStringLiteral("gone.skip.test"), 5)
            .mx(QStringLiteral("skip.test"), QStringLiteral("nodata.skip.test"), 7)
            .mx(QStringLiteral("skip.test"), QStringLiteral("ok.skip.test"), 10)
            .txt(QStringLiteral("nodata.skip.test"), QStringLiteral("a name without an address"))
            .host(QStringLiteral("ok.skip.test"), QStringLiteral("127.0.3.1"))
            .mx(QStringLiteral("allgone.test"), QStringLiteral("gone.allgone.test"), 10)
            // no MX: the domain's own addresses
            .host(QStringLiteral("implicit.test"), QStringLiteral("127.0.4.1"))
            .host(QStringLiteral("implicit.test"), QStringLiteral("::1"))
            .host(QStringLiteral("v6only.test"), QStringLiteral("::1"))
            .txt(QStringLiteral("nothing.test"), QStringLiteral("neither MX nor address"))
            .nullMx(QStringLiteral("nullmx.test"))
            .timeout(QStringLiteral("slow.test"))
            // a preferred MX host that never resolves, a backup that does
            .mx(QStringLiteral("partial.test"), QStringLiteral("mx.slow.test"), 5)
            .mx(QStringLiteral("partial.test"), QStringLiteral("backup.partial.test"), 10)
            .host(QStringLiteral("backup.partial.test"), QStringLiteral("127.0.5.1"))
            .host(QStringLiteral("host.test"), QStringLiteral("127.0.6.1"))
            .host(QStringLiteral("host.test"), QStringLiteral("127.0.6.2"))
            .host(QStringLiteral("host.test"), QStringLiteral("::1"));
        const QString why = m_dns.start();
        if (!why.isEmpty())
            QFAIL(qPrintable(why));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("hosts"); // name/preference in order; "*" = any order
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<QString>("message"); // part of the error message

        const int none = -1;
        QTest::newRow("MX by preference") << QStringLiteral("order.test") << true
                                          << QStringList{QStringLiteral("mx-a.order.test/10"),
                                                         QStringLiteral("mx-b.order.test/20"),
                                                         QStringLiteral("mx-c.order.test/30")}
                                          << none << QString();
        QTest::newRow("case and final dot ignored")
            << QStringLiteral("Order.TEST.") << true
            << QStringList{QStringLiteral("mx-a.order.test/10"),
                           QStringLiteral("mx-b.order.test/20"),
                           QStringLiteral("mx-c.order.test/30")}
            << none << QString();
        QTest::newRow("MX host without address skipped")
            << QStringLiteral("skip.test") << true << QStringList{QStringLiteral("ok.skip.test/10")}
            << none << QString();
        QTest::newRow("no MX: implicit MX from A/AAAA")
            << QStringLiteral("implicit.test") << true
            << QStringList{QStringLiteral("implicit.test/0")} << none << QString();
        QTest::newRow("no MX: implicit MX from AAAA only")
            << QStringLiteral("v6only.test") << true << QStringList{QStringLiteral("v6only.test/0")}
            << none << QString();
        QTest::newRow("address literal")
            << QStringLiteral("[127.0.0.9]") << true << QStringList{QStringLiteral("[127.0.0.9]/0")}
            << none << QString();
        QTest::newRow("IPv6 address literal")
            << QStringLiteral("[IPv6:::1]") << true << QStringList{QStringLiteral("[IPv6:::1]/0")}
            << none << QString();
        QTest::newRow("null MX: permanent")
            << QStringLiteral("nullmx.test") << false << QStringList()
            << int(Error::Kind::Permanent) << QStringLiteral("domain does not accept mail");
        QTest::newRow("NXDOMAIN: host unknown")
            << QStringLiteral("nosuch.test") << false << QStringList() << int(Error::Kind::NotFound)
            << QStringLiteral("host unknown");
        QTest::newRow("no MX host has an address: temporary")
            << QStringLiteral("allgone.test") << false << QStringList()
            << int(Error::Kind::Temporary) << QStringLiteral("none of the MX hosts");
        QTest::newRow("neither MX nor address: temporary")
            << QStringLiteral("nothing.test") << false << QStringList()
            << int(Error::Kind::Temporary) << QStringLiteral("no MX or address records");
        QTest::newRow("REFUSED: temporary")
            << QStringLiteral("elsewhere.example") << false << QStringList()
            << int(Error::Kind::Temporary)
            << QStringLiteral("MX lookup for elsewhere.example failed");
        QTest::newRow("invalid name: permanent")
            << QStringLiteral("bad name.test") << false << QStringList()
            << int(Error::Kind::Permanent) << QStringLiteral("invalid domain name");
        QTest::newRow("empty label: permanent")
            << QStringLiteral("a..test") << false << QStringList() << int(Error::Kind::Permanent)
            << QStringLiteral("invalid domain name");
    }
    void resolve()
    {
        QFETCH(QString, domain);
        QFETCH(bool, ok);
        QFETCH(QStringList, hosts);
        QFETCH(int, errorKind);
        QFETCH(QString, message);
        MxResolver resolver({m_dns.address()});
        const auto o = resolveNow(resolver, domain);
        QVERIFY2(o.result.has_value(), qPrintable(m_dns.log()));
        QCOMPARE(o.calls, 1);
        const auto &r = *o.result;
        if (!ok) {
            QVERIFY2(!r, qPrintable(names(r.value_or({})).join(u' ')));
            QCOMPARE(int(r.error().kind), errorKind);
            QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
            return;
        }
        QVERIFY2(r, why(r).constData());
        QCOMPARE(names(*r), hosts);
        for (const MxHost &h : *r)
            QVERIFY2(!h.addresses.isEmpty(), qPrintable(h.name));
    }

    // Each host's addresses: IPv4 first, then the families interleaved.
    void addressOrder()
    {
        MxResolver resolver({m_dns.address()});
        auto o = resolveNow(resolver, QStringLiteral("order.test"));
        QVERIFY(o.result && *o.result);
        QCOMPARE(texts(o.result->value().at(0).addresses),
                 (QStringList{QStringLiteral("127.0.1.1"), QStringLiteral("::1")}));
        QCOMPARE(texts(o.result->value().at(1).addresses),
                 QStringList{QStringLiteral("127.0.1.2")});
        o = resolveNow(resolver, QStringLiteral("implicit.test"));
        QVERIFY(o.result && *o.result);
        QCOMPARE(texts(o.result->value().at(0).addresses),
                 (QStringList{QStringLiteral("127.0.4.1"), QStringLiteral("::1")}));
        auto h = resolveHostNow(resolver, QStringLiteral("host.test"));
        QVERIFY(h.result && *h.result);
        const QStringList got = texts(h.result->value());
        QCOMPARE(got.size(), 3);
        QVERIFY2(QHostAddress(got.at(0)).protocol() == QAbstractSocket::IPv4Protocol,
                 qPrintable(got.join(u' ')));
        QCOMPARE(got.at(1), QStringLiteral("::1"));
        QVERIFY(got.contains(QStringLiteral("127.0.6.1")) &&
                got.contains(QStringLiteral("127.0.6.2")));
    }

    // RFC 5321 5.1: equal preferences are tried in random order.
    void equalPreferencesShuffled()
    {
        MxResolver resolver({m_dns.address()});
        QSet<QString> seconds;
        for (int i = 0; i < 40 && seconds.size() < 2; ++i) {
            const auto o = resolveNow(resolver, QStringLiteral("equal.test"));
            QVERIFY(o.result && *o.result);
            const QStringList got = names(o.result->value());
            QCOMPARE(got.size(), 3);
            QCOMPARE(got.at(0), QStringLiteral("first.equal.test/5"));
            seconds.insert(got.at(1));
        }
        QCOMPARE(seconds, (QSet<QString>{QStringLiteral("x.equal.test/10"),
                                         QStringLiteral("y.equal.test/10")}));
    }

    // The server never answers: glibc gives up (about 10 s) and the result is temporary,
    // never an implicit MX.
    void noAnswerIsTemporary()
    {
        MxResolver resolver({m_dns.address()});
        resolver.setTimeout(std::chrono::seconds(40));
        const auto o = resolveNow(resolver, QStringLiteral("slow.test"), 60000);
        QVERIFY(o.result);
        QVERIFY(!*o.result);
        QCOMPARE(o.result->error().kind, Error::Kind::Temporary);
        QVERIFY2(o.result->error().message.contains(QLatin1String("failed")),
                 qPrintable(o.result->error().message));
    }

    void deadline()
    {
        MxResolver resolver({m_dns.address()});
        resolver.setTimeout(std::chrono::seconds(2));
        QElapsedTimer t;
        t.start();
        auto o = resolveNow(resolver, QStringLiteral("slow.test"));
        QVERIFY(o.result && !*o.result);
        QCOMPARE(o.result->error().kind, Error::Kind::Temporary);
        QVERIFY2(o.result->error().message.contains(QLatin1String("timed out")),
                 qPrintable(o.result->error().message));
        QVERIFY2(t.elapsed() < 8000, "the deadline was not kept");
        // At the deadline the MX hosts resolved so far are the answer.
        o = resolveNow(resolver, QStringLiteral("partial.test"));
        QVERIFY(o.result);
        QVERIFY2(*o.result, why(*o.result).constData());
        QCOMPARE(names(o.result->value()), QStringList{QStringLiteral("backup.partial.test/10")});
    }

    void servfailIsTemporary()
    {
        ServfailStub stub;
        QVERIFY(stub.start());
        MxResolver resolver({stub.address()});
        const auto o = resolveNow(resolver, QStringLiteral("order.test"));
        QVERIFY(o.result && !*o.result);
        QCOMPARE(o.result->error().kind, Error::Kind::Temporary);
        QVERIFY(stub.queries > 0);
    }

    // Nothing listens: glibc fails at once, which Qt 6.4 reports like an empty
    // answer. That must never look like "no such mail domain".
    void deadNameserverIsTemporary()
    {
        MxResolver resolver({unusedLoopback()});
        const auto o = resolveNow(resolver, QStringLiteral("order.test"));
        QVERIFY(o.result && !*o.result);
        QCOMPARE(o.result->error().kind, Error::Kind::Temporary);
        const auto h = resolveHostNow(resolver, QStringLiteral("mx-b.order.test"));
        QVERIFY(h.result && !*h.result);
        QCOMPARE(h.result->error().kind, Error::Kind::Temporary);
    }

    void failover_data()
    {
        QTest::addColumn<QString>("first");
        QTest::newRow("SERVFAIL") << QStringLiteral("servfail");
        QTest::newRow("nothing listening") << QStringLiteral("dead");
    }
    void failover()
    {
        QFETCH(QString, first);
        ServfailStub stub;
        QVERIFY(stub.start());
        const QHostAddress bad = first == QLatin1String("dead") ? unusedLoopback() : stub.address();
        MxResolver resolver({bad, m_dns.address()});
        const auto o = resolveNow(resolver, QStringLiteral("order.test"));
        QVERIFY(o.result);
        QVERIFY2(*o.result, why(*o.result).constData());
        QCOMPARE(o.result->value().size(), 3);
        if (first == QLatin1String("servfail"))
            QVERIFY(stub.queries > 0);
    }

    void resolveHost_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QStringList>("addresses"); // empty: an error
        QTest::addColumn<int>("errorKind");
        QTest::newRow("name") << QStringLiteral("mx-b.order.test")
                              << QStringList{QStringLiteral("127.0.1.2")} << -1;
        QTest::newRow("IPv4 literal")
            << QStringLiteral("127.0.0.7") << QStringList{QStringLiteral("127.0.0.7")} << -1;
        QTest::newRow("IPv4 in brackets")
            << QStringLiteral("[127.0.0.7]") << QStringList{QStringLiteral("127.0.0.7")} << -1;
        QTest::newRow("IPv6 literal")
            << QStringLiteral("::1") << QStringList{QStringLiteral("::1")} << -1;
        QTest::newRow("IPv6 in brackets")
            << QStringLiteral("[::1]") << QStringList{QStringLiteral("::1")} << -1;
        QTest::newRow("RFC 5321 IPv6 literal")
            << QStringLiteral("[IPv6:::1]") << QStringList{QStringLiteral("::1")} << -1;
        QTest::newRow("NXDOMAIN") << QStringLiteral("nosuch.test") << QStringList()
                                  << int(Error::Kind::NotFound);
        QTest::newRow("no address")
            << QStringLiteral("nodata.skip.test") << QStringList() << int(Error::Kind::Temporary);
        QTest::newRow("unspecified address")
            << QStringLiteral("0.0.0.0") << QStringList() << int(Error::Kind::Permanent);
    }
    void resolveHost()
    {
        QFETCH(QString, host);
        QFETCH(QStringList, addresses);
        QFETCH(int, errorKind);
        MxResolver resolver({m_dns.address()});
        const auto o = resolveHostNow(resolver, host);
        QVERIFY(o.result);
        QCOMPARE(o.calls, 1);
        if (addresses.isEmpty()) {
            QVERIFY(!*o.result);
            QCOMPARE(int(o.result->error().kind), errorKind);
            return;
        }
        QVERIFY2(*o.result, why(*o.result).constData());
        QCOMPARE(texts(o.result->value()), addresses);
    }

    // done runs on the context's thread, never after the context is gone, and
    // once even when the resolver goes away first.
    void callbackContract()
    {
        MxResolver resolver({m_dns.address()});
        QThread worker;
        worker.start();
        QObject remote;
        remote.moveToThread(&worker);
        std::atomic<QThread *> ranOn = nullptr;
        resolver.resolve(QStringLiteral("order.test"), &remote,
                         [&ranOn](Result<QList<MxHost>>) { ranOn = QThread::currentThread(); });

        int deadCalls = 0;
        auto *gone = new QObject;
        resolver.resolve(QStringLiteral("order.test"), gone,
                         [&deadCalls](Result<QList<MxHost>>) { ++deadCalls; });
        delete gone;
        // Same work, later: by the time it is answered the first would have been too.
        const auto o = resolveNow(resolver, QStringLiteral("order.test"));
        QVERIFY(o.result);
        QTRY_VERIFY(ranOn.load() != nullptr);
        QCOMPARE(ranOn.load(), &worker);
        QCOMPARE(deadCalls, 0);
        worker.quit();
        worker.wait();

        Outcome<QList<MxHost>> pending;
        QObject context;
        {
            MxResolver shortLived({m_dns.address()});
            shortLived.resolve(QStringLiteral("slow.test"), &context,
                               [&pending](Result<QList<MxHost>> r) {
                                   ++pending.calls;
                                   pending.result = std::move(r);
                               });
            QCoreApplication::processEvents(); // the lookup has started
        }
        waitFor(pending, 5000);
        QVERIFY(pending.result && !*pending.result);
        QCOMPARE(pending.result->error().kind, Error::Kind::Temporary);
        QCOMPARE(pending.calls, 1);
    }

    void parseNameservers_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QStringList>("servers");
        QTest::newRow("empty: the system's") << QString() << true << QStringList();
        QTest::newRow("blank") << QStringLiteral("  ") << true << QStringList();
        QTest::newRow("one") << QStringLiteral("127.0.0.53") << true
                             << QStringList{QStringLiteral("127.0.0.53")};
        QTest::newRow("comma and space")
            << QStringLiteral("127.0.0.53, 192.0.2.1") << true
            << QStringList{QStringLiteral("127.0.0.53"), QStringLiteral("192.0.2.1")};
        QTest::newRow("spaces only")
            << QStringLiteral("  192.0.2.1   192.0.2.2 ") << true
            << QStringList{QStringLiteral("192.0.2.1"), QStringLiteral("192.0.2.2")};
        QTest::newRow("comma, no space")
            << QStringLiteral("192.0.2.1,192.0.2.2,") << true
            << QStringList{QStringLiteral("192.0.2.1"), QStringLiteral("192.0.2.2")};
        QTest::newRow("duplicate dropped") << QStringLiteral("192.0.2.1, 192.0.2.1") << true
                                           << QStringList{QStringLiteral("192.0.2.1")};
        const bool v6 = MxResolver::ipv6NameserversSupported();
        QTest::newRow("IPv6") << QStringLiteral("::1") << v6
                              << (v6 ? QStringList{QStringLiteral("::1")} : QStringList());
        QTest::newRow("IPv6 in brackets")
            << QStringLiteral("[2001:db8::53]") << v6
            << (v6 ? QStringList{QStringLiteral("2001:db8::53")} : QStringList());
        QTest::newRow("host name") << QStringLiteral("localhost") << false << QStringList();
        QTest::newRow("with a port") << QStringLiteral("127.0.0.1:5353") << false << QStringList();
        QTest::newRow("dnsmasq port syntax")
            << QStringLiteral("127.0.0.1#5353") << false << QStringList();
        QTest::newRow("bad address") << QStringLiteral("192.0.2.300") << false << QStringList();
        QTest::newRow("semicolon")
            << QStringLiteral("192.0.2.1;192.0.2.2") << false << QStringList();
        QTest::newRow("unspecified") << QStringLiteral("0.0.0.0") << false << QStringList();
        QTest::newRow("four servers")
            << QStringLiteral("192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4") << false
            << QStringList();
    }
    void parseNameservers()
    {
        QFETCH(QString, setting);
        QFETCH(bool, valid);
        QFETCH(QStringList, servers);
        const auto r = MxResolver::parseNameservers(setting);
        QCOMPARE(r.has_value(), valid);
        if (!valid) {
            QCOMPARE(r.error().kind, Error::Kind::Invalid);
            QVERIFY(r.error().message.startsWith(QLatin1String("dns.servers")));
            return;
        }
        QCOMPARE(texts(*r), servers);
        // The setting goes through the same check and is stored in one spelling.
        const auto stored = Settings::validate(QStringLiteral("dns.servers"), setting);
        QVERIFY(stored);
        QCOMPARE(*stored, servers.join(QLatin1String(", ")));
    }
    void settingRefusesWhatParseRefuses()
    {
        QVERIFY(Settings::spec(QStringLiteral("dns.servers")));
        QVERIFY(!Settings::validate(QStringLiteral("dns.servers"), QStringLiteral("localhost")));
        QCOMPARE(*Settings::validate(QStringLiteral("dns.servers"), QString()), QString());
    }

private:
    Dnsmasq m_dns;
};

QTEST_GUILESS_MAIN(tst_MxResolver)
#include "tst_mxresolver.moc"
