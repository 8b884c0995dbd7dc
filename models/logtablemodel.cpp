#include "logtablemodel.h"

#include "itemroles.h"

#include <QBrush>
#include <QColor>

namespace fumibako {

LogTableModel::LogTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void LogTableModel::setEntries(const QList<LogEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = m_entries.at(index.row());
    switch (role) {
    case LogTimeRole: return e.time;
    case LogKindRole: return int(e.kind);
    case LogAddressRole: return e.address;
    case LogPeerRole: return e.peer;
    case LogTextRole: return e.text;
    default: break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn: return e.time.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"));
        case KindColumn: return kindText(e.kind);
        case AddressColumn: return e.address;
        case PeerColumn: return e.peer;
        case TextColumn: return describe(e);
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case TimeColumn: return e.time;
        case KindColumn: return int(e.kind);
        case AddressColumn: return e.address;
        case PeerColumn: return e.peer;
        case TextColumn: return describe(e);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && column == TextColumn)
        return e.text;
    if (role == Qt::ForegroundRole && e.kind == LogEntry::Kind::AuthFailure)
        return QBrush(QColor(0xb0, 0x30, 0x20));
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Type");
    case AddressColumn: return tr("Address");
    case PeerColumn: return tr("Client");
    case TextColumn: return tr("Details");
    default: return {};
    }
}

QHash<int, QByteArray> LogTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(LogTimeRole, "time");
    names.insert(LogKindRole, "kind");
    names.insert(LogAddressRole, "address");
    names.insert(LogPeerRole, "peer");
    names.insert(LogTextRole, "text");
    return names;
}

QList<LogEntry::Kind> LogTableModel::kinds()
{
    using K = LogEntry::Kind;
    return {K::SmtpReceive, K::SmtpSend, K::Delivery, K::Pop3Login, K::AuthFailure, K::Queue, K::System};
}

QString LogTableModel::kindText(LogEntry::Kind kind)
{
    using K = LogEntry::Kind;
    switch (kind) {
    case K::SmtpReceive: return tr("Received");
    case K::SmtpSend: return tr("Sent");
    case K::Delivery: return tr("Delivery");
    case K::Pop3Login: return tr("POP3 login");
    case K::AuthFailure: return tr("Authentication failure");
    case K::Queue: return tr("Queue");
    case K::System: return tr("System");
    }
    return {};
}

QString LogTableModel::describe(const LogEntry &entry)
{
    // The server's fixed messages; everything else carries addresses, ids and
    // protocol replies and is shown as written.
    const QString &t = entry.text;
    if (t == QLatin1String("server started"))
        return tr("Server started");
    if (t == QLatin1String("server stopped"))
        return tr("Server stopped");
    if (t == QLatin1String("SMTP AUTH failed"))
        return tr("SMTP authentication failed");
    if (t == QLatin1String("POP3 login failed"))
        return tr("POP3 login failed");
    if (t.endsWith(QLatin1String("locked out after repeated failures")))
        return tr("Refused: locked out after repeated failures");
    return t;
}

void LogTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace fumibako
