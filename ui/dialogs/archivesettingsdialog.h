// ArchiveSettingsDialog: the アーカイブの設定 the archive page opens — which
// local domains also keep their received mail (a checkbox per domain, applied
// at once; sent mail follows the archive.sent setting) and the search users
// (検索ユーザー): the list, Add (ArchiveSearchUserDialog) and Delete after a
// question. Every service call runs off the GUI thread, one at a time, and the
// lists are read again after each; a refusal is said in the dialog's words.
// ArchiveSearchUserDialog: a new search user — name, password twice, and
// every account or only those checked; it stays open on a refusal.
#pragma once

#include "consoleservices.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QStandardItemModel;
class QTableView;

namespace fumibako
{

class ArchiveSearchUserModel;
class ServerController;

class ArchiveSearchUserDialog : public QDialog
{
    Q_OBJECT
public:
    // `accounts`: the local accounts the user may be limited to.
    ArchiveSearchUserDialog(const ConsoleServices &services, const QStringList &accounts,
                            QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    QString name() const;
    QStringList chosenAccounts() const; // empty: every account

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void searchUserAdded(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QString checkFields() const;
    void setBusy(bool busy);
    void showError(const QString &text, const QString &detail = QString());
    void updateState();

    const ConsoleServices &m_services;
    bool m_busy = false;

    QLabel *m_intro = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_nameNote = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirmEdit = nullptr;
    QLabel *m_passwordNote = nullptr;
    QLabel *m_accountsLabel = nullptr;
    QRadioButton *m_allRadio = nullptr;
    QRadioButton *m_chosenRadio = nullptr;
    QListWidget *m_accountList = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

class ArchiveSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `server` (may be null) gives the web address search users sign in at.
    ArchiveSettingsDialog(const ConsoleServices &services, ServerController *server,
                          QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // One row per local domain, both columns with ArchiveDomainRole: the
    // domain, and KeepColumn checked when its received mail is kept.
    enum DomainColumn { DomainNameColumn, KeepColumn };
    QStandardItemModel *domainModel() const { return m_domainModel; }
    QTableView *domainView() const { return m_domainView; }
    ArchiveSearchUserModel *userModel() const { return m_userModel; }
    QTableView *userView() const { return m_userView; }
    bool isLoaded() const { return m_loaded; } // the first load has been shown

    void reject() override;

public Q_SLOTS:
    void reload();
    // The dialog for a new search user (window-modal; null while busy).
    ArchiveSearchUserDialog *addSearchUser();
    // Asks, then deletes the selected search user.
    void deleteSelected();

Q_SIGNALS:
    void loaded(); // after each load, successful or not
    void actionFailed(const fumibako::Error &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void updateSignIn();
    void showMessage(const QString &text, bool error, const QString &detail = QString());
    void setKeepReceived(const QString &domain, bool keep);
    // Runs `work` off the GUI thread; a failure in words for `action`; then reload().
    void runChange(std::function<Result<void>()> work, int action, const QString &done);

    const ConsoleServices &m_services;
    ServerController *m_server;
    bool m_busy = false;   // a change under way
    bool m_loaded = false; // a load has been shown
    int m_loadGeneration = 0;
    bool m_filling = false; // the domain list is being filled: no change to apply
    bool m_keepSent = true; // archive.sent
    QStringList m_accounts; // the local accounts, for the add dialog

    QGroupBox *m_receivedBox = nullptr;
    QLabel *m_receivedIntro = nullptr;
    QLabel *m_sentNote = nullptr;
    QStandardItemModel *m_domainModel = nullptr;
    QTableView *m_domainView = nullptr;
    QGroupBox *m_usersBox = nullptr;
    QLabel *m_usersIntro = nullptr;
    QLabel *m_signInLabel = nullptr;
    ArchiveSearchUserModel *m_userModel = nullptr;
    QTableView *m_userView = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QLabel *m_messageLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace fumibako
