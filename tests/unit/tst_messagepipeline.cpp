// The message pipeline: each verdict a step can give (accept with added or
// removed fields, reject, defer, quarantine with and without a sink), steps
// answering from another thread, a session gone before the answer, and the
// cleanup steps (line ends, Received:, missing fields, hop limit).
#include "common/clock.h"
#include "common/maildate.h"
#include "delivery/cleanupsteps.h"
#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/maildir.h"
#include "store/storewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <atomic>
#include <optional>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("user@example.test");
const QDateTime kArrival(QDate(2026, 12, 7), QTime(17, 30), QTimeZone(9 * 3600));

// A step that answers what it is told, optionally from another thread, and counts its runs.
class ScriptedStep : public PipelineStep
{
public:
    ScriptedStep(QString name, Verdict verdict, bool fromThread = false)
        : m_name(std::move(name)), m_verdict(std::move(verdict)), m_fromThread(fromThread)
    {
    }
    QString name() const override { return m_name; }
    bool appliesTo(Envelope::Source source) const override { return !only || *only == source; }
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override
    {
        ++runs;
        seen = message;
        if (!m_fromThread)
            return done(m_verdict);
        QThread *t = QThread::create([this, done, v = m_verdict]() {
            done(v);
            answered.fetch_add(1);
        });
        QObject::connect(t, &QThread::finished, t, &QObject::deleteLater);
        t->start();
    }
    std::optional<Envelope::Source> only;
    int runs = 0;
    std::atomic<int> answered{0}; // answers given from another thread
    PipelineMessage seen;

private:
    QString m_name;
    Verdict m_verdict;
    bool m_fromThread;
};

class MemoryQuarantine : public QuarantineSink
{
public:
    void hold(PipelineMessage message, Verdict verdict, QObject *,
              std::function<void(Result<void>)> done) override
    {
        held << message;
        reasons << verdict.reason;
        done({});
    }
    QList<PipelineMessage> held;
    QStringList reasons;
};

QByteArray receivedLines(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out += "Received: from hop" + QByteArray::number(i) +
               " by relay; Mon, 7 Dec 2026 08:00:00 +0900\r\n";
    return out;
}

} // namespace

Q_DECLARE_METATYPE(fumibako::Verdict)

class tst_MessagePipeline : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<Delivery> m_delivery;
    QString m_newDir;
    QObject m_anchor; // as an I/O thread's context object is to its sessions

    DeliveryRequest requestFor(const QByteArray &message)
    {
        const MailAddress rcpt = *MailAddress::parse(kUser);
        DeliveryRequest r;
        r.sender = QStringLiteral("sender@peer.test");
        r.message = message;
        r.local = {m_delivery->targetFor(m_delivery->decide(rcpt, false), kUser)};
        return r;
    }

    Envelope envelope(Envelope::Source source = Envelope::Source::Mx)
    {
        Envelope e;
        e.source = source;
        e.id = QStringLiteral("ABC123");
        e.sender = QStringLiteral("sender@peer.test");
        e.recipients = {kUser};
        e.peer = QStringLiteral("192.0.2.1");
        e.helo = "peer.test";
        e.esmtp = true;
        return e;
    }

    // Runs `pipeline` over `message` and waits for its outcome.
    PipelineOutcome runThrough(MessagePipeline &pipeline, Envelope e, const QByteArray &message)
    {
        std::optional<PipelineOutcome> outcome;
        QObject context(&m_anchor);
        pipeline.submit(std::move(e), requestFor(message), &context,
                        [&](PipelineOutcome o) { outcome = std::move(o); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
            return {};
        if (outcome->kind == PipelineOutcome::Kind::Failed)
            qWarning("failed: %s", qPrintable(outcome->error.message));
        return *outcome;
    }

    QStringList storedFiles() const { return QDir(m_newDir).entryList(QDir::Files, QDir::Name); }
    QByteArray newestFile() const
    {
        QStringList all = QDir(m_newDir).entryList(QDir::Files, QDir::Time);
        if (all.isEmpty())
            return {};
        QFile f(m_newDir + QLatin1Char('/') + all.first());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = std::make_unique<DataDir>(m_tmp.path() + QLatin1String("/data"));
        QVERIFY(
            m_dir->initialize({QStringLiteral("example.test"), QStringLiteral("mx.example.test")}));
        m_db = std::make_unique<Database>(m_dir->databaseFile());
        QVERIFY(m_db->migrate());
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add({kUser, QString(), Account::Role::User, "password123", 0, 0}));
        m_writer = std::make_unique<StoreWriter>(m_dir->databaseFile());
        m_writer->start();
        m_log = std::make_unique<EventLog>(m_writer.get());
        m_delivery =
            std::make_unique<Delivery>(*m_db, m_writer.get(), m_log.get(), m_dir->mailRoot(),
                                       m_dir->queueDir(), QStringLiteral("mx.example.test"));
        const Account a = *AccountStore(*m_db).find(kUser);
        m_newDir = Maildir(m_dir->mailRoot(), a.maildir).root() + QLatin1String("/new");
    }
    void cleanupTestCase()
    {
        m_delivery.reset();
        m_writer->stop();
        m_writer->wait();
    }

    void defaultChainIsTheCleanupSteps()
    {
        QCOMPARE(m_delivery->pipeline().stepNames(),
                 (QStringList{QStringLiteral("line-ends"), QStringLiteral("trace"),
                              QStringLiteral("missing-fields"), QStringLiteral("hop-limit")}));
    }

    void acceptDeliversWithFieldsInStepOrder()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        p.append(
            std::make_unique<ScriptedStep>(QStringLiteral("a"), Verdict::accept("X-First: 1\r\n")));
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("b"),
                                                Verdict::accept("X-Second: 2\r\n"), true));
        const int before = storedFiles().size();
        const PipelineOutcome o = runThrough(p, envelope(), "Subject: ordered\r\n\r\nbody\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Delivered);
        QCOMPARE(o.delivery.uids.size(), 1);
        QVERIFY(o.delivery.uids.first() > 0);
        QCOMPARE(storedFiles().size(), before + 1);
        const QByteArray stored = newestFile();
        QVERIFY2(stored.endsWith("X-First: 1\r\nX-Second: 2\r\nSubject: ordered\r\n\r\nbody\r\n"),
                 stored.constData());
    }

    void acceptCanRemoveFields()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        Verdict v = Verdict::accept("X-Spam-Status: No\r\n");
        v.removeFields = {"x-spam-status", "X-Spam-Score"};
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("strip"), v));
        const PipelineOutcome o =
            runThrough(p, envelope(),
                       "X-Spam-Status: Yes,\r\n\tforged\r\nSubject: kept\r\nX-Spam-Score: "
                       "99\r\n\r\nX-Spam-Status: body line\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Delivered);
        const QByteArray stored = newestFile();
        QVERIFY2(stored.endsWith(
                     "X-Spam-Status: No\r\nSubject: kept\r\n\r\nX-Spam-Status: body line\r\n"),
                 stored.constData());
        QVERIFY(!stored.contains("forged"));
    }

    void rejectOrDeferStopsTheChain_data()
    {
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("fromThread");
        QTest::newRow("reject") << Verdict::reject(554, "5.7.0", "Virus found",
                                                   QStringLiteral("Eicar"))
                                << int(PipelineOutcome::Kind::Rejected) << false;
        QTest::newRow("reject from a thread")
            << Verdict::reject(554, "5.7.0", "Virus found", QStringLiteral("x"))
            << int(PipelineOutcome::Kind::Rejected) << true;
        QTest::newRow("defer") << Verdict::defer(451, "4.7.1", "Try again later",
                                                 QStringLiteral("scanner down"))
                               << int(PipelineOutcome::Kind::Deferred) << false;
    }
    void rejectOrDeferStopsTheChain()
    {
        QFETCH(Verdict, verdict);
        QFETCH(int, kind);
        QFETCH(bool, fromThread);
        MessagePipeline p(m_delivery.get(), Clock::system());
        auto first = std::make_unique<ScriptedStep>(QStringLiteral("first"), verdict, fromThread);
        auto second = std::make_unique<ScriptedStep>(QStringLiteral("second"), Verdict::accept());
        ScriptedStep *after = second.get();
        p.append(std::move(first));
        p.append(std::move(second));
        const int before = storedFiles().size();
        const PipelineOutcome o = runThrough(p, envelope(), "Subject: refused\r\n\r\nbody\r\n");
        QCOMPARE(int(o.kind), kind);
        QCOMPARE(o.step, QStringLiteral("first"));
        QCOMPARE(o.verdict.smtpReply(), verdict.smtpReply());
        QCOMPARE(after->runs, 0);
        QCOMPARE(storedFiles().size(), before);
    }

    void quarantineWithoutASinkDefers()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("spam"),
                                                Verdict::quarantine(QStringLiteral("score 12.0"))));
        const int before = storedFiles().size();
        const PipelineOutcome o = runThrough(p, envelope(), "Subject: held\r\n\r\nbody\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Deferred);
        QCOMPARE(o.verdict.code, 451);
        QCOMPARE(storedFiles().size(), before);
    }

    void quarantineHandsTheMessageToTheSink()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        MemoryQuarantine sink;
        p.setQuarantine(&sink);
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("trace"),
                                                Verdict::accept("Received: here\r\n")));
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("spam"),
                                                Verdict::quarantine(QStringLiteral("score 12.0"))));
        const int before = storedFiles().size();
        const PipelineOutcome o = runThrough(p, envelope(), "Subject: held\r\n\r\nbody\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Quarantined);
        QCOMPARE(o.step, QStringLiteral("spam"));
        QCOMPARE(storedFiles().size(), before);
        QCOMPARE(sink.held.size(), 1);
        QCOMPARE(sink.reasons, QStringList{QStringLiteral("score 12.0")});
        QCOMPARE(sink.held.first().addedFields, QByteArray("Received: here\r\n"));
        QCOMPARE(sink.held.first().message, QByteArray("Subject: held\r\n\r\nbody\r\n"));
    }

    void stepsSkipSourcesTheyDoNotApplyTo()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        auto submissionOnly = std::make_unique<ScriptedStep>(
            QStringLiteral("sub"), Verdict::reject(554, "5.7.1", "no", QStringLiteral("no")));
        submissionOnly->only = Envelope::Source::Submission;
        ScriptedStep *step = submissionOnly.get();
        p.append(std::move(submissionOnly));
        QCOMPARE(runThrough(p, envelope(Envelope::Source::Mx), "Subject: mx\r\n\r\nx\r\n").kind,
                 PipelineOutcome::Kind::Delivered);
        QCOMPARE(step->runs, 0);
        QCOMPARE(
            runThrough(p, envelope(Envelope::Source::Submission), "Subject: sub\r\n\r\nx\r\n").kind,
            PipelineOutcome::Kind::Rejected);
        QCOMPARE(step->runs, 1);
    }

    void aSessionGoneBeforeTheVerdictHearsNothingAndNothingIsStored()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        auto slow = std::make_unique<ScriptedStep>(QStringLiteral("slow"), Verdict::accept(), true);
        ScriptedStep *step = slow.get();
        p.append(std::move(slow));
        const int before = storedFiles().size();
        bool called = false;
        auto *context = new QObject(&m_anchor);
        p.submit(envelope(), requestFor("Subject: orphan\r\n\r\nx\r\n"), context,
                 [&](PipelineOutcome) { called = true; });
        delete context;
        // The step answers on its thread; its answer is posted here and must go no further.
        QTRY_COMPARE(step->answered.load(), 1);
        QCoreApplication::sendPostedEvents();
        // Whatever reached the writer before this no-op job is done once it is.
        bool barrier = false;
        m_delivery->commit(
            std::make_shared<SqlJob>([](const Database &) { return Result<void>(); }), &m_anchor,
            [&](Result<void>) { barrier = true; });
        QTRY_VERIFY(barrier);
        QVERIFY(!called);
        QCOMPARE(storedFiles().size(), before);
    }

    void hopLimit_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("refused");
        // Ours is counted too: 49 + 1 = 50 passes, 50 + 1 does not.
        QTest::newRow("49 hops") << receivedLines(49) + "Subject: x\r\n\r\nbody\r\n" << false;
        QTest::newRow("50 hops") << receivedLines(50) + "Subject: x\r\n\r\nbody\r\n" << true;
        QTest::newRow("hops of an attached message")
            << receivedLines(3) + "Content-Type: message/rfc822\r\n\r\n" + receivedLines(60) +
                   "Subject: in\r\n\r\nx\r\n"
            << false;
    }
    void hopLimit()
    {
        QFETCH(QByteArray, message);
        QFETCH(bool, refused);
        PipelineMessage m;
        m.envelope = envelope();
        m.addedFields = "Received: from peer.test by mx.example.test\r\n";
        m.message = message;
        std::optional<Verdict> v;
        HopLimitStep().run(m, [&](Verdict verdict) { v = verdict; });
        QVERIFY(v);
        QCOMPARE(v->kind, refused ? Verdict::Kind::Reject : Verdict::Kind::Accept);
        if (refused)
            QCOMPARE(v->smtpReply(), QByteArray("554 5.4.6 Too many hops"));
    }

    void receivedField_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("authUser");
        QTest::addColumn<QStringList>("recipients");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray date = rfc5322Date(kArrival);
        QTest::newRow("mx, one recipient")
            << false << QString() << QStringList{kUser}
            << "Received: from peer.test (unknown 192.0.2.1)\r\n\tby mx.example.test (Fumibako) "
               "with ESMTP id ABC123\r\n"
               "\tfor <user@example.test>; " +
                   date + "\r\n";
        QTest::newRow("submission, two recipients")
            << true << kUser << QStringList{kUser, QStringLiteral("b@example.test")}
            << "Received: from peer.test (unknown 192.0.2.1)\r\n\t(using TLSv1.3)\r\n"
               "\t(Authenticated sender: user@example.test)\r\n"
               "\tby mx.example.test (Fumibako) with ESMTPSA id ABC123\r\n\t; " +
                   date + "\r\n";
    }
    void receivedField()
    {
        QFETCH(bool, tls);
        QFETCH(QString, authUser);
        QFETCH(QStringList, recipients);
        QFETCH(QByteArray, expected);
        Envelope e = envelope();
        e.tls = tls ? QStringLiteral("TLSv1.3") : QString();
        e.authUser = authUser;
        e.recipients = recipients;
        e.arrival = kArrival;
        QCOMPARE(TraceFieldStep::receivedField(e, QStringLiteral("mx.example.test")), expected);
    }

    void missingFieldsOnlyForAuthenticatedSubmission()
    {
        MissingFieldsStep step(QStringLiteral("mx.example.test"));
        QVERIFY(step.appliesTo(Envelope::Source::Submission));
        QVERIFY(!step.appliesTo(Envelope::Source::Mx));
        PipelineMessage m;
        m.envelope = envelope(Envelope::Source::Submission);
        m.envelope.arrival = QDateTime::currentDateTime();
        m.message = "Subject: no date\r\n\r\nx\r\n";
        std::optional<Verdict> v;
        step.run(m, [&](Verdict verdict) { v = verdict; });
        QVERIFY(v && v->addFields.isEmpty()); // nobody authenticated: nothing added
        m.envelope.authUser = kUser;
        step.run(m, [&](Verdict verdict) { v = verdict; });
        QVERIFY(v->addFields.startsWith("Date: "));
        QVERIFY(v->addFields.contains("\r\nMessage-ID: <"));
    }

    void bareLineEndsAreRefused()
    {
        PipelineMessage m;
        m.envelope = envelope();
        std::optional<Verdict> v;
        LineEndCheck().run(m, [&](Verdict verdict) { v = verdict; });
        QCOMPARE(v->kind, Verdict::Kind::Accept);
        m.envelope.bareLineEnd = true;
        LineEndCheck().run(m, [&](Verdict verdict) { v = verdict; });
        QCOMPARE(v->smtpReply(), QByteArray("550 5.5.2 Error: bare <LF> received"));
    }
};

QTEST_GUILESS_MAIN(tst_MessagePipeline)
#include "tst_messagepipeline.moc"
