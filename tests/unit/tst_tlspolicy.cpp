// The outbound TLS policy (queue.tls_policy) without a network: the rule
// parser it shares with queue.transports, Postfix's lookup order (the domain,
// then ".parent" rules, then the default that queue.require_tls sets; "[host]:port"
// then "[host]" for a next hop), what SmtpClient is told per route, and the CA
// file loader. Delivery over real connections: tests/integration/test_tls_policy.py.
#include "net/certificate.h"
#include "queue/outboundqueue.h"
#include "queue/tlspolicy.h"
#include "service/settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;
using Tls = SmtpClientOptions::Tls;

Q_DECLARE_METATYPE(fumibako::TlsLevel)
Q_DECLARE_METATYPE(fumibako::SmtpClientOptions::Tls)
Q_DECLARE_METATYPE(std::optional<fumibako::TlsLevel>)

class tst_TlsPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("semicolons") << QStringLiteral("a.jp=verify; b.jp=none") << true;
        QTest::newRow("commas, lines, blanks, any case")
            << QStringLiteral(" A.jp = Encrypt ,\n.b.jp=MAY,, ") << true;
        QTest::newRow("next hops")
            << QStringLiteral("[mx.a.jp]=verify; [10.0.0.5]:2525=encrypt") << true;
        QTest::newRow("IDN domain") << QStringLiteral("例え.jp=verify") << true;
        QTest::newRow("unknown level") << QStringLiteral("a.jp=secure") << false;
        QTest::newRow("no level") << QStringLiteral("a.jp=") << false;
        QTest::newRow("no key") << QStringLiteral("=verify") << false;
        QTest::newRow("no equals sign") << QStringLiteral("a.jp verify") << false;
        QTest::newRow("address, not a domain") << QStringLiteral("u@a.jp=verify") << false;
        QTest::newRow("blank inside the key") << QStringLiteral("a jp=verify") << false;
        QTest::newRow("wildcard") << QStringLiteral("*.a.jp=verify") << false;
        QTest::newRow("lone dot") << QStringLiteral(".=verify") << false;
        QTest::newRow("empty label") << QStringLiteral("a..jp=verify") << false;
        QTest::newRow("port zero") << QStringLiteral("[mx.a.jp]:0=verify") << false;
        QTest::newRow("port too big") << QStringLiteral("[mx.a.jp]:65536=verify") << false;
        QTest::newRow("blanks inside a next hop")
            << QStringLiteral("[10.0.0.5] : 25=none") << false;
        QTest::newRow("empty brackets") << QStringLiteral("[]=verify") << false;
        QTest::newRow("one bad rule spoils all")
            << QStringLiteral("a.jp=verify, b.jp=maybe") << false;
    }
    void parse()
    {
        QFETCH(QString, setting);
        QFETCH(bool, valid);
        auto policy = TlsPolicy::parse(setting);
        QCOMPARE(policy.has_value(), valid);
        // The setting refuses what the server would refuse at start, naming itself.
        auto checked = Settings::validate(QStringLiteral("queue.tls_policy"), setting);
        QCOMPARE(checked.has_value(), valid);
        if (!valid)
            QVERIFY2(checked.error().message.startsWith(QLatin1String("queue.tls_policy: ")),
                     qPrintable(checked.error().message));
    }

    void forDomain_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<bool>("requireTls");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<TlsLevel>("level");
        const QString rules =
            QStringLiteral("example.jp=verify; .example.jp=encrypt; plain.example.jp=none");
        QTest::newRow("exact") << rules << false << QStringLiteral("example.jp")
                               << TlsLevel::Verify;
        QTest::newRow("exact, any case")
            << rules << false << QStringLiteral("EXAMPLE.jp") << TlsLevel::Verify;
        QTest::newRow("trailing dot")
            << rules << false << QStringLiteral("example.jp.") << TlsLevel::Verify;
        QTest::newRow("subdomain: the .parent rule")
            << rules << false << QStringLiteral("mail.example.jp") << TlsLevel::Encrypt;
        QTest::newRow("deeper subdomain")
            << rules << false << QStringLiteral("a.b.example.jp") << TlsLevel::Encrypt;
        QTest::newRow("own rule beats the parent's")
            << rules << false << QStringLiteral("plain.example.jp") << TlsLevel::None;
        QTest::newRow("nearest parent first")
            << QStringLiteral(".jp=none; .example.jp=verify") << false
            << QStringLiteral("x.example.jp") << TlsLevel::Verify;
        QTest::newRow("suffix is not a parent")
            << rules << false << QStringLiteral("badexample.jp") << TlsLevel::May;
        QTest::newRow("no rule: may")
            << rules << false << QStringLiteral("other.jp") << TlsLevel::May;
        QTest::newRow("no rule, require_tls: encrypt")
            << rules << true << QStringLiteral("other.jp") << TlsLevel::Encrypt;
        QTest::newRow("a rule beats require_tls")
            << rules << true << QStringLiteral("plain.example.jp") << TlsLevel::None;
        QTest::newRow("a next-hop rule is no domain rule")
            << QStringLiteral("[example.jp]=verify") << false << QStringLiteral("example.jp")
            << TlsLevel::May;
    }
    void forDomain()
    {
        QFETCH(QString, setting);
        QFETCH(bool, requireTls);
        QFETCH(QString, domain);
        QFETCH(TlsLevel, level);
        auto policy = TlsPolicy::parse(setting);
        QVERIFY(policy);
        policy->setDefaultLevel(requireTls ? TlsLevel::Encrypt : TlsLevel::May);
        QCOMPARE(policy->forDomain(domain), level);
    }

    void forNextHop_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<std::optional<TlsLevel>>("level");
        const QString rules = QStringLiteral("[relay.isp.jp]:587=verify; [Relay.ISP.jp]=encrypt; "
                                             "isp.jp=none");
        QTest::newRow("host and port")
            << rules << QStringLiteral("relay.isp.jp") << 587 << std::optional(TlsLevel::Verify);
        QTest::newRow("host, other port")
            << rules << QStringLiteral("relay.isp.jp") << 465 << std::optional(TlsLevel::Encrypt);
        QTest::newRow("host in another case")
            << rules << QStringLiteral("RELAY.isp.jp") << 25 << std::optional(TlsLevel::Encrypt);
        QTest::newRow("domain rules are not for hosts")
            << rules << QStringLiteral("isp.jp") << 25 << std::optional<TlsLevel>();
    }
    void forNextHop()
    {
        QFETCH(QString, setting);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(std::optional<TlsLevel>, level);
        auto policy = TlsPolicy::parse(setting);
        QVERIFY(policy);
        QCOMPARE(policy->forNextHop(host, quint16(port)), level);
    }

    // What a route's SmtpClient is told: the level, relay.tls never weakened, the CA list
    // only where it is used.
    void clientOptions_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<bool>("requireTls");
        QTest::addColumn<QString>("route"); // "mx:DOMAIN", "host:HOST:PORT", "relay"
        QTest::addColumn<Tls>("relayTls");
        QTest::addColumn<Tls>("tls");
        QTest::addColumn<bool>("verify");
        const QString rules =
            QStringLiteral("a.jp=none; b.jp=encrypt; c.jp=verify; [smtp.isp.jp]:587=verify; "
                           "[10.0.0.5]:2525=none; [local.relay]=may");
        const Tls req = Tls::Required;
        QTest::newRow("mx, no rule")
            << rules << false << "mx:z.jp" << req << Tls::Opportunistic << false;
        QTest::newRow("mx, no rule, require_tls")
            << rules << true << "mx:z.jp" << req << req << false;
        QTest::newRow("mx none") << rules << true << "mx:a.jp" << req << Tls::None << false;
        QTest::newRow("mx encrypt") << rules << false << "mx:b.jp" << req << req << false;
        QTest::newRow("mx verify") << rules << false << "mx:c.jp" << req << req << true;
        QTest::newRow("transport host rule")
            << rules << true << "host:10.0.0.5:2525" << req << Tls::None << false;
        QTest::newRow("transport host, no rule: the default")
            << rules << true << "host:10.0.0.6:25" << req << req << false;
        QTest::newRow("relay starttls + verify rule")
            << rules << false << "relay:smtp.isp.jp:587" << req << req << true;
        QTest::newRow("relay implicit TLS + verify rule")
            << rules << false << "relay:smtp.isp.jp:587" << Tls::Implicit << Tls::Implicit << true;
        QTest::newRow("relay, rule for another port")
            << rules << false << "relay:smtp.isp.jp:465" << Tls::Implicit << Tls::Implicit << false;
        QTest::newRow("relay starttls, weaker rule: still required")
            << rules << false << "relay:local.relay:587" << req << req << false;
        QTest::newRow("relay none, may rule: opportunistic")
            << rules << false << "relay:local.relay:25" << Tls::None << Tls::Opportunistic << false;
        QTest::newRow("relay none, no rule, require_tls: relay.tls rules")
            << rules << true << "relay:other.relay:25" << Tls::None << Tls::None << false;
    }
    void clientOptions()
    {
        QFETCH(QString, setting);
        QFETCH(bool, requireTls);
        QFETCH(QString, route);
        QFETCH(Tls, relayTls);
        QFETCH(Tls, tls);
        QFETCH(bool, verify);
        OutboundConfig c;
        c.hostname = QStringLiteral("mx.sender.jp");
        auto policy = TlsPolicy::parse(setting);
        QVERIFY(policy);
        c.tlsPolicy = *policy;
        c.tlsPolicy.setDefaultLevel(requireTls ? TlsLevel::Encrypt : TlsLevel::May);
        c.tlsCaCertificates = QSslCertificate::fromData(
            Certificate::makeSelfSigned({QStringLiteral("ca.test")})->certificate);
        QCOMPARE(c.tlsCaCertificates.size(), 1);
        c.relay.tls = relayTls;
        const QStringList parts = route.split(QLatin1Char(':'));
        QueueRoute r;
        if (parts[0] == QLatin1String("mx")) {
            r.destination = parts[1];
        } else {
            r.kind = parts[0] == QLatin1String("host") ? QueueRoute::Kind::Host
                                                       : QueueRoute::Kind::Relay;
            (r.kind == QueueRoute::Kind::Host ? r.host : c.relay.host) = parts[1];
            (r.kind == QueueRoute::Kind::Host ? r.port : c.relay.port) = parts[2].toUShort();
        }
        const SmtpClientOptions o = c.clientOptions(r);
        QCOMPARE(o.tls, tls);
        QCOMPARE(o.verifyPeer, verify);
        QCOMPARE(o.caCertificates.size(), verify ? 1 : 0);
        QCOMPARE(o.heloName, c.hostname);
    }

    // queue.transports goes through the same rule parser.
    void transports_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("routes"); // "domain>key" sorted, or "!" for an error
        QTest::newRow("commas") << QStringLiteral("a.jp=[10.0.0.5]:2525, B.jp=relay")
                                << QStringLiteral("a.jp>host:[10.0.0.5]:2525 b.jp>relay");
        QTest::newRow("semicolons and lines")
            << QStringLiteral("a.jp=[mx.a.jp];\nb.jp=[mx.b.jp]:26")
            << QStringLiteral("a.jp>host:[mx.a.jp]:25 b.jp>host:[mx.b.jp]:26");
        QTest::newRow("no brackets") << QStringLiteral("a.jp=mx.a.jp") << QStringLiteral("!");
        QTest::newRow("bad port") << QStringLiteral("a.jp=[mx.a.jp]:x") << QStringLiteral("!");
        QTest::newRow("address key") << QStringLiteral("u@a.jp=relay") << QStringLiteral("!");
    }
    void transports()
    {
        QFETCH(QString, setting);
        QFETCH(QString, routes);
        auto parsed = OutboundConfig::parseTransports(setting);
        if (routes == QLatin1String("!")) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().message.contains(QLatin1String("domain=[host]:port")),
                     qPrintable(parsed.error().message));
            return;
        }
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QStringList got;
        for (auto it = parsed->cbegin(); it != parsed->cend(); ++it)
            got << it.key() + QLatin1Char('>') + it->key();
        got.sort();
        QCOMPARE(got.join(QLatin1Char(' ')), routes);
    }

    void caFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto none = TlsPolicy::loadCaFile(QString());
        QVERIFY(none && none->isEmpty());
        const QString pem = dir.filePath(QStringLiteral("ca.pem"));
        QFile f(pem);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(Certificate::makeSelfSigned({QStringLiteral("one.test")})->certificate);
        f.write(Certificate::makeSelfSigned({QStringLiteral("two.test")})->certificate);
        f.close();
        auto two = TlsPolicy::loadCaFile(pem);
        QVERIFY2(two, qPrintable(two ? QString() : two.error().message));
        QCOMPARE(two->size(), 2);
        QVERIFY(Settings::validate(QStringLiteral("queue.tls_ca_file"), pem));

        const QString junk = dir.filePath(QStringLiteral("junk.pem"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write("not a certificate\n");
        j.close();
        for (const QString &bad : {junk, dir.filePath(QStringLiteral("missing.pem")),
                                   QStringLiteral("relative/ca.pem")}) {
            QVERIFY2(!TlsPolicy::loadCaFile(bad), qPrintable(bad));
            auto checked = Settings::validate(QStringLiteral("queue.tls_ca_file"), bad);
            QVERIFY2(!checked, qPrintable(bad));
            QVERIFY(checked.error().message.contains(bad));
        }
    }
};

QTEST_GUILESS_MAIN(tst_TlsPolicy)
#include "tst_tlspolicy.moc"
