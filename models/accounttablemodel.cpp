#include "accounttablemodel.h"

#include "itemroles.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <climits>
#include <limits>

namespace fumibako
{

AccountTableModel::AccountTableModel(QObject *parent) : QAbstractTableModel(parent) {}

bool AccountTableModel::sameRow(const Account &a, const Account &b)
{
    return a.displayName == b.displayName && a.role == b.role && a.enabled == b.enabled &&
           a.usedBytes == b.usedBytes && a.usedMessages == b.usedMessages &&
           a.quotaBytes == b.quotaBytes && a.quotaMessages == b.quotaMessages;
}

void AccountTableModel::setAccounts(const QList<Account> &accounts)
{
    QHash<QString, int> incoming;
    for (int i = 0; i < accounts.size(); ++i)
        incoming.insert(accounts.at(i).address, i);

    // Removals, from the bottom so the row numbers above stay valid.
    for (int row = int(m_accounts.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_accounts.at(row).address))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_accounts.removeAt(row);
        endRemoveRows();
    }
    // Updates in place.
    QSet<QString> present;
    for (int row = 0; row < m_accounts.size(); ++row) {
        const Account &fresh = accounts.at(incoming.value(m_accounts.at(row).address));
        present.insert(fresh.address);
        if (!sameRow(m_accounts.at(row), fresh) || m_accounts.at(row).id != fresh.id) {
            m_accounts[row] = fresh;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    // Insertions at the end.
    QList<Account> added;
    for (const Account &a : accounts)
        if (!present.contains(a.address))
            added << a;
    if (!added.isEmpty()) {
        const int first = int(m_accounts.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_accounts << added;
        endInsertRows();
    }
}

int AccountTableModel::rowOf(const QString &address) const
{
    const QString wanted = address.trimmed().toLower();
    for (int row = 0; row < m_accounts.size(); ++row)
        if (m_accounts.at(row).address == wanted)
            return row;
    return -1;
}

int AccountTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Account &a = m_accounts.at(index.row());
    switch (role) {
    case AccountAddressRole:
        return a.address;
    case AccountDisplayNameRole:
        return a.displayName;
    case AccountRoleRole:
        return int(a.role);
    case AccountEnabledRole:
        return a.enabled;
    case AccountUsedBytesRole:
        return a.usedBytes;
    case AccountUsedMessagesRole:
        return a.usedMessages;
    case AccountQuotaBytesRole:
        return a.quotaBytes;
    case AccountQuotaMessagesRole:
        return a.quotaMessages;
    case AccountBuiltInRole:
        return isBuiltIn(a);
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case AddressColumn:
            return a.address;
        case DisplayNameColumn:
            return a.displayName;
        case RoleColumn:
            return roleText(a.role);
        case UsedColumn:
            return humanSize(a.usedBytes);
        case QuotaColumn:
            return a.quotaBytes > 0 ? humanSize(a.quotaBytes) : tr("Unlimited");
        case StateColumn:
            return stateText(a.enabled);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case AddressColumn:
            return a.address;
        case DisplayNameColumn:
            return a.displayName.toCaseFolded();
        case RoleColumn:
            return int(a.role);
        case UsedColumn:
            return a.usedBytes;
        // Unlimited sorts after every limit.
        case QuotaColumn:
            return a.quotaBytes > 0 ? a.quotaBytes : std::numeric_limits<qint64>::max();
        case StateColumn:
            return a.enabled ? 0 : 1;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && (column == UsedColumn || column == QuotaColumn)) {
        const QString used =
            tr("%1 in %n message(s)", nullptr, int(qMin<qint64>(a.usedMessages, INT_MAX)))
                .arg(humanSize(a.usedBytes));
        if (a.quotaBytes <= 0)
            return used;
        const int percent = int(qMin<qint64>(100, a.usedBytes * 100 / a.quotaBytes));
        return tr("%1 of %2 (%3%)").arg(used, humanSize(a.quotaBytes)).arg(percent);
    }
    if (role == Qt::TextAlignmentRole && (column == UsedColumn || column == QuotaColumn))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ForegroundRole && !a.enabled)
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::ForegroundRole && column == UsedColumn && a.quotaBytes > 0 &&
        a.usedBytes * 10 >= a.quotaBytes * 9)
        return QBrush(QColor(0xb0, 0x30, 0x20)); // 90% of the quota or more
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case DisplayNameColumn:
        return tr("Display name");
    case RoleColumn:
        return tr("Role");
    case UsedColumn:
        return tr("Used space");
    case QuotaColumn:
        return tr("Quota");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AccountAddressRole, "address");
    names.insert(AccountDisplayNameRole, "displayName");
    names.insert(AccountRoleRole, "accountRole");
    names.insert(AccountEnabledRole, "enabled");
    names.insert(AccountUsedBytesRole, "usedBytes");
    names.insert(AccountUsedMessagesRole, "usedMessages");
    names.insert(AccountQuotaBytesRole, "quotaBytes");
    names.insert(AccountQuotaMessagesRole, "quotaMessages");
    names.insert(AccountBuiltInRole, "builtIn");
    return names;
}

QString AccountTableModel::roleText(Account::Role role)
{
    switch (role) {
    case Account::Role::Admin:
        return tr("Administrator");
    case Account::Role::User:
        return tr("User");
    case Account::Role::SendOnly:
        return tr("Send only");
    }
    return {};
}

QString AccountTableModel::stateText(bool enabled)
{
    return enabled ? tr("Active") : tr("Suspended");
}

QString AccountTableModel::humanSize(qint64 bytes)
{
    // Traditional units (1 KB = 1024 bytes), one decimal as mail services show it.
    const QLocale c = QLocale::c();
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    const char *const units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return c.toString(value, 'f', value < 100 ? 1 : 0) + QLatin1Char(' ') +
           QLatin1String(units[unit]);
}

bool AccountTableModel::isBuiltIn(const Account &account)
{
    return account.role == Account::Role::SendOnly &&
           account.localPart() == QLatin1String("noreply");
}

void AccountTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_accounts.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
