#include "accountdialog.h"

#include "accounttablemodel.h"
#include "background.h"
#include "dialogs/autoreplypanel.h"
#include "dialogs/forwardingpanel.h"
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
        m_generalTab = new QWidget(m_tabs);
        m_generalTab->setObjectName(QStringLiteral("generalTab"));
        content = new QVBoxLayout(m_generalTab);
        m_tabs->addTab(m_generalTab, QString());
        // A send-only account receives no mail: nothing to forward or answer.
        if (m_account.role != Account::Role::SendOnly) {
            m_forwardingPanel = new ForwardingPanel(m_services, m_account.address, m_tabs);
            m_tabs->addTab(m_forwardingPanel, QString());
            m_autoReplyPanel = new AutoReplyPanel(m_services, m_account.address, m_tabs);
            m_tabs->addTab(m_autoReplyPanel, QString());
        }
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
        m_passwordEdit = addPasswordRow(form, m_passwordLabel, QStringLiteral("passwordEdit"));
        m_confirmLabel = new QLabel(this);
        m_confirmEdit = addPasswordRow(form, m_confirmLabel, QStringLiteral("confirmEdit"));
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
        resize(860, 700); // room for the folder list and the forwarding options
    retranslateUi();
}

void AccountDialog::showTab(Tab tab)
{
    if (!m_tabs)
        return;
    QWidget *page = nullptr;
    switch (tab) {
    case Tab::General:
        page = m_generalTab;
        break;
    case Tab::Forwarding:
        page = m_forwardingPanel;
        break;
    case Tab::AutoReply:
        page = m_autoReplyPanel;
        break;
    case Tab::Mailboxes:
        page = m_mailboxPanel;
        break;
    }
    if (page)
        m_tabs->setCurrentWidget(page);
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
        m_tabs->setTabText(m_tabs->indexOf(m_generalTab), tr("General"));
        if (m_forwardingPanel) {
            //: Tab of the account details: the FAQ's 転送設定.
            m_tabs->setTabText(m_tabs->indexOf(m_forwardingPanel), tr("Forwarding"));
            //: Tab of the account details: the FAQ's 自動返信.
            m_tabs->setTabText(m_tabs->indexOf(m_autoReplyPanel), tr("Auto-Reply"));
        }
        m_tabs->setTabText(m_tabs->indexOf(m_mailboxPanel), tr("Mailboxes"));
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
    // The general fields one by one; the other tabs keep their own enabled
    // states, so they are held as a whole.
    for (QWidget *w : (m_generalTab ? m_generalTab : this)->findChildren<QLineEdit *>())
        w->setEnabled(!busy);
    for (QWidget *w :
         {static_cast<QWidget *>(m_forwardingPanel), static_cast<QWidget *>(m_autoReplyPanel)})
        if (w)
            w->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void AccountDialog::reject()
{
    // Not while mail is being deleted or forwarding stopped: the result would be lost.
    if (!m_busy && !(m_mailboxPanel && m_mailboxPanel->isBusy()) &&
        !(m_forwardingPanel && m_forwardingPanel->isStopping()))
        QDialog::reject();
}

void AccountDialog::accept()
{
    // Not while 転送を停止 runs: a save could cross it.
    if (m_busy || (m_forwardingPanel && m_forwardingPanel->isStopping()))
        return;
    if (const QString problem = checkFields(); !problem.isEmpty()) {
        showError(problem);
        showTab(Tab::General);
        return;
    }
    showError(QString());
    if (m_editing)
        return saveDetails();
    setBusy(true);
    AccountService::NewAccount n;
    n.address = address();
    n.displayName = m_displayNameEdit->text().trimmed();
    n.role = Account::Role(m_roleCombo->currentData().toInt());
    n.password = m_passwordEdit->text().toUtf8();
    n.quotaBytes = qint64(m_quotaSpin->value()) * kMiB;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services, n]() -> Result<void> {
            auto r = services->accounts().add(n);
            if (!r)
                return r.error();
            return {};
        },
        [this](Result<void> r) {
            setBusy(false);
            if (!r) {
                showError(ErrorText::describe(ErrorText::Action::AddAccount, r.error()),
                          r.error().message);
                return;
            }
            Q_EMIT accountSaved(address());
            QDialog::accept();
        });
}

namespace
{

// One tab's part of a save: what runs on the worker, and how its refusal is said.
struct SaveStep {
    AccountDialog::Tab tab;
    ErrorText::Action action;
    std::function<Result<void>()> work;
};

// How far a save got: steps before `failed` are stored; -1: all of them.
struct SaveOutcome {
    int failed = -1;
    Error error;
};

} // namespace

void AccountDialog::saveDetails()
{
    // The other tabs' own checks, each shown on its tab.
    if (m_forwardingPanel) {
        m_forwardingPanel->showError(QString());
        m_autoReplyPanel->showError(QString());
        if (const QString p = m_forwardingPanel->prepareSave(); !p.isEmpty()) {
            m_forwardingPanel->showError(p);
            return showTab(Tab::Forwarding);
        }
        if (const QString p = m_autoReplyPanel->checkFields(); !p.isEmpty()) {
            m_autoReplyPanel->showError(p);
            return showTab(Tab::AutoReply);
        }
    }
    const ConsoleServices *services = &m_services;
    const QString who = m_services.operatorName();
    QList<SaveStep> steps;
    const Account before = m_account;
    const Account::Role role = Account::Role(m_roleCombo->currentData().toInt());
    const qint64 quota = qint64(m_quotaSpin->value()) * kMiB;
    const QString displayName = m_displayNameEdit->text().trimmed();
    if (displayName != before.displayName || role != before.role || quota != before.quotaBytes)
        steps << SaveStep{
            Tab::General, ErrorText::Action::EditAccount,
            [services, before, displayName, role, quota]() -> Result<void> {
                AccountService accounts = services->accounts();
                if (displayName != before.displayName || role != before.role)
                    if (auto r = accounts.setProfile(before.address, displayName, role); !r)
                        return r;
                if (quota != before.quotaBytes)
                    return accounts.setQuota(before.address, quota, before.quotaMessages);
                return {};
            }};
    if (m_forwardingPanel && m_forwardingPanel->isModified())
        steps << SaveStep{
            Tab::Forwarding, ErrorText::Action::SaveForwarding,
            [services, who, address = before.address, rule = m_forwardingPanel->rule()] {
                return services->forwarding().setForward(address, rule, who);
            }};
    if (m_autoReplyPanel && m_autoReplyPanel->isModified())
        steps << SaveStep{
            Tab::AutoReply, ErrorText::Action::SaveAutoReply,
            [services, who, address = before.address, rule = m_autoReplyPanel->rule()] {
                const ForwardingService f = services->forwarding();
                return rule.enabled ? f.setAutoReply(address, rule, who)
                                    : f.disableAutoReply(address, who);
            }};
    if (steps.isEmpty()) {
        QDialog::accept(); // nothing changed
        return;
    }
    setBusy(true);
    QList<std::function<Result<void>()>> work;
    for (const SaveStep &step : std::as_const(steps))
        work << step.work;
    runInBackground(
        this,
        [work] {
            SaveOutcome outcome;
            for (int i = 0; i < work.size(); ++i)
                if (auto r = work.at(i)(); !r) {
                    outcome.failed = i;
                    outcome.error = r.error();
                    break;
                }
            return outcome;
        },
        [this, steps, displayName, role, quota](SaveOutcome outcome) {
            setBusy(false);
            const int stored = outcome.failed < 0 ? int(steps.size()) : outcome.failed;
            for (int i = 0; i < stored; ++i) {
                switch (steps.at(i).tab) {
                case Tab::General:
                    m_account.displayName = displayName;
                    m_account.role = role;
                    m_account.quotaBytes = quota;
                    break;
                case Tab::Forwarding:
                    m_forwardingPanel->markSaved();
                    break;
                case Tab::AutoReply:
                    m_autoReplyPanel->markSaved();
                    break;
                case Tab::Mailboxes:
                    break;
                }
            }
            if (stored > 0)
                Q_EMIT accountSaved(address());
            if (outcome.failed < 0) {
                QDialog::accept();
                return;
            }
            const SaveStep &step = steps.at(outcome.failed);
            const QString text = ErrorText::describe(step.action, outcome.error);
            if (step.tab == Tab::Forwarding)
                m_forwardingPanel->showError(text, outcome.error.message);
            else if (step.tab == Tab::AutoReply)
                m_autoReplyPanel->showError(text, outcome.error.message);
            else
                showError(text, outcome.error.message);
            showTab(step.tab);
        });
}

} // namespace fumibako
