// MessagePipeline: what happens to a message between the end of DATA (or an
// IMAP APPEND) and the store — Postfix's cleanup stage. An ordered chain of
// steps each sees the envelope and the message and answers accept (perhaps
// adding or removing header fields), reject, defer or quarantine; the paused
// session hears one outcome. Hop limit, trace and missing header fields live
// here as steps, and so will scanning, filters, forwarding and the archive:
// no protocol session grows feature code of its own. Mail the server writes
// (delivery reports) passes the same steps as Internal mail.
#pragma once

#include "delivery.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace fumibako
{

class Clock;

// Who handed the message over and how: what the steps decide on and what the
// trace field records.
struct Envelope {
    // Forward: a copy a forwarding rule sent on to one of our own mailboxes,
    // back from the outbound queue.
    enum class Source { Mx, Submission, Append, Internal, Forward };
    Source source = Source::Mx;
    QString id;               // ours, made at acceptance: the queue id in every log line
    QString sender;           // envelope sender; empty for <>
    QStringList recipients;   // as given in RCPT TO
    QString authUser;         // the authenticated account, if any
    QString peer;             // the client's address as logged
    QByteArray helo;          // as the client named itself
    bool esmtp = false;       // EHLO rather than HELO
    bool smtputf8 = false;    // MAIL FROM ... SMTPUTF8 (RFC 6531)
    QString tls;              // the TLS session described; empty in the clear
    bool bareLineEnd = false; // the DATA reader saw a CR or LF alone in the message
    QDateTime arrival;        // local time, set by the pipeline when empty

    // A new id in Postfix's queue id shape (hex of the time, a random part),
    // unique enough to find a message in the log; the pipeline makes one when
    // the caller has not.
    static QString newId();
};

// A message as the steps see it: the fields added so far go before `message`.
struct PipelineMessage {
    Envelope envelope;
    QByteArray addedFields; // CRLF-terminated header fields, in the order added
    QByteArray message;     // the message as received (CRLF), minus removed fields
    // The spam score a step found (an Accept verdict's score and rules), for
    // the steps after it to decide on: the filters judge it after the lists.
    std::optional<double> spamScore;
    QList<QPair<QString, double>> spamRules;
};

// One step's answer. Reject and Defer carry an SMTP reply (RFC 5321 4.2 code,
// RFC 3463 status, text); other protocols turn them into their own replies.
struct Verdict {
    enum class Kind { Accept, Reject, Defer, Quarantine };
    Kind kind = Kind::Accept;
    int code = 0;
    QByteArray status;              // "5.4.6"
    QByteArray text;                // "Too many hops"
    QString reason;                 // for the log and the quarantine
    QByteArray addFields;           // Accept: complete fields to put before the message
    QList<QByteArray> removeFields; // Accept: names of fields to take out of its header
    // Accept: when not null, what the later steps and the store get in place
    // of the message as received (the virus step's copy without infected parts).
    QByteArray message;
    // Quarantine: what the quarantine keeps and the triage page shows besides
    // `reason`: its kind ("spam", "filter", "spoofing", "language"; empty:
    // other) and, for spam, the score and each rule with its points. Accept: a
    // score set here is what the message carries on (PipelineMessage::spamScore).
    QString reasonKind;
    std::optional<double> score;
    QList<QPair<QString, double>> rules;
    // Quarantine: the recipients (as given in RCPT TO) whose copies are held;
    // empty: every one.
    QStringList recipients;
    // Accept: some recipients held, each group by a Quarantine verdict naming
    // them, before the message goes on to the others — per-account filters
    // judge one message differently for each account. When none is left the
    // outcome is Quarantined.
    std::vector<Verdict> held; // (a QList cannot hold the type it is a member of)

    static Verdict accept(QByteArray addFields = {})
    {
        Verdict v;
        v.addFields = std::move(addFields);
        return v;
    }
    static Verdict reject(int code, QByteArray status, QByteArray text, QString reason)
    {
        return answer(Kind::Reject, code, std::move(status), std::move(text), std::move(reason));
    }
    static Verdict defer(int code, QByteArray status, QByteArray text, QString reason)
    {
        return answer(Kind::Defer, code, std::move(status), std::move(text), std::move(reason));
    }
    static Verdict quarantine(QString reason)
    {
        return answer(Kind::Quarantine, 0, {}, {}, std::move(reason));
    }
    // "554 5.4.6 Too many hops"
    QByteArray smtpReply() const { return QByteArray::number(code) + ' ' + status + ' ' + text; }

private:
    static Verdict answer(Kind kind, int code, QByteArray status, QByteArray text, QString reason)
    {
        Verdict v;
        v.kind = kind;
        v.code = code;
        v.status = std::move(status);
        v.text = std::move(text);
        v.reason = std::move(reason);
        return v;
    }
};

class PipelineStep
{
public:
    virtual ~PipelineStep() = default;
    virtual QString name() const = 0;
    virtual bool appliesTo(Envelope::Source source) const = 0;
    // Answers through `done`, exactly once, from any thread; the pipeline
    // continues on its caller's thread. Work that may block (a scanner, a big
    // MIME parse) goes elsewhere and must not hold the calling thread.
    virtual void run(const PipelineMessage &message, std::function<void(Verdict)> done) = 0;
};

// Where quarantined messages are held (scan/ provides it). Without one, a
// quarantine verdict defers the message: nothing is accepted unkept.
class QuarantineSink
{
public:
    virtual ~QuarantineSink() = default;
    // Holds a copy for the recipients of each of `holds` (Quarantine verdicts,
    // each with its own reason), all or none; `done` on `context`'s thread.
    virtual void hold(PipelineMessage message, QList<Verdict> holds, QObject *context,
                      std::function<void(Result<void>)> done) = 0;
};

// What the caller replies from.
struct PipelineOutcome {
    enum class Kind { Delivered, Quarantined, Rejected, Deferred, Failed };
    Kind kind = Kind::Failed;
    QString id;                 // the envelope's id: "queued as" and the log
    QString headerMessageId;    // the Message-ID: field as stored, without <>
    Verdict verdict;            // Rejected / Deferred: the deciding step's answer
    QString step;               // the step that decided, for the log
    Error error;                // Failed: the store's refusal (OverQuota, TooBig, Temporary, ...)
    Delivery::Outcome delivery; // Delivered: local recipients returned as full, UIDs given
};

class MessagePipeline
{
public:
    MessagePipeline(Delivery *delivery, const Clock *clock);
    ~MessagePipeline();

    // Steps run in the order appended; set up before the server starts.
    void append(std::unique_ptr<PipelineStep> step);
    void setQuarantine(QuarantineSink *sink) { m_quarantine = sink; }
    QStringList stepNames() const;
    // The Message-ID: field the message will be stored with (a step may have
    // added it), without <>: what the log and the quarantine track it by.
    static QString headerMessageId(const PipelineMessage &message);

    // Runs the steps over `request.message` and delivers what they accept (a
    // request without targets, send-only recipients alone, is accepted and
    // dropped). `done` runs on `context`'s thread, and not at all if it is gone.
    void submit(Envelope envelope, DeliveryRequest request, QObject *context,
                std::function<void(PipelineOutcome)> done);

    // Mail the server writes (delivery reports; later notices and auto-replies)
    // runs the steps as Internal mail from its own sender (the null sender for
    // reports) under its own id, and what they accept comes back ready to
    // store rather than stored: the caller commits it in one transaction with
    // its own change (the message reported on, the queue row leaving), so a
    // crash can neither lose a report nor send it twice.
    // - reject: the report is dropped and logged; the caller's change goes ahead.
    // - quarantine: the report is held (QuarantineSink) and logged; the caller's
    //   change goes ahead.
    // - defer (or a quarantine that cannot hold it): logged, and `done` gets a
    //   Temporary error. The caller commits nothing and tries again later (the
    //   queue at its next housekeeping, an SMTP client after its 4xx), so the
    //   report is written again, under a new id.
    // `about` is the id of the message reported on, for the log. `done` runs on
    // `context`'s thread (at once when no step applies), not at all if it is gone.
    void prepareInternal(QList<DeliveryRequest> requests, const QString &about, QObject *context,
                         std::function<void(Result<QList<DeliveryRequest>>)> done);

private:
    struct Run;
    // What becomes of a message every step accepted: delivered (submit) or
    // handed back (prepareInternal).
    using Accepted = std::function<void(const std::shared_ptr<Run> &, DeliveryRequest)>;
    // The one step-running core under submit() and prepareInternal(): `accepted`
    // gets the processed request, `done` every other outcome.
    void start(Envelope envelope, DeliveryRequest request, QObject *context, Accepted accepted,
               std::function<void(PipelineOutcome)> done);
    void next(std::shared_ptr<Run> run);
    void decided(std::shared_ptr<Run> run, Verdict verdict);
    // Holds `holds` and takes their recipients out of the run; then on to the
    // next step, or Quarantined when nobody is left.
    void holdSome(std::shared_ptr<Run> run, QList<Verdict> holds);
    void finish(const std::shared_ptr<Run> &run, PipelineOutcome outcome);
    // What of an accepted message the archive keeps, if anything.
    std::optional<ArchiveRecord> archiveRecord(const Envelope &envelope,
                                               const DeliveryRequest &request,
                                               const QString &headerMessageId) const;

    Delivery *m_delivery;
    const Clock *m_clock;
    std::vector<std::unique_ptr<PipelineStep>> m_steps;
    QuarantineSink *m_quarantine = nullptr;
};

} // namespace fumibako
