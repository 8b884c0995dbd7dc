// LogTableModel: a page of the server's event log (time, kind, address, peer,
// detail) for the console's Log page. Fed whole query results from
// LogService::query(); each refresh replaces the rows. The server writes its
// log in English; describe() turns the known shapes into the console's
// language and LogTextRole keeps the original.
#pragma once

#include "service/logservice.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, AddressColumn, PeerColumn, TextColumn, ColumnCount };

    explicit LogTableModel(QObject *parent = nullptr);

    void setEntries(const QList<LogEntry> &entries);
    const QList<LogEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QList<LogEntry::Kind> kinds();
    static QString kindText(LogEntry::Kind kind);
    static QString describe(const LogEntry &entry);

public Q_SLOTS:
    void retranslate();

private:
    QList<LogEntry> m_entries;
};

} // namespace fumibako
