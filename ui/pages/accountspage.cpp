#include "accountspage.h"

#include "accounttablemodel.h"
#include "background.h"
#include "dialogs/accountdialog.h"
#include "dialogs/accountimportdialog.h"
#include "dialogs/passworddialog.h"
#include "itemroles.h"
#include "widgets/formlabels.h"

#include <QApplication>
#include <QDate>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fumibako
{

AccountsPage::AccountsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_services(services), m_model(new AccountTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("accountsPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // address, display name, role, state

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(260);
    top->addWidget(m_filterEdit, 1);
    m_countLabel = new QLabel(this);
    top->addWidget(m_countLabel);
    layout->addLayout(top);

    auto *buttons = new QHBoxLayout;
    m_addButton = new QPushButton(this);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    m_editButton = new QPushButton(this);
    m_editButton->setObjectName(QStringLiteral("editButton"));
    m_mailboxButton = new QPushButton(this);
    m_mailboxButton->setObjectName(QStringLiteral("mailboxButton"));
    m_forwardingButton = new QPushButton(this);
    m_forwardingButton->setObjectName(QStringLiteral("forwardingButton"));
    m_toggleButton = new QPushButton(this);
    m_toggleButton->setObjectName(QStringLiteral("toggleButton"));
    m_passwordButton = new QPushButton(this);
    m_passwordButton->setObjectName(QStringLiteral("passwordButton"));
    m_deleteButton = new QPushButton(this);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_exportButton = new QPushButton(this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_importButton = new QPushButton(this);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    for (QPushButton *b : {m_addButton, m_editButton, m_mailboxButton, m_forwardingButton,
                           m_toggleButton, m_passwordButton, m_deleteButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_importButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_refreshButton);
    layout->addLayout(buttons);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accountView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AccountTableModel::AddressColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(AccountTableModel::AddressColumn, 240);
    m_view->setColumnWidth(AccountTableModel::DisplayNameColumn, 170);
    m_view->setColumnWidth(AccountTableModel::RoleColumn, 90);
    m_view->setColumnWidth(AccountTableModel::UsedColumn, 90);
    m_view->setColumnWidth(AccountTableModel::QuotaColumn, 90);
    layout->addWidget(m_view, 1);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_statusLabel);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        retranslateUi();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccountsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AccountsPage::updateButtons);
    connect(m_view, &QTableView::doubleClicked, this, &AccountsPage::editAccount);
    connect(m_addButton, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_editButton, &QPushButton::clicked, this, &AccountsPage::editAccount);
    connect(m_mailboxButton, &QPushButton::clicked, this, &AccountsPage::showMailboxes);
    connect(m_forwardingButton, &QPushButton::clicked, this,
            [this] { openDetails(AccountDialog::Tab::Forwarding); });
    connect(m_toggleButton, &QPushButton::clicked, this, &AccountsPage::toggleEnabled);
    connect(m_deleteButton, &QPushButton::clicked, this, &AccountsPage::deleteAccount);
    connect(m_passwordButton, &QPushButton::clicked, this, &AccountsPage::resetPassword);
    connect(m_refreshButton, &QPushButton::clicked, this, &AccountsPage::refresh);
    connect(m_exportButton, &QPushButton::clicked, this, &AccountsPage::chooseExport);
    connect(m_importButton, &QPushButton::clicked, this, &AccountsPage::chooseImport);
    // Used space changes as mail arrives; keep the visible list current.
    auto *timer = new QTimer(this);
    timer->setInterval(kRefreshIntervalMs);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isVisible() && !QApplication::activeModalWidget())
            refresh();
    });
    timer->start();
    retranslateUi();
}

void AccountsPage::retranslateUi()
{
    m_filterEdit->setPlaceholderText(tr("Filter by address or name"));
    m_addButton->setText(tr("&Add…"));
    m_editButton->setText(tr("&Edit…"));
    m_mailboxButton->setText(tr("&Mailboxes…"));
    //: Opens the account's 転送設定 and 自動返信 tabs.
    m_forwardingButton->setText(tr("Fo&rwarding / Auto-Reply…"));
    m_passwordButton->setText(tr("Reset &Password…"));
    m_deleteButton->setText(tr("&Delete…"));
    m_refreshButton->setText(tr("Re&fresh"));
    //: Writes every account to a CSV file (CSVに書き出す…).
    m_exportButton->setText(tr("E&xport CSV…"));
    //: Creates or updates accounts from a CSV file (CSVから読み込む…).
    m_importButton->setText(tr("&Import CSV…"));
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(shown == total ? tr("%n account(s)", nullptr, total)
                                         : tr("%1 of %n account(s)", nullptr, total).arg(shown));
    m_model->retranslate();
    updateButtons();
}

void AccountsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AccountsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // used space changes as mail arrives
}

QString AccountsPage::selectedAddress() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AccountAddressRole).toString();
}

Account AccountsPage::selectedAccount() const
{
    const int row = m_model->rowOf(selectedAddress());
    return row < 0 ? Account() : m_model->account(row);
}

void AccountsPage::selectAddress(const QString &address)
{
    const int row = m_model->rowOf(address);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void AccountsPage::updateButtons()
{
    const Account a = selectedAccount();
    const bool selected = !a.address.isEmpty();
    m_addButton->setEnabled(!m_busy);
    m_editButton->setEnabled(selected && !m_busy);
    m_mailboxButton->setEnabled(selected && !m_busy);
    // A send-only account receives nothing to forward or answer.
    m_forwardingButton->setEnabled(selected && !m_busy && a.role != Account::Role::SendOnly);
    m_toggleButton->setEnabled(selected && !m_busy);
    m_passwordButton->setEnabled(selected && !m_busy && a.role != Account::Role::SendOnly);
    m_deleteButton->setEnabled(selected && !m_busy && !AccountTableModel::isBuiltIn(a));
    m_toggleButton->setText(selected && !a.enabled ? tr("Re&sume") : tr("&Suspend"));
    m_refreshButton->setEnabled(!m_busy);
    m_exportButton->setEnabled(!m_busy);
    m_importButton->setEnabled(!m_busy);
}

void AccountsPage::refresh()
{
    if (m_busy) {
        m_refreshPending = true;
        return;
    }
    m_busy = true;
    updateButtons();
    const ConsoleServices *services = &m_services;
    struct Snapshot {
        Result<QList<Account>> accounts;
        Result<QStringList> domains;
    };
    runInBackground(
        this,
        [services] {
            const AccountService accounts = services->accounts();
            return Snapshot{accounts.list(), accounts.domains()};
        },
        [this](Snapshot s) {
            m_busy = false;
            if (s.accounts) {
                const QString keep = selectedAddress();
                m_model->setAccounts(*s.accounts);
                if (!keep.isEmpty() && selectedAddress().isEmpty())
                    selectAddress(keep);
            } else {
                showError(ErrorText::Action::LoadAccounts, s.accounts.error());
            }
            if (s.domains)
                m_domains = *s.domains;
            retranslateUi();
            if (m_refreshPending) {
                m_refreshPending = false;
                refresh();
                return;
            }
            Q_EMIT refreshed();
        });
}

void AccountsPage::showError(ErrorText::Action action, const Error &error)
{
    QMessageBox box(QMessageBox::Warning, tr("Accounts"), ErrorText::describe(action, error),
                    QMessageBox::Ok, this);
    box.setDetailedText(error.message);
    box.exec();
}

void AccountsPage::runChange(ErrorText::Action action,
                             std::function<Result<void>(AccountService &)> change)
{
    if (m_busy)
        return;
    m_busy = true;
    updateButtons();
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services, change] {
            AccountService accounts = services->accounts();
            return change(accounts);
        },
        [this, action](Result<void> r) {
            m_busy = false;
            if (!r)
                showError(action, r.error());
            refresh();
        });
}

void AccountsPage::addAccount()
{
    auto *dialog = new AccountDialog(m_services, m_domains, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountDialog::accountSaved, this, [this](const QString &address) {
        connect(
            this, &AccountsPage::refreshed, this, [this, address] { selectAddress(address); },
            Qt::SingleShotConnection);
        refresh();
    });
    dialog->open();
}

void AccountsPage::editAccount()
{
    openDetails(AccountDialog::Tab::General);
}

void AccountsPage::showMailboxes()
{
    openDetails(AccountDialog::Tab::Mailboxes);
}

void AccountsPage::openDetails(AccountDialog::Tab tab)
{
    const Account a = selectedAccount();
    if (a.address.isEmpty())
        return;
    auto *dialog = new AccountDialog(m_services, a, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showTab(tab);
    connect(dialog, &AccountDialog::accountSaved, this, &AccountsPage::refresh);
    connect(dialog, &AccountDialog::mailboxesChanged, this, &AccountsPage::refresh);
    dialog->open();
}

void AccountsPage::resetPassword()
{
    const Account a = selectedAccount();
    if (a.address.isEmpty())
        return;
    auto *dialog = new PasswordDialog(m_services, a.address, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, address = a.address] {
        QMessageBox::information(this, tr("Reset Password"),
                                 tr("The password of %1 has been changed.").arg(address));
    });
    dialog->open();
}

void AccountsPage::toggleEnabled()
{
    const Account a = selectedAccount();
    if (a.address.isEmpty())
        return;
    const bool enable = !a.enabled;
    if (!enable) {
        QMessageBox box(
            QMessageBox::Question, tr("Suspend Account"),
            tr("Suspend %1?\n\nThe account can no longer log in or send mail, and mail sent to it "
               "is "
               "refused. Stored mail is kept, and the account can be resumed at any time.")
                .arg(a.address),
            QMessageBox::NoButton, this);
        QPushButton *yes = box.addButton(tr("Suspend"), QMessageBox::AcceptRole);
        box.addButton(tr("Cancel"), QMessageBox::RejectRole);
        box.setDefaultButton(yes);
        box.exec();
        if (box.clickedButton() != yes)
            return;
    }
    runChange(ErrorText::Action::SuspendAccount, [address = a.address, enable](AccountService &s) {
        return s.setEnabled(address, enable);
    });
}

void AccountsPage::deleteAccount()
{
    const Account a = selectedAccount();
    if (a.address.isEmpty() || AccountTableModel::isBuiltIn(a))
        return;
    QMessageBox box(
        QMessageBox::Warning, tr("Delete Account"),
        tr("Delete %1?\n\nAll mail stored for this account (%2) is deleted with it. This cannot be "
           "undone.")
            .arg(a.address, AccountTableModel::humanSize(a.usedBytes)),
        QMessageBox::NoButton, this);
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    runChange(ErrorText::Action::DeleteAccount,
              [address = a.address](AccountService &s) { return s.remove(address); });
}

void AccountsPage::chooseExport()
{
    if (m_busy)
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = QStringLiteral("accounts-%1.csv")
                             .arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd")));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Accounts as CSV"),
                                     QDir(documents).filePath(name), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

void AccountsPage::exportTo(const QString &path)
{
    if (m_busy || path.isEmpty())
        return;
    m_busy = true;
    updateButtons();
    showStatus(m_statusLabel, QString(), false);
    const ConsoleServices *services = &m_services;
    struct Written {
        std::optional<Error> error; // the service's
        QString fileError;          // the file's
        int accounts = 0;
    };
    runInBackground(
        this,
        [services, path] {
            Written w;
            const Result<QByteArray> csv = services->accountCsv().exportAccounts();
            if (!csv) {
                w.error = csv.error();
                return w;
            }
            w.accounts = int(csv->count('\n')) - 1; // CRLF lines after the header
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(*csv) != csv->size() ||
                !file.commit())
                w.fileError = file.errorString();
            return w;
        },
        [this, path](Written w) {
            m_busy = false;
            const QString where = QDir::toNativeSeparators(path);
            if (w.error)
                showStatus(m_statusLabel,
                           ErrorText::describe(ErrorText::Action::ExportAccounts, *w.error), true,
                           w.error->message);
            else if (!w.fileError.isEmpty())
                showStatus(m_statusLabel,
                           tr("The accounts could not be written to %1. Check that the folder "
                              "exists and can be written to.")
                               .arg(where),
                           true, w.fileError);
            else
                showStatus(m_statusLabel,
                           tr("%n account(s) exported to %1.", nullptr, w.accounts).arg(where),
                           false);
            updateButtons();
            if (m_refreshPending) {
                m_refreshPending = false;
                refresh();
            }
            Q_EMIT exportFinished(path, !w.error && w.fileError.isEmpty());
        });
}

void AccountsPage::chooseImport()
{
    if (m_busy)
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Accounts from CSV"), documents, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path);
}

AccountImportDialog *AccountsPage::importFrom(const QString &path)
{
    auto *dialog = new AccountImportDialog(m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccountImportDialog::imported, this, [this] {
        showStatus(m_statusLabel, tr("The accounts have been imported."), false);
        refresh();
    });
    dialog->loadFile(path);
    dialog->open();
    return dialog;
}

} // namespace fumibako
