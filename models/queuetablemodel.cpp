#include "queuetablemodel.h"

#include "accounttablemodel.h"
#include "itemroles.h"

#include <QSet>

#include <algorithm>
#include <climits>

namespace fumibako
{

namespace
{

QDateTime fromSecs(qint64 secs)
{
    return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs) : QDateTime();
}

bool pending(QueueEntry::State s)
{
    return s == QueueEntry::State::Queued || s == QueueEntry::State::Deferred;
}

} // namespace

QueueTableModel::QueueTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_now([] { return QDateTime::currentDateTime(); })
{
}

bool QueueTableModel::sameRow(const QueueEntry &a, const QueueEntry &b)
{
    return a.state == b.state && a.attempts == b.attempts && a.nextTry == b.nextTry &&
           a.lastAttempt == b.lastAttempt && a.lastReply == b.lastReply &&
           a.remoteMta == b.remoteMta && a.recipient == b.recipient && a.sender == b.sender;
}

void QueueTableModel::setEntries(const QList<QueueEntry> &entries)
{
    QHash<qint64, int> wanted; // recipient id → index in `entries`
    for (int i = 0; i < entries.size(); ++i)
        wanted.insert(entries.at(i).recipientId, i);
    // Rows that left the queue go (from the bottom, so the rows above keep their numbers)...
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (wanted.contains(m_entries.at(row).recipientId))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
    // ...the others change in place...
    QSet<qint64> present;
    for (int row = 0; row < m_entries.size(); ++row) {
        const QueueEntry &now = entries.at(wanted.value(m_entries.at(row).recipientId));
        present.insert(now.recipientId);
        if (sameRow(m_entries.at(row), now))
            continue;
        m_entries[row] = now;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // ...and new ones are appended in the service's order.
    QList<QueueEntry> added;
    for (const QueueEntry &e : entries)
        if (!present.contains(e.recipientId))
            added << e;
    if (added.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    m_entries += added;
    endInsertRows();
}

QStringList QueueTableModel::domains() const
{
    QStringList out;
    for (const QueueEntry &e : m_entries)
        if (!out.contains(e.domain))
            out << e.domain;
    std::sort(out.begin(), out.end());
    return out;
}

QList<QueueEntry> QueueTableModel::message(qint64 queueId) const
{
    QList<QueueEntry> out;
    for (const QueueEntry &e : m_entries)
        if (e.queueId == queueId)
            out << e;
    return out;
}

int QueueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<QueueEntry::State> QueueTableModel::states()
{
    return {QueueEntry::State::Queued, QueueEntry::State::Deferred, QueueEntry::State::Delivered,
            QueueEntry::State::Bounced};
}

QString QueueTableModel::stateText(QueueEntry::State state)
{
    switch (state) {
    case QueueEntry::State::Queued:
        //: Queue state: accepted, not tried yet.
        return tr("Not sent yet");
    case QueueEntry::State::Deferred:
        //: Queue state: a try failed for now; it is tried again later.
        return tr("Waiting to retry");
    case QueueEntry::State::Delivered:
        return tr("Delivered");
    case QueueEntry::State::Bounced:
        //: Queue state: refused for good; a report goes back to the sender.
        return tr("Returned");
    }
    return QString();
}

QString QueueTableModel::senderText(const QString &sender)
{
    //: The envelope sender of a delivery report is empty (<>).
    return sender.isEmpty() ? tr("(delivery report, no sender)") : sender;
}

QString QueueTableModel::timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm"))
                          : QString();
}

QString QueueTableModel::replySummary(const QString &reply)
{
    const QString r = reply.trimmed();
    if (r.isEmpty())
        return QString();
    // A peer's reply starts with its three-digit code (RFC 5321 4.2); our own
    // descriptions of a failed connection start with an enhanced code (RFC 3463).
    const QChar first = r.at(0);
    const bool peer = r.size() >= 3 && r.at(1).isDigit() && r.at(2).isDigit() &&
                      (r.size() == 3 || r.at(3) == QLatin1Char(' '));
    if (peer && first == QLatin1Char('2'))
        return tr("Accepted by the receiving server");
    if (peer && first == QLatin1Char('4'))
        return tr("The receiving server asked to try again later");
    if (peer && first == QLatin1Char('5'))
        return tr("Refused by the receiving server");
    if (r.startsWith(QLatin1String("4.4.3")) || r.startsWith(QLatin1String("5.1.2")) ||
        r.startsWith(QLatin1String("4.4.4")))
        return tr("The mail server of the destination could not be found");
    if (r.startsWith(QLatin1String("4.7.")) || r.startsWith(QLatin1String("5.7.")))
        return tr("A secure (TLS) connection could not be made");
    if (r.startsWith(QLatin1String("4.4.")))
        return tr("Could not connect to the receiving server");
    return tr("Sending failed for now");
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueEntry &e = m_entries.at(index.row());
    const bool waiting = pending(e.state);
    switch (role) {
    case QueueIdRole:
        return e.queueId;
    case QueueRecipientIdRole:
        return e.recipientId;
    case QueueRecipientRole:
        return e.recipient;
    case QueueDomainRole:
        return e.domain;
    case QueueSenderRole:
        return e.sender;
    case QueueStateRole:
        return int(e.state);
    case QueueAttemptsRole:
        return e.attempts;
    case QueueNextTryRole:
        return waiting ? (e.nextTry > 0 ? fromSecs(e.nextTry) : m_now()) : QDateTime();
    case QueueLastAttemptRole:
        return fromSecs(e.lastAttempt);
    case QueueLastReplyRole:
        return e.lastReply;
    case QueueRemoteMtaRole:
        return e.remoteMta;
    case QueueSizeRole:
        return e.size;
    case QueueCreatedRole:
        return fromSecs(e.createdAt);
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case RecipientColumn:
            return e.recipient;
        case SenderColumn:
            return senderText(e.sender);
        case StateColumn:
            return stateText(e.state);
        case AttemptsColumn:
            return QString::number(e.attempts);
        case NextTryColumn:
            if (!waiting)
                return QString();
            if (e.nextTry <= m_now().toSecsSinceEpoch())
                //: Next retry: the message is due now and goes out at the next scan.
                return tr("Soon");
            return timeText(fromSecs(e.nextTry));
        case LastReplyColumn:
            if (e.lastReply.isEmpty())
                return e.attempts == 0 ? tr("(not tried yet)") : QString();
            //: Last reply column: what the reply means, then the reply as the server sent it.
            return tr("%1: %2").arg(replySummary(e.lastReply), e.lastReply);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case RecipientColumn:
            return e.recipient.toCaseFolded();
        case SenderColumn:
            return e.sender.toCaseFolded();
        case StateColumn:
            return int(e.state);
        case AttemptsColumn:
            return e.attempts;
        case NextTryColumn:
            return waiting ? e.nextTry : LLONG_MAX;
        case LastReplyColumn:
            return e.lastReply;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        lines << tr("Accepted: %1 (%2)")
                     .arg(timeText(fromSecs(e.createdAt)), AccountTableModel::humanSize(e.size));
        if (e.lastAttempt > 0)
            lines << tr("Last try: %1").arg(timeText(fromSecs(e.lastAttempt)));
        if (!e.remoteMta.isEmpty())
            lines << tr("Server: %1").arg(e.remoteMta);
        if (!e.lastReply.isEmpty())
            lines << tr("Reply: %1").arg(tr("%1: %2").arg(replySummary(e.lastReply), e.lastReply));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::TextAlignmentRole && column == AttemptsColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecipientColumn:
        return tr("Recipient");
    case SenderColumn:
        return tr("Sender");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case NextTryColumn:
        return tr("Next retry");
    case LastReplyColumn:
        return tr("Last reply");
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(QueueIdRole, "queueId");
    names.insert(QueueRecipientIdRole, "recipientId");
    names.insert(QueueRecipientRole, "recipient");
    names.insert(QueueDomainRole, "domain");
    names.insert(QueueSenderRole, "sender");
    names.insert(QueueStateRole, "state");
    names.insert(QueueAttemptsRole, "attempts");
    names.insert(QueueNextTryRole, "nextTry");
    names.insert(QueueLastAttemptRole, "lastAttempt");
    names.insert(QueueLastReplyRole, "lastReply");
    names.insert(QueueRemoteMtaRole, "remoteMta");
    names.insert(QueueSizeRole, "size");
    names.insert(QueueCreatedRole, "created");
    return names;
}

void QueueTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// --- QueueFilterModel ---

QueueFilterModel::QueueFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
}

void QueueFilterModel::setStateFilter(int state)
{
    if (m_state == state)
        return;
    m_state = state;
    invalidateFilter();
}

void QueueFilterModel::setDomainFilter(const QString &domain)
{
    const QString d = domain.trimmed().toLower();
    if (m_domain == d)
        return;
    m_domain = d;
    invalidateFilter();
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_state >= 0 && i.data(QueueStateRole).toInt() != m_state)
        return false;
    if (!m_domain.isEmpty() && i.data(QueueDomainRole).toString() != m_domain)
        return false;
    return true;
}

} // namespace fumibako
