#include "scansteps.h"

#include "delivery/noticemail.h"
#include "mime/headerfields.h"
#include "mime/virusstrip.h"
#include "store/eventlog.h"

#include <QMutexLocker>

namespace fumibako
{

namespace
{

// What the clients are handed: the fields the steps before added, then the
// message as received, sent without being joined.
QByteArrayList pieces(const PipelineMessage &message)
{
    return message.addedFields.isEmpty() ? QByteArrayList{message.message}
                                         : QByteArrayList{message.addedFields, message.message};
}

QByteArray score(double points)
{
    return QByteArray::number(points, 'f', 1);
}

} // namespace

// ---- ScanGate ---------------------------------------------------------------

void ScanGate::enter(std::function<void(Leave)> scan)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_running >= m_limit) {
            m_waiting.push_back(std::move(scan));
            return;
        }
        ++m_running;
    }
    scan([this]() { leave(); });
}

void ScanGate::leave()
{
    std::function<void(Leave)> next;
    {
        QMutexLocker lock(&m_mutex);
        if (m_waiting.empty()) {
            --m_running;
            return;
        }
        next = std::move(m_waiting.front()); // takes over the slot
        m_waiting.pop_front();
    }
    next([this]() { leave(); });
}

// ---- VirusScanStep ----------------------------------------------------------

VirusScanStep::VirusScanStep(ClamdClient client, Action action, std::shared_ptr<ScanGate> gate,
                             EventLog *log, OutgoingVirus onOutgoing)
    : m_client(std::move(client)), m_action(action), m_gate(std::move(gate)), m_log(log),
      m_onOutgoing(std::move(onOutgoing))
{
}

VirusScanStep::Action VirusScanStep::parseAction(const QString &setting)
{
    return setting == QLatin1String("reject") ? Action::Reject : Action::Strip;
}

bool VirusScanStep::appliesTo(Envelope::Source source) const
{
    return source == Envelope::Source::Mx || source == Envelope::Source::Submission;
}

void VirusScanStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    m_gate->enter([this, message, done](ScanGate::Leave leave) {
        // No context: the answer comes on the thread that sent the request,
        // and the pipeline takes it back to the session's.
        m_client.scan(pieces(message), nullptr,
                      [this, message, done, leave](Result<VirusScan> scan) {
                          leave();
                          decide(message, scan, done);
                      });
    });
}

void VirusScanStep::decide(const PipelineMessage &message, const Result<VirusScan> &scan,
                           std::function<void(Verdict)> done) const
{
    if (!scan)
        // Ours to fix, not the sender's: they try again (RFC 3463 4.7.1 as
        // Postfix's milters answer a scanner failure).
        return done(Verdict::defer(451, "4.7.1", "Virus scanner unavailable; try again later",
                                   QStringLiteral("virus scanner: ") + scan.error().message));
    if (!scan->infected)
        return done(Verdict::accept());
    // Into a reply line: clamd's name as printable ASCII, bounded.
    const QByteArray virus = NoticeMail::printableAscii(scan->virus.toUtf8()).left(100);
    const QString reason = QStringLiteral("virus found: ") + scan->virus;
    if (message.envelope.source == Envelope::Source::Submission) {
        if (m_onOutgoing)
            m_onOutgoing(message, scan->virus);
        return done(Verdict::reject(
            554, "5.7.0", "Message contains a virus (" + virus + "); it was not sent", reason));
    }
    if (m_action == Action::Reject)
        return done(
            Verdict::reject(554, "5.7.0", "Message contains a virus (" + virus + ")", reason));
    strip(message, scan->virus, std::move(done));
}

// The whole message is infected: each leaf is scanned on its own (clamd says
// whether, not where) and the infected ones are taken out. A message whose
// parts cannot all be told apart, or whose virus is in no one part, is
// refused: it is known to be infected, so a 5xx is right.
void VirusScanStep::strip(const PipelineMessage &message, const QString &virus,
                          std::function<void(Verdict)> done) const
{
    struct Strip {
        QList<MimeLeaf> leaves;
        qsizetype next = 0;
        QList<StrippedPart> removed;
    };
    auto state = std::make_shared<Strip>();
    state->leaves = mimeLeaves(message.message);
    const QByteArray name = NoticeMail::printableAscii(virus.toUtf8()).left(100);
    const auto refuse = [name, virus, done](const QString &why) {
        done(Verdict::reject(554, "5.7.0", "Message contains a virus (" + name + ")",
                             QStringLiteral("virus found: %1; not stripped: %2").arg(virus, why)));
    };
    for (const MimeLeaf &leaf : std::as_const(state->leaves))
        if (leaf.pastLimit)
            return refuse(QStringLiteral("too many parts to scan one by one"));
    // Leaf after leaf; a scan in flight holds the chain, which holds itself
    // only weakly, so it is gone once the last answer is in.
    auto scanNext = std::make_shared<std::function<void()>>();
    *scanNext = [this, state, chain = std::weak_ptr(scanNext), message, refuse, done]() {
        if (state->next == state->leaves.size()) {
            if (state->removed.isEmpty())
                return refuse(QStringLiteral("the virus is in no single part"));
            auto stripped = stripParts(message.message, state->removed);
            if (!stripped)
                return refuse(stripped.error().message);
            QStringList what;
            for (const StrippedPart &p : std::as_const(state->removed))
                what << QStringLiteral("%1 (%2)").arg(p.fileName, p.virusName);
            LogEntry e;
            e.kind = LogEntry::Kind::System;
            e.messageId = message.envelope.id;
            e.sender = message.envelope.sender;
            e.address = message.envelope.recipients.join(QLatin1Char(','));
            e.result = QStringLiteral("virus-removed");
            e.text = QStringLiteral("id=%1 infected parts removed: %2")
                         .arg(message.envelope.id, what.join(QStringLiteral(", ")));
            m_log->add(std::move(e));
            Verdict v = Verdict::accept();
            v.message = std::move(*stripped);
            return done(std::move(v));
        }
        const MimeLeaf &leaf = state->leaves[state->next];
        m_gate->enter([this, state, next = chain.lock(), leaf, done](ScanGate::Leave leave) {
            m_client.scan(
                {leaf.body}, nullptr, [state, next, leaf, done, leave](Result<VirusScan> scan) {
                    leave();
                    if (!scan)
                        return done(Verdict::defer(
                            451, "4.7.1", "Virus scanner unavailable; try again later",
                            QStringLiteral("virus scanner: ") + scan.error().message));
                    if (scan->infected)
                        state->removed << StrippedPart{leaf.path, leaf.fileName, scan->virus};
                    ++state->next;
                    (*next)();
                });
        });
    };
    (*scanNext)();
}

// ---- SpamScanStep -----------------------------------------------------------

SpamScanStep::SpamScanStep(SpamdClient client, double threshold, QStringList domains,
                           std::shared_ptr<ScanGate> gate, EventLog *log, Action action)
    : m_client(std::move(client)), m_threshold(threshold), m_domains(std::move(domains)),
      m_gate(std::move(gate)), m_log(log), m_action(action)
{
}

SpamScanStep::Action SpamScanStep::parseAction(const QString &setting)
{
    return setting == QLatin1String("tag") ? Action::Tag : Action::Quarantine;
}

QList<QByteArray> SpamScanStep::fieldsReplaced()
{
    return {"X-Spam-Status", "X-Spam-Score", "X-Spam-Flag"};
}

bool SpamScanStep::wanted(const Envelope &envelope) const
{
    if (m_domains.contains(QLatin1String("*")))
        return true;
    for (const QString &rcpt : envelope.recipients) {
        const QString domain = rcpt.section(QLatin1Char('@'), -1).toLower();
        if (m_domains.contains(domain, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QByteArray SpamScanStep::resultFields(const SpamScore &s, double threshold,
                                      const QByteArray &subject, bool tagSubject)
{
    const bool spam = s.score >= threshold;
    QByteArrayList tests;
    for (const SpamRule &rule : s.rules)
        tests << NoticeMail::printableAscii(rule.name.toUtf8());
    // SpamAssassin's own layout, so client rules written for it keep working.
    QByteArray fields = NoticeMail::field(
        "X-Spam-Status", (spam ? "Yes" : "No") + QByteArray(", score=") + score(s.score) +
                             " required=" + score(threshold) +
                             " tests=" + (tests.isEmpty() ? QByteArray("none") : tests.join(',')));
    fields += NoticeMail::field("X-Spam-Score", score(s.score));
    if (spam) {
        fields += NoticeMail::field("X-Spam-Flag", "YES");
    }
    if (spam && tagSubject) {
        // The FAQ's tag. ASCII then a space before the field's own text, which
        // stays as it came (encoded-words included): still valid RFC 2047.
        fields += NoticeMail::field("Subject",
                                    subject.isNull() ? QByteArray("[spam]") : "[spam] " + subject);
    }
    return fields;
}

void SpamScanStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    if (!wanted(message.envelope))
        return done(Verdict::accept());
    m_gate->enter([this, message, done](ScanGate::Leave leave) {
        m_client.check(pieces(message), nullptr, [this, message, done, leave](Result<SpamScore> r) {
            leave();
            if (!r) {
                // Accepted unscored: a spam scanner's failure must not stop mail.
                LogEntry e;
                e.kind = LogEntry::Kind::System;
                e.messageId = message.envelope.id;
                e.sender = message.envelope.sender;
                e.result = QStringLiteral("unscored");
                e.text = QStringLiteral("id=%1 accepted without a spam score: %2")
                             .arg(message.envelope.id, r.error().message);
                m_log->add(std::move(e));
                return done(Verdict::accept());
            }
            // Tagged (the FAQ's [spam] stamp) or, when spam is held, left as it
            // came with only our fields on top, so a released message is the
            // one that was sent (DKIM verifies). Whether it is held is the
            // filter's decision (SpamFilterStep): an allow list beats the score.
            const bool tag = m_action == Action::Tag;
            Verdict v = Verdict::accept(
                resultFields(*r, m_threshold, firstFieldValue(message.message, "Subject"), tag));
            v.removeFields = fieldsReplaced();
            if (tag && r->score >= m_threshold)
                v.removeFields << "Subject";
            v.score = r->score;
            for (const SpamRule &rule : std::as_const(r->rules))
                v.rules << qMakePair(rule.name, rule.score);
            done(std::move(v));
        });
    });
}

} // namespace fumibako
