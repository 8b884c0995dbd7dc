// The settings registry: validation and normalization, the administrator's
// messages for bad values, defaults, apply modes, docs/settings.md against the
// table; and a running MailServer applying a live setting stored by another
// connection (as fumibakoctl or the console) to new sessions only.
#include "service/datadir.h"
#include "service/dkimkeys.h"
#include "service/mailserver.h"
#include "service/settings.h"
#include "store/database.h"
#include "store/logstore.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;

namespace
{

// The reply to what was sent (multi-line replies joined by \n), read without
// blocking the test's event loop: the listener accepts on this thread.
QByteArray reply(QTcpSocket &s, const QByteArray &command = {})
{
    if (!command.isEmpty())
        s.write(command + "\r\n");
    QByteArray out;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        while (s.canReadLine()) {
            const QByteArray line = s.readLine();
            out += line;
            if (line.size() >= 4 && line.at(3) == ' ')
                return out;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return out + "(no complete reply)";
}

// The SIZE a fresh or open SMTP session advertises.
qint64 advertisedSize(QTcpSocket &s)
{
    const QByteArray ehlo = reply(s, "EHLO client.example.test");
    static const QRegularExpression size(QStringLiteral("250[- ]SIZE (\\d+)"));
    const auto m = size.match(QString::fromLatin1(ehlo));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

} // namespace

class tst_Settings : public QObject
{
    Q_OBJECT

    // A server on loopback ports of the system's choosing that looks at the
    // stored settings every 100 ms.
    static MailServer::Options serverOptions(const DataDir &dir)
    {
        MailServer::Options options;
        options.dataDir = dir.path();
        options.bindAddress = QStringLiteral("127.0.0.1");
        for (const QString &name : MailServer::listenerNames())
            options.ports.insert(name, 0);
        options.ioThreads = 1;
        options.settingsPollMs = 100;
        return options;
    }

private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("size") << QStringLiteral("smtp.max_message_size")
                              << QStringLiteral("10485760") << true << QStringLiteral("10485760");
        QTest::newRow("size too small") << QStringLiteral("smtp.max_message_size")
                                        << QStringLiteral("10") << false << QString();
        QTest::newRow("not a number")
            << QStringLiteral("smtp.max_recipients") << QStringLiteral("abc") << false << QString();
        QTest::newRow("port") << QStringLiteral("ports.smtp") << QStringLiteral("25") << true
                              << QStringLiteral("25");
        QTest::newRow("port too big")
            << QStringLiteral("ports.smtp") << QStringLiteral("70000") << false << QString();
        QTest::newRow("bool yes") << QStringLiteral("auth.allow_plaintext_loopback")
                                  << QStringLiteral("yes") << true << QStringLiteral("true");
        QTest::newRow("bool junk") << QStringLiteral("auth.allow_plaintext_loopback")
                                   << QStringLiteral("maybe") << false << QString();
        QTest::newRow("hostname") << QStringLiteral("server.hostname")
                                  << QStringLiteral("MX.Example.JP") << true
                                  << QStringLiteral("mx.example.jp");
        QTest::newRow("bad hostname")
            << QStringLiteral("server.hostname") << QStringLiteral("a b") << false << QString();
        QTest::newRow("bind") << QStringLiteral("server.bind") << QStringLiteral("127.0.0.1")
                              << true << QStringLiteral("127.0.0.1");
        QTest::newRow("bad bind") << QStringLiteral("server.bind") << QStringLiteral("localhost")
                                  << false << QString();
        QTest::newRow("unknown key")
            << QStringLiteral("smtp.nonsense") << QStringLiteral("1") << false << QString();
    }
    void validate()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, normalized);
        auto r = Settings::validate(key, value);
        QCOMPARE(r.has_value(), valid);
        if (valid)
            QCOMPARE(*r, normalized);
    }
    // Every default passes its own validator unchanged (server.hostname's is computed).
    void defaultsAreValid()
    {
        for (const SettingSpec &s : Settings::specs()) {
            if (s.type == SettingSpec::Type::Hostname)
                continue;
            auto r = Settings::validate(s.key, s.defaultValue);
            QVERIFY2(r,
                     qPrintable(s.key + QLatin1String(": ") + (r ? QString() : r.error().message)));
            QCOMPARE(*r, s.defaultValue);
        }
    }
    // What an administrator reads for a bad value: the key, and what it must be.
    void messages_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QStringLiteral("smtp.nonsense") << QStringLiteral("1")
                                 << QStringLiteral("unknown setting: smtp.nonsense");
        QTest::newRow("not a number")
            << QStringLiteral("smtp.max_recipients") << QStringLiteral("abc")
            << QStringLiteral("smtp.max_recipients must be a whole number, not \"abc\"");
        QTest::newRow("out of range")
            << QStringLiteral("smtp.max_message_size") << QStringLiteral("-5")
            << QStringLiteral("smtp.max_message_size must be between 1024 and 1073741824");
        QTest::newRow("port") << QStringLiteral("relay.port") << QStringLiteral("0")
                              << QStringLiteral("relay.port must be between 1 and 65535");
        QTest::newRow("bool") << QStringLiteral("queue.require_tls") << QStringLiteral("maybe")
                              << QStringLiteral(
                                     "queue.require_tls must be true or false, not \"maybe\"");
        QTest::newRow("hostname") << QStringLiteral("server.hostname") << QStringLiteral("a b")
                                  << QStringLiteral(
                                         "server.hostname must be a host name, not \"a b\"");
        QTest::newRow("bind") << QStringLiteral("server.bind") << QStringLiteral("localhost")
                              << QStringLiteral("server.bind must be an IP address or *");
        QTest::newRow("choice") << QStringLiteral("relay.tls") << QStringLiteral("ssl")
                                << QStringLiteral("relay.tls must be starttls, tls or none");
        QTest::newRow("choice is exact")
            << QStringLiteral("relay.tls") << QStringLiteral("STARTTLS")
            << QStringLiteral("relay.tls must be starttls, tls or none");
        QTest::newRow("transports")
            << QStringLiteral("queue.transports") << QStringLiteral("example.net")
            << QStringLiteral("queue.transports: ");
        QTest::newRow("tls policy")
            << QStringLiteral("queue.tls_policy") << QStringLiteral("example.jp=sometimes")
            << QStringLiteral("queue.tls_policy: ");
        QTest::newRow("dkim") << QStringLiteral("dkim.selectors") << QStringLiteral("example.jp")
                              << QStringLiteral("dkim.selectors: ");
    }
    void messages()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        auto r = Settings::validate(key, value);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Invalid);
        if (message.endsWith(QLatin1String(": "))) // the parser's own words follow
            QVERIFY2(r.error().message.startsWith(message) &&
                         r.error().message.size() > message.size(),
                     qPrintable(r.error().message));
        else
            QCOMPARE(r.error().message, message);
    }
    void normalizes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("choice trimmed")
            << QStringLiteral("relay.tls") << QStringLiteral(" tls ") << QStringLiteral("tls");
        QTest::newRow("bool off") << QStringLiteral("queue.require_tls") << QStringLiteral("OFF")
                                  << QStringLiteral("false");
        QTest::newRow("nameservers")
            << QStringLiteral("dns.servers") << QStringLiteral("192.0.2.53 ,192.0.2.54")
            << QStringLiteral("192.0.2.53, 192.0.2.54");
        QTest::newRow("leading zero") << QStringLiteral("smtp.max_recipients")
                                      << QStringLiteral("007") << QStringLiteral("7");
    }
    void normalizes()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, normalized);
        auto r = Settings::validate(key, value);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(*r, normalized);
    }
    // Which settings a running server applies at once is a decision per key:
    // what sessions copy when they start is live; what listeners, the TLS
    // context, shared caches and the outbound queue took at start is not.
    void applyModes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("live");
        QTest::newRow("port") << QStringLiteral("ports.smtp") << false;
        QTest::newRow("bind") << QStringLiteral("server.bind") << false;
        QTest::newRow("hostname") << QStringLiteral("server.hostname") << false;
        QTest::newRow("search cache") << QStringLiteral("imap.search_cache") << false;
        QTest::newRow("smarthost") << QStringLiteral("relay.tls") << false;
        QTest::newRow("queue") << QStringLiteral("queue.retry_min") << false;
        QTest::newRow("message size") << QStringLiteral("smtp.max_message_size") << true;
        QTest::newRow("recipients") << QStringLiteral("smtp.max_recipients") << true;
        QTest::newRow("idle") << QStringLiteral("imap.idle_timeout") << true;
        QTest::newRow("auth delay") << QStringLiteral("auth.failure_delay_ms") << true;
        QTest::newRow("connections") << QStringLiteral("limits.connections_per_ip") << true;
        QTest::newRow("dkim") << QStringLiteral("dkim.selectors") << true;
        QTest::newRow("retention") << QStringLiteral("log.retention_days") << true;
    }
    void applyModes()
    {
        QFETCH(QString, key);
        QFETCH(bool, live);
        const SettingSpec *s = Settings::spec(key);
        QVERIFY(s);
        QCOMPARE(s->isLive(), live);
        QCOMPARE(Settings::restartOnly({key, QStringLiteral("no.such.key")}),
                 live ? QStringList() : QStringList{key});
    }
    // docs/settings.md documents every key with its default, and nothing else.
    void documentationMatches()
    {
        QFile f(QStringLiteral(FUMIBAKO_SOURCE_DIR "/docs/settings.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(f.readAll());
        QSet<QString> documented;
        static const QRegularExpression row(
            QStringLiteral("^\\| `([a-z0-9_.]+)` \\| `([^`]*)` \\| ([a-z]+) \\|"),
            QRegularExpression::MultilineOption);
        for (auto it = row.globalMatch(doc); it.hasNext();) {
            const auto m = it.next();
            const SettingSpec *s = Settings::spec(m.captured(1));
            QVERIFY2(s, qPrintable(QStringLiteral("documented but unknown: ") + m.captured(1)));
            if (!s->defaultValue.isEmpty())
                QCOMPARE(m.captured(2), s->defaultValue);
            QCOMPARE(m.captured(3),
                     s->isLive() ? QStringLiteral("live") : QStringLiteral("restart"));
            documented.insert(m.captured(1));
        }
        for (const SettingSpec &s : Settings::specs())
            QVERIFY2(documented.contains(s.key),
                     qPrintable(QStringLiteral("undocumented: ") + s.key));
    }

    // smtp.max_message_size stored through another connection while the server
    // runs (what fumibakoctl config set and the console do): the next session
    // advertises the new SIZE without a restart, one already open keeps the
    // old; a port change waits for a restart and says so.
    void liveSettingReachesNewSessions()
    {
        QTemporaryDir tmp;
        const DataDir dir(tmp.filePath(QStringLiteral("data")));
        QVERIFY(dir.initialize({QStringLiteral("example.jp"), QStringLiteral("mx.example.jp")}));
        MailServer server(serverOptions(dir));
        QSignalSpy listening(&server, &MailServer::listening);
        QVERIFY(server.start());
        quint16 port = 0;
        for (const auto &args : std::as_const(listening))
            if (args.at(0).toString() == QLatin1String("smtp"))
                port = quint16(args.at(2).toUInt());
        QVERIFY(port);

        QTcpSocket before;
        before.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(reply(before).startsWith("220 "));
        QCOMPARE(advertisedSize(before), 20971520);

        QSignalSpy changed(&server, &MailServer::settingsChanged);
        {
            Database other(dir.databaseFile()); // not the server's connection
            QVERIFY(Settings::storeAll(
                other, {{QStringLiteral("smtp.max_message_size"), QStringLiteral("1048576")},
                        {QStringLiteral("ports.smtp"), QStringLiteral("2626")}}));
        }
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.first().at(0).toStringList(),
                 QStringList{QStringLiteral("smtp.max_message_size")});
        QCOMPARE(changed.first().at(1).toStringList(), QStringList{QStringLiteral("ports.smtp")});
        QCOMPARE(server.pendingRestart(), QStringList{QStringLiteral("ports.smtp")});

        QTcpSocket after;
        after.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(reply(after).startsWith("220 "));
        QCOMPARE(advertisedSize(after), 1048576);
        QCOMPARE(advertisedSize(before), 20971520); // the open session keeps what it began with

        // Told directly, with nothing new stored: nothing to apply.
        auto again = server.reloadSettings();
        QVERIFY(again);
        QVERIFY(again->isEmpty());

        QSignalSpy stopped(&server, &MailServer::stopped);
        server.stop(0);
        QVERIFY(stopped.wait(10000));
    }

    // A console activating a key asks the server to reload, and the settings
    // poll sees dkim.selectors change too: the change is logged once, and a
    // reload that finds the keys in use says nothing.
    void dkimReloadLoggedOncePerChange()
    {
        QTemporaryDir tmp;
        const DataDir dir(tmp.filePath(QStringLiteral("data")));
        QVERIFY(dir.initialize({QStringLiteral("example.jp"), QStringLiteral("mx.example.jp")}));
        MailServer server(serverOptions(dir));
        QVERIFY(server.start());

        Database other(dir.databaseFile()); // what the console and fumibakoctl write through
        DkimKeyStore keys(dir, other);
        QVERIFY(keys.generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256,
                              QStringLiteral("s1")));
        QSignalSpy changed(&server, &MailServer::settingsChanged);
        QVERIFY(keys.activate(QStringLiteral("example.jp"), QStringLiteral("s1")));
        QVERIFY(server.reloadDkimKeys()); // the console's ask, before the poll
        QVERIFY(changed.wait(5000));      // the poll's
        QVERIFY(server.reloadDkimKeys()); // once more, nothing new
        // A later line, written after both: once it is in the log, so is any
        // second reload line (one writer, in order).
        QVERIFY(Settings::storeAll(
            other, {{QStringLiteral("smtp.max_message_size"), QStringLiteral("1048576")}}));
        QVERIFY(changed.wait(5000));
        const auto lines = [&](const QString &start) {
            LogFilter f;
            f.kind = LogEntry::Kind::System;
            int n = 0;
            for (const LogEntry &e : LogStore(other).query(f).value_or({}))
                n += e.text.startsWith(start) ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(lines(QStringLiteral("settings applied to new connections: "
                                                       "smtp.max_message_size")),
                                  1, 5000);
        QCOMPARE(lines(QStringLiteral("DKIM keys reloaded")), 1);

        QSignalSpy stopped(&server, &MailServer::stopped);
        server.stop(0);
        QVERIFY(stopped.wait(10000));
    }
};

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
