// AliasTableModel: the aliases (別名) of every domain as a table — the
// alias, the account its mail goes to — fed snapshots from
// ForwardingService::aliases(). A domain's catch-all ("@example.jp": mail for
// any name there that is no account, alias or group) is a row too, marked by
// AliasCatchAllRole; the 別名・グループ page lists it apart.
#pragma once

#include "service/forwardingservice.h"
#include "snapshottablemodel.h"

namespace fumibako
{

class AliasTableModel : public SnapshotTableModel<AliasEntry>
{
    Q_OBJECT
public:
    enum Column { AliasColumn, AccountColumn, ColumnCount };

    explicit AliasTableModel(QObject *parent = nullptr);

    void setAliases(const QList<AliasEntry> &aliases);
    // The account receiving the catch-all of `domain`; empty while it is off.
    QString catchAll(const QString &domain) const;

    static bool isCatchAll(const QString &alias) { return alias.startsWith(QLatin1Char('@')); }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    void retranslate() { retranslateRows(); }
};

} // namespace fumibako
