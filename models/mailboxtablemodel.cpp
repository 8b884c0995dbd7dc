#include "mailboxtablemodel.h"

#include "accounttablemodel.h"
#include "itemroles.h"

#include <climits>

namespace fumibako
{

namespace
{

int clampInt(qint64 v)
{
    return int(qBound<qint64>(qint64(0), v, qint64(INT_MAX)));
}

} // namespace

MailboxTableModel::MailboxTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void MailboxTableModel::setMailboxes(const QList<MailboxSummary> &mailboxes)
{
    bool sameFolders = mailboxes.size() == m_mailboxes.size();
    for (int i = 0; sameFolders && i < mailboxes.size(); ++i)
        sameFolders = mailboxes.at(i).id == m_mailboxes.at(i).id;
    if (!sameFolders) {
        beginResetModel();
        m_mailboxes = mailboxes;
        endResetModel();
        return;
    }
    // The same folders in the same order: update the rows that changed, so a
    // view keeps its selection and scroll position across refreshes.
    for (int row = 0; row < mailboxes.size(); ++row) {
        const MailboxSummary &a = m_mailboxes.at(row);
        const MailboxSummary &b = mailboxes.at(row);
        if (a.name == b.name && a.specialUse == b.specialUse && a.messages == b.messages &&
            a.bytes == b.bytes && a.unseen == b.unseen)
            continue;
        m_mailboxes[row] = b;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int MailboxTableModel::inboxRow() const
{
    for (int row = 0; row < m_mailboxes.size(); ++row)
        if (m_mailboxes.at(row).isInbox())
            return row;
    return -1;
}

qint64 MailboxTableModel::totalMessages() const
{
    qint64 n = 0;
    for (const MailboxSummary &m : m_mailboxes)
        n += m.messages;
    return n;
}

qint64 MailboxTableModel::totalBytes() const
{
    qint64 n = 0;
    for (const MailboxSummary &m : m_mailboxes)
        n += m.bytes;
    return n;
}

int MailboxTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_mailboxes.size());
}

int MailboxTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MailboxTableModel::folderText(const MailboxSummary &m)
{
    QString known;
    if (m.isInbox())
        known = tr("Inbox");
    else if (m.specialUse == QLatin1String("\\Sent"))
        known = tr("Sent");
    else if (m.specialUse == QLatin1String("\\Drafts"))
        known = tr("Drafts");
    else if (m.specialUse == QLatin1String("\\Trash"))
        known = tr("Trash");
    else if (m.specialUse == QLatin1String("\\Junk"))
        known = tr("Junk mail");
    if (known.isEmpty() || known == m.name)
        return m.name;
    //: A system folder: its name in the console's language, then the name mail programs see.
    return tr("%1 (%2)").arg(known, m.name);
}

QVariant MailboxTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MailboxSummary &m = m_mailboxes.at(index.row());
    switch (role) {
    case MailboxIdRole:
        return m.id;
    case MailboxNameRole:
        return m.name;
    case MailboxSpecialUseRole:
        return m.specialUse;
    case MailboxIsInboxRole:
        return m.isInbox();
    case MailboxMessagesRole:
        return m.messages;
    case MailboxBytesRole:
        return m.bytes;
    case MailboxUnseenRole:
        return m.unseen;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case FolderColumn:
            return folderText(m);
        case MessagesColumn:
            return tr("%Ln message(s)", nullptr, clampInt(m.messages));
        case SizeColumn:
            return AccountTableModel::humanSize(m.bytes);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case FolderColumn:
            return index.row(); // the service's order: INBOX, system folders, the rest by name
        case MessagesColumn:
            return m.messages;
        case SizeColumn:
            return m.bytes;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case FolderColumn:
            return m.name;
        case MessagesColumn:
            return tr("%Ln unread", nullptr, clampInt(m.unseen));
        case SizeColumn:
            return tr("%L1 bytes").arg(m.bytes);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && column != FolderColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant MailboxTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FolderColumn:
        return tr("Folder");
    case MessagesColumn:
        return tr("Messages");
    case SizeColumn:
        return tr("Used space");
    default:
        return {};
    }
}

QHash<int, QByteArray> MailboxTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(MailboxIdRole, "mailboxId");
    names.insert(MailboxNameRole, "name");
    names.insert(MailboxSpecialUseRole, "specialUse");
    names.insert(MailboxIsInboxRole, "isInbox");
    names.insert(MailboxMessagesRole, "messages");
    names.insert(MailboxBytesRole, "bytes");
    names.insert(MailboxUnseenRole, "unseen");
    return names;
}

void MailboxTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_mailboxes.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
