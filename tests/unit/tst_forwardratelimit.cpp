// ForwardRateLimit: the per-account rate of forwards to our own mailboxes
// (the FAQ's 「転送までの時間を制限」) — a burst of N a minute, then one every
// 60/N seconds, each account on its own. Times are given, not waited for.
#include "delivery/recipientexpansion.h"

#include <QTest>

using namespace fumibako;

class TestForwardRateLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenSpaced()
    {
        ForwardRateLimit limit(3); // one every 20 s after a burst of 3
        const qint64 t = 1'000'000;
        QCOMPARE(limit.slot(1, t), t);
        QCOMPARE(limit.slot(1, t), t);
        QCOMPARE(limit.slot(1, t), t);
        QCOMPARE(limit.slot(1, t), t + 20);
        QCOMPARE(limit.slot(1, t), t + 40);
        // Another account has its own allowance.
        QCOMPARE(limit.slot(2, t), t);
    }

    void allowanceComesBackWithTime()
    {
        ForwardRateLimit limit(3);
        const qint64 t = 2'000'000;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(limit.slot(7, t), t);
        QCOMPARE(limit.slot(7, t + 20), t + 20); // one interval later: one more at once
        QVERIFY(limit.slot(7, t + 20) > t + 20);
        // After a quiet minute the whole burst is there again.
        const qint64 later = t + 120;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(limit.slot(7, later), later);
        QVERIFY(limit.slot(7, later) > later);
    }

    void rateChangeApplies()
    {
        ForwardRateLimit limit(60);
        const qint64 t = 3'000'000;
        for (int i = 0; i < 60; ++i)
            QCOMPARE(limit.slot(1, t), t);
        QCOMPARE(limit.slot(1, t), t + 1);
        limit.setRate(0); // taken as 1 a minute, never "no limit"
        QVERIFY(limit.slot(9, t) == t);
        QCOMPARE(limit.slot(9, t), t + 60);
    }

    void systemSenders_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("system");
        QTest::newRow("postmaster") << QStringLiteral("postmaster@example.jp") << true;
        QTest::newRow("MAILER-DAEMON") << QStringLiteral("MAILER-DAEMON@example.jp") << true;
        QTest::newRow("mailerdaemon") << QStringLiteral("mailerdaemon@example.jp") << true;
        QTest::newRow("a person") << QStringLiteral("taro@example.jp") << false;
        QTest::newRow("a look-alike") << QStringLiteral("postmaster2@example.jp") << false;
        QTest::newRow("null sender") << QString() << false;
    }
    void systemSenders()
    {
        QFETCH(QString, address);
        QFETCH(bool, system);
        QCOMPARE(RecipientExpansion::isSystemSender(address), system);
    }
};

QTEST_GUILESS_MAIN(TestForwardRateLimit)
#include "tst_forwardratelimit.moc"
