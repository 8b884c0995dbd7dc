#include "grouptablemodel.h"

#include "itemroles.h"

namespace fumibako
{

GroupTableModel::GroupTableModel(QObject *parent) : SnapshotTableModel<GroupAddress>(parent) {}

void GroupTableModel::setGroups(const QList<GroupAddress> &groups)
{
    setRows(
        groups, [](const GroupAddress &g) { return g.address; },
        [](const GroupAddress &a, const GroupAddress &b) {
            return a.id == b.id && a.members == b.members;
        });
}

int GroupTableModel::rowOf(const QString &address) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (rows().at(row).address.compare(address, Qt::CaseInsensitive) == 0)
            return row;
    return -1;
}

int GroupTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GroupAddress &g = rows().at(index.row());
    switch (role) {
    case GroupIdRole:
        return g.id;
    case GroupAddressRole:
        return g.address;
    case GroupMembersRole:
        return g.members;
    case GroupMemberCountRole:
        return int(g.members.size());
    case SortRole:
        switch (index.column()) {
        case GroupColumn:
            return g.address;
        case CountColumn:
            return int(g.members.size());
        case MembersColumn:
            return g.members.join(QLatin1Char(','));
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case GroupColumn:
            return g.address;
        case CountColumn:
            return tr("%n member(s)", nullptr, int(g.members.size()));
        case MembersColumn:
            //: Separator between the members of a group in the list.
            return g.members.join(tr(", "));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == MembersColumn ? g.members.join(QLatin1Char('\n')) : QVariant();
    default:
        return {};
    }
}

QVariant GroupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GroupColumn:
        //: Column: the group address that delivers to several recipients.
        return tr("Group address");
    case CountColumn:
        //: Column: how many members a group has.
        return tr("Members");
    case MembersColumn:
        //: Column: the addresses a group delivers to.
        return tr("Delivered to");
    default:
        return {};
    }
}

QHash<int, QByteArray> GroupTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(GroupIdRole, "groupId");
    names.insert(GroupAddressRole, "address");
    names.insert(GroupMembersRole, "members");
    names.insert(GroupMemberCountRole, "memberCount");
    return names;
}

} // namespace fumibako
