// AccountImportDialog: accounts from a CSV file (アカウントの一括登録). It
// reads the file and shows, line by line, what an import would do
// (AccountCsv::plan(), nothing changes); one refused line and the import
// stays disabled until the file is corrected. 取り込む runs the import off
// the GUI thread, all or nothing; the passwords generated for new accounts
// are then shown once, with a button that copies them.
#pragma once

#include "consoleservices.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fumibako
{

class AccountImportModel;

class AccountImportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class State {
        Reading,   // the file is read and checked
        Failed,    // the file could not be read or is not an accounts CSV
        Preview,   // the plan is shown; import is possible when no line is refused
        Importing, // import() runs
        Imported,  // done: the outcome (and any generated passwords) is shown
    };
    Q_ENUM(State)

    AccountImportDialog(const ConsoleServices &services, QWidget *parent = nullptr);

    // Reads `path` and shows its plan (off the GUI thread).
    void loadFile(const QString &path);
    // The import of the loaded file (the 取り込む button).
    void startImport();
    // address<TAB>password lines of the generated passwords, to the clipboard.
    void copyPasswords();

    State state() const { return m_state; }
    bool isBusy() const { return m_state == State::Reading || m_state == State::Importing; }
    AccountImportModel *model() const { return m_model; }
    QSortFilterProxyModel *passwordModel() const { return m_passwords; }

    void reject() override;
    void done(int result) override;

Q_SIGNALS:
    void stateChanged(fumibako::AccountImportDialog::State state);
    // The accounts have changed (the page reloads its list).
    void imported();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setState(State state);
    void showFailure(const QString &text, const QString &detail = QString());

    const ConsoleServices &m_services;
    AccountImportModel *m_model;
    QSortFilterProxyModel *m_passwords;
    State m_state = State::Reading;
    QString m_path;
    QByteArray m_csv;
    QString m_failure, m_failureDetail;

    QLabel *m_intro = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_refusedLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QWidget *m_passwordPanel = nullptr;
    QLabel *m_passwordWarning = nullptr;
    QTableView *m_passwordView = nullptr;
    QPushButton *m_copyButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_importButton = nullptr;
};

} // namespace fumibako
