#include "service/settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace fumibako;

class tst_Settings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("size") << QStringLiteral("smtp.max_message_size") << QStringLiteral("10485760") << true << QStringLiteral("10485760");
        QTest::newRow("size too small") << QStringLiteral("smtp.max_message_size") << QStringLiteral("10") << false << QString();
        QTest::newRow("not a number") << QStringLiteral("smtp.max_recipients") << QStringLiteral("abc") << false << QString();
        QTest::newRow("port") << QStringLiteral("ports.smtp") << QStringLiteral("25") << true << QStringLiteral("25");
        QTest::newRow("port too big") << QStringLiteral("ports.smtp") << QStringLiteral("70000") << false << QString();
        QTest::newRow("bool yes") << QStringLiteral("auth.allow_plaintext_loopback") << QStringLiteral("yes") << true << QStringLiteral("true");
        QTest::newRow("bool junk") << QStringLiteral("auth.allow_plaintext_loopback") << QStringLiteral("maybe") << false << QString();
        QTest::newRow("hostname") << QStringLiteral("server.hostname") << QStringLiteral("MX.Example.JP") << true << QStringLiteral("mx.example.jp");
        QTest::newRow("bad hostname") << QStringLiteral("server.hostname") << QStringLiteral("a b") << false << QString();
        QTest::newRow("bind") << QStringLiteral("server.bind") << QStringLiteral("127.0.0.1") << true << QStringLiteral("127.0.0.1");
        QTest::newRow("bad bind") << QStringLiteral("server.bind") << QStringLiteral("localhost") << false << QString();
        QTest::newRow("unknown key") << QStringLiteral("smtp.nonsense") << QStringLiteral("1") << false << QString();
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
    void defaultsAreValid()
    {
        for (const SettingSpec &s : Settings::specs())
            if (!s.defaultValue.isEmpty())
                QVERIFY2(Settings::validate(s.key, s.defaultValue), qPrintable(s.key));
    }
    // docs/settings.md documents every key with its default, and nothing else.
    void documentationMatches()
    {
        QFile f(QStringLiteral(FUMIBAKO_SOURCE_DIR "/docs/settings.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(f.readAll());
        QSet<QString> documented;
        static const QRegularExpression row(QStringLiteral("^\\| `([a-z0-9_.]+)` \\| `([^`]*)` \\|"), QRegularExpression::MultilineOption);
        for (auto it = row.globalMatch(doc); it.hasNext();) {
            const auto m = it.next();
            const SettingSpec *s = Settings::spec(m.captured(1));
            QVERIFY2(s, qPrintable(QStringLiteral("documented but unknown: ") + m.captured(1)));
            if (!s->defaultValue.isEmpty())
                QCOMPARE(m.captured(2), s->defaultValue);
            documented.insert(m.captured(1));
        }
        for (const SettingSpec &s : Settings::specs())
            QVERIFY2(documented.contains(s.key), qPrintable(QStringLiteral("undocumented: ") + s.key));
    }
};

QTEST_APPLESS_MAIN(tst_Settings)
#include "tst_settings.moc"
