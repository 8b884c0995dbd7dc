#include "archivetablemodel.h"

#include "accounttablemodel.h"
#include "itemroles.h"
#include "queuetablemodel.h"

#include <QDateTime>
#include <QSet>

namespace fumibako
{

ArchiveTableModel::ArchiveTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ArchiveTableModel::setPage(const ArchivePage &page)
{
    m_more = false; // nothing to fetch while the rows change
    beginResetModel();
    m_entries.clear();
    QSet<qint64> seen;
    for (const ArchiveEntry &e : page.entries)
        if (!seen.contains(e.id)) {
            seen.insert(e.id);
            m_entries << e;
        }
    m_more = page.more && !m_entries.isEmpty();
    m_fetching = false;
    endResetModel();
}

void ArchiveTableModel::appendPage(const ArchivePage &page)
{
    QSet<qint64> present;
    for (const ArchiveEntry &e : std::as_const(m_entries))
        present.insert(e.id);
    QList<ArchiveEntry> added;
    for (const ArchiveEntry &e : page.entries)
        if (!present.contains(e.id)) {
            present.insert(e.id);
            added << e;
        }
    // A page of nothing new ends the list: asking again would get the same page.
    m_more = page.more && !added.isEmpty();
    if (added.isEmpty()) {
        m_fetching = false;
        return;
    }
    // Still fetching while the rows go in: a view that asks for more on
    // rowsAboutToBeInserted must not ask before the old last row. Done by
    // rowsInserted, when the next page starts after the new last row.
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    m_entries << added;
    m_fetching = false;
    endInsertRows();
}

void ArchiveTableModel::fetchFailed()
{
    m_fetching = false;
    m_more = false;
}

void ArchiveTableModel::clear()
{
    setPage({});
}

const ArchiveEntry *ArchiveTableModel::entry(qint64 id) const
{
    for (const ArchiveEntry &e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

qint64 ArchiveTableModel::nextBefore() const
{
    return m_entries.isEmpty() ? 0 : m_entries.last().id;
}

int ArchiveTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ArchiveTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ArchiveTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_fetching;
}

void ArchiveTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    Q_EMIT fetchMoreRequested(nextBefore());
}

QString ArchiveTableModel::directionText(ArchiveDirection direction)
{
    switch (direction) {
    case ArchiveDirection::Sent:
        //: Archive: a message sent from an account here (送信).
        return tr("Sent");
    case ArchiveDirection::Received:
        //: Archive: a message received by an account here (受信).
        return tr("Received");
    }
    return {};
}

QString ArchiveTableModel::fromText(const ArchiveEntry &e)
{
    if (!e.from.isEmpty())
        return e.from;
    //: The envelope sender of a delivery report is empty (<>).
    return e.sender.isEmpty() ? tr("(no sender)") : e.sender;
}

QString ArchiveTableModel::toText(const ArchiveEntry &e)
{
    return e.to.isEmpty() ? e.recipients.join(QStringLiteral(", ")) : e.to;
}

QString ArchiveTableModel::subjectText(const ArchiveEntry &e)
{
    //: An archived message without a subject.
    return e.subject.isEmpty() ? tr("(no subject)") : e.subject;
}

QVariant ArchiveTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArchiveEntry &e = m_entries.at(index.row());
    switch (role) {
    case ArchiveIdRole:
        return e.id;
    case ArchiveDateRole:
        return QDateTime::fromSecsSinceEpoch(e.receivedAt);
    case ArchiveDirectionRole:
        return int(e.direction);
    case ArchiveFromRole:
        return e.from;
    case ArchiveToRole:
        return e.to;
    case ArchiveSubjectRole:
        return e.subject;
    case ArchiveSenderRole:
        return e.sender;
    case ArchiveRecipientsRole:
        return e.recipients;
    case ArchiveAccountsRole:
        return e.accounts;
    case ArchiveSizeRole:
        return e.size;
    case ArchiveHasAttachmentsRole:
        return e.hasAttachments;
    case ArchiveMessageIdRole:
        return e.headerMessageId;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case DateColumn:
            // The console's one date format.
            return QueueTableModel::timeText(QDateTime::fromSecsSinceEpoch(e.receivedAt));
        case DirectionColumn:
            return directionText(e.direction);
        case FromColumn:
            return fromText(e);
        case ToColumn:
            return toText(e);
        case SubjectColumn:
            return subjectText(e);
        case SizeColumn:
            return AccountTableModel::humanSize(e.size);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        //: Archive tooltip: the envelope sender (MAIL FROM).
        lines << tr("Envelope sender: %1").arg(e.sender.isEmpty() ? tr("(no sender)") : e.sender);
        //: Archive tooltip: every envelope recipient (RCPT TO), Bcc included.
        lines << tr("Delivered to: %1").arg(e.recipients.join(QStringLiteral(", ")));
        if (!e.accounts.isEmpty())
            lines << tr("Accounts: %1").arg(e.accounts.join(QStringLiteral(", ")));
        lines << tr("Size: %1").arg(AccountTableModel::humanSize(e.size));
        if (e.hasAttachments)
            lines << tr("With attachments");
        // Escaped rich text: a tooltip reads text that looks like HTML as HTML,
        // and the subject and addresses are anybody's.
        return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
            .arg(lines.join(QLatin1Char('\n')).toHtmlEscaped());
    }
    if (role == Qt::TextAlignmentRole && column == SizeColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant ArchiveTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date");
    case DirectionColumn:
        //: Column: sent or received.
        return tr("Direction");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case SubjectColumn:
        return tr("Subject");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

QHash<int, QByteArray> ArchiveTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ArchiveIdRole, "id");
    names.insert(ArchiveDateRole, "date");
    names.insert(ArchiveDirectionRole, "direction");
    names.insert(ArchiveFromRole, "from");
    names.insert(ArchiveToRole, "to");
    names.insert(ArchiveSubjectRole, "subject");
    names.insert(ArchiveSenderRole, "sender");
    names.insert(ArchiveRecipientsRole, "recipients");
    names.insert(ArchiveAccountsRole, "accounts");
    names.insert(ArchiveSizeRole, "size");
    names.insert(ArchiveHasAttachmentsRole, "hasAttachments");
    names.insert(ArchiveMessageIdRole, "messageId");
    return names;
}

void ArchiveTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
