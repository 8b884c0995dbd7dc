// QueueTableModel: the outbound queue as a table, one row per recipient
// (recipient, sender, state, attempts, next retry, last reply), fed whole
// snapshots from QueueService::list() every few seconds. Rows are matched by
// recipient id, so a refresh removes, updates and appends rows in place and a
// view keeps its selection. QueueFilterModel narrows it to one state and one
// domain through the semantic roles (itemroles.h).
#pragma once

#include "service/queueservice.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QSortFilterProxyModel>

#include <functional>

namespace fumibako
{

class QueueTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RecipientColumn,
        SenderColumn,
        StateColumn,
        AttemptsColumn,
        NextTryColumn,
        LastReplyColumn,
        ColumnCount
    };

    explicit QueueTableModel(QObject *parent = nullptr);

    void setEntries(const QList<QueueEntry> &entries);
    const QList<QueueEntry> &entries() const { return m_entries; }
    QStringList domains() const; // sorted, each once
    // Every row of one message (its recipients), for the delete confirmation.
    QList<QueueEntry> message(qint64 queueId) const;
    // "Now" for the next-retry column; tests inject a fixed clock.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString stateText(QueueEntry::State state); // 未送信, 再送待ち, 配送済み, 返送
    static QList<QueueEntry::State> states();
    static QString senderText(const QString &sender); // the null sender as words
    static QString timeText(const QDateTime &time);
    // What a reply means, in words ("相手のサーバーに接続できません"), for the
    // last-reply column; the reply itself follows it and is in QueueLastReplyRole.
    static QString replySummary(const QString &reply);

public Q_SLOTS:
    void retranslate();

private:
    static bool sameRow(const QueueEntry &a, const QueueEntry &b);

    QList<QueueEntry> m_entries;
    std::function<QDateTime()> m_now;
};

// One state (or any) and one domain (or any) of a QueueTableModel.
class QueueFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit QueueFilterModel(QObject *parent = nullptr);

    void setStateFilter(int state); // int(QueueEntry::State), -1 = every state
    int stateFilter() const { return m_state; }
    void setDomainFilter(const QString &domain); // "" = every domain
    QString domainFilter() const { return m_domain; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_state = -1;
    QString m_domain;
};

} // namespace fumibako
