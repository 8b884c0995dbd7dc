#include "accountdialog.h"

#include "accounttablemodel.h"
#include "background.h"
#include "dialogs/mailboxpanel.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fumibako
{

AccountDialog::AccountDialog(const ConsoleServices &services, const QStringList &domains,
                             QWidget *parent)
    : QDialog(parent), m_services(services), m_editing(false), m_domains(domains)
{
    build();
}

AccountDialog::AccountDialog(const ConsoleServices &services, const Account &account,
                             QWidget *parent)
    : QDialog(parent), m_services(services), m_editing(true), m_account(account)
{
    build();
}

void AccountDialog::build()
{
    setObjectName(QStringLiteral("accountDialog"));
    auto *layout = new QVBoxLayout(this);
    // Adding: the form is the dialog. Editing: the form is the first tab of the details.
    QVBoxLayout *content = layout;
    if (m_editing) {
        m_tabs = new QTabWidget(this);
        m_tabs->setObjectName(QStringLiteral("accountTabs"));
        auto *general = new QWidget(m_tabs);
        general->setObjectName(QStringLiteral("generalTab"));
        content = new QVBoxLayout(general);
        m_tabs->addTab(general, QString());
        m_mailboxPanel = new MailboxPanel(m_services, m_account.address, m_tabs);
        m_tabs->addTab(m_mailboxPanel, QString());
        layout->addWidget(m_tabs, 1);
        connect(m_mailboxPanel, &MailboxPanel::inboxEmptied, this,
                &AccountDialog::mailboxesChanged);
    }
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    content->addWidget(m_intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_addressLabel = new QLabel(this);
    if (m_editing) {
        m_addressValue = new QLabel(m_account.address, this);
        m_addressValue->setObjectName(QStringLiteral("addressValue"));
        m_addressValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(m_addressLabel, m_addressValue);
    } else {
        auto *row = new QHBoxLayout;
        m_localPartEdit = new QLineEdit(this);
        m_localPartEdit->setObjectName(QStringLiteral("localPartEdit"));
        m_localPartEdit->setMaxLength(64);
        m_domainCombo = new QComboBox(this);
        m_domainCombo->setObjectName(QStringLiteral("domainCombo"));
        for (const QString &d : std::as_const(m_domains))
            m_domainCombo->addItem(QLatin1Char('@') + d, d);
        row->addWidget(m_localPartEdit, 1);
        row->addWidget(m_domainCombo);
        m_addressLabel->setBuddy(m_localPartEdit);
        form->addRow(m_addressLabel, row);
    }

    m_displayNameLabel = new QLabel(this);
    m_displayNameEdit = new QLineEdit(this);
    m_displayNameEdit->setObjectName(QStringLiteral("displayNameEdit"));
    m_displayNameEdit->setMaxLength(200);
    m_displayNameLabel->setBuddy(m_displayNameEdit);
    form->addRow(m_displayNameLabel, m_displayNameEdit);

    m_roleLabel = new QLabel(this);
    m_roleCombo = new QComboBox(this);
    m_roleCombo->setObjectName(QStringLiteral("roleCombo"));
    for (Account::Role r : {Account::Role::User, Account::Role::Admin, Account::Role::SendOnly})
        m_roleCombo->addItem(QString(), int(r));
    m_roleLabel->setBuddy(m_roleCombo);
    form->addRow(m_roleLabel, m_roleCombo);
    m_roleNote = makeNote(this);
    form->addRow(QString(), m_roleNote);

    m_quotaLabel = new QLabel(this);
    m_quotaSpin = new QSpinBox(this);
    m_quotaSpin->setObjectName(QStringLiteral("quotaSpin"));
    m_quotaSpin->setRange(0, 1024 * 1024); // up to 1 TB
    m_quotaSpin->setSingleStep(100);
    m_quotaSpin->setGroupSeparatorShown(true);
    m_quotaSpin->setMinimumWidth(160);
    m_quotaSpin->setMaximumWidth(200);
    m_quotaLabel->setBuddy(m_quotaSpin);
    form->addRow(m_quotaLabel, m_quotaSpin);

    if (!m_editing) {
        m_passwordLabel = new QLabel(this);
        m_passwordEdit = new QLineEdit(this);
        m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
        m_passwordEdit->setEchoMode(QLineEdit::Password);
        m_passwordLabel->setBuddy(m_passwordEdit);
        form->addRow(m_passwordLabel, m_passwordEdit);
        m_confirmLabel = new QLabel(this);
        m_confirmEdit = new QLineEdit(this);
        m_confirmEdit->setObjectName(QStringLiteral("confirmEdit"));
        m_confirmEdit->setEchoMode(QLineEdit::Password);
        m_confirmLabel->setBuddy(m_confirmEdit);
        form->addRow(m_confirmLabel, m_confirmEdit);
        m_passwordNote = makeNote(this);
        form->addRow(QString(), m_passwordNote);
    }
    content->addLayout(form);

    m_errorLabel = makeErrorLabel(this);
    content->addWidget(m_errorLabel);
    content->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AccountDialog::reject);

    if (m_editing) {
        m_displayNameEdit->setText(m_account.displayName);
        m_roleCombo->setCurrentIndex(m_roleCombo->findData(int(m_account.role)));
        // The built-in send-only account keeps its role (AccountService refuses a change).
        m_roleCombo->setEnabled(m_account.role != Account::Role::SendOnly);
        m_quotaSpin->setValue(
            int(qMin<qint64>((m_account.quotaBytes + kMiB - 1) / kMiB, m_quotaSpin->maximum())));
    } else {
        m_roleCombo->setCurrentIndex(m_roleCombo->findData(int(Account::Role::User)));
    }
    connect(m_roleCombo, &QComboBox::currentIndexChanged, this, &AccountDialog::retranslateUi);
    setMinimumWidth(520);
    if (m_editing)
        resize(640, 520); // room for the folder list
    retranslateUi();
}

void AccountDialog::showMailboxes()
{
    if (m_tabs)
        m_tabs->setCurrentWidget(m_mailboxPanel);
}

void AccountDialog::retranslateUi()
{
    setWindowTitle(m_editing ? tr("Account Details") : tr("Add Account"));
    m_intro->setText(
        m_editing
            ? tr("Change the display name, role or quota of this account.")
            : tr("Create a mail address for a member of staff. They use the address and password "
                 "to send and receive mail in their mail program."));
    m_addressLabel->setText(m_editing ? tr("Address:") : tr("&Address:"));
    if (m_localPartEdit)
        m_localPartEdit->setPlaceholderText(tr("e.g. yamada"));
    m_displayNameLabel->setText(tr("&Display name:"));
    m_displayNameEdit->setPlaceholderText(tr("e.g. Taro Yamada"));
    m_roleLabel->setText(tr("&Role:"));
    for (int i = 0; i < m_roleCombo->count(); ++i)
        m_roleCombo->setItemText(
            i, AccountTableModel::roleText(Account::Role(m_roleCombo->itemData(i).toInt())));
    switch (Account::Role(m_roleCombo->currentData().toInt())) {
    case Account::Role::Admin:
        m_roleNote->setText(
            tr("Receives the mail sent to postmaster@ and other administrative addresses."));
        break;
    case Account::Role::User:
        m_roleNote->setText(tr("Sends and receives mail."));
        break;
    case Account::Role::SendOnly:
        m_roleNote->setText(tr("Can only send; mail sent to this address is discarded."));
        break;
    }
    m_quotaLabel->setText(tr("&Quota:"));
    m_quotaSpin->setSuffix(tr(" MB"));
    m_quotaSpin->setSpecialValueText(tr("Unlimited"));
    if (m_passwordLabel) {
        m_passwordLabel->setText(tr("&Password:"));
        m_confirmLabel->setText(tr("Con&firm password:"));
        m_passwordNote->setText(
            tr("At least %1 characters. Tell the password to the user in person; it cannot be "
               "shown again later.")
                .arg(AccountService::kMinPasswordLength));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_editing ? tr("&Save") : tr("Add A&ccount"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    if (m_tabs) {
        m_tabs->setTabText(0, tr("General"));
        m_tabs->setTabText(1, tr("Mailboxes"));
    }
}

void AccountDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

QString AccountDialog::address() const
{
    if (m_editing)
        return m_account.address;
    return InputCheck::normalizeLocalPart(m_localPartEdit->text()) + QLatin1Char('@') +
           m_domainCombo->currentData().toString();
}

QString AccountDialog::checkFields() const
{
    if (!m_editing) {
        if (m_domainCombo->count() == 0)
            return tr("No mail domain is set up on this server.");
        const QString local = InputCheck::normalizeLocalPart(m_localPartEdit->text());
        if (QString p = InputCheck::localPartProblem(local); !p.isEmpty())
            return p;
    }
    if (QString p = InputCheck::displayNameProblem(m_displayNameEdit->text()); !p.isEmpty())
        return p;
    if (!m_editing)
        if (QString p = InputCheck::passwordProblem(m_passwordEdit->text(), m_confirmEdit->text());
            !p.isEmpty())
            return p;
    return {};
}

void AccountDialog::showError(const QString &text, const QString &detail)
{
    m_errorLabel->setText(text);
    m_errorLabel->setToolTip(detail);
    m_errorLabel->setVisible(!text.isEmpty());
}

void AccountDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->setEnabled(!busy);
    for (QWidget *w : findChildren<QLineEdit *>())
        w->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void AccountDialog::reject()
{
    // Not while mail is being deleted: its result and the list refresh would be lost.
    if (!m_busy && !(m_mailboxPanel && m_mailboxPanel->isBusy()))
        QDialog::reject();
}

void AccountDialog::accept()
{
    if (m_busy)
        return;
    if (const QString problem = checkFields(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    showError(QString());
    setBusy(true);
    const Account::Role role = Account::Role(m_roleCombo->currentData().toInt());
    const qint64 quota = qint64(m_quotaSpin->value()) * kMiB;
    const QString displayName = m_displayNameEdit->text().trimmed();
    const ConsoleServices *services = &m_services;
    const ErrorText::Action action =
        m_editing ? ErrorText::Action::EditAccount : ErrorText::Action::AddAccount;

    auto done = [this, action](Result<void> r) {
        setBusy(false);
        if (!r) {
            showError(ErrorText::describe(action, r.error()), r.error().message);
            return;
        }
        Q_EMIT accountSaved(address());
        QDialog::accept();
    };
    if (m_editing) {
        const Account before = m_account;
        runInBackground(
            this,
            [services, before, displayName, role, quota]() -> Result<void> {
                AccountService accounts = services->accounts();
                if (displayName != before.displayName || role != before.role)
                    if (auto r = accounts.setProfile(before.address, displayName, role); !r)
                        return r;
                if (quota != before.quotaBytes)
                    return accounts.setQuota(before.address, quota, before.quotaMessages);
                return {};
            },
            done);
    } else {
        AccountService::NewAccount n;
        n.address = address();
        n.displayName = displayName;
        n.role = role;
        n.password = m_passwordEdit->text().toUtf8();
        n.quotaBytes = quota;
        runInBackground(
            this,
            [services, n]() -> Result<void> {
                auto r = services->accounts().add(n);
                if (!r)
                    return r.error();
                return {};
            },
            done);
    }
}

} // namespace fumibako
