#include "archivesearchusermodel.h"

#include "itemroles.h"
#include "queuetablemodel.h"

#include <QDateTime>

namespace fumibako
{

ArchiveSearchUserModel::ArchiveSearchUserModel(QObject *parent)
    : SnapshotTableModel<ArchiveSearchUser>(parent)
{
}

void ArchiveSearchUserModel::setUsers(const QList<ArchiveSearchUser> &users)
{
    setRows(
        users, [](const ArchiveSearchUser &u) { return u.name; },
        [](const ArchiveSearchUser &a, const ArchiveSearchUser &b) {
            return a.id == b.id && a.accounts == b.accounts && a.createdAt == b.createdAt;
        });
}

int ArchiveSearchUserModel::rowOf(const QString &name) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (rows().at(row).name == name)
            return row;
    return -1;
}

int ArchiveSearchUserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArchiveSearchUserModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArchiveSearchUser &u = rows().at(index.row());
    const QDateTime created = QDateTime::fromSecsSinceEpoch(u.createdAt);
    switch (role) {
    case SearchUserIdRole:
        return u.id;
    case SearchUserNameRole:
        return u.name;
    case SearchUserAccountsRole:
        return u.accounts;
    case SearchUserAllAccountsRole:
        return u.accounts.isEmpty();
    case SearchUserCreatedRole:
        return created;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return u.name.toCaseFolded();
        case AccountsColumn:
            return u.accounts.join(QLatin1Char(','));
        case CreatedColumn:
            return u.createdAt;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return u.name;
        case AccountsColumn:
            //: A search user that may search the mail of every account.
            return u.accounts.isEmpty() ? tr("All accounts")
                                        //: Separator between the accounts of a search user.
                                        : u.accounts.join(tr(", "));
        case CreatedColumn:
            // The console's one date format.
            return QueueTableModel::timeText(created);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == AccountsColumn && !u.accounts.isEmpty()
                   ? u.accounts.join(QLatin1Char('\n'))
                   : QVariant();
    default:
        return {};
    }
}

QVariant ArchiveSearchUserModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        //: Column: a search user's login name.
        return tr("Name");
    case AccountsColumn:
        //: Column: the accounts whose archived mail a search user may search.
        return tr("May search");
    case CreatedColumn:
        //: Column: the day a search user was made.
        return tr("Created");
    default:
        return {};
    }
}

QHash<int, QByteArray> ArchiveSearchUserModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SearchUserIdRole, "searchUserId");
    names.insert(SearchUserNameRole, "name");
    names.insert(SearchUserAccountsRole, "accounts");
    names.insert(SearchUserAllAccountsRole, "allAccounts");
    names.insert(SearchUserCreatedRole, "created");
    return names;
}

} // namespace fumibako
