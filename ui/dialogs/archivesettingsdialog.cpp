#include "archivesettingsdialog.h"

#include "archivesearchusermodel.h"
#include "background.h"
#include "dialogs/confirmbox.h"
#include "itemroles.h"
#include "servercontroller.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"
#include "widgets/listview.h"

#include "service/settings.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace fumibako
{

namespace
{

// What the dialog shows, read in one background job.
struct ArchiveSettingsData {
    QStringList domains;
    QStringList keepingReceived;
    bool keepSent = true;
    QList<ArchiveSearchUser> users;
    QStringList accounts;
};

// ArchiveService's rule for a search user's name, checked first in the console's words.
bool isSearchUserName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

} // namespace

// ---- ArchiveSearchUserDialog --------------------------------------------------------

ArchiveSearchUserDialog::ArchiveSearchUserDialog(const ConsoleServices &services,
                                                 const QStringList &accounts, QWidget *parent)
    : QDialog(parent), m_services(services)
{
    setObjectName(QStringLiteral("searchUserDialog"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_nameLabel = new QLabel(this);
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setMaxLength(64);
    m_nameLabel->setBuddy(m_nameEdit);
    form->addRow(m_nameLabel, m_nameEdit);
    m_nameNote = makeNote(this);
    form->addRow(QString(), m_nameNote);
    m_passwordLabel = new QLabel(this);
    m_passwordEdit = addPasswordRow(form, m_passwordLabel, QStringLiteral("passwordEdit"));
    m_confirmLabel = new QLabel(this);
    m_confirmEdit = addPasswordRow(form, m_confirmLabel, QStringLiteral("confirmEdit"));
    m_passwordNote = makeNote(this);
    form->addRow(QString(), m_passwordNote);

    m_accountsLabel = new QLabel(this);
    auto *scope = new QVBoxLayout;
    m_allRadio = new QRadioButton(this);
    m_allRadio->setObjectName(QStringLiteral("allAccountsRadio"));
    m_chosenRadio = new QRadioButton(this);
    m_chosenRadio->setObjectName(QStringLiteral("chosenAccountsRadio"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_allRadio);
    group->addButton(m_chosenRadio);
    m_allRadio->setChecked(true);
    m_accountList = new QListWidget(this);
    m_accountList->setObjectName(QStringLiteral("accountList"));
    m_accountList->setSelectionMode(QAbstractItemView::NoSelection);
    for (const QString &account : accounts) {
        auto *item = new QListWidgetItem(account, m_accountList);
        item->setData(Qt::UserRole, account);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_accountList->setMinimumHeight(m_accountList->fontMetrics().height() * 6);
    m_accountsLabel->setBuddy(m_allRadio);
    scope->addWidget(m_allRadio);
    scope->addWidget(m_chosenRadio);
    scope->addWidget(m_accountList, 1);
    form->addRow(m_accountsLabel, scope);
    layout->addLayout(form, 1);

    m_errorLabel = makeErrorLabel(this);
    layout->addWidget(m_errorLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ArchiveSearchUserDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ArchiveSearchUserDialog::reject);
    connect(m_chosenRadio, &QRadioButton::toggled, this, &ArchiveSearchUserDialog::updateState);
    setMinimumWidth(480);
    retranslateUi();
    updateState();
}

void ArchiveSearchUserDialog::retranslateUi()
{
    setWindowTitle(tr("Add Search User"));
    m_intro->setText(tr("A search user can only search the archive and read what it finds; it "
                        "has no mailbox and cannot change anything."));
    m_nameLabel->setText(tr("&Name:"));
    m_nameEdit->setPlaceholderText(tr("e.g. kansa"));
    m_nameNote->setText(tr("Letters, digits, '.', '_' and '-' (half-width), up to 64 characters. "
                           "admin and provadmin are reserved."));
    m_passwordLabel->setText(tr("&Password:"));
    m_confirmLabel->setText(tr("Con&firm password:"));
    m_passwordNote->setText(tr("At least %1 characters. Tell the password to the person in "
                               "person; it cannot be shown again later.")
                                .arg(AccountService::kMinPasswordLength));
    m_accountsLabel->setText(tr("May search:"));
    m_allRadio->setText(tr("&All accounts"));
    m_chosenRadio->setText(tr("&Only the accounts checked below"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add &Search User"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void ArchiveSearchUserDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

QString ArchiveSearchUserDialog::name() const
{
    return m_nameEdit->text().trimmed();
}

QStringList ArchiveSearchUserDialog::chosenAccounts() const
{
    QStringList chosen;
    if (!m_chosenRadio->isChecked())
        return chosen;
    for (int row = 0; row < m_accountList->count(); ++row)
        if (m_accountList->item(row)->checkState() == Qt::Checked)
            chosen << m_accountList->item(row)->data(Qt::UserRole).toString();
    return chosen;
}

void ArchiveSearchUserDialog::updateState()
{
    m_accountList->setEnabled(!m_busy && m_chosenRadio->isChecked());
}

QString ArchiveSearchUserDialog::checkFields() const
{
    if (name().isEmpty())
        return tr("Enter a name for the search user.");
    if (!isSearchUserName(name()))
        return tr("The name can only hold half-width letters, digits, '.', '_' and '-', up to "
                  "64 characters, and must start with a letter or digit.");
    if (QString p = InputCheck::passwordProblem(m_passwordEdit->text(), m_confirmEdit->text());
        !p.isEmpty())
        return p;
    if (m_chosenRadio->isChecked() && chosenAccounts().isEmpty())
        return tr("Check at least one account the search user may search, or choose all "
                  "accounts.");
    return {};
}

void ArchiveSearchUserDialog::showError(const QString &text, const QString &detail)
{
    fumibako::showError(m_errorLabel, text); // formlabels
    m_errorLabel->setToolTip(detail);
}

void ArchiveSearchUserDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_nameEdit, m_passwordEdit, m_confirmEdit,
                                                       m_allRadio, m_chosenRadio})
        w->setEnabled(!busy);
    updateState();
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void ArchiveSearchUserDialog::reject()
{
    if (!m_busy) // the result of an add under way would be lost
        QDialog::reject();
}

void ArchiveSearchUserDialog::accept()
{
    if (m_busy)
        return;
    if (const QString problem = checkFields(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    showError(QString());
    setBusy(true);
    const ConsoleServices *services = &m_services;
    const QString name = this->name();
    const QString password = m_passwordEdit->text();
    const QStringList accounts = chosenAccounts();
    const QString who = m_services.operatorName();
    runInBackground(
        this,
        [services, name, password, accounts, who] {
            return services->archive().addSearchUser(name, password, accounts, who);
        },
        [this, name](Result<void> r) {
            setBusy(false);
            if (!r) {
                showError(ErrorText::describe(ErrorText::Action::AddSearchUser, r.error()),
                          r.error().message);
                return;
            }
            Q_EMIT searchUserAdded(name);
            QDialog::accept();
        });
}

// ---- ArchiveSettingsDialog ----------------------------------------------------------

ArchiveSettingsDialog::ArchiveSettingsDialog(const ConsoleServices &services,
                                             ServerController *server, QWidget *parent)
    : QDialog(parent), m_services(services), m_server(server),
      m_domainModel(new QStandardItemModel(0, 2, this)),
      m_userModel(new ArchiveSearchUserModel(this))
{
    setObjectName(QStringLiteral("archiveSettingsDialog"));
    auto *layout = new QVBoxLayout(this);

    // Received mail, domain by domain.
    m_receivedBox = new QGroupBox(this);
    m_receivedBox->setObjectName(QStringLiteral("receivedBox"));
    auto *received = new QVBoxLayout(m_receivedBox);
    m_receivedIntro = new QLabel(m_receivedBox);
    m_receivedIntro->setWordWrap(true);
    received->addWidget(m_receivedIntro);
    m_sentNote = makeNote(m_receivedBox);
    m_sentNote->setObjectName(QStringLiteral("sentNote"));
    received->addWidget(m_sentNote);
    m_domainView = new QTableView(m_receivedBox);
    m_domainView->setObjectName(QStringLiteral("domainView"));
    m_domainView->setModel(m_domainModel);
    m_domainView->setSelectionMode(QAbstractItemView::NoSelection);
    m_domainView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_domainView->setFocusPolicy(Qt::StrongFocus);
    m_domainView->verticalHeader()->hide();
    m_domainView->setShowGrid(false);
    m_domainView->setAlternatingRowColors(true);
    m_domainView->setWordWrap(false);
    m_domainView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_domainView->horizontalHeader()->setStretchLastSection(true);
    m_domainView->verticalHeader()->setDefaultSectionSize(m_domainView->fontMetrics().height() +
                                                          10);
    m_domainView->setMinimumHeight(m_domainView->verticalHeader()->defaultSectionSize() * 4);
    received->addWidget(m_domainView, 1);
    layout->addWidget(m_receivedBox, 1);

    // Search users.
    m_usersBox = new QGroupBox(this);
    m_usersBox->setObjectName(QStringLiteral("usersBox"));
    auto *users = new QVBoxLayout(m_usersBox);
    m_usersIntro = new QLabel(m_usersBox);
    m_usersIntro->setWordWrap(true);
    users->addWidget(m_usersIntro);
    m_signInLabel = new QLabel(m_usersBox);
    m_signInLabel->setObjectName(QStringLiteral("signInLabel"));
    m_signInLabel->setWordWrap(true);
    m_signInLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    users->addWidget(m_signInLabel);
    m_userView = makeListView(m_usersBox, QStringLiteral("searchUserView"), m_userModel,
                              ArchiveSearchUserModel::NameColumn, Qt::AscendingOrder);
    // By name as the service answers: the model does not sort.
    m_userView->setSortingEnabled(false);
    m_userView->horizontalHeader()->setSortIndicatorShown(false);
    m_userView->horizontalHeader()->setSectionsClickable(false);
    m_userView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_userView->setColumnWidth(ArchiveSearchUserModel::NameColumn, 160);
    m_userView->setColumnWidth(ArchiveSearchUserModel::AccountsColumn, 300);
    users->addWidget(m_userView, 1);
    auto *userButtons = new QHBoxLayout;
    m_addButton = new QPushButton(m_usersBox);
    m_addButton->setObjectName(QStringLiteral("addSearchUserButton"));
    m_deleteButton = new QPushButton(m_usersBox);
    m_deleteButton->setObjectName(QStringLiteral("deleteSearchUserButton"));
    userButtons->addWidget(m_addButton);
    userButtons->addWidget(m_deleteButton);
    userButtons->addStretch(1);
    users->addLayout(userButtons);
    layout->addWidget(m_usersBox, 2);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    layout->addWidget(m_messageLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ArchiveSettingsDialog::reject);

    connect(m_domainModel, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_filling || item->column() != KeepColumn)
            return;
        setKeepReceived(item->data(ArchiveDomainRole).toString(),
                        item->checkState() == Qt::Checked);
    });
    connect(m_addButton, &QPushButton::clicked, this, &ArchiveSettingsDialog::addSearchUser);
    connect(m_deleteButton, &QPushButton::clicked, this, &ArchiveSettingsDialog::deleteSelected);
    connect(m_userView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ArchiveSettingsDialog::updateState);
    if (m_server)
        connect(m_server, &ServerController::statusChanged, this,
                &ArchiveSettingsDialog::updateSignIn);

    resize(720, 640);
    retranslateUi();
    reload();
}

void ArchiveSettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Archive Settings"));
    m_receivedBox->setTitle(tr("Received Mail"));
    m_receivedIntro->setText(
        tr("For each domain, choose whether the mail its accounts receive is kept in the "
           "archive too. A change applies at once to mail that arrives from then on."));
    m_usersBox->setTitle(tr("Search Users"));
    m_usersIntro->setText(
        tr("A search user may only search the archive — of every account, or only of the "
           "accounts chosen for it. Give one, for example, to the person who checks mail for "
           "compliance."));
    m_domainModel->setHorizontalHeaderLabels({tr("Domain"), tr("Received mail")});
    const bool filling = std::exchange(m_filling, true); // only the text changes
    for (int row = 0; row < m_domainModel->rowCount(); ++row)
        //: Checkbox beside a domain: its received mail is also kept in the archive.
        m_domainModel->item(row, KeepColumn)->setText(tr("Also keep received mail"));
    m_filling = filling;
    // The whole domain name, with room to breathe.
    m_domainView->resizeColumnToContents(DomainNameColumn);
    m_domainView->setColumnWidth(DomainNameColumn,
                                 qMax(m_domainView->columnWidth(DomainNameColumn) + 24, 160));
    m_addButton->setText(tr("&Add…"));
    m_deleteButton->setText(tr("&Delete…"));
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    m_userModel->retranslate();
    // The texts that follow the data.
    m_sentNote->setText(m_keepSent
                            ? tr("Sent mail is always kept, for every account (setting "
                                 "\"Keep sent mail in the archive\").")
                            : tr("Sent mail is not kept now: the setting \"Keep sent mail in "
                                 "the archive\" is off."));
    updateSignIn();
}

void ArchiveSettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ArchiveSettingsDialog::updateSignIn()
{
    const QString base = m_server ? m_server->status().webUrl : QString();
    // The web listener's URL ends with '/'.
    m_signInLabel->setText(
        base.isEmpty()
            ? tr("Search users sign in at the server's web address, path /archive, to search. "
                 "The full address is shown here while the mail server runs.")
            : tr("Search users sign in at %1 to search.").arg(base + QLatin1String("archive")));
}

void ArchiveSettingsDialog::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void ArchiveSettingsDialog::updateState()
{
    m_domainView->setEnabled(!m_busy && m_loaded);
    m_addButton->setEnabled(!m_busy && m_loaded);
    m_deleteButton->setEnabled(!m_busy && m_userView->selectionModel()->hasSelection());
    setCursor(m_busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void ArchiveSettingsDialog::reject()
{
    if (!m_busy) // a change under way would end unseen
        QDialog::reject();
}

void ArchiveSettingsDialog::reload()
{
    const int generation = ++m_loadGeneration; // an older load still running is not shown
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services]() -> Result<ArchiveSettingsData> {
            ArchiveSettingsData d;
            const AccountService accounts = services->accounts();
            auto domains = accounts.domains();
            if (!domains)
                return domains.error();
            d.domains = *domains;
            auto list = accounts.list();
            if (!list)
                return list.error();
            for (const Account &a : std::as_const(*list))
                d.accounts << a.address;
            d.accounts.sort();
            const ArchiveService archive = services->archive();
            auto keeping = archive.domainsKeepingReceived();
            if (!keeping)
                return keeping.error();
            d.keepingReceived = *keeping;
            auto users = archive.searchUsers();
            if (!users)
                return users.error();
            d.users = *users;
            auto settings = Settings::load(services->database());
            if (!settings)
                return settings.error();
            d.keepSent = settings->flag(QStringLiteral("archive.sent"));
            return d;
        },
        [this, generation](Result<ArchiveSettingsData> r) {
            if (generation != m_loadGeneration)
                return;
            if (!r) {
                showMessage(ErrorText::describe(ErrorText::Action::LoadArchiveSettings, r.error()),
                            true, r.error().message);
                Q_EMIT actionFailed(r.error());
                Q_EMIT loaded();
                return;
            }
            m_keepSent = r->keepSent;
            m_accounts = r->accounts;
            m_filling = true;
            m_domainModel->removeRows(0, m_domainModel->rowCount());
            for (const QString &domain : std::as_const(r->domains)) {
                auto *name = new QStandardItem(domain);
                name->setData(domain, ArchiveDomainRole);
                name->setFlags(Qt::ItemIsEnabled);
                auto *keep = new QStandardItem;
                keep->setData(domain, ArchiveDomainRole);
                keep->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                keep->setCheckState(r->keepingReceived.contains(domain) ? Qt::Checked
                                                                        : Qt::Unchecked);
                m_domainModel->appendRow({name, keep});
            }
            m_userModel->setUsers(r->users);
            m_loaded = true;
            retranslateUi(); // the checkboxes' text and the line about sent mail
            m_filling = false;
            updateState();
            Q_EMIT loaded();
        });
}

void ArchiveSettingsDialog::runChange(std::function<Result<void>()> work, int action,
                                      const QString &done)
{
    m_busy = true;
    showMessage(QString(), false);
    updateState();
    runInBackground(this, std::move(work), [this, action, done](Result<void> r) {
        m_busy = false;
        if (r) {
            showMessage(done, false);
        } else {
            showMessage(ErrorText::describe(ErrorText::Action(action), r.error()), true,
                        r.error().message);
            Q_EMIT actionFailed(r.error());
        }
        updateState();
        reload(); // the lists as stored, whichever way it went
    });
}

void ArchiveSettingsDialog::setKeepReceived(const QString &domain, bool keep)
{
    if (m_busy) {
        reload(); // one change at a time: the box goes back to what is stored
        return;
    }
    const ConsoleServices *services = &m_services;
    const QString who = m_services.operatorName();
    runChange([services, domain, keep,
               who] { return services->archive().setKeepReceived(domain, keep, who); },
              int(ErrorText::Action::KeepReceived),
              keep ? tr("Received mail of %1 is now kept in the archive.").arg(domain)
                   : tr("Received mail of %1 is no longer kept in the archive. What is "
                        "already kept stays until its retention period ends.")
                         .arg(domain));
}

ArchiveSearchUserDialog *ArchiveSettingsDialog::addSearchUser()
{
    if (m_busy || !m_loaded)
        return nullptr;
    auto *dialog = new ArchiveSearchUserDialog(m_services, m_accounts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ArchiveSearchUserDialog::searchUserAdded, this, [this](const QString &name) {
        showMessage(tr("The search user %1 was added.").arg(name), false);
        reload();
    });
    dialog->open();
    return dialog;
}

void ArchiveSettingsDialog::deleteSelected()
{
    const QModelIndexList rows = m_userView->selectionModel()->selectedRows();
    if (m_busy || rows.isEmpty())
        return;
    const QString name = rows.first().data(SearchUserNameRole).toString();
    askToConfirm(
        this, QStringLiteral("confirmDeleteSearchUserBox"), QMessageBox::Question,
        tr("Delete Search User"),
        tr("Delete the search user %1?\n\nIt can no longer sign in to search the archive. The "
           "archived mail is not affected.")
            .arg(name),
        tr("Delete"), ConfirmDefault::Cancel, [this, name] {
            const ConsoleServices *services = &m_services;
            const QString who = m_services.operatorName();
            runChange(
                [services, name, who] { return services->archive().removeSearchUser(name, who); },
                int(ErrorText::Action::RemoveSearchUser),
                tr("The search user %1 was deleted.").arg(name));
        });
}

} // namespace fumibako
