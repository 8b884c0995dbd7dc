// SnapshotTableModel<T>: the base of a table model fed whole snapshots from a
// service (aliases, group addresses): rows are matched by a key, so a fresh
// snapshot removes the rows that left, updates in place those that changed
// and appends the new ones — a view keeps its selection and scroll position
// across a refresh instead of seeing a reset.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace fumibako
{

template <typename T> class SnapshotTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    const QList<T> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

protected:
    // `key` names a row across snapshots; `same` tells whether its shown
    // values are unchanged.
    template <typename Key, typename Same> void setRows(const QList<T> &fresh, Key key, Same same)
    {
        QHash<QString, qsizetype> wanted;
        for (qsizetype i = 0; i < fresh.size(); ++i)
            wanted.insert(key(fresh.at(i)), i);
        // Gone rows leave from the bottom up, so the rows above keep their numbers...
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            const auto it = wanted.constFind(key(m_rows.at(row)));
            if (it != wanted.constEnd()) {
                if (!same(m_rows.at(row), fresh.at(*it))) {
                    m_rows[row] = fresh.at(*it);
                    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
                }
                continue;
            }
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        // ...and new ones are appended in the snapshot's order.
        QSet<QString> present;
        for (const T &r : std::as_const(m_rows))
            present.insert(key(r));
        QList<T> added;
        for (const T &r : fresh)
            if (!present.contains(key(r)))
                added << r;
        if (added.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }

    // Every row's text again (a language switch).
    void retranslateRows()
    {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    }

private:
    QList<T> m_rows;
};

} // namespace fumibako
