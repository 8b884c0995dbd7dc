#include "messagetracking.h"

#include <QRegularExpression>
#include <QSet>

namespace fumibako
{

namespace
{

using TrackedBy = LogStore::TrackedBy;

// A message's lines are few (a line per step and per attempt); this bounds
// one that was retried for days.
constexpr int kMaxLines = 1000;
// Copies followed from one message (forwards fan out, never loop: each has a new id).
constexpr int kMaxCopies = 100;

} // namespace

Result<QStringList> MessageTracking::roots(const QString &what, const QDateTime &since,
                                           int limit) const
{
    const LogStore log(m_db);
    QString value = what.trimmed();
    auto ids = log.trackingIds(TrackedBy::TrackingId, value, {}, 1);
    if (!ids || !ids->isEmpty())
        return ids;
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (digits.match(value).hasMatch())
        return log.trackingIds(TrackedBy::QueueId, value, {}, limit);
    if (!value.contains(QLatin1Char('@')))
        return QStringList();
    // <id@host> is a Message-ID; without brackets it may be either.
    const bool bracketed = value.startsWith(QLatin1Char('<')) && value.endsWith(QLatin1Char('>'));
    if (bracketed)
        value = value.mid(1, value.size() - 2);
    ids = log.trackingIds(TrackedBy::HeaderMessageId, value, {}, limit);
    if (!ids || !ids->isEmpty() || bracketed)
        return ids;
    return log.trackingIds(TrackedBy::Address, value, since, limit);
}

Result<QList<TrackedMessage>> MessageTracking::track(const QString &what, const QDateTime &since,
                                                     int maxMessages) const
{
    auto ids = roots(what, since, maxMessages);
    if (!ids)
        return ids.error();
    if (ids->isEmpty())
        return Error::notFound(QStringLiteral("no message in the log matches %1").arg(what));
    static const QRegularExpression copy(QStringLiteral("\\bas id=([A-Za-z0-9._-]+)"));
    // Each root with the copies it became, depth first so each copy follows its parent.
    QList<QList<TrackedMessage>> trees;
    QSet<QString> copies; // ids reached as a copy of another message
    for (const QString &root : std::as_const(*ids)) {
        QList<TrackedMessage> tree;
        QSet<QString> seen;
        QList<std::pair<QString, QString>> pending{{root, QString()}};
        int followed = 0;
        while (!pending.isEmpty()) {
            const auto [id, parent] = pending.takeFirst();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            if (!parent.isEmpty())
                copies.insert(id);
            LogFilter f;
            f.messageId = id;
            f.limit = kMaxLines;
            auto lines = LogStore(m_db).query(f);
            if (!lines)
                return lines.error();
            TrackedMessage m{id, parent, {}};
            QList<std::pair<QString, QString>> children;
            for (auto it = lines->crbegin(); it != lines->crend(); ++it) {
                m.lines << *it;
                for (auto match = copy.globalMatch(it->text); match.hasNext();) {
                    const QString child = match.next().captured(1);
                    if (child != id && followed < kMaxCopies) {
                        children.append({child, id});
                        ++followed;
                    }
                }
            }
            tree << m;
            pending = children + pending;
        }
        trees << tree;
    }
    // A forward keeps the Message-ID, so a lookup by it finds the copies too:
    // each is shown once, under the message it was made from.
    QList<TrackedMessage> out;
    for (const QList<TrackedMessage> &tree : std::as_const(trees))
        if (!copies.contains(tree.first().id))
            out += tree;
    return out;
}

} // namespace fumibako
