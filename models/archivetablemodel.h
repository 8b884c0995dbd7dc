// ArchiveTableModel: the results of an archive search (アーカイブ検索) as a
// table — date, direction (送信/受信), from, to, subject, size — newest first
// as ArchiveService::search gives them. Results come in pages: setPage() for a
// new search, then canFetchMore() while the last page said `more`; fetchMore()
// asks for the next page through fetchMoreRequested(before) and the page that
// owns the model runs that search off the GUI thread and hands it back with
// appendPage(), so the model never blocks and never sees a service.
#pragma once

#include "archive/archivestore.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class ArchiveTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        DirectionColumn,
        FromColumn,
        ToColumn,
        SubjectColumn,
        SizeColumn,
        ColumnCount
    };

    explicit ArchiveTableModel(QObject *parent = nullptr);

    // A new search's first page: every row replaced (a model reset).
    void setPage(const ArchivePage &page);
    // The page after the last row (the answer to fetchMoreRequested): rows
    // appended, an id already listed skipped.
    void appendPage(const ArchivePage &page);
    // The next page could not be read: no more asked for until setPage().
    void fetchFailed();
    void clear();

    const QList<ArchiveEntry> &entries() const { return m_entries; }
    const ArchiveEntry *entry(qint64 id) const; // null when not listed
    bool hasMore() const { return m_more; }     // another page follows the last row
    bool isFetching() const { return m_fetching; }
    qint64 nextBefore() const; // ArchiveQuery::before for the next page; 0 when empty

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString directionText(ArchiveDirection direction); // 送信 / 受信
    static QString fromText(const ArchiveEntry &e);    // the From field, else the envelope sender
    static QString toText(const ArchiveEntry &e);      // the To field, else the envelope recipients
    static QString subjectText(const ArchiveEntry &e); // "(no subject)" for none

public Q_SLOTS:
    void retranslate();

Q_SIGNALS:
    // Run the search again with ArchiveQuery::before = `before`, then appendPage().
    void fetchMoreRequested(qint64 before);

private:
    QList<ArchiveEntry> m_entries;
    bool m_more = false;
    bool m_fetching = false;
};

} // namespace fumibako
