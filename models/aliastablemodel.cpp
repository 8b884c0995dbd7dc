#include "aliastablemodel.h"

#include "itemroles.h"

namespace fumibako
{

AliasTableModel::AliasTableModel(QObject *parent) : SnapshotTableModel<AliasEntry>(parent) {}

void AliasTableModel::setAliases(const QList<AliasEntry> &aliases)
{
    setRows(
        aliases, [](const AliasEntry &e) { return e.alias; },
        [](const AliasEntry &a, const AliasEntry &b) { return a.account == b.account; });
}

QString AliasTableModel::catchAll(const QString &domain) const
{
    const QString key = QLatin1Char('@') + domain.toLower();
    for (const AliasEntry &e : rows())
        if (e.alias == key)
            return e.account;
    return {};
}

int AliasTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AliasEntry &e = rows().at(index.row());
    const bool catchAll = isCatchAll(e.alias);
    switch (role) {
    case AliasAddressRole:
        return e.alias;
    case AliasAccountRole:
        return e.account;
    case AliasCatchAllRole:
        return catchAll;
    case AliasDomainRole:
        return e.alias.section(QLatin1Char('@'), -1).toLower();
    case SortRole:
        return index.column() == AliasColumn ? e.alias : e.account;
    case Qt::DisplayRole:
        if (index.column() == AccountColumn)
            return e.account;
        if (index.column() == AliasColumn)
            //: An alias row that is the catch-all of a domain (%1): every other address there.
            return catchAll ? tr("Any other address @%1").arg(e.alias.mid(1)) : e.alias;
        return {};
    default:
        return {};
    }
}

QVariant AliasTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AliasColumn:
        //: Column: the alias address (別名).
        return tr("Alias");
    case AccountColumn:
        //: Column: the account that receives the alias's mail.
        return tr("Delivered to");
    default:
        return {};
    }
}

QHash<int, QByteArray> AliasTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AliasAddressRole, "alias");
    names.insert(AliasAccountRole, "account");
    names.insert(AliasCatchAllRole, "catchAll");
    names.insert(AliasDomainRole, "domain");
    return names;
}

} // namespace fumibako
