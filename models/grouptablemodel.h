// GroupTableModel: the group addresses as a table — the group's address,
// how many members it has, the members (accounts, aliases, other groups or
// external addresses, as entered) — fed snapshots from
// ForwardingService::groups(). Rows are matched by address.
#pragma once

#include "snapshottablemodel.h"
#include "store/forwardingstore.h"

namespace fumibako
{

class GroupTableModel : public SnapshotTableModel<GroupAddress>
{
    Q_OBJECT
public:
    enum Column { GroupColumn, CountColumn, MembersColumn, ColumnCount };

    explicit GroupTableModel(QObject *parent = nullptr);

    void setGroups(const QList<GroupAddress> &groups);
    int rowOf(const QString &address) const; // -1: no such group

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    void retranslate() { retranslateRows(); }
};

} // namespace fumibako
