#include "dkimkeytablemodel.h"

#include "itemroles.h"
#include "queuetablemodel.h"

#include <QFont>
#include <QSet>

#include <algorithm>

namespace fumibako
{

namespace
{

QString keyName(const DkimKeyInfo &k)
{
    return k.domain + QLatin1Char('/') + k.selector;
}

} // namespace

DkimKeyTableModel::DkimKeyTableModel(QObject *parent) : QAbstractTableModel(parent) {}

bool DkimKeyTableModel::sameRow(const DkimKeyInfo &a, const DkimKeyInfo &b)
{
    return a.algorithm == b.algorithm && a.active == b.active && a.created == b.created &&
           a.txtRecord == b.txtRecord;
}

void DkimKeyTableModel::setKeys(const QList<DkimKeyInfo> &keys)
{
    QHash<QString, int> wanted; // domain/selector → index in `keys`
    for (int i = 0; i < keys.size(); ++i)
        wanted.insert(keyName(keys.at(i)), i);
    // Removed keys go (from the bottom, so the rows above keep their numbers)...
    for (int row = int(m_keys.size()) - 1; row >= 0; --row) {
        if (wanted.contains(keyName(m_keys.at(row))))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_keys.removeAt(row);
        endRemoveRows();
    }
    // ...the others change in place (a key is activated or retired)...
    QSet<QString> present;
    for (int row = 0; row < m_keys.size(); ++row) {
        const DkimKeyInfo &now = keys.at(wanted.value(keyName(m_keys.at(row))));
        present.insert(keyName(now));
        if (sameRow(m_keys.at(row), now))
            continue;
        m_keys[row] = now;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // ...and new ones are appended in the store's order.
    QList<DkimKeyInfo> added;
    for (const DkimKeyInfo &k : keys)
        if (!present.contains(keyName(k)))
            added << k;
    if (added.isEmpty())
        return;
    const int first = int(m_keys.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    m_keys += added;
    endInsertRows();
}

int DkimKeyTableModel::rowOf(const QString &domain, const QString &selector) const
{
    for (int row = 0; row < m_keys.size(); ++row)
        if (m_keys.at(row).domain == domain && m_keys.at(row).selector == selector)
            return row;
    return -1;
}

QStringList DkimKeyTableModel::domains() const
{
    QStringList out;
    for (const DkimKeyInfo &k : m_keys)
        if (!out.contains(k.domain))
            out << k.domain;
    std::sort(out.begin(), out.end());
    return out;
}

int DkimKeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int DkimKeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DkimKeyTableModel::algorithmText(DkimKey::Algorithm algorithm)
{
    //: DKIM key type; the console only makes RSA keys of 2048 bits.
    return algorithm == DkimKey::Algorithm::Ed25519Sha256 ? tr("Ed25519") : tr("RSA");
}

QString DkimKeyTableModel::stateText(bool active)
{
    //: DKIM key state: outgoing mail of the domain is signed with this key.
    return active ? tr("Signing")
                  //: DKIM key state: a new key not activated yet, or a retired one.
                  : tr("Not signing");
}

QVariant DkimKeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DkimKeyInfo &k = m_keys.at(index.row());
    switch (role) {
    case DkimDomainRole:
        return k.domain;
    case DkimSelectorRole:
        return k.selector;
    case DkimAlgorithmRole:
        return int(k.algorithm);
    case DkimActiveRole:
        return k.active;
    case DkimCreatedRole:
        return k.created;
    case DkimDnsNameRole:
        return k.dnsName;
    case DkimTxtRecordRole:
        return QString::fromLatin1(k.txtRecord);
    case DkimZoneFileRecordRole:
        return QString::fromLatin1(k.zoneFileRecord);
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case DomainColumn:
            return k.domain;
        case SelectorColumn:
            return k.selector;
        case AlgorithmColumn:
            return algorithmText(k.algorithm);
        case StateColumn:
            return stateText(k.active);
        case CreatedColumn:
            return QueueTableModel::timeText(k.created);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case DomainColumn:
            return k.domain;
        case SelectorColumn:
            return k.selector;
        case AlgorithmColumn:
            return int(k.algorithm);
        case StateColumn:
            return k.active ? 0 : 1; // signing keys first
        case CreatedColumn:
            return k.created;
        default:
            return {};
        }
    }
    if (role == Qt::FontRole && column == StateColumn && k.active) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant DkimKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DomainColumn:
        return tr("Domain");
    case SelectorColumn:
        //: The DKIM selector: the name that tells one key of a domain from another.
        return tr("Selector");
    case AlgorithmColumn:
        return tr("Key type");
    case StateColumn:
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

QHash<int, QByteArray> DkimKeyTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DkimDomainRole, "domain");
    names.insert(DkimSelectorRole, "selector");
    names.insert(DkimAlgorithmRole, "algorithm");
    names.insert(DkimActiveRole, "active");
    names.insert(DkimCreatedRole, "created");
    names.insert(DkimDnsNameRole, "dnsName");
    names.insert(DkimTxtRecordRole, "txtRecord");
    names.insert(DkimZoneFileRecordRole, "zoneFileRecord");
    return names;
}

void DkimKeyTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
