// The scanners as steps of the message pipeline, so a message is judged
// while its sender waits for the reply to end of DATA (issue 13): clamd for
// viruses on MX and submission, spamd for spam on MX. A ScanGate bounds how
// many scans run at once across the server (scan.max_concurrent); the rest
// wait their turn. The clients' sockets are asynchronous on the thread that
// starts them: no I/O thread ever blocks on a scanner.
#pragma once

#include "clamdclient.h"
#include "delivery/messagepipeline.h"
#include "spamdclient.h"

#include <QMutex>

#include <deque>
#include <functional>
#include <memory>

namespace fumibako
{

class EventLog;

// At most `limit` scans at once; enter() starts `scan` now or when one ends.
// `scan` is handed the function to call once its scanner has answered (on
// whatever thread that is); a waiting scan then starts on that thread, which
// runs an event loop like every thread a client answers on.
class ScanGate
{
public:
    explicit ScanGate(int limit) : m_limit(qMax(1, limit)) {}
    using Leave = std::function<void()>;
    void enter(std::function<void(Leave)> scan);

private:
    void leave();

    QMutex m_mutex;
    const int m_limit;
    int m_running = 0;
    std::deque<std::function<void(Leave)>> m_waiting;
};

// clamd's verdict on every message received by MX or submission. Not scanned
// is not accepted: a scanner down, hung or answering garbage defers with
// 451 4.7.1, never a 5xx for our own failure.
// - Outgoing (submission): refused with 554 5.7.0 naming the virus, and the
//   sender is told by mail too (many clients hide SMTP errors).
// - Incoming (MX): refused the same way (scan.virus_action = reject), or the
//   infected parts removed (strip, the FAQ's way), with a notice at the top
//   and ReplaceWarning.txt.
class VirusScanStep : public PipelineStep
{
public:
    enum class Action { Strip, Reject };
    // What the submission sender is told of their refused message: the step
    // hands it the message and the virus name (MailServer writes the notice).
    using OutgoingVirus = std::function<void(const PipelineMessage &message, const QString &virus)>;

    VirusScanStep(ClamdClient client, Action action, std::shared_ptr<ScanGate> gate, EventLog *log,
                  OutgoingVirus onOutgoing);
    QString name() const override { return QStringLiteral("virus"); }
    bool appliesTo(Envelope::Source source) const override;
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;

    static Action parseAction(const QString &setting); // "strip" | "reject"

private:
    void decide(const PipelineMessage &message, const Result<VirusScan> &scan,
                std::function<void(Verdict)> done) const;
    void strip(const PipelineMessage &message, const QString &virus,
               std::function<void(Verdict)> done) const;

    ClamdClient m_client;
    Action m_action;
    std::shared_ptr<ScanGate> m_gate;
    EventLog *m_log;
    OutgoingVirus m_onOutgoing;
};

// spamd's score for mail received by MX for the domains that have spam
// checking on (scan.spam). At or over the threshold the subject gets
// "[spam] " in front (RFC 2047-safe: ASCII and a space before whatever the
// field holds) and X-Spam-Status / X-Spam-Score say why; below it the two
// fields say so too. Fields of those names that came with the message are
// removed first: only ours count. spamd down, hung or answering garbage:
// the message is accepted unscored and the failure logged (issue 13).
// With scan.spam_action = quarantine, spam is held instead (Quarantine): the
// verdict carries the score and rules (QuarantineReason) and the X-Spam-*
// fields to put on top, and neither the subject nor any field of the message
// is changed, so a released message is the one that came (DKIM verifies).
class SpamScanStep : public PipelineStep
{
public:
    enum class Action { Tag, Quarantine };
    // `domains`: those whose mail is scored; "*" stands for every domain.
    SpamScanStep(SpamdClient client, double threshold, QStringList domains,
                 std::shared_ptr<ScanGate> gate, EventLog *log, Action action = Action::Tag);
    QString name() const override { return QStringLiteral("spam"); }
    bool appliesTo(Envelope::Source source) const override
    {
        return source == Envelope::Source::Mx;
    }
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;

    static Action parseAction(const QString &setting); // "tag" | "quarantine"
    static QList<QByteArray> fieldsReplaced();         // X-Spam-Status, X-Spam-Score, X-Spam-Flag
    // The fields the step adds for `score` over `threshold`, and, with
    // `tagSubject`, the Subject for a message whose header has `subject`
    // (null: none): "[spam] " + it.
    static QByteArray resultFields(const SpamScore &score, double threshold,
                                   const QByteArray &subject, bool tagSubject = true);

private:
    bool wanted(const Envelope &envelope) const;

    SpamdClient m_client;
    double m_threshold;
    QStringList m_domains;
    std::shared_ptr<ScanGate> m_gate;
    EventLog *m_log;
    Action m_action;
};

} // namespace fumibako
