// AccountDialog: add an account (address, display name, role, quota,
// password twice) or edit one (display name, role, quota). The fields are
// checked in the console's words first; then the service call runs off the
// GUI thread and the dialog closes only when it succeeded, so a refusal
// (address already registered, ...) is shown where it can be corrected.
// In edit mode the dialog is the account's details: a "General" tab with
// those fields and a "Mailboxes" tab (MailboxPanel: folders, counts, sizes,
// emptying the INBOX).
#pragma once

#include "consoleservices.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace fumibako
{

class MailboxPanel;

class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    // Add mode: a new account in one of `domains`.
    AccountDialog(const ConsoleServices &services, const QStringList &domains,
                  QWidget *parent = nullptr);
    // Edit mode: display name, role and quota of `account`.
    AccountDialog(const ConsoleServices &services, const Account &account,
                  QWidget *parent = nullptr);

    bool isEditing() const { return m_editing; }
    bool isBusy() const { return m_busy; }
    QString address() const; // normalized
    // Edit mode only (null when adding): the Mailboxes tab.
    MailboxPanel *mailboxPanel() const { return m_mailboxPanel; }
    void showMailboxes();

    void accept() override;
    void reject() override;

    static constexpr qint64 kMiB = 1024 * 1024;

Q_SIGNALS:
    void accountSaved(const QString &address);
    // Mail was deleted from the Mailboxes tab: the account's used space changed.
    void mailboxesChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslateUi();
    QString checkFields() const;
    void setBusy(bool busy);
    void showError(const QString &text, const QString &detail = QString());

    const ConsoleServices &m_services;
    const bool m_editing;
    Account m_account; // edit mode: the account as it was
    QStringList m_domains;
    bool m_busy = false;

    QLabel *m_intro = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_localPartEdit = nullptr;
    QComboBox *m_domainCombo = nullptr;
    QLabel *m_addressValue = nullptr;
    QLabel *m_displayNameLabel = nullptr;
    QLineEdit *m_displayNameEdit = nullptr;
    QLabel *m_roleLabel = nullptr;
    QComboBox *m_roleCombo = nullptr;
    QLabel *m_roleNote = nullptr;
    QLabel *m_quotaLabel = nullptr;
    QSpinBox *m_quotaSpin = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirmEdit = nullptr;
    QLabel *m_passwordNote = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTabWidget *m_tabs = nullptr;
    MailboxPanel *m_mailboxPanel = nullptr;
};

} // namespace fumibako
