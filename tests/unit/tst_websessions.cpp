#include "common/clock.h"
#include "web/websessions.h"

#include <QSet>
#include <QTest>

using namespace fumibako;

class tst_WebSessions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenIsRandomAndOpaque()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock);
        QSet<QByteArray> seen;
        for (int i = 0; i < 200; ++i) {
            const QByteArray t = sessions.open(QStringLiteral("search1"));
            // 32 bytes, base64url without padding: fits a cookie as it is.
            QCOMPARE(t.size(), 43);
            for (char c : t)
                QVERIFY2(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_',
                         t.constData());
            QVERIFY(!seen.contains(t));
            seen.insert(t);
        }
        QCOMPARE(sessions.user(QByteArray("forged")), QString());
        QCOMPARE(sessions.user(QByteArray()), QString());
    }

    void idleTimeoutRestartsOnUse()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock, {60 * 1000, 3600 * 1000, 10});
        const QByteArray t = sessions.open(QStringLiteral("search1"));
        clock.advance(59);
        QCOMPARE(sessions.user(t), QStringLiteral("search1")); // used: the minute starts again
        clock.advance(59);
        QCOMPARE(sessions.user(t), QStringLiteral("search1"));
        clock.advance(60);
        QCOMPARE(sessions.user(t), QString());
        QCOMPARE(sessions.size(), 0);
    }

    void lifetimeEndsEvenWhenUsed()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock, {60 * 1000, 300 * 1000, 10});
        const QByteArray t = sessions.open(QStringLiteral("search1"));
        for (int i = 0; i < 4; ++i) {
            clock.advance(59);
            QCOMPARE(sessions.user(t), QStringLiteral("search1"));
        }
        clock.advance(70); // 306 s after the sign-in
        QCOMPARE(sessions.user(t), QString());
    }

    void closeEndsOnlyThatSession()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock);
        const QByteArray a = sessions.open(QStringLiteral("search1"));
        const QByteArray b = sessions.open(QStringLiteral("search1"));
        sessions.close(a);
        QCOMPARE(sessions.user(a), QString());
        QCOMPARE(sessions.user(b), QStringLiteral("search1"));
    }

    void capDropsTheLeastRecentlyUsed()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock, {3600 * 1000, 8 * 3600 * 1000, 3});
        const QByteArray first = sessions.open(QStringLiteral("u1"));
        clock.advance(1);
        const QByteArray second = sessions.open(QStringLiteral("u2"));
        clock.advance(1);
        const QByteArray third = sessions.open(QStringLiteral("u3"));
        clock.advance(1);
        QCOMPARE(sessions.user(first), QStringLiteral("u1")); // now second is the stalest
        clock.advance(1);
        const QByteArray fourth = sessions.open(QStringLiteral("u4"));
        QCOMPARE(sessions.size(), 3);
        QCOMPARE(sessions.user(second), QString());
        QCOMPARE(sessions.user(first), QStringLiteral("u1"));
        QCOMPARE(sessions.user(third), QStringLiteral("u3"));
        QCOMPARE(sessions.user(fourth), QStringLiteral("u4"));
    }

    void expiredGoBeforeLiveOnes()
    {
        TestClock clock(QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
        WebSessions sessions(&clock, {60 * 1000, 3600 * 1000, 2});
        const QByteArray old = sessions.open(QStringLiteral("u1"));
        clock.advance(50);
        const QByteArray live = sessions.open(QStringLiteral("u2"));
        clock.advance(20); // old is idle 70 s: expired; live 20 s
        const QByteArray fresh = sessions.open(QStringLiteral("u3"));
        QCOMPARE(sessions.user(live), QStringLiteral("u2"));
        QCOMPARE(sessions.user(fresh), QStringLiteral("u3"));
        QCOMPARE(sessions.user(old), QString());
    }
};

QTEST_GUILESS_MAIN(tst_WebSessions)
#include "tst_websessions.moc"
