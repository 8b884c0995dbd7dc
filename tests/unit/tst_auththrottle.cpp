#include "auth/auththrottle.h"

#include <QTest>

using namespace fumibako;

class ManualClock : public Clock {
public:
    QDateTime now() const override { return t; }
    QDateTime t = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
};

class tst_AuthThrottle : public QObject {
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
    void locksOutAccountAcrossAddresses()
    {
        ManualClock clock;
        AuthThrottle t({3, 60000, 60000}, &clock);
        t.recordFailure(QStringLiteral("10.0.0.1"), QStringLiteral("a@b.jp"));
        t.recordFailure(QStringLiteral("10.0.0.2"), QStringLiteral("A@b.jp"));
        t.recordFailure(QStringLiteral("10.0.0.3"), QStringLiteral("a@b.jp"));
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
