// FilterTableModel: the entries of one spam filter (an account's own, or the
// common filter's) as a table — list (allow / deny), what is compared, the
// value — fed whole snapshots from FilterService. Rows are matched by entry
// id, so adding or removing one keeps the view's selection of the others.
// The display names of lists, fields and languages live here, for the page's
// combo boxes too.
#pragma once

#include "store/filterstore.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class FilterTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ListColumn, FieldColumn, ValueColumn, ColumnCount };

    explicit FilterTableModel(QObject *parent = nullptr);

    void setEntries(const QList<FilterEntry> &entries);
    const QList<FilterEntry> &entries() const { return m_entries; }
    // How many entries the list and field hold (the limit is per field).
    int count(FilterEntry::List list, FilterEntry::Field field) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString listText(FilterEntry::List list);
    static QString fieldText(FilterEntry::Field field);
    // "english" → 英語 (SpamFilter::languages() names); an unknown name as is.
    static QString languageText(const QString &language);
    // The value as people read it: a language by its name, the rest as stored.
    static QString valueText(const FilterEntry &entry);

public Q_SLOTS:
    void retranslate();

private:
    QList<FilterEntry> m_entries;
};

} // namespace fumibako
