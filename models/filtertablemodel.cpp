#include "filtertablemodel.h"

#include "itemroles.h"

#include <QHash>
#include <QSet>

namespace fumibako
{

FilterTableModel::FilterTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void FilterTableModel::setEntries(const QList<FilterEntry> &entries)
{
    QSet<qint64> wanted;
    for (const FilterEntry &e : entries)
        wanted.insert(e.id);
    // Gone entries leave from the bottom up, so the rows above keep their numbers...
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (wanted.contains(m_entries.at(row).id))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
    // ...and new ones are appended in the store's order (entries never change in place).
    QSet<qint64> present;
    for (const FilterEntry &e : std::as_const(m_entries))
        present.insert(e.id);
    QList<FilterEntry> added;
    for (const FilterEntry &e : entries)
        if (!present.contains(e.id))
            added << e;
    if (added.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    m_entries += added;
    endInsertRows();
}

int FilterTableModel::count(FilterEntry::List list, FilterEntry::Field field) const
{
    int n = 0;
    for (const FilterEntry &e : m_entries)
        n += e.list == list && e.field == field ? 1 : 0;
    return n;
}

int FilterTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int FilterTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FilterTableModel::listText(FilterEntry::List list)
{
    //: Spam filter list: mail matching it always reaches the mailbox (除外リスト).
    return list == FilterEntry::List::Allow ? tr("Allow")
                                            //: Spam filter list: matching mail is quarantined.
                                            : tr("Block");
}

QString FilterTableModel::fieldText(FilterEntry::Field field)
{
    switch (field) {
    case FilterEntry::Field::Sender:
        return tr("Sender address");
    case FilterEntry::Field::Domain:
        return tr("Sender domain");
    case FilterEntry::Field::Subject:
        //: A spam filter entry that matches a word anywhere in the subject.
        return tr("Word in subject");
    case FilterEntry::Field::Language:
        return tr("Language");
    }
    return {};
}

QString FilterTableModel::languageText(const QString &language)
{
    static const QHash<QString, const char *> names = {
        //: Language filter: subjects of half-width letters only (the FAQ's rule).
        {QStringLiteral("english"), QT_TR_NOOP("English (half-width subject)")},
        {QStringLiteral("chinese"), QT_TR_NOOP("Chinese")},
        {QStringLiteral("korean"), QT_TR_NOOP("Korean")},
        {QStringLiteral("cyrillic"), QT_TR_NOOP("Russian and other Cyrillic")},
        {QStringLiteral("thai"), QT_TR_NOOP("Thai")},
        {QStringLiteral("vietnamese"), QT_TR_NOOP("Vietnamese")},
        {QStringLiteral("arabic"), QT_TR_NOOP("Arabic")},
        {QStringLiteral("hebrew"), QT_TR_NOOP("Hebrew")},
        {QStringLiteral("greek"), QT_TR_NOOP("Greek")},
        {QStringLiteral("turkish"), QT_TR_NOOP("Turkish")},
    };
    const char *name = names.value(language);
    return name ? tr(name) : language;
}

QString FilterTableModel::valueText(const FilterEntry &e)
{
    return e.field == FilterEntry::Field::Language ? languageText(e.value) : e.value;
}

QVariant FilterTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FilterEntry &e = m_entries.at(index.row());
    switch (role) {
    case FilterEntryIdRole:
        return e.id;
    case FilterListRole:
        return int(e.list);
    case FilterFieldRole:
        return int(e.field);
    case FilterValueRole:
        return e.value;
    default:
        break;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ListColumn:
            return listText(e.list);
        case FieldColumn:
            return fieldText(e.field);
        case ValueColumn:
            return valueText(e);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case ListColumn:
            return int(e.list);
        case FieldColumn:
            return int(e.field);
        case ValueColumn:
            return e.value;
        default:
            return {};
        }
    }
    return {};
}

QVariant FilterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ListColumn:
        //: Column: whether the entry allows or blocks.
        return tr("List");
    case FieldColumn:
        //: Column: what part of the mail the entry is compared with.
        return tr("Compared with");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

QHash<int, QByteArray> FilterTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(FilterEntryIdRole, "entryId");
    names.insert(FilterListRole, "list");
    names.insert(FilterFieldRole, "field");
    names.insert(FilterValueRole, "value");
    return names;
}

void FilterTableModel::retranslate()
{
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

} // namespace fumibako
