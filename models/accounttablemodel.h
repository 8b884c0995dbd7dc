// AccountTableModel: the console's account list as a table (address, display
// name, role, used space, quota, state). It is fed whole snapshots from
// AccountService::list() and updates rows in place by address, so a view keeps
// its selection across refreshes. No widgets; the semantic values are in
// itemroles.h.
#pragma once

#include "service/accountservice.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class AccountTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        AddressColumn,
        DisplayNameColumn,
        RoleColumn,
        UsedColumn,
        QuotaColumn,
        StateColumn,
        ColumnCount
    };

    explicit AccountTableModel(QObject *parent = nullptr);

    // Replaces the contents with a snapshot: rows whose address disappeared are
    // removed, changed rows are updated, new addresses are appended.
    void setAccounts(const QList<Account> &accounts);
    const QList<Account> &accounts() const { return m_accounts; }
    Account account(int row) const { return m_accounts.value(row); }
    int rowOf(const QString &address) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The translated words the console uses for account values.
    static QString roleText(Account::Role role);
    static QString stateText(bool enabled);
    static QString humanSize(qint64 bytes);
    static bool isBuiltIn(const Account &account);

public Q_SLOTS:
    // After a language switch: every display text and header is new.
    void retranslate();

private:
    static bool sameRow(const Account &a, const Account &b);
    QList<Account> m_accounts;
};

} // namespace fumibako
