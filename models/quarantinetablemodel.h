// QuarantineTableModel: the quarantine (迷惑メール) as a table, one row per held
// copy of every account — received, recipient, sender, subject, score, reason
// (SpamAssassin's rules with their points, or the filter entry that matched) —
// fed whole snapshots from QuarantineService::list(), rows matched by id so a
// view keeps its selection. QuarantineFilterModel narrows it by text, account,
// reason kind and date range through the semantic roles (itemroles.h).
#pragma once

#include "service/quarantineservice.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>
#include <QSortFilterProxyModel>

#include <optional>

namespace fumibako
{

class QuarantineTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ReceivedColumn,
        RecipientColumn,
        SenderColumn,
        SubjectColumn,
        ScoreColumn,
        ReasonColumn,
        ColumnCount
    };

    explicit QuarantineTableModel(QObject *parent = nullptr);

    void setEntries(const QList<QuarantineEntry> &entries);
    const QList<QuarantineEntry> &entries() const { return m_entries; }
    const QuarantineEntry *entry(qint64 id) const; // null when not listed
    QStringList accounts() const;                  // sorted, each once
    QStringList reasonKinds() const;               // as stored, sorted, each once

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "迷惑メール判定" for "spam", "フィルタ" for "filter", ...; an unknown kind as it is.
    static QString reasonKindText(const QString &kind);
    // The rules of a spam verdict ([{"name", "score"}] JSON) as "GTUBE 1000.0",
    // highest points first.
    static QStringList ruleTexts(const QString &rulesJson);
    // The reason column: the rules for spam (ruleTexts of m.rules, or `rules`
    // when given already parsed), else the kind and what matched.
    static QString reasonText(const QuarantinedMessage &m,
                              const std::optional<QStringList> &rules = std::nullopt);
    static QString senderText(const QString &sender); // the null sender as words

public Q_SLOTS:
    void retranslate();

private:
    QList<QuarantineEntry> m_entries;
    QList<QStringList> m_rules; // ruleTexts of each row, parsed once
};

// Text (sender, subject, recipient, account; any case), one account, one
// reason kind and a date range of a QuarantineTableModel.
class QuarantineFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit QuarantineFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }
    void setAccountFilter(const QString &account); // "" = every account
    QString accountFilter() const { return m_account; }
    void setReasonKindFilter(const QString &kind); // "" = every kind
    QString reasonKindFilter() const { return m_kind; }
    // Received on `from` up to and including `to`, local dates; a null date leaves that end open.
    void setDateRange(const QDate &from, const QDate &to);
    QDate dateFrom() const { return m_from; }
    QDate dateTo() const { return m_to; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text; // case-folded
    QString m_account;
    QString m_kind;
    QDate m_from, m_to;
};

} // namespace fumibako
