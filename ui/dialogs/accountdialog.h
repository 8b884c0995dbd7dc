// AccountDialog: add an account (address, display name, role, quota,
// password twice) or edit one (display name, role, quota). The fields are
// checked in the console's words first; then the service call runs off the
// GUI thread and the dialog closes only when it succeeded, so a refusal
// (address already registered, ...) is shown where it can be corrected.
// In edit mode the dialog is the account's details: a "General" tab with
// those fields, the 転送設定 and 自動返信 tabs (ForwardingPanel,
// AutoReplyPanel; not for a send-only account, which receives nothing) and a
// "Mailboxes" tab (MailboxPanel: folders, counts, sizes, emptying the INBOX).
// Save stores what changed on any tab in one background job; a refusal is
// shown on its tab, which comes to the front.
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

class AutoReplyPanel;
class ForwardingPanel;
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
    enum class Tab { General, Forwarding, AutoReply, Mailboxes };
    // Edit mode only (null when adding; the forwarding and auto-reply tabs
    // also for a send-only account): the tabs' panels.
    MailboxPanel *mailboxPanel() const { return m_mailboxPanel; }
    ForwardingPanel *forwardingPanel() const { return m_forwardingPanel; }
    AutoReplyPanel *autoReplyPanel() const { return m_autoReplyPanel; }
    void showTab(Tab tab);
    void showMailboxes() { showTab(Tab::Mailboxes); }

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
    void saveDetails();

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
    QWidget *m_generalTab = nullptr;
    MailboxPanel *m_mailboxPanel = nullptr;
    ForwardingPanel *m_forwardingPanel = nullptr;
    AutoReplyPanel *m_autoReplyPanel = nullptr;
};

} // namespace fumibako
