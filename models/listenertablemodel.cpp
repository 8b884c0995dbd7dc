#include "listenertablemodel.h"

#include "itemroles.h"

#include <QBrush>
#include <QColor>

namespace fumibako
{

ListenerTableModel::ListenerTableModel(QObject *parent) : QAbstractTableModel(parent) {}

static bool sameListener(const ListenerStatus &a, const ListenerStatus &b)
{
    return a.name == b.name && a.address == b.address && a.port == b.port &&
           a.listening == b.listening && a.error == b.error;
}

void ListenerTableModel::setStatus(const ServerStatus &status)
{
    const QList<ListenerStatus> &fresh = status.listeners;
    bool sameNames = fresh.size() == m_listeners.size();
    for (int i = 0; sameNames && i < fresh.size(); ++i)
        sameNames = fresh.at(i).name == m_listeners.at(i).name;
    if (!sameNames) {
        beginResetModel();
        m_listeners = fresh;
        endResetModel();
        return;
    }
    for (int row = 0; row < fresh.size(); ++row) {
        if (sameListener(fresh.at(row), m_listeners.at(row)))
            continue;
        m_listeners[row] = fresh.at(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int ListenerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_listeners.size());
}

int ListenerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ListenerTableModel::addressText(const ListenerStatus &l) const
{
    if (l.address.isEmpty())
        return QStringLiteral("—");
    if (l.address == QLatin1String("0.0.0.0") || l.address == QLatin1String("::") ||
        l.address == QLatin1String("0::0"))
        return tr("All addresses");
    return l.address;
}

QVariant ListenerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ListenerStatus &l = m_listeners.at(index.row());
    switch (role) {
    case ListenerNameRole:
        return l.name;
    case ListenerAddressRole:
        return l.address;
    case ListenerPortRole:
        return l.port;
    case ListenerListeningRole:
        return l.listening;
    case ListenerErrorRole:
        return l.error;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ServiceColumn:
            return serviceText(l.name);
        case PortColumn:
            return l.port > 0 ? QString::number(l.port) : QStringLiteral("—");
        case AddressColumn:
            return addressText(l);
        case StateColumn:
            if (l.listening)
                return tr("Listening");
            return l.error.isEmpty() ? tr("Stopped") : tr("Error");
        case PurposeColumn:
            return purposeText(l.name);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case PortColumn:
            return l.port;
        case StateColumn:
            return l.listening;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == ServiceColumn)
            return purposeText(l.name);
        if (column == StateColumn && !l.error.isEmpty())
            return l.error;
    }
    if (role == Qt::ForegroundRole && column == PurposeColumn)
        return QBrush(QColor(0x60, 0x60, 0x60));
    if (role == Qt::ForegroundRole && column == StateColumn)
        return QBrush(l.listening ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb0, 0x30, 0x20));
    if (role == Qt::TextAlignmentRole && column == PortColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant ListenerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ServiceColumn:
        return tr("Service");
    case PortColumn:
        return tr("Port");
    case AddressColumn:
        return tr("Address");
    case StateColumn:
        return tr("State");
    case PurposeColumn:
        return tr("Used for");
    default:
        return {};
    }
}

QHash<int, QByteArray> ListenerTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ListenerNameRole, "name");
    names.insert(ListenerAddressRole, "address");
    names.insert(ListenerPortRole, "port");
    names.insert(ListenerListeningRole, "listening");
    names.insert(ListenerErrorRole, "error");
    return names;
}

QString ListenerTableModel::serviceText(const QString &name)
{
    if (name == QLatin1String("smtp"))
        return tr("SMTP (receiving)");
    if (name == QLatin1String("submission"))
        return tr("Submission (sending, STARTTLS)");
    if (name == QLatin1String("smtps"))
        return tr("SMTPS (sending, SSL/TLS)");
    if (name == QLatin1String("pop3"))
        return tr("POP3 (STARTTLS)");
    if (name == QLatin1String("pop3s"))
        return tr("POP3S (SSL/TLS)");
    if (name == QLatin1String("imap"))
        return tr("IMAP (STARTTLS)");
    if (name == QLatin1String("imaps"))
        return tr("IMAPS (SSL/TLS)");
    if (name == QLatin1String("web"))
        return tr("HTTPS (release links)");
    return name;
}

QString ListenerTableModel::purposeText(const QString &name)
{
    if (name == QLatin1String("smtp"))
        return tr("Incoming mail from other servers");
    if (name == QLatin1String("submission") || name == QLatin1String("smtps"))
        return tr("Sending from users' mail programs");
    if (name.startsWith(QLatin1String("pop3")) || name.startsWith(QLatin1String("imap")))
        return tr("Mail programs fetching their mail");
    if (name == QLatin1String("web"))
        return tr("Release links in the daily Spam Summary");
    return {};
}

void ListenerTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_listeners.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
