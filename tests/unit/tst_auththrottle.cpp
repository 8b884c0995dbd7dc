#include "auth/auththrottle.h"

#include <QTest>

using namespace fumibako;

class ManualClock : public Clock
{
public:
    QDateTime now() const override { return t; }
    QDateTime t = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
};

class tst_AuthThrottle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void locksOutAddressAfterLimit()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        QVERIFY(!t.recordFailure(QStringLiteral("10.0.0.1"), QStringLiteral("a@b.jp")));
        QVERIFY(!t.recordFailure(QStringLiteral("10.0.0.1"), QStringLiteral("c@b.jp")));
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.1"), QString()));
        QVERIFY(t.recordFailure(QStringLiteral("10.0.0.1"), QStringLiteral("d@b.jp")));
        QVERIFY(t.isLockedOut(QStringLiteral("10.0.0.1"), QStringLiteral("anyone@b.jp")));
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.2"), QStringLiteral("x@b.jp")));
        clock.t = clock.t.addSecs(61);
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.1"), QString()));
    }
    void strangerCannotCheaplyLockOutAUser()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        for (int i = 0; i < 3; ++i)
            t.recordFailure(QStringLiteral("10.0.0.66"), QStringLiteral("a@b.jp"));
        QVERIFY(t.isLockedOut(QStringLiteral("10.0.0.66"), QStringLiteral("a@b.jp")));
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.1"),
                               QStringLiteral("a@b.jp"))); // the owner elsewhere
    }
    void locksOutAccountAcrossManyAddresses()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        // 5 x 3 failures spread over addresses that each stay under their own limit.
        for (int i = 0; i < 15; ++i)
            t.recordFailure(QStringLiteral("10.0.1.%1").arg(i),
                            i % 2 ? QStringLiteral("A@b.jp") : QStringLiteral("a@b.jp"));
        QVERIFY(t.isLockedOut(QStringLiteral("10.0.0.9"), QStringLiteral("a@b.jp")));
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.9"), QStringLiteral("z@b.jp")));
    }
    void oldFailuresAreForgotten()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        t.recordFailure(QStringLiteral("10.0.0.1"), QString());
        t.recordFailure(QStringLiteral("10.0.0.1"), QString());
        clock.t = clock.t.addSecs(120);
        QVERIFY(!t.recordFailure(QStringLiteral("10.0.0.1"), QString()));
        QVERIFY(!t.isLockedOut(QStringLiteral("10.0.0.1"), QString()));
    }
    void successClearsAddress()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        t.recordFailure(QStringLiteral("10.0.0.1"), QString());
        t.recordFailure(QStringLiteral("10.0.0.1"), QString());
        t.recordSuccess(QStringLiteral("10.0.0.1"), QString());
        QVERIFY(!t.recordFailure(QStringLiteral("10.0.0.1"), QString()));
    }
};

QTEST_APPLESS_MAIN(tst_AuthThrottle)
#include "tst_auththrottle.moc"
