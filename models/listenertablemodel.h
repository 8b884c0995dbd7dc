// ListenerTableModel: the dashboard's table of protocol listeners (service,
// port, address, state), fed ServerStatus value snapshots that the server
// thread sends through a queued signal. Rows are the listeners in the order
// MailServer::listenerNames() gives them.
#pragma once

#include "service/serverstatus.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class ListenerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ServiceColumn,
        PortColumn,
        AddressColumn,
        StateColumn,
        PurposeColumn,
        ColumnCount
    };

    explicit ListenerTableModel(QObject *parent = nullptr);

    void setStatus(const ServerStatus &status);
    const QList<ListenerStatus> &listeners() const { return m_listeners; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "SMTP (incoming mail)" and friends, for a listener name.
    static QString serviceText(const QString &name);
    static QString purposeText(const QString &name);

public Q_SLOTS:
    void retranslate();

private:
    QString addressText(const ListenerStatus &l) const;
    QList<ListenerStatus> m_listeners;
};

} // namespace fumibako
