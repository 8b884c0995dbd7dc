#include "cleanupsteps.h"

#include "common/maildate.h"
#include "mime/headerfields.h"
#include "mime/missingheaders.h"

namespace fumibako
{

namespace
{

bool fromSmtp(Envelope::Source source)
{
    return source == Envelope::Source::Mx || source == Envelope::Source::Submission;
}

QByteArray angle(const QString &address)
{
    return '<' + address.toUtf8() + '>';
}

int receivedFields(QByteArrayView header)
{
    int n = 0;
    HeaderFieldScanner scanner(header);
    for (auto item = scanner.next(); item.kind == HeaderFieldScanner::Kind::Field;
         item = scanner.next())
        if (scanner.name(item).compare("Received", Qt::CaseInsensitive) == 0)
            ++n;
    return n;
}

} // namespace

bool LineEndCheck::appliesTo(Envelope::Source source) const
{
    return fromSmtp(source);
}

void LineEndCheck::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    if (message.envelope.bareLineEnd)
        return done(Verdict::reject(550, "5.5.2", "Error: bare <LF> received",
                                    QStringLiteral("bare <LF> or <CR> in message")));
    done(Verdict::accept());
}

bool TraceFieldStep::appliesTo(Envelope::Source source) const
{
    return fromSmtp(source);
}

QByteArray TraceFieldStep::receivedField(const Envelope &e, const QString &hostname)
{
    const bool authenticated = !e.authUser.isEmpty();
    QByteArray with = e.esmtp ? (e.smtputf8 ? "UTF8SMTP" : "ESMTP") : "SMTP";
    if (e.esmtp) {
        if (!e.tls.isEmpty())
            with += 'S';
        if (authenticated)
            with += 'A';
    }
    QByteArray h = "Received: from " + e.helo + " (unknown " + e.peer.toUtf8() + ")\r\n";
    if (!e.tls.isEmpty())
        h += "\t(using " + e.tls.toUtf8() + ")\r\n";
    if (authenticated)
        h += "\t(Authenticated sender: " + e.authUser.toUtf8() + ")\r\n";
    h += "\tby " + hostname.toUtf8() + " (Fumibako) with " + with + " id " + e.id.toUtf8() + "\r\n";
    if (e.recipients.size() == 1)
        h += "\tfor " + angle(e.recipients.first()) + "; " + rfc5322Date(e.arrival) + "\r\n";
    else
        h += "\t; " + rfc5322Date(e.arrival) + "\r\n";
    return h;
}

void TraceFieldStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    done(Verdict::accept(receivedField(message.envelope, m_hostname)));
}

void MissingFieldsStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    if (message.envelope.authUser.isEmpty())
        return done(Verdict::accept());
    done(Verdict::accept(
        missingSubmissionFields(message.message, message.envelope.arrival, m_hostname.toUtf8())));
}

bool HopLimitStep::appliesTo(Envelope::Source source) const
{
    // Forwarded copies too: the last line of defence against a loop the
    // forwarding rules did not see (each pass adds a Received: field).
    return fromSmtp(source) || source == Envelope::Source::Forward;
}

void HopLimitStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    if (receivedFields(message.addedFields) + receivedFields(message.message) > kMaxHops)
        return done(Verdict::reject(
            554, "5.4.6", "Too many hops",
            QStringLiteral("too many hops (more than %1 Received: fields), a mail loop")
                .arg(kMaxHops)));
    done(Verdict::accept());
}

} // namespace fumibako
