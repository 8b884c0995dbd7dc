#include "forwardreturn.h"

#include "mime/headerfields.h"
#include "mime/virusstrip.h"

#include <QRegularExpression>
#include <QSet>

#include <optional>
#include <utility>

namespace fumibako
{

namespace
{

using Kind = HeaderFieldScanner::Kind;
using Action = BounceRecipient::Action;

// A field as read: its lower-case name, its unfolded value and its bytes as
// written (continuation lines kept), ending in a line break.
struct Field {
    QByteArray name;
    QByteArray value;
    QByteArray raw;
};
using FieldGroup = QList<Field>;

// A report with more recipients than this is read as far as this.
constexpr qsizetype kMaxGroups = 1000;

// The header fields from `begin` up to the empty line that ends them (or the
// end); `*next` is where the next group starts. Lines that are no field
// (HeaderFieldScanner's NotAField) are passed over.
FieldGroup readFields(const QByteArray &data, qsizetype begin, qsizetype *next)
{
    FieldGroup fields;
    HeaderFieldScanner scanner(data, begin);
    for (auto item = scanner.next();; item = scanner.next()) {
        if (item.kind == Kind::Field) {
            QByteArray raw = data.mid(item.begin, item.end - item.begin);
            raw += "\r\n";
            fields.append({scanner.name(item).toByteArray().trimmed().toLower(),
                           scanner.unfoldedValue(item).trimmed(), raw});
        } else if (item.kind == Kind::Blank) {
            *next = item.next;
            return fields;
        } else if (item.kind == Kind::End) {
            *next = data.size();
            return fields;
        }
    }
}

// A message/delivery-status body: the per-message group, then one group per
// recipient, separated by empty lines (RFC 3464 2.1). Extra empty lines
// make no groups.
QList<FieldGroup> statusGroups(const QByteArray &body)
{
    QList<FieldGroup> groups;
    qsizetype pos = 0;
    while (pos < body.size() && groups.size() <= kMaxGroups) {
        qsizetype next = body.size();
        FieldGroup group = readFields(body, pos, &next);
        if (!group.isEmpty())
            groups.append(std::move(group));
        pos = next;
    }
    return groups;
}

QByteArray valueOf(const FieldGroup &group, QByteArrayView name)
{
    for (const Field &f : group)
        if (f.name == name)
            return f.value;
    return {};
}

// The address of an RFC 3464 2.3.2 address field ("rfc822; a@b", RFC 6533
// "utf-8; ..."), or of a bare one ("<a@b>"), lower case for comparing.
QString addressOf(QByteArrayView value)
{
    QString a = QString::fromUtf8(value).trimmed();
    const qsizetype semi = a.indexOf(QLatin1Char(';'));
    if (semi >= 0 && !a.left(semi).contains(QLatin1Char('@')))
        a = a.mid(semi + 1).trimmed();
    if (a.startsWith(QLatin1Char('<')) && a.endsWith(QLatin1Char('>')))
        a = a.mid(1, a.size() - 2).trimmed();
    return a.toLower();
}

bool isReturnedHeaderType(const QByteArray &type)
{
    return type == "text/rfc822-headers" || type == "message/global-headers" ||
           type == "message/rfc822" || type == "message/global";
}

bool isStatusType(const QByteArray &type)
{
    return type == "message/delivery-status" || type == "message/global-delivery-status";
}

std::optional<Action> actionOf(const QByteArray &value)
{
    // RFC 3464 2.3.3; Postfix and others may add a comment after the word.
    const QByteArray word = value.toLower().split(' ').value(0).split('(').value(0).trimmed();
    if (word == "failed")
        return Action::Failed;
    if (word == "delayed")
        return Action::Delayed;
    if (word == "delivered")
        return Action::Delivered;
    if (word == "relayed")
        return Action::Relayed;
    if (word == "expanded")
        return Action::Expanded;
    return std::nullopt;
}

bool isSuccess(std::optional<Action> a)
{
    return a == Action::Delivered || a == Action::Relayed || a == Action::Expanded;
}

// The status code of an RFC 3464 2.3.4 Status field ("5.1.1", or with a
// comment after it), or empty when it is none (RFC 3463 2).
QByteArray statusCode(const QByteArray &value)
{
    static const QRegularExpression code(QStringLiteral("^([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b"));
    const auto m = code.match(QString::fromLatin1(value.trimmed()));
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

} // namespace

Result<BounceInput> concealedReturn(const QByteArray &report, const QString &originalSender,
                                    const QString &forwarder)
{
    // --- Is it a delivery report (RFC 6522 multipart/report, RFC 3464)?
    const QByteArray type = firstFieldValue(report, "Content-Type").trimmed().toLower();
    if (!type.startsWith("multipart/report"))
        return Error::invalid(QStringLiteral("Not a delivery report (Content-Type: %1)")
                                  .arg(QString::fromLatin1(type.left(100))));
    QByteArray statusBody, returnedHeader;
    bool haveStatus = false, haveReturned = false;
    for (const MimeLeaf &leaf : mimeLeaves(report)) {
        if (!haveStatus && isStatusType(leaf.contentType)) {
            statusBody = leaf.body;
            haveStatus = true;
        } else if (!haveReturned && isReturnedHeaderType(leaf.contentType)) {
            // The header section alone: for message/rfc822, up to its empty line.
            qsizetype end = 0;
            for (const Field &f : readFields(leaf.body, 0, &end))
                returnedHeader += f.raw;
            haveReturned = true;
        }
    }
    if (!haveStatus)
        return Error::invalid(QStringLiteral("Not a delivery report: no message/delivery-status "
                                             "part"));

    // --- The per-recipient groups: those with an Action or a Final-Recipient
    // (the first group is the per-message one, RFC 3464 2.2).
    QList<FieldGroup> recipients;
    const QList<FieldGroup> groups = statusGroups(statusBody);
    for (const FieldGroup &g : groups)
        if (!valueOf(g, "action").isEmpty() || !valueOf(g, "final-recipient").isEmpty())
            recipients.append(g);
    if (recipients.isEmpty())
        return Error::invalid(QStringLiteral("Delivery report that names no recipient"));

    // --- Where the mail went, as the report and the returned header say it:
    // every such address is kept out of what the sender is told.
    QSet<QString> destinations; // the report's own recipients
    for (const FieldGroup &g : std::as_const(recipients))
        for (const Field &f : g)
            if (f.name == "final-recipient" || f.name == "x-actual-recipient")
                destinations.insert(addressOf(f.value));
    destinations.remove(QString());

    const FieldGroup header = [&] {
        qsizetype end = 0;
        return readFields(returnedHeader, 0, &end);
    }();
    QString forwardingAddress = forwarder.trimmed();
    if (forwardingAddress.isEmpty()) {
        for (const Field &f : header) {
            const QString a = f.name == "delivered-to" ? addressOf(f.value) : QString();
            if (!a.isEmpty() && !destinations.contains(a)) {
                forwardingAddress = QString::fromUtf8(f.value).trimmed();
                if (forwardingAddress.startsWith(QLatin1Char('<')) &&
                    forwardingAddress.endsWith(QLatin1Char('>')))
                    forwardingAddress = forwardingAddress.mid(1, forwardingAddress.size() - 2);
                break;
            }
        }
    }
    const QString forwarderKey = addressOf(forwardingAddress.toUtf8());

    QSet<QString> concealed = destinations;
    for (const FieldGroup &g : std::as_const(recipients))
        for (const Field &f : g)
            if (f.name == "original-recipient")
                concealed.insert(addressOf(f.value));
    static const QRegularExpression receivedFor(
        QStringLiteral("\\bfor\\s+<?([^\\s<>;\"]+@[^\\s<>;\"]+?)>?(?=[\\s;]|$)"),
        QRegularExpression::CaseInsensitiveOption);
    for (const Field &f : header) {
        if (f.name == "delivered-to") {
            concealed.insert(addressOf(f.value));
        } else if (f.name == "received") {
            auto it = receivedFor.globalMatch(QString::fromUtf8(f.value));
            while (it.hasNext())
                concealed.insert(it.next().captured(1).toLower());
        }
    }
    concealed.remove(forwarderKey);
    concealed.remove(originalSender.trimmed().toLower());
    concealed.remove(QString());

    auto namesDestination = [&concealed](const Field &f) {
        const QString text = QString::fromUtf8(f.value).toLower();
        for (const QString &a : std::as_const(concealed))
            if (text.contains(a))
                return true;
        return false;
    };

    // --- The returned header: the sender's own fields, in a fixed order.
    QByteArray original;
    for (const char *name : {"from", "to", "cc", "subject", "date", "message-id"}) {
        for (const Field &f : header) {
            if (f.name == name) {
                if (!namesDestination(f))
                    original += f.raw;
                break;
            }
        }
    }
    if (!forwarderKey.isEmpty()) {
        for (const Field &f : header) {
            if (f.name == "delivered-to" && addressOf(f.value) == forwarderKey) {
                original += f.raw;
                break;
            }
        }
    }

    // --- What happened.
    bool allDelayed = true, allSucceeded = true;
    for (const FieldGroup &g : std::as_const(recipients)) {
        const std::optional<Action> a = actionOf(valueOf(g, "action"));
        allDelayed = allDelayed && a == Action::Delayed;
        allSucceeded = allSucceeded && isSuccess(a);
    }
    BounceInput in;
    BounceRecipient r;
    r.address = forwardingAddress;
    QByteArray defaultStatus;
    if (allDelayed) {
        in.kind = BounceInput::Kind::Delay;
        r.action = Action::Delayed;
        defaultStatus = "4.0.0";
    } else if (allSucceeded) {
        in.kind = BounceInput::Kind::Success;
        r.action = *actionOf(valueOf(recipients.first(), "action"));
        defaultStatus = "2.0.0";
    } else {
        in.kind = BounceInput::Kind::Failure;
        r.action = Action::Failed;
        defaultStatus = "5.0.0";
    }
    // The first Status of a recipient with the outcome told, else the first at all.
    QByteArray status;
    for (const FieldGroup &g : std::as_const(recipients)) {
        const std::optional<Action> a = actionOf(valueOf(g, "action"));
        const bool matches = in.kind == BounceInput::Kind::Success ? isSuccess(a) : a == r.action;
        if (matches && status.isEmpty())
            status = statusCode(valueOf(g, "status"));
    }
    for (qsizetype i = 0; i < recipients.size() && status.isEmpty(); ++i)
        status = statusCode(valueOf(recipients[i], "status"));
    r.status = status.isEmpty() ? defaultStatus : status;

    in.originalSender = originalSender;
    in.original = original;
    in.returnFull = false;
    in.recipients = {r};
    return in;
}

} // namespace fumibako
