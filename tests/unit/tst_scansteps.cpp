// The scan steps' own logic, without the daemons (test_scan.py runs them with
// clamd and spamd): the gate that bounds concurrent scans, and the fields the
// spam step writes for a score.
#include "mime/headerfields.h"
#include "scan/scansteps.h"

#include <QTest>

using namespace fumibako;

class tst_ScanSteps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gateBoundsAndQueuesInOrder()
    {
        ScanGate gate(2);
        QList<int> started;
        QList<ScanGate::Leave> leaves;
        for (int i = 0; i < 5; ++i)
            gate.enter([&, i](ScanGate::Leave leave) {
                started << i;
                leaves << leave;
            });
        QCOMPARE(started, (QList<int>{0, 1})); // two at once; the rest wait
        leaves.takeFirst()();
        QCOMPARE(started, (QList<int>{0, 1, 2})); // one left, the first waiting starts
        leaves.takeFirst()();
        leaves.takeFirst()();
        QCOMPARE(started, (QList<int>{0, 1, 2, 3, 4}));
        for (const ScanGate::Leave &leave : std::as_const(leaves))
            leave();
        // All slots free again: the next two start at once.
        gate.enter([&](ScanGate::Leave) { started << 5; });
        gate.enter([&](ScanGate::Leave) { started << 6; });
        QCOMPARE(started.size(), 7);
    }

    void spamFields_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<QByteArray>("subject"); // null: the message has none
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("newSubject"); // null: Subject: left alone
        QTest::addColumn<bool>("flag");
        QTest::newRow("ham") << 1.2 << QByteArray("Hello")
                             << QByteArray("No, score=1.2 required=5.0 tests=A,B") << QByteArray()
                             << false;
        QTest::newRow("at the threshold")
            << 5.0 << QByteArray("Hello") << QByteArray("Yes, score=5.0 required=5.0 tests=A,B")
            << QByteArray("[spam] Hello") << true;
        QTest::newRow("encoded Japanese subject kept as it came")
            << 1000.0 << QByteArray("=?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?=")
            << QByteArray("Yes, score=1000.0 required=5.0 tests=A,B")
            << QByteArray("[spam] =?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?=") << true;
        QTest::newRow("no subject")
            << 7.3 << QByteArray() << QByteArray("Yes, score=7.3 required=5.0 tests=A,B")
            << QByteArray("[spam]") << true;
    }
    void spamFields()
    {
        QFETCH(double, score);
        QFETCH(QByteArray, subject);
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, newSubject);
        QFETCH(bool, flag);
        SpamScore s;
        s.score = score;
        s.threshold = 5.0;
        s.rules = {{QStringLiteral("A"), 1, QString()}, {QStringLiteral("B"), 0.2, QString()}};
        const QByteArray fields = SpamScanStep::resultFields(s, 5.0, subject) + "\r\n";
        QCOMPARE(firstFieldValue(fields, "X-Spam-Status"), status);
        QCOMPARE(firstFieldValue(fields, "X-Spam-Score"), QByteArray::number(score, 'f', 1));
        QCOMPARE(firstFieldValue(fields, "Subject"), newSubject);
        QCOMPARE(firstFieldValue(fields, "X-Spam-Flag").isNull(), !flag);
        for (const QByteArray &line : fields.split('\n'))
            QVERIFY2(line.size() <= 79, line.constData()); // 78 + the CR
    }

    // A long subject is folded, never cut: unfolded it is the old one behind the tag.
    void longSubjectFolded()
    {
        QByteArray subject;
        for (int i = 0; i < 20; ++i)
            subject += "=?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?= ";
        subject = subject.trimmed();
        SpamScore s;
        s.score = 9;
        const QByteArray fields = SpamScanStep::resultFields(s, 5.0, subject) + "\r\n";
        QCOMPARE(firstFieldValue(fields, "Subject"), "[spam] " + subject);
        for (const QByteArray &line : fields.split('\n'))
            QVERIFY2(line.size() <= 79, line.constData());
    }
};

QTEST_GUILESS_MAIN(tst_ScanSteps)
#include "tst_scansteps.moc"
