// AccountsPage: the account list (sortable, filterable) with add, edit,
// suspend/resume, delete (after confirmation), password reset, the
// account's mailboxes and its forwarding and auto-reply (the details
// dialog's tabs). The list is read and every change is made off the GUI
// thread; the model is then refreshed from a fresh AccountService::list()
// snapshot.
#pragma once

#include "consoleservices.h"
#include "dialogs/accountdialog.h"
#include "widgets/errortext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fumibako
{

class AccountTableModel;

class AccountsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsPage(const ConsoleServices &services, QWidget *parent = nullptr);

    AccountTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    const QStringList &domains() const { return m_domains; }
    bool isBusy() const { return m_busy; }
    static constexpr int kRefreshIntervalMs = 30000;

public Q_SLOTS:
    void refresh();
    void addAccount();
    void editAccount();
    void showMailboxes();
    // The selected account's details, on `tab`.
    void openDetails(AccountDialog::Tab tab);
    void toggleEnabled();
    void deleteAccount();
    void resetPassword();

Q_SIGNALS:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    QString selectedAddress() const;
    Account selectedAccount() const;
    void selectAddress(const QString &address);
    void runChange(ErrorText::Action action, std::function<Result<void>(AccountService &)> change);
    void showError(ErrorText::Action action, const Error &error);

    const ConsoleServices &m_services;
    AccountTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStringList m_domains;
    bool m_busy = false;
    bool m_refreshPending = false;

    QLabel *m_title = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_mailboxButton = nullptr;
    QPushButton *m_forwardingButton = nullptr;
    QPushButton *m_toggleButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_passwordButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_countLabel = nullptr;
};

} // namespace fumibako
