#include "mainwindow.h"

#include "languagemanager.h"
#include "pageregistry.h"
#include "widgets/appicon.h"
#include "widgets/settingnames.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace fumibako
{

MainWindow::MainWindow(const ConsoleServices &services, ServerController *server,
                       LanguageManager *language, QWidget *parent)
    : QMainWindow(parent), m_services(services), m_server(server), m_language(language)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(AppIcon::icon());

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_nav = new QListWidget(central);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setSpacing(2);
    m_nav->setFixedWidth(190);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setStyleSheet(
        QStringLiteral("QListWidget { background: palette(window); font-size: 11pt; }"
                       "QListWidget::item { padding: 8px 6px; border-radius: 4px; }"
                       "QListWidget::item:selected { background: #8e1b17; color: white; }"));

    m_stack = new QStackedWidget(central);
    const PageContext context{services, server};
    for (const PageDescriptor &descriptor : PageRegistry::pages()) {
        auto *item = new QListWidgetItem(style()->standardIcon(descriptor.icon), QString(), m_nav);
        item->setData(Qt::UserRole, descriptor.id);
        m_pages.append(descriptor.create(context, m_stack));
        m_stack->addWidget(m_pages.last());
    }
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(0);

    m_pendingRestartButton = new QToolButton(this);
    m_pendingRestartButton->setObjectName(QStringLiteral("restartPendingIndicator"));
    m_pendingRestartButton->setAutoRaise(true);
    m_pendingRestartButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pendingRestartButton->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_pendingRestartButton->hide();
    statusBar()->addPermanentWidget(m_pendingRestartButton);
    m_serverStateLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_serverStateLabel);
    connect(m_pendingRestartButton, &QToolButton::clicked, this,
            [this] { showPage(QStringLiteral("settings")); });
    connect(m_server, &ServerController::pendingRestartChanged, this,
            &MainWindow::updatePendingRestart);

    createActions();
    createTray();
    connect(m_server, &ServerController::stateChanged, this, &MainWindow::updateServerState);
    if (m_language)
        connect(m_language, &LanguageManager::languageChanged, this, [this](const QString &code) {
            for (QAction *a : m_languageGroup->actions())
                a->setChecked(a->data().toString() == code);
        });
    retranslateUi();
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), this, &MainWindow::quitGracefully);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_serverMenu = menuBar()->addMenu(QString());
    m_startAction = m_serverMenu->addAction(QString(), m_server, [this] { m_server->start(); });
    m_stopAction = m_serverMenu->addAction(QString(), m_server, [this] { m_server->stop(); });
    m_restartAction = m_serverMenu->addAction(QString(), m_server, [this] { m_server->restart(); });

    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    for (const QString &code : LanguageManager::available()) {
        QAction *a = m_languageMenu->addAction(LanguageManager::nativeName(code));
        a->setData(code);
        a->setCheckable(true);
        a->setChecked(m_language && m_language->current() == code);
        m_languageGroup->addAction(a);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this, [this](QAction *a) {
        if (m_language)
            m_language->apply(a->data().toString(), true);
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::about);
    m_aboutAction->setMenuRole(QAction::AboutRole);
}

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(AppIcon::icon(AppIcon::Badge::Stopped), this);
    m_trayMenu = new QMenu(this);
    m_showAction = m_trayMenu->addAction(QString(), this, &MainWindow::showAndRaise);
    m_trayMenu->addAction(m_restartAction);
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(m_quitAction);
    m_tray->setContextMenu(m_trayMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    showAndRaise();
            });
    m_tray->show();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Fumibako Mail Server"));
    const QList<PageDescriptor> &pages = PageRegistry::pages();
    for (qsizetype i = 0; i < pages.size(); ++i) {
        m_nav->item(int(i))->setText(pages[i].title());
        m_nav->item(int(i))->setToolTip(pages[i].toolTip ? pages[i].toolTip() : QString());
    }
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_serverMenu->setTitle(tr("&Server"));
    m_startAction->setText(tr("&Start Server"));
    m_stopAction->setText(tr("S&top Server"));
    m_restartAction->setText(tr("&Restart Server"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Fumibako"));
    if (m_showAction)
        m_showAction->setText(tr("&Open Console"));
    updateServerState();
    updatePendingRestart();
}

void MainWindow::updatePendingRestart()
{
    const QStringList &pending = m_server->pendingRestart();
    m_pendingRestartButton->setVisible(!pending.isEmpty());
    m_pendingRestartButton->setText(tr("Restart needed for setting changes"));
    m_pendingRestartButton->setToolTip(
        tr("Waiting for a restart of the mail server: %1. Click to open Settings.")
            .arg(SettingNames::list(pending)));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::updateServerState()
{
    using S = ServerController::State;
    const S state = m_server->state();
    QString text;
    switch (state) {
    case S::Running:
        text = tr("Server: running");
        break;
    case S::Starting:
        text = tr("Server: starting…");
        break;
    case S::Stopping:
        text = tr("Server: stopping…");
        break;
    case S::Stopped:
        text = tr("Server: stopped");
        break;
    case S::Failed:
        text = tr("Server: could not start");
        break;
    }
    m_serverStateLabel->setText(text);
    m_startAction->setEnabled(state == S::Stopped || state == S::Failed);
    m_stopAction->setEnabled(state == S::Running);
    m_restartAction->setEnabled(state == S::Running || state == S::Stopped || state == S::Failed);
    if (m_tray) {
        m_tray->setIcon(
            AppIcon::icon(state == S::Running ? AppIcon::Badge::Running : AppIcon::Badge::Stopped));
        m_tray->setToolTip(tr("Fumibako Mail Server") + QLatin1Char('\n') + text);
    }
}

bool MainWindow::showPage(const QString &id)
{
    const qsizetype index = PageRegistry::indexOf(id);
    if (index < 0)
        return false;
    m_nav->setCurrentRow(int(index));
    return true;
}

QString MainWindow::currentPageId() const
{
    const int index = m_stack->currentIndex();
    return index < 0 ? QString() : PageRegistry::pages().at(index).id;
}

QWidget *MainWindow::page(const QString &id) const
{
    const qsizetype index = PageRegistry::indexOf(id);
    return index < 0 ? nullptr : m_pages.at(index);
}

void MainWindow::showAndRaise()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting) {
        event->accept();
        return;
    }
    if (m_tray && m_tray->isVisible()) {
        // The server keeps running; the console is one click away in the tray.
        hide();
        event->ignore();
        if (!m_trayHintShown) {
            m_trayHintShown = true;
            m_tray->showMessage(
                tr("Fumibako keeps running"),
                tr("The mail server keeps running in the background. To quit, use Quit in the "
                   "tray icon's menu."),
                QSystemTrayIcon::Information, 5000);
        }
        return;
    }
    // No tray to hide in: closing the window means quitting.
    event->ignore();
    QMessageBox box(QMessageBox::Question, tr("Quit Fumibako"),
                    tr("Closing the console stops the mail server: mail can no longer be received "
                       "or sent until it "
                       "is started again. Quit?"),
                    QMessageBox::NoButton, this);
    QPushButton *quit = box.addButton(tr("Stop and Quit"), QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.exec();
    if (box.clickedButton() == quit)
        quitGracefully();
}

void MainWindow::quitGracefully()
{
    if (m_quitting)
        return;
    m_quitting = true;
    statusBar()->showMessage(tr("Stopping the mail server…"));
    setEnabled(false);
    auto finish = [] { QCoreApplication::quit(); };
    connect(m_server, &ServerController::stateChanged, this, [finish](ServerController::State s) {
        if (s == ServerController::State::Stopped || s == ServerController::State::Failed)
            finish();
    });
    // A session that never ends must not keep the console from quitting.
    QTimer::singleShot(20000, this, finish);
    m_server->stop(10000);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Fumibako"),
        tr("<h3>Fumibako %1</h3><p>A mail server for small companies.</p><p>Data folder: %2</p>")
            .arg(QStringLiteral(FUMIBAKO_VERSION),
                 QDir::toNativeSeparators(m_services.dataDir().path()).toHtmlEscaped()));
}

} // namespace fumibako
