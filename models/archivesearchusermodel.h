// ArchiveSearchUserModel: the archive's search users (検索ユーザー) as a
// table — the login name, the accounts whose mail it may search (every
// account when none is named) and when it was made — fed snapshots from
// ArchiveService::searchUsers(). Rows are matched by name.
#pragma once

#include "service/archiveservice.h"
#include "snapshottablemodel.h"

namespace fumibako
{

class ArchiveSearchUserModel : public SnapshotTableModel<ArchiveSearchUser>
{
    Q_OBJECT
public:
    enum Column { NameColumn, AccountsColumn, CreatedColumn, ColumnCount };

    explicit ArchiveSearchUserModel(QObject *parent = nullptr);

    void setUsers(const QList<ArchiveSearchUser> &users);
    int rowOf(const QString &name) const; // -1: no such search user

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    void retranslate() { retranslateRows(); }
};

} // namespace fumibako
