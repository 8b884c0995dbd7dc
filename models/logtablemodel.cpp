#include "logtablemodel.h"

#include "accounttablemodel.h"
#include "itemroles.h"

#include <QBrush>
#include <QColor>
#include <QRegularExpression>

namespace fumibako
{

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
    case LogTimeRole:
        return e.time;
    case LogKindRole:
        return int(e.kind);
    case LogAddressRole:
        return e.address;
    case LogPeerRole:
        return e.peer;
    case LogTextRole:
        return e.text;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return e.time.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"));
        case KindColumn:
            return kindText(e.kind);
        case AddressColumn:
            return e.address;
        case PeerColumn:
            return e.peer;
        case TextColumn:
            return describe(e);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case TimeColumn:
            return e.time;
        case KindColumn:
            return int(e.kind);
        case AddressColumn:
            return e.address;
        case PeerColumn:
            return e.peer;
        case TextColumn:
            return describe(e);
        default:
            return {};
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
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Type");
    case AddressColumn:
        return tr("Address");
    case PeerColumn:
        return tr("Client");
    case TextColumn:
        return tr("Details");
    default:
        return {};
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
    // Every kind the server knows, in its own order: LogEntry::kindName()
    // names each and returns nothing past the last one.
    QList<LogEntry::Kind> out;
    for (int k = 0; k < 64 && !LogEntry::kindName(LogEntry::Kind(k)).isEmpty(); ++k)
        out << LogEntry::Kind(k);
    return out;
}

QString LogTableModel::kindText(LogEntry::Kind kind)
{
    // By the stable name, so a kind added to server-core shows (untranslated)
    // until it gets its words here.
    const QString name = LogEntry::kindName(kind);
    if (name == QLatin1String("smtp-receive"))
        return tr("Received");
    if (name == QLatin1String("smtp-send"))
        return tr("Sent");
    if (name == QLatin1String("delivery"))
        return tr("Delivery");
    if (name == QLatin1String("pop3-login"))
        return tr("POP3 login");
    if (name == QLatin1String("imap-login"))
        return tr("IMAP login");
    if (name == QLatin1String("smtp-reject"))
        return tr("Refused");
    if (name == QLatin1String("auth-failure"))
        return tr("Authentication failure");
    if (name == QLatin1String("queue"))
        return tr("Queue");
    if (name == QLatin1String("system"))
        return tr("System");
    return name;
}

QString LogTableModel::describe(const LogEntry &entry)
{
    // The server writes its log in English for administrators and support
    // (fumibakoctl log). The console reads the fixed shapes back and says them
    // in the console's language; anything else is shown as written, and the
    // original is always in the tooltip.
    const QString &t = entry.text;
    QRegularExpressionMatch m;

    static const QRegularExpression message(QStringLiteral(
        "^id=(\\S+) from=<([^>]*)> size=(\\d+) nrcpt=(\\d+)(?: sasl_username=(\\S+))?( discarded "
        "\\(send-only recipient\\)| not accepted: (.*))?$"));
    if ((m = message.match(t)).hasMatch()) {
        const QString sender = m.captured(2).isEmpty() ? tr("(no sender)") : m.captured(2);
        QString text = tr("From %1, %2, %n recipient(s)", nullptr, m.captured(4).toInt())
                           .arg(sender, AccountTableModel::humanSize(m.captured(3).toLongLong()));
        if (!m.captured(5).isEmpty())
            text += tr(", sent by %1").arg(m.captured(5));
        if (m.captured(6).startsWith(QLatin1String(" discarded")))
            text = tr("Discarded (to a send-only address): %1").arg(text);
        else if (!m.captured(6).isEmpty())
            text = tr("Not accepted: %1 (%2)").arg(text, m.captured(7));
        return text + tr(" [ID %1]").arg(m.captured(1));
    }
    static const QRegularExpression delivered(QStringLiteral("^id=(\\S+) delivered to mailbox$"));
    if ((m = delivered.match(t)).hasMatch())
        return tr("Delivered to the mailbox [ID %1]").arg(m.captured(1));
    static const QRegularExpression queued(
        QStringLiteral("^id=(\\S+) queued for outbound delivery$"));
    if ((m = queued.match(t)).hasMatch())
        return tr("Queued for sending to the recipient's server [ID %1]").arg(m.captured(1));
    static const QRegularExpression login(
        QStringLiteral("^(POP3|IMAP) login( \\(TLS\\))?, (\\d+) messages$"));
    if ((m = login.match(t)).hasMatch())
        return (m.captured(2).isEmpty()
                    ? tr("Logged in without encryption, %n message(s) in the mailbox", nullptr,
                         m.captured(3).toInt())
                    : tr("Logged in over TLS, %n message(s) in the mailbox", nullptr,
                         m.captured(3).toInt()));
    static const QRegularExpression logout(
        QStringLiteral("^POP3 logout, (\\d+) messages deleted$"));
    if ((m = logout.match(t)).hasMatch())
        return tr("Logged out, %n message(s) deleted from the server", nullptr,
                  m.captured(1).toInt());
    static const QRegularExpression tooBig(
        QStringLiteral("^rejected: message of (\\d+) bytes exceeds the limit from=<([^>]*)>$"));
    if ((m = tooBig.match(t)).hasMatch())
        return tr("Refused: the message (%1) is larger than the size limit. From %2")
            .arg(AccountTableModel::humanSize(m.captured(1).toLongLong()), m.captured(2));
    static const QRegularExpression bareLf(
        QStringLiteral("^rejected: bare <LF> or <CR> in message from=<([^>]*)>$"));
    if ((m = bareLf.match(t)).hasMatch())
        return tr("Refused: the message has broken line endings. From %1").arg(m.captured(1));
    static const QRegularExpression busy(
        QStringLiteral("^deferred: too many messages in transit from=<([^>]*)>$"));
    if ((m = busy.match(t)).hasMatch())
        return tr("Deferred: the server is busy with other messages; the sender will try again. "
                  "From %1")
            .arg(m.captured(1));
    if (t == QLatin1String("IMAP login"))
        return tr("Logged in");
    if (t == QLatin1String("IMAP login failed"))
        return tr("IMAP login failed");
    if (t.startsWith(QLatin1String("IMAP login refused: too many sessions")))
        return tr("Login refused: too many sessions for this account from this address");
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
