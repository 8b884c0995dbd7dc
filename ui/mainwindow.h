// MainWindow: the console — a side navigation over a page stack, both built
// from the PageRegistry, the menus (File, Server, View → Language, Help) and
// the tray icon. The status bar says whether the server runs and, from any
// page, when settings changes wait for its restart (a click opens Settings,
// where the restart button is). Closing the
// window hides it to the tray while the server keeps running; Quit stops the
// server gracefully first.
#pragma once

#include "consoleservices.h"
#include "servercontroller.h"

#include <QMainWindow>
#include <QSystemTrayIcon>

#include <QList>

class QAction;
class QActionGroup;
class QListWidget;
class QMenu;
class QStackedWidget;
class QLabel;
class QToolButton;

namespace fumibako
{

class LanguageManager;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const ConsoleServices &services, ServerController *server, LanguageManager *language,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Pages by their PageRegistry id ("dashboard", "accounts", ...).
    bool showPage(const QString &id); // false: no such page
    QString currentPageId() const;
    QWidget *page(const QString &id) const; // null: no such page
    // The page of class P (each appears once), or null.
    template <typename P> P *page() const
    {
        for (QWidget *w : m_pages)
            if (auto *p = qobject_cast<P *>(w))
                return p;
        return nullptr;
    }

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
    void updatePendingRestart();
    void about();

    const ConsoleServices &m_services;
    ServerController *m_server;
    LanguageManager *m_language;
    bool m_quitting = false;
    bool m_trayHintShown = false;

    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<QWidget *> m_pages; // in PageRegistry order, as in m_nav and m_stack
    QLabel *m_serverStateLabel = nullptr;
    QToolButton *m_pendingRestartButton = nullptr;

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
