// PasswordDialog: the administrator sets a new password for an account
// (typed twice). Passwords are hashed and never shown: the admin resets,
// never reads. The hashing (scrypt) runs off the GUI thread.
#pragma once

#include "consoleservices.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace fumibako
{

class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    PasswordDialog(const ConsoleServices &services, QString address, QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    void accept() override;
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    void showError(const QString &text, const QString &detail = QString());

    const ConsoleServices &m_services;
    QString m_address;
    bool m_busy = false;
    QLabel *m_intro = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirmEdit = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace fumibako
