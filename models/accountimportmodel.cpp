#include "accountimportmodel.h"

#include "itemroles.h"

#include <QBrush>
#include <QColor>
#include <QRegularExpression>

#include <functional>

namespace fumibako
{

namespace
{

using Action = AccountImportLine::Action;

// The service's refusals (English, for logs and the CLI) and what the console
// says instead; the captures fill %1 and %2.
struct Refusal {
    const char *pattern;
    std::function<QString(const QRegularExpressionMatch &)> text;
};

} // namespace

AccountImportModel::AccountImportModel(QObject *parent) : QAbstractTableModel(parent) {}

void AccountImportModel::setLines(const QList<AccountImportLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

int AccountImportModel::count(AccountImportLine::Action action) const
{
    int n = 0;
    for (const AccountImportLine &l : m_lines)
        n += l.action == action ? 1 : 0;
    return n;
}

int AccountImportModel::generatedPasswords() const
{
    int n = 0;
    for (const AccountImportLine &l : m_lines)
        n += l.generatedPassword.isEmpty() ? 0 : 1;
    return n;
}

int AccountImportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int AccountImportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountImportModel::actionText(AccountImportLine::Action action)
{
    switch (action) {
    case Action::Create:
        //: An import line that makes a new account (新規作成).
        return tr("Create");
    case Action::Update:
        return tr("Update");
    case Action::Unchanged:
        return tr("Unchanged");
    case Action::Refused:
        //: An import line that cannot be imported (取り込めません).
        return tr("Cannot import");
    }
    return {};
}

QString AccountImportModel::detailText(const AccountImportLine &line)
{
    if (line.action == Action::Update) {
        QStringList changes;
        for (const QString &what : line.reason.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
            if (what == QLatin1String("display name"))
                changes << tr("display name");
            else if (what == QLatin1String("role"))
                changes << tr("role");
            else if (what == QLatin1String("quota"))
                changes << tr("quota");
            else if (what == QLatin1String("state"))
                //: Enabled or suspended.
                changes << tr("state");
            else if (what == QLatin1String("password"))
                changes << tr("password");
            else
                changes << what;
        }
        //: The list of what an import changes in an account, e.g. "Changes: role, quota".
        return tr("Changes: %1").arg(changes.join(tr(", ")));
    }
    if (line.action != Action::Refused)
        return {};
    const Refusal refusals[] = {
        {"^(.+) is on line (\\d+) already$",
         [](const auto &m) {
             return tr("%1 is on line %2 already.").arg(m.captured(1), m.captured(2));
         }},
        {"^\"(.*)\" is not a valid mail address$",
         [](const auto &m) {
             return tr("\"%1\" is not a valid mail address.").arg(m.captured(1));
         }},
        {"^(.+) is not a domain of this server$",
         [](const auto &m) { return tr("%1 is not a domain of this server.").arg(m.captured(1)); }},
        {"^(.+) is a reserved address",
         [](const auto &m) {
             return tr("%1 is a reserved address and cannot be an account.").arg(m.captured(1));
         }},
        {"^(.+) is already in use$",
         [](const auto &m) { return tr("%1 is already in use.").arg(m.captured(1)); }},
        {"^(.+) is already a group address$",
         [](const auto &m) { return tr("%1 is already a group address.").arg(m.captured(1)); }},
        {"^the display name is longer than (\\d+) characters$",
         [](const auto &m) {
             return tr("The display name is longer than %1 characters.").arg(m.captured(1));
         }},
        {"^the role \"(.*)\" is not",
         [](const auto &m) {
             //: Keep 管理者, 一般 and 送信専用 as they are: they are the values the file may hold.
             return tr("The role \"%1\" is not one of 管理者 (admin), 一般 (user) or 送信専用 "
                       "(sendonly).")
                 .arg(m.captured(1));
         }},
        {"^a quota must be",
         [](const auto &) {
             return tr("A quota must be a whole number of bytes or messages (0 for none).");
         }},
        {"^the state \"(.*)\" is not",
         [](const auto &m) {
             //: Keep 有効 and 無効 as they are: they are the values the file may hold.
             return tr("The state \"%1\" is not 有効 (enabled) or 無効 (disabled).")
                 .arg(m.captured(1));
         }},
        {"^the password must be at least (\\d+) characters",
         [](const auto &m) {
             return tr("The password must be at least %1 characters long.").arg(m.captured(1));
         }},
        {"^the password is too long$",
         [](const auto &) { return tr("The password is too long."); }},
        {"^the password must not contain control characters$",
         [](const auto &) { return tr("The password must not contain control characters."); }},
        {"^a send-only account is made by the server",
         [](const auto &) {
             return tr("A send-only account is made by the server and cannot be imported.");
         }},
        {"^(.+): the send-only role cannot change$",
         [](const auto &m) {
             return tr("The send-only role of %1 cannot be given or taken.").arg(m.captured(1));
         }},
    };
    for (const Refusal &r : refusals) {
        const QRegularExpressionMatch m =
            QRegularExpression(QString::fromLatin1(r.pattern)).match(line.reason);
        if (m.hasMatch())
            return r.text(m);
    }
    return line.reason;
}

QVariant AccountImportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccountImportLine &l = m_lines.at(index.row());
    switch (role) {
    case ImportLineRole:
        return l.line;
    case ImportAddressRole:
        return l.address;
    case ImportActionRole:
        return int(l.action);
    case ImportReasonRole:
        return l.reason;
    case ImportPasswordRole:
        return l.generatedPassword;
    case SortRole:
        if (index.column() == LineColumn)
            return l.line;
        if (index.column() == ActionColumn)
            return int(l.action);
        return data(index, Qt::DisplayRole).toString().toCaseFolded();
    default:
        break;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LineColumn:
            return l.line;
        case AddressColumn:
            return l.address;
        case ActionColumn:
            return actionText(l.action);
        case DetailColumn:
            return detailText(l);
        case PasswordColumn:
            return l.generatedPassword;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DetailColumn && !l.reason.isEmpty()) {
        // The whole text (the cell may cut it), and the service's own words for support.
        const QString text = detailText(l);
        return text == l.reason ? text : text + QLatin1Char('\n') + l.reason;
    }
    if (role == Qt::TextAlignmentRole && index.column() == LineColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ForegroundRole && l.action == Action::Refused)
        return QBrush(QColor(0xb0, 0x30, 0x1f));
    return {};
}

QVariant AccountImportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        //: The line number in the CSV file (行).
        return tr("Line");
    case AddressColumn:
        return tr("Address");
    case ActionColumn:
        //: What the import does with the line (処理).
        return tr("Action");
    case DetailColumn:
        //: Why a line is refused, or what an update changes (理由・変更点).
        return tr("Reason / Changes");
    case PasswordColumn:
        return tr("Password");
    }
    return {};
}

QHash<int, QByteArray> AccountImportModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ImportLineRole, "line");
    names.insert(ImportAddressRole, "address");
    names.insert(ImportActionRole, "action");
    names.insert(ImportReasonRole, "reason");
    names.insert(ImportPasswordRole, "password");
    return names;
}

void AccountImportModel::retranslate()
{
    if (!m_lines.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

} // namespace fumibako
