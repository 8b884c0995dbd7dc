// MailboxPanel: the "Mailboxes" tab of the account details — the account's
// folders with their message counts and used space, and "Empty Mailbox"
// (the reference service's メールボックスの初期化): after a confirmation that
// names the account and the number of messages, every message in the INBOX
// is deleted for good; the other folders are kept. Reading and emptying run
// off the GUI thread.
#pragma once

#include "consoleservices.h"
#include "widgets/errortext.h"

#include <QMessageBox>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace fumibako
{

class MailboxTableModel;

class MailboxPanel : public QWidget
{
    Q_OBJECT
public:
    MailboxPanel(const ConsoleServices &services, const QString &address,
                 QWidget *parent = nullptr);

    MailboxTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void refresh();
    // Re-reads the folders, then asks for confirmation and empties the INBOX.
    void emptyInbox();

Q_SIGNALS:
    void refreshed();
    // The INBOX was emptied (the account's used space changed).
    void inboxEmptied(qint64 removed);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    void updateTotals();
    void updateButtons();
    void load(std::function<void()> then);
    void confirmEmpty();
    void runEmpty();
    void report(QMessageBox::Icon icon, const QString &text, const QString &detail = QString());

    const ConsoleServices &m_services;
    const QString m_address;
    MailboxTableModel *m_model;
    bool m_busy = false;
    bool m_loaded = false;

    QLabel *m_intro = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_emptyButton = nullptr;
};

} // namespace fumibako
