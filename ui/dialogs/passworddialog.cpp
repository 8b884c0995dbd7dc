#include "passworddialog.h"

#include "background.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fumibako
{

PasswordDialog::PasswordDialog(const ConsoleServices &services, QString address, QWidget *parent)
    : QDialog(parent), m_services(services), m_address(std::move(address))
{
    setObjectName(QStringLiteral("passwordDialog"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_passwordLabel = new QLabel(this);
    m_passwordEdit = addPasswordRow(form, m_passwordLabel, QStringLiteral("passwordEdit"));
    m_confirmLabel = new QLabel(this);
    m_confirmEdit = addPasswordRow(form, m_confirmLabel, QStringLiteral("confirmEdit"));
    layout->addLayout(form);
    m_note = makeNote(this);
    layout->addWidget(m_note);
    m_errorLabel = makeErrorLabel(this);
    layout->addWidget(m_errorLabel);
    layout->addStretch(1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PasswordDialog::reject);
    setMinimumWidth(460);
    retranslateUi();
}

void PasswordDialog::retranslateUi()
{
    setWindowTitle(tr("Reset Password"));
    m_intro->setText(tr("Set a new password for %1.").arg(m_address));
    m_passwordLabel->setText(tr("&New password:"));
    m_confirmLabel->setText(tr("Con&firm new password:"));
    m_note->setText(
        tr("At least %1 characters. The old password stops working at once; mail programs using it "
           "must be given the new one.")
            .arg(AccountService::kMinPasswordLength));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Reset Password"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void PasswordDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void PasswordDialog::showError(const QString &text, const QString &detail)
{
    m_errorLabel->setText(text);
    m_errorLabel->setToolTip(detail);
    m_errorLabel->setVisible(!text.isEmpty());
}

void PasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->setEnabled(!busy);
    m_passwordEdit->setEnabled(!busy);
    m_confirmEdit->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void PasswordDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

void PasswordDialog::accept()
{
    if (m_busy)
        return;
    if (const QString p =
            InputCheck::passwordProblem(m_passwordEdit->text(), m_confirmEdit->text());
        !p.isEmpty()) {
        showError(p);
        return;
    }
    showError(QString());
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services, address = m_address, password = m_passwordEdit->text().toUtf8()] {
            return services->accounts().setPassword(address, password);
        },
        [this](Result<void> r) {
            setBusy(false);
            if (!r) {
                showError(ErrorText::describe(ErrorText::Action::SetPassword, r.error()),
                          r.error().message);
                return;
            }
            QDialog::accept();
        });
}

} // namespace fumibako
