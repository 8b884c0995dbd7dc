#include "quarantinetablemodel.h"

#include "accounttablemodel.h"
#include "filtertablemodel.h"
#include "itemroles.h"
#include "queuetablemodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace fumibako
{

QuarantineTableModel::QuarantineTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void QuarantineTableModel::setEntries(const QList<QuarantineEntry> &entries)
{
    // A held copy never changes: rows only leave (released, deleted, expired) or arrive.
    QSet<qint64> wanted;
    for (const QuarantineEntry &e : entries)
        wanted.insert(e.message.id);
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (wanted.contains(m_entries.at(row).message.id))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_entries.removeAt(row);
        m_rules.removeAt(row);
        endRemoveRows();
    }
    QSet<qint64> present;
    for (const QuarantineEntry &e : std::as_const(m_entries))
        present.insert(e.message.id);
    QList<QuarantineEntry> added;
    for (const QuarantineEntry &e : entries)
        if (!present.contains(e.message.id))
            added << e;
    if (added.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    for (const QuarantineEntry &e : std::as_const(added)) {
        m_entries << e;
        m_rules << ruleTexts(e.message.rules);
    }
    endInsertRows();
}

const QuarantineEntry *QuarantineTableModel::entry(qint64 id) const
{
    for (const QuarantineEntry &e : m_entries)
        if (e.message.id == id)
            return &e;
    return nullptr;
}

QStringList QuarantineTableModel::accounts() const
{
    QStringList out;
    for (const QuarantineEntry &e : m_entries)
        if (!out.contains(e.message.account))
            out << e.message.account;
    std::sort(out.begin(), out.end());
    return out;
}

QStringList QuarantineTableModel::reasonKinds() const
{
    QStringList out;
    for (const QuarantineEntry &e : m_entries)
        if (!out.contains(e.message.reasonKind))
            out << e.message.reasonKind;
    std::sort(out.begin(), out.end());
    return out;
}

int QuarantineTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QuarantineTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QuarantineTableModel::reasonKindText(const QString &kind)
{
    if (kind == QLatin1String("spam"))
        //: Why a message was held: SpamAssassin scored it at or over the threshold.
        return tr("Spam score");
    if (kind == QLatin1String("filter"))
        //: Why a message was held: an entry of a deny list (迷惑メールフィルタ) matched.
        return tr("Spam filter");
    if (kind == QLatin1String("language"))
        //: Why a message was held: the language filter (by charset or half-width subject).
        return tr("Language filter");
    if (kind == QLatin1String("spoofing"))
        //: Why a message was held: the sender claims our own domain but is no account here.
        return tr("Spoofed sender");
    if (kind == QLatin1String("virus"))
        return tr("Virus");
    if (kind.isEmpty() || kind == QLatin1String("other"))
        return tr("Other");
    return kind;
}

QStringList QuarantineTableModel::ruleTexts(const QString &rulesJson)
{
    if (rulesJson.isEmpty())
        return {};
    QList<QPair<double, QString>> rules;
    const QJsonArray array = QJsonDocument::fromJson(rulesJson.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            continue;
        const double score = o.value(QLatin1String("score")).toDouble();
        rules << qMakePair(score, name + QLatin1Char(' ') + QString::number(score, 'f', 1));
    }
    std::stable_sort(rules.begin(), rules.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList out;
    for (const auto &r : std::as_const(rules))
        out << r.second;
    return out;
}

QString QuarantineTableModel::reasonText(const QuarantinedMessage &m,
                                         const std::optional<QStringList> &parsed)
{
    const QStringList rules = parsed ? *parsed : ruleTexts(m.rules);
    if (!rules.isEmpty())
        return rules.join(QStringLiteral(", "));
    // A spam reason without rules, or a filter's entry: the kind and the server's words.
    QString detail = m.reason;
    // "score 7.3 (required 5.0)": the score column says it; the spoofing rule's
    // English explanation adds nothing to its name (the tooltip keeps both).
    if (m.reasonKind == QLatin1String("spam") || m.reasonKind == QLatin1String("spoofing"))
        detail.clear();
    // A filter's entry in the console's words: "受信拒否・差出人ドメイン: spam.example（共通）".
    if (const auto e = FilterEntry::fromDescription(m.reason);
        e && (m.reasonKind == QLatin1String("filter") || m.reasonKind == QLatin1String("language")))
        detail =
            e->accountId == 0
                //: A filter entry of the common filter: its list, field and value.
                ? tr("%1 – %2: %3 (common filter)")
                      .arg(FilterTableModel::listText(e->list),
                           FilterTableModel::fieldText(e->field), FilterTableModel::valueText(*e))
                //: A filter entry of the account's own filter: its list, field and value.
                : tr("%1 – %2: %3")
                      .arg(FilterTableModel::listText(e->list),
                           FilterTableModel::fieldText(e->field), FilterTableModel::valueText(*e));
    return detail.isEmpty() ? reasonKindText(m.reasonKind)
                            //: Reason column: the kind of rule, then what matched.
                            : tr("%1: %2").arg(reasonKindText(m.reasonKind), detail);
}

QString QuarantineTableModel::senderText(const QString &sender)
{
    //: The envelope sender of a delivery report is empty (<>).
    return sender.isEmpty() ? tr("(no sender)") : sender;
}

QVariant QuarantineTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QuarantineEntry &e = m_entries.at(index.row());
    const QuarantinedMessage &m = e.message;
    switch (role) {
    case QuarantineIdRole:
        return m.id;
    case QuarantineAccountRole:
        return m.account;
    case QuarantineRecipientRole:
        return m.recipient;
    case QuarantineSenderRole:
        return m.sender;
    case QuarantineSubjectRole:
        return e.subject;
    case QuarantineReceivedRole:
        return e.received;
    case QuarantineReasonKindRole:
        return m.reasonKind;
    case QuarantineReasonRole:
        return m.reason;
    case QuarantineScoreRole:
        return m.score ? QVariant(*m.score) : QVariant();
    case QuarantineRulesRole:
        return m_rules.at(index.row());
    case QuarantineSizeRole:
        return m.size;
    case QuarantineMessageIdRole:
        return m.headerMessageId;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ReceivedColumn:
            return QueueTableModel::timeText(e.received); // the console's one date format
        case RecipientColumn:
            // The account, and the address as written when that was another (an alias, a case).
            return m.recipient.compare(m.account, Qt::CaseInsensitive) == 0 || m.recipient.isEmpty()
                       ? m.account
                       : tr("%1 (to %2)").arg(m.account, m.recipient);
        case SenderColumn:
            return senderText(m.sender);
        case SubjectColumn:
            //: A held message without a subject.
            return e.subject.isEmpty() ? tr("(no subject)") : e.subject;
        case ScoreColumn:
            return m.score ? QString::number(*m.score, 'f', 1) : QString();
        case ReasonColumn:
            return reasonText(m, m_rules.at(index.row()));
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case ReceivedColumn:
            return m.receivedAt;
        case RecipientColumn:
            return m.account.toCaseFolded();
        case SenderColumn:
            return m.sender.toCaseFolded();
        case SubjectColumn:
            return e.subject.toCaseFolded();
        case ScoreColumn:
            return m.score ? *m.score : -1e9;
        case ReasonColumn:
            return reasonText(m, m_rules.at(index.row()));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        lines << tr("Reason: %1").arg(reasonKindText(m.reasonKind));
        if (!m_rules.at(index.row()).isEmpty())
            lines << tr("Rules: %1").arg(m_rules.at(index.row()).join(QStringLiteral(", ")));
        else if (!m.reason.isEmpty())
            lines << m.reason;
        lines << tr("Size: %1").arg(AccountTableModel::humanSize(m.size));
        // Escaped rich text: a tooltip reads plain text that looks like HTML as HTML,
        // and a filter's reason may quote a stranger's subject.
        return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
            .arg(lines.join(QLatin1Char('\n')).toHtmlEscaped());
    }
    if (role == Qt::TextAlignmentRole && column == ScoreColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant QuarantineTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case RecipientColumn:
        return tr("Recipient");
    case SenderColumn:
        return tr("Sender");
    case SubjectColumn:
        return tr("Subject");
    case ScoreColumn:
        return tr("Score");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

QHash<int, QByteArray> QuarantineTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(QuarantineIdRole, "id");
    names.insert(QuarantineAccountRole, "account");
    names.insert(QuarantineRecipientRole, "recipient");
    names.insert(QuarantineSenderRole, "sender");
    names.insert(QuarantineSubjectRole, "subject");
    names.insert(QuarantineReceivedRole, "received");
    names.insert(QuarantineReasonKindRole, "reasonKind");
    names.insert(QuarantineReasonRole, "reason");
    names.insert(QuarantineScoreRole, "score");
    names.insert(QuarantineRulesRole, "rules");
    names.insert(QuarantineSizeRole, "size");
    names.insert(QuarantineMessageIdRole, "messageId");
    return names;
}

void QuarantineTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// --- QuarantineFilterModel ---

QuarantineFilterModel::QuarantineFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
}

void QuarantineFilterModel::setSearchText(const QString &text)
{
    const QString t = text.trimmed().toCaseFolded();
    if (m_text == t)
        return;
    m_text = t;
    invalidateFilter();
}

void QuarantineFilterModel::setAccountFilter(const QString &account)
{
    const QString a = account.trimmed().toLower();
    if (m_account == a)
        return;
    m_account = a;
    invalidateFilter();
}

void QuarantineFilterModel::setReasonKindFilter(const QString &kind)
{
    if (m_kind == kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

void QuarantineFilterModel::setDateRange(const QDate &from, const QDate &to)
{
    if (m_from == from && m_to == to)
        return;
    m_from = from;
    m_to = to;
    invalidateFilter();
}

bool QuarantineFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_account.isEmpty() && i.data(QuarantineAccountRole).toString().toLower() != m_account)
        return false;
    if (!m_kind.isEmpty() && i.data(QuarantineReasonKindRole).toString() != m_kind)
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        const QDate day = i.data(QuarantineReceivedRole).toDateTime().toLocalTime().date();
        if ((m_from.isValid() && day < m_from) || (m_to.isValid() && day > m_to))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int role : {QuarantineSenderRole, QuarantineSubjectRole, QuarantineRecipientRole,
                     QuarantineAccountRole})
        if (i.data(role).toString().toCaseFolded().contains(m_text))
            return true;
    return false;
}

} // namespace fumibako
