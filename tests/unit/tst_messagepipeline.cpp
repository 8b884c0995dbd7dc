// The message pipeline: each verdict a step can give (accept with added or
// removed fields, reject, defer, quarantine with and without a sink), steps
// answering from another thread, a session gone before the answer, the
// cleanup steps (line ends, Received:, missing fields, hop limit), and the
// reports the server writes (Delivery's "delivered" report, the queue's
// failure report) passing the steps meant for Internal mail.
#include "common/clock.h"
#include "common/maildate.h"
#include "delivery/cleanupsteps.h"
#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "delivery/recipientpolicy.h"
#include "queue/outboundqueue.h"
#include "queue/queuestore.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/logstore.h"
#include "store/maildir.h"
#include "store/mailstorage.h"
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
const QString kOwner = QStringLiteral("owner@example.test"); // a local sender: reports come home
const QString kFar = QStringLiteral("far@remote.test");
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
        sources << message.envelope.source;
        if (!m_fromThread)
            return done(m_verdict);
        QThread *t = QThread::create([this, done, v = m_verdict]() {
            done(v);
            answered.fetch_add(1);
        });
        QObject::connect(t, &QThread::finished, t, &QObject::deleteLater);
        t->start();
    }
    void setVerdict(Verdict verdict) { m_verdict = std::move(verdict); }
    std::optional<Envelope::Source> only;
    int runs = 0;
    std::atomic<int> answered{0}; // answers given from another thread
    PipelineMessage seen;
    QList<Envelope::Source> sources; // of every message run

private:
    QString m_name;
    Verdict m_verdict;
    bool m_fromThread;
};

class MemoryQuarantine : public QuarantineSink
{
public:
    void hold(PipelineMessage message, QList<Verdict> holds, QObject *,
              std::function<void(Result<void>)> done) override
    {
        for (const Verdict &verdict : std::as_const(holds)) {
            PipelineMessage copy = message;
            if (!verdict.recipients.isEmpty())
                copy.envelope.recipients = verdict.recipients;
            held << copy;
            reasons << verdict.reason;
        }
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
Q_DECLARE_METATYPE(fumibako::Envelope::Source)

class tst_MessagePipeline : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<MailStorage> m_storage;
    std::unique_ptr<Delivery> m_delivery;
    QString m_newDir;
    QString m_ownerNewDir;
    QObject m_anchor; // as an I/O thread's context object is to its sessions

    // A Delivery of its own (the default chain plus `steps`), so steps for
    // Internal mail see the reports it writes; the shared one stays as built.
    std::unique_ptr<Delivery> deliveryWith(std::vector<std::unique_ptr<PipelineStep>> steps)
    {
        auto d = std::make_unique<Delivery>(*m_db, *m_storage, m_log.get(), m_dir->queueDir(),
                                            QStringLiteral("mx.example.test"));
        for (auto &step : steps)
            d->pipeline().append(std::move(step));
        return d;
    }

    // Runs `message` from kOwner through `delivery`'s pipeline to `local` (or
    // kUser) and `remote`, with a "delivered" report asked for when `success`.
    PipelineOutcome sendFromOwner(Delivery &delivery, const QByteArray &message, bool success,
                                  QList<DsnRecipient> remote = {})
    {
        DeliveryRequest r = requestFor(message);
        r.sender = kOwner;
        r.remote = std::move(remote);
        if (success)
            r.reportDelivered = {DsnRecipient{kUser, "SUCCESS", QString()}};
        if (r.remote.size())
            r.local.clear();
        Envelope e = envelope();
        e.id.clear();
        e.sender = kOwner;
        std::optional<PipelineOutcome> outcome;
        QObject context(&m_anchor);
        delivery.pipeline().submit(std::move(e), std::move(r), &context,
                                   [&](PipelineOutcome o) { outcome = std::move(o); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
            return {};
        return *outcome;
    }

    // Waits until whatever was handed to the writer before now is committed.
    bool writerDrained(Delivery &delivery)
    {
        bool barrier = false;
        delivery.commit(std::make_shared<SqlJob>([](const Database &) { return Result<void>(); }),
                        &m_anchor, [&](Result<void>) { barrier = true; });
        return QTest::qWaitFor([&] { return barrier; }, 10000);
    }

    static QList<QByteArray> filesIn(const QString &dir)
    {
        QList<QByteArray> out;
        for (const QString &name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
            QFile f(dir + QLatin1Char('/') + name);
            if (f.open(QIODevice::ReadOnly))
                out << f.readAll();
        }
        return out;
    }
    QList<QByteArray> reportsAtOwner() const
    {
        QList<QByteArray> out;
        for (const QByteArray &m : filesIn(m_ownerNewDir))
            if (m.contains("multipart/report"))
                out << m;
        return out;
    }
    // A report's own header: the message's header is inside it, too (RFC 3462).
    static QByteArray headerOf(const QByteArray &message)
    {
        return message.left(message.indexOf("\r\n\r\n") + 2);
    }
    // The reports that came since `before` was taken.
    QList<QByteArray> reportsSince(const QList<QByteArray> &before) const
    {
        QList<QByteArray> out = reportsAtOwner();
        out.removeIf([&](const QByteArray &m) { return before.contains(m); });
        return out;
    }

    // The current reportVerdictRows() row, set up: a Delivery whose extra step,
    // for Internal mail only, answers the row's verdict.
    struct ReportRow {
        std::unique_ptr<Delivery> delivery;
        ScriptedStep *internal = nullptr;
        MemoryQuarantine sink;
        bool withSink = false;
        bool committed = false;
        bool stored = false;
        QString result;
    };
    std::unique_ptr<ReportRow> reportRow()
    {
        QFETCH(Verdict, verdict);
        QFETCH(bool, fromThread);
        QFETCH(bool, withSink);
        QFETCH(bool, committed);
        QFETCH(bool, stored);
        QFETCH(QString, result);
        auto row = std::make_unique<ReportRow>();
        auto step = std::make_unique<ScriptedStep>(QStringLiteral("internal"), verdict, fromThread);
        step->only = Envelope::Source::Internal;
        row->internal = step.get();
        std::vector<std::unique_ptr<PipelineStep>> steps;
        steps.push_back(std::move(step));
        row->delivery = deliveryWith(std::move(steps));
        if (withSink)
            row->delivery->pipeline().setQuarantine(&row->sink);
        row->withSink = withSink;
        row->committed = committed;
        row->stored = stored;
        row->result = result;
        return row;
    }

    // What became of the row's report: stored with the step's field, held, or
    // neither, and the log line it got, under the report's own id, naming the
    // message `about`.
    void checkReport(const ReportRow &row, const QList<QByteArray> &before, const QString &about)
    {
        QCOMPARE(row.internal->seen.envelope.source, Envelope::Source::Internal);
        const QList<QByteArray> reports = reportsSince(before);
        QCOMPARE(reports.size(), row.stored ? 1 : 0);
        if (row.stored)
            QVERIFY2(headerOf(reports.first()).contains("X-Internal-Step: yes\r\n"),
                     reports.first().constData());
        QCOMPARE(row.sink.held.size(), row.withSink ? 1 : 0);
        if (row.withSink)
            QCOMPARE(row.sink.held.first().envelope.source, Envelope::Source::Internal);
        const QString reportId = row.internal->seen.envelope.id;
        if (row.result.isEmpty()) {
            QVERIFY(logFor(reportId).isEmpty());
            return;
        }
        QTRY_COMPARE(logFor(reportId).size(), 1);
        const LogEntry line = logFor(reportId).first();
        QCOMPARE(line.result, row.result);
        QCOMPARE(line.address, kOwner);
        QVERIFY2(line.text.startsWith(QStringLiteral("id=") + reportId), qPrintable(line.text));
        QVERIFY2(line.text.contains(QStringLiteral("about id=") + about), qPrintable(line.text));
    }

    QList<LogEntry> logFor(const QString &messageId) const
    {
        LogFilter f;
        f.messageId = messageId;
        return LogStore(*m_db).query(f).value_or(QList<LogEntry>());
    }

    // The rows both report paths share: what each verdict of a step for
    // Internal mail does to the report and to the change it is committed with.
    static void reportVerdictRows()
    {
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<bool>("fromThread");
        QTest::addColumn<bool>("withSink");
        QTest::addColumn<bool>("committed"); // the caller's own change
        QTest::addColumn<bool>("stored");    // the report, in the sender's mailbox
        QTest::addColumn<QString>("result"); // of the report's log line; empty: none
        const Verdict accept = Verdict::accept("X-Internal-Step: yes\r\n");
        const Verdict reject =
            Verdict::reject(554, "5.7.1", "Refused", QStringLiteral("no reports today"));
        const Verdict defer = Verdict::defer(451, "4.7.1", "Later", QStringLiteral("scanner down"));
        const Verdict quarantine = Verdict::quarantine(QStringLiteral("looks odd"));
        QTest::newRow("accept") << accept << false << false << true << true << QString();
        QTest::newRow("accept from a thread")
            << accept << true << false << true << true << QString();
        QTest::newRow("reject") << reject << false << false << true << false
                                << QStringLiteral("rejected");
        QTest::newRow("reject from a thread")
            << reject << true << false << true << false << QStringLiteral("rejected");
        QTest::newRow("defer") << defer << false << false << false << false
                               << QStringLiteral("deferred");
        QTest::newRow("quarantine")
            << quarantine << false << true << true << false << QStringLiteral("quarantined");
        QTest::newRow("quarantine without a sink")
            << quarantine << false << false << false << false << QStringLiteral("deferred");
    }

    DeliveryRequest requestFor(const QByteArray &message)
    {
        const MailAddress rcpt = *MailAddress::parse(kUser);
        DeliveryRequest r;
        r.sender = QStringLiteral("sender@peer.test");
        r.message = message;
        r.local = {m_delivery->targetFor(RecipientPolicy(*m_db).decide(rcpt, false), kUser)};
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
        m_storage = std::make_unique<MailStorage>(*m_db, m_writer.get(), m_dir->mailRoot());
        m_delivery = std::make_unique<Delivery>(*m_db, *m_storage, m_log.get(), m_dir->queueDir(),
                                                QStringLiteral("mx.example.test"));
        const Account a = *AccountStore(*m_db).find(kUser);
        m_newDir = Maildir(m_dir->mailRoot(), a.maildir).root() + QLatin1String("/new");
        QVERIFY(s.add({kOwner, QString(), Account::Role::User, "password123", 0, 0}));
        const Account owner = *AccountStore(*m_db).find(kOwner);
        m_ownerNewDir = Maildir(m_dir->mailRoot(), owner.maildir).root() + QLatin1String("/new");
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

    // The filters' per-account decision: some recipients held, the message
    // goes on to the others (and to the steps after); nobody left: Quarantined.
    void heldRecipientsLeaveTheRun()
    {
        MessagePipeline p(m_delivery.get(), Clock::system());
        MemoryQuarantine sink;
        p.setQuarantine(&sink);
        Verdict some = Verdict::accept();
        Verdict hold = Verdict::quarantine(QStringLiteral("deny sender x"));
        hold.recipients = {kFar};
        some.held.push_back(hold);
        p.append(std::make_unique<ScriptedStep>(QStringLiteral("filter"), some));
        auto after = std::make_unique<ScriptedStep>(QStringLiteral("after"), Verdict::accept());
        ScriptedStep *later = after.get();
        p.append(std::move(after));
        Envelope e = envelope();
        e.recipients = {kUser, kFar};
        const int before = storedFiles().size();
        PipelineOutcome o = runThrough(p, e, "Subject: some\r\n\r\nbody\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Delivered);
        QCOMPARE(storedFiles().size(), before + 1);
        QCOMPARE(sink.held.size(), 1);
        QCOMPARE(sink.held.first().envelope.recipients, QStringList{kFar});
        QCOMPARE(later->seen.envelope.recipients, QStringList{kUser});
        // Held for the one recipient there is: nothing stored, nothing after.
        hold.recipients = {kUser.toUpper()};
        Verdict all = Verdict::accept();
        all.held.push_back(hold);
        MessagePipeline q(m_delivery.get(), Clock::system());
        q.setQuarantine(&sink);
        q.append(std::make_unique<ScriptedStep>(QStringLiteral("filter"), all));
        auto never = std::make_unique<ScriptedStep>(QStringLiteral("after"), Verdict::accept());
        ScriptedStep *skipped = never.get();
        q.append(std::move(never));
        o = runThrough(q, envelope(), "Subject: all\r\n\r\nbody\r\n");
        QCOMPARE(o.kind, PipelineOutcome::Kind::Quarantined);
        QCOMPARE(o.step, QStringLiteral("filter"));
        QCOMPARE(o.verdict.reason, QStringLiteral("deny sender x"));
        QCOMPARE(storedFiles().size(), before + 1);
        QCOMPARE(skipped->runs, 0);
        QCOMPARE(sink.held.size(), 2);
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

    void cleanupStepsLeaveInternalMailAlone()
    {
        // Reports are the server's own bytes: no Received: of a client, no
        // missing fields, no line-end or hop checks (RFC 3461 6.2 gives
        // reports the null sender; nothing here speaks for a client).
        const QString host = QStringLiteral("mx.example.test");
        QVERIFY(!LineEndCheck().appliesTo(Envelope::Source::Internal));
        QVERIFY(!TraceFieldStep(host).appliesTo(Envelope::Source::Internal));
        QVERIFY(!MissingFieldsStep(host).appliesTo(Envelope::Source::Internal));
        QVERIFY(!HopLimitStep().appliesTo(Envelope::Source::Internal));
        // And so the default chain stores a report as it was written.
        const QList<QByteArray> before = reportsAtOwner();
        QCOMPARE(sendFromOwner(*m_delivery, "Subject: plain report\r\n\r\nx\r\n", true).kind,
                 PipelineOutcome::Kind::Delivered);
        const QList<QByteArray> reports = reportsSince(before);
        QCOMPARE(reports.size(), 1);
        QVERIFY2(!headerOf(reports.first()).contains("Received:"), reports.first().constData());
    }

    void internalMailRunsOnlyTheStepsForIt_data()
    {
        QTest::addColumn<Envelope::Source>("source");
        QTest::addColumn<int>("runs"); // one message in, its report out
        QTest::addColumn<QByteArray>("inMessage");
        QTest::addColumn<QByteArray>("inReport");
        QTest::newRow("an MX step")
            << Envelope::Source::Mx << 1 << QByteArray("X-Step: on\r\n") << QByteArray();
        QTest::newRow("a submission step")
            << Envelope::Source::Submission << 0 << QByteArray() << QByteArray();
        QTest::newRow("an Internal step")
            << Envelope::Source::Internal << 1 << QByteArray() << QByteArray("X-Step: on\r\n");
    }
    void internalMailRunsOnlyTheStepsForIt()
    {
        QFETCH(Envelope::Source, source);
        QFETCH(int, runs);
        QFETCH(QByteArray, inMessage);
        QFETCH(QByteArray, inReport);
        auto step = std::make_unique<ScriptedStep>(QStringLiteral("only"),
                                                   Verdict::accept("X-Step: on\r\n"));
        step->only = source;
        ScriptedStep *only = step.get();
        auto every = std::make_unique<ScriptedStep>(QStringLiteral("every"), Verdict::accept());
        ScriptedStep *all = every.get();
        std::vector<std::unique_ptr<PipelineStep>> steps;
        steps.push_back(std::move(step));
        steps.push_back(std::move(every));
        auto delivery = deliveryWith(std::move(steps));
        const QList<QByteArray> messagesBefore = filesIn(m_newDir);
        const QList<QByteArray> reportsBefore = reportsAtOwner();
        const PipelineOutcome o =
            sendFromOwner(*delivery, "Subject: wants a report\r\n\r\nx\r\n", true);
        QCOMPARE(o.kind, PipelineOutcome::Kind::Delivered);
        QCOMPARE(only->runs, runs);
        QCOMPARE(all->sources,
                 (QList<Envelope::Source>{Envelope::Source::Mx, Envelope::Source::Internal}));
        // The report went in as the server's own mail: null sender, to the
        // message's sender, under an id of its own.
        const Envelope &report = all->seen.envelope;
        QVERIFY(report.sender.isEmpty());
        QCOMPARE(report.recipients, QStringList{kOwner});
        QVERIFY(!report.id.isEmpty());
        QVERIFY(report.id != o.id);
        QList<QByteArray> messages = filesIn(m_newDir);
        messages.removeIf([&](const QByteArray &m) { return messagesBefore.contains(m); });
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().contains("Subject: wants a report"));
        QCOMPARE(messages.first().contains("X-Step: on\r\n"), !inMessage.isEmpty());
        const QList<QByteArray> reports = reportsSince(reportsBefore);
        QCOMPARE(reports.size(), 1);
        QCOMPARE(headerOf(reports.first()).contains("X-Step: on\r\n"), !inReport.isEmpty());
    }

    // Delivery's "delivered" report (RFC 3461 6.2) is committed with the message.
    void deliveredReportVerdicts_data() { reportVerdictRows(); }
    void deliveredReportVerdicts()
    {
        const auto row = reportRow();
        const int messagesBefore = storedFiles().size();
        const QList<QByteArray> reportsBefore = reportsAtOwner();
        const PipelineOutcome o =
            sendFromOwner(*row->delivery, "Subject: verdict on its report\r\n\r\nx\r\n", true);
        QVERIFY(writerDrained(*row->delivery));
        QCOMPARE(row->internal->runs, 1);
        if (row->committed) {
            QCOMPARE(o.kind, PipelineOutcome::Kind::Delivered);
        } else {
            // Nothing is stored without the report it owes: the client hears a 4xx.
            QCOMPARE(o.kind, PipelineOutcome::Kind::Failed);
            QCOMPARE(o.error.kind, Error::Kind::Temporary);
        }
        QCOMPARE(storedFiles().size(), messagesBefore + (row->committed ? 1 : 0));
        checkReport(*row, reportsBefore, o.id);
    }

    // The queue's failure report leaves with the queue row, in one transaction.
    void queueReportVerdicts_data() { reportVerdictRows(); }
    void queueReportVerdicts()
    {
        const auto row = reportRow();
        ScriptedStep *internal = row->internal;
        // A message from kOwner queued for a remote recipient, then refused there.
        const PipelineOutcome sent =
            sendFromOwner(*row->delivery, "Subject: refused far away\r\n\r\nx\r\n", false,
                          {DsnRecipient{kFar, QByteArray(), QString()}});
        QCOMPARE(sent.kind, PipelineOutcome::Kind::Delivered);
        QCOMPARE(internal->runs, 0);
        QueueStore queue(*m_db);
        qint64 queueId = 0;
        for (const QueuedMessage &m : queue.messages().value_or(QList<QueuedMessage>()))
            if (m.messageId == sent.id)
                queueId = m.id;
        QVERIFY(queueId > 0);
        auto rows = queue.recipients(queueId);
        QVERIFY(rows && rows->size() == 1);
        QueuedRecipient bounced = rows->first();
        bounced.state = QueuedRecipient::State::Bounced;
        bounced.attempts = 1;
        bounced.lastAttempt = QDateTime::currentSecsSinceEpoch();
        bounced.lastReply = QStringLiteral("550 5.1.1 <far@remote.test>: no such user");
        bool marked = false;
        row->delivery->commit(std::make_shared<SqlJob>([bounced](const Database &db) {
                                  return QueueStore(db).update(bounced);
                              }),
                              &m_anchor, [&](Result<void> r) { marked = bool(r); });
        QTRY_VERIFY(marked);

        OutboundQueue outbound(OutboundConfig(), row->delivery.get());
        QSignalSpy changed(&outbound, &OutboundQueue::changed);
        const QList<QByteArray> reportsBefore = reportsAtOwner();
        outbound.housekeeping();
        if (row->committed)
            QTRY_COMPARE(changed.count(), 1);
        else
            QTRY_COMPARE(internal->runs, 1);
        QVERIFY(writerDrained(*row->delivery));
        QCOMPARE(internal->runs, 1);
        QCOMPARE(internal->seen.envelope.recipients, QStringList{kOwner});
        QCOMPARE(bool(queue.message(queueId)), !row->committed);
        checkReport(*row, reportsBefore, sent.id);
        if (QTest::currentTestFailed() || row->committed)
            return;
        // Deferred: the row waits, finished, and the next housekeeping writes the
        // report again (a new one, under its own id) and removes the row with it.
        const QString firstId = internal->seen.envelope.id;
        internal->setVerdict(Verdict::accept("X-Internal-Step: yes\r\n"));
        row->delivery->pipeline().setQuarantine(nullptr);
        outbound.housekeeping();
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(internal->runs, 2);
        QVERIFY(internal->seen.envelope.id != firstId);
        QVERIFY(!queue.message(queueId));
        const QList<QByteArray> reports = reportsSince(reportsBefore);
        QCOMPARE(reports.size(), 1);
        QVERIFY(headerOf(reports.first()).contains("X-Internal-Step: yes\r\n"));
        QVERIFY(reports.first().contains("far@remote.test"));
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
