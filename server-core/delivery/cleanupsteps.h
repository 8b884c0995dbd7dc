// The pipeline's first steps, what Postfix's cleanup does to every message
// received by SMTP: refuse bare line ends, write the Received: trace field,
// add the Date: and Message-ID: an authenticated client left out, and end
// mail loops by counting hops. Pure byte work on the header: they answer at
// once, on the session's thread.
#pragma once

#include "messagepipeline.h"

namespace fumibako
{

// RFC 5321 2.3.8: CR and LF appear only together in a message. A bare one
// would let a server that reads lines differently see another message
// (SMTP smuggling), so the message is refused (Postfix:
// smtpd_forbid_bare_newline = reject).
class LineEndCheck : public PipelineStep
{
public:
    QString name() const override { return QStringLiteral("line-ends"); }
    bool appliesTo(Envelope::Source source) const override;
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;
};

// The Received: field (RFC 5321 4.4) in Postfix's layout, "with" per RFC 3848 / RFC 6531.
class TraceFieldStep : public PipelineStep
{
public:
    explicit TraceFieldStep(QString hostname) : m_hostname(std::move(hostname)) {}
    QString name() const override { return QStringLiteral("trace"); }
    bool appliesTo(Envelope::Source source) const override;
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;
    static QByteArray receivedField(const Envelope &envelope, const QString &hostname);

private:
    QString m_hostname;
};

// RFC 6409 8.2, 8.3: authenticated submission without Date: or Message-ID:
// gets them here, before the message is stored or queued (so before DKIM
// signs it); mail from other servers is passed on as it came. Like
// Received:, the added bytes count against a mailbox quota but not against
// the size limit announced in EHLO, which the client's own bytes were held to.
class MissingFieldsStep : public PipelineStep
{
public:
    explicit MissingFieldsStep(QString hostname) : m_hostname(std::move(hostname)) {}
    QString name() const override { return QStringLiteral("missing-fields"); }
    bool appliesTo(Envelope::Source source) const override
    {
        return source == Envelope::Source::Submission;
    }
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;

private:
    QString m_hostname;
};

// Loops end here: a message that has passed more than kMaxHops MTAs
// (Received: fields in its own header, ours included) is refused, as
// Postfix's hopcount_limit does (RFC 5321 6.3). Received: fields of an
// attached message/rfc822 are in the body and are not counted.
class HopLimitStep : public PipelineStep
{
public:
    static constexpr int kMaxHops = 50;
    QString name() const override { return QStringLiteral("hop-limit"); }
    bool appliesTo(Envelope::Source source) const override;
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;
};

} // namespace fumibako
