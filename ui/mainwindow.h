// MainWindow: the console — a side navigation (Dashboard, Accounts, Send
// Queue, Sending Server, DKIM / SPF, Settings, Log) over a page stack, the
// menus (File, Server, View → Language, Help) and the tray icon. Closing the
// window hides it to the tray while the server keeps running; Quit stops the
// server gracefully first.
#pragma once

#include "consoleservices.h"
#include "servercontroller.h"

#include <QMainWindow>
#include <QSystemTrayIcon>

#include <optional>

class QAction;
class QActionGroup;
class QListWidget;
class QMenu;
class QStackedWidget;
class QLabel;

namespace fumibako
{

class AccountsPage;
class DashboardPage;
class DkimPage;
class LanguageManager;
class LogPage;
class QueuePage;
class SettingsPage;
class SmarthostPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page {
        DashboardPageIndex,
        AccountsPageIndex,
        QueuePageIndex,
        SmarthostPageIndex,
        DkimPageIndex,
        SettingsPageIndex,
        LogPageIndex,
        PageCount
    };

    MainWindow(const ConsoleServices &services, ServerController *server, LanguageManager *language,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    static std::optional<Page>
    pageFromName(const QString &name); // dashboard, accounts, queue, smarthost, dkim, settings, log

    DashboardPage *dashboardPage() const { return m_dashboard; }
    AccountsPage *accountsPage() const { return m_accounts; }
    QueuePage *queuePage() const { return m_queue; }
    SmarthostPage *smarthostPage() const { return m_smarthost; }
    DkimPage *dkimPage() const { return m_dkim; }
    SettingsPage *settingsPage() const { return m_settings; }
    LogPage *logPage() const { return m_log; }

public Q_SLOTS:
    // Stops the server (waiting for transactions under way), then quits the application.
    void quitGracefully();
    void showAndRaise();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createTray();
    void retranslateUi();
    void updateServerState();
    void about();

    const ConsoleServices &m_services;
    ServerController *m_server;
    LanguageManager *m_language;
    bool m_quitting = false;
    bool m_trayHintShown = false;

    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    DashboardPage *m_dashboard = nullptr;
    AccountsPage *m_accounts = nullptr;
    QueuePage *m_queue = nullptr;
    SmarthostPage *m_smarthost = nullptr;
    DkimPage *m_dkim = nullptr;
    SettingsPage *m_settings = nullptr;
    LogPage *m_log = nullptr;
    QLabel *m_serverStateLabel = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_serverMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;

    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_trayMenu = nullptr;
    QAction *m_showAction = nullptr;
};

} // namespace fumibako
