// AccountsPage: the account list (sortable, filterable) with add, edit,
// suspend/resume, delete (after confirmation), password reset, the
// account's mailboxes and its forwarding and auto-reply (the details
// dialog's tabs), and the whole list to and from a CSV file (AccountCsv;
// the import previews in AccountImportDialog). The list is read and every change is made off the
// GUI thread; the model is then refreshed from a fresh AccountService::list() snapshot.
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

class AccountImportDialog;
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
    // 「CSVに書き出す…」: asks where, then exportTo().
    void chooseExport();
    // Every account to `path` as Excel CSV (AccountCsv), off the GUI thread.
    void exportTo(const QString &path);
    // 「CSVから読み込む…」: asks which file, then importFrom().
    void chooseImport();
    // Opens the import preview of `path`; the list reloads after an import.
    AccountImportDialog *importFrom(const QString &path);

Q_SIGNALS:
    void refreshed();
    void exportFinished(const QString &path, bool ok);

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
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
};

} // namespace fumibako
