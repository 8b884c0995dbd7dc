// The console as app/fumibako wires it: a real MailServer in its own thread
// on free ports, the main window's dashboard fed by status snapshots, the
// log page reading the server's log, a runtime language switch, and a
// graceful stop; a settings change made outside the console that waits for a
// restart shows in the status bar and on the dashboard until the restart.
#include "testregistry.h"
#include "uitest.h"

#include "consoleservices.h"
#include "itemroles.h"
#include "languagemanager.h"
#include "listenertablemodel.h"
#include "logtablemodel.h"
#include "mainwindow.h"
#include "pageregistry.h"
#include "pages/dashboardpage.h"
#include "pages/logpage.h"
#include "screenshot.h"
#include "servercontroller.h"
#include "widgets/errortext.h"

#include "service/datadir.h"
#include "service/settings.h"
#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

#include <memory>

using namespace fumibako;

namespace
{

// What main() wires for the console, on a new data folder, in English.
struct Console {
    QTemporaryDir tmp;
    DataDir dir{tmp.filePath(QStringLiteral("data"))};
    std::unique_ptr<Database> db;
    std::unique_ptr<ConsoleServices> services;
    LanguageManager language{tmp.filePath(QStringLiteral("console.ini"))};

    bool open()
    {
        if (!dir.initialize(
                {QStringLiteral("example.co.jp"), QStringLiteral("mail.example.co.jp")}))
            return false;
        db = std::make_unique<Database>(dir.databaseFile());
        if (!db->migrate())
            return false;
        services = std::make_unique<ConsoleServices>(*db, dir);
        language.apply(QStringLiteral("en"));
        return true;
    }
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsServerAndShowsStatus();
    void reportsBusyPort();
    void showsPendingRestartOutsideSettings();
    void navigationFollowsRegistry();
    void screenshotNames();
    void screenshotsPageAndDialog();
};

void TestMainWindow::runsServerAndShowsStatus()
{
    Console console;
    QVERIFY(console.open());
    const ConsoleServices &services = *console.services;
    const DataDir &dir = console.dir;
    LanguageManager &language = console.language;
    const QTemporaryDir &tmp = console.tmp;

    MailServer::Options options = test::serverOnFreePorts(dir.path());
    {
        ServerController server(options);
        MainWindow window(services, &server, &language);
        QAbstractItemModelTester tester(window.page<DashboardPage>()->listenerModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        server.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Running, 20000);

        // Every listener shows as listening on a real port.
        ListenerTableModel *listeners = window.page<DashboardPage>()->listenerModel();
        QTRY_COMPARE_WITH_TIMEOUT(listeners->rowCount(), int(MailServer::listenerNames().size()),
                                  10000);
        QTRY_VERIFY_WITH_TIMEOUT(listeners->index(0, 0).data(ListenerListeningRole).toBool(),
                                 10000);
        quint16 smtpPort = 0;
        for (int row = 0; row < listeners->rowCount(); ++row) {
            const QModelIndex i = listeners->index(row, 0);
            QVERIFY(i.data(ListenerListeningRole).toBool());
            QVERIFY(i.data(ListenerPortRole).toInt() > 0);
            if (i.data(ListenerNameRole).toString() == QLatin1String("smtp"))
                smtpPort = quint16(i.data(ListenerPortRole).toInt());
        }
        QVERIFY(smtpPort > 0);
        QVERIFY(server.status().certificateExpiry.isValid());
        // The dashboard names where the Spam Summary's release links go: the web listener.
        QTRY_VERIFY_WITH_TIMEOUT(!server.status().webUrl.isEmpty(), 10000);
        auto *webUrl =
            window.page<DashboardPage>()->findChild<QLabel *>(QStringLiteral("webUrlLabel"));
        QVERIFY(webUrl);
        QTRY_VERIFY_WITH_TIMEOUT(webUrl->isVisible(), 10000);
        QVERIFY(webUrl->text().contains(server.status().webUrl));
        QVERIFY(server.status().webUrl.startsWith(QLatin1String("https://")));

        // The server answers on the port the dashboard shows.
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, smtpPort);
        QVERIFY(client.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0 || client.waitForReadyRead(100),
                                 10000);
        QVERIFY(client.readLine().startsWith("220"));
        client.write("QUIT\r\n");
        client.waitForBytesWritten(1000);
        client.disconnectFromHost();

        // The log page shows the server's own "started" entry.
        QVERIFY(window.showPage(QStringLiteral("log")));
        LogTableModel *log = window.page<LogPage>()->model();
        QAbstractItemModelTester logTester(log,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto hasStart = [log] {
            for (int row = 0; row < log->rowCount(); ++row)
                if (log->index(row, 0).data(LogKindRole).toInt() == int(LogEntry::Kind::System))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT((window.page<LogPage>()->refresh(), hasStart()), 10000);
        // Filtering by type leaves only that type.
        auto *kind = window.page<LogPage>()->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        kind->setCurrentIndex(kind->findData(int(LogEntry::Kind::AuthFailure)));
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 0, 10000);

        // Switching the language retranslates the navigation at once.
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QListWidgetItem *accounts =
            nav->item(int(PageRegistry::indexOf(QStringLiteral("accounts"))));
        const QString english = accounts->text();
        language.apply(QStringLiteral("ja"), true);
        QCoreApplication::processEvents();
        QVERIFY(accounts->text() != english);
        QCOMPARE(LanguageManager(tmp.filePath(QStringLiteral("console.ini"))).preferred(),
                 QStringLiteral("ja"));
        language.apply(QStringLiteral("en"), true);
        QCoreApplication::processEvents();
        QCOMPARE(accounts->text(), english);

        // Restart, then a graceful stop.
        QSignalSpy states(&server, &ServerController::stateChanged);
        server.restart(2000);
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty() &&
                                     states.last().first().value<ServerController::State>() ==
                                         ServerController::State::Running,
                                 20000);
        QCOMPARE(states.first().first().value<ServerController::State>(),
                 ServerController::State::Stopping);
        QTRY_VERIFY_WITH_TIMEOUT(listeners->index(0, 0).data(ListenerListeningRole).toBool(),
                                 10000);
        server.stop(2000);
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Stopped, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!listeners->index(0, 0).data(ListenerListeningRole).toBool(),
                                 10000);
    }
    QThreadPool::globalInstance()->waitForDone();
}

void TestMainWindow::reportsBusyPort()
{
    QTemporaryDir tmp;
    DataDir dir(tmp.filePath(QStringLiteral("data")));
    QVERIFY(dir.initialize({QStringLiteral("example.co.jp"), QStringLiteral("mail.example.co.jp")})
                .has_value());
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    MailServer::Options options = test::serverOnFreePorts(dir.path());
    options.ports.insert(QStringLiteral("pop3"), squatter.serverPort());
    ServerController server(options);
    QSignalSpy failed(&server, &ServerController::startFailed);
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Failed, 20000);
    QCOMPARE(failed.count(), 1);
    // The console names the port in its own words (the number is not translated).
    const QString text = ErrorText::describe(ErrorText::Action::StartServer, server.lastError());
    QVERIFY2(text.contains(QString::number(squatter.serverPort())), qPrintable(text));
    // Nothing was left listening: with the port free, a start succeeds.
    squatter.close();
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Running, 20000);
    server.stop(1000);
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Stopped, 20000);
}

// fumibakoctl changes the host name while the console runs: whatever page is
// open, the status bar says a restart is needed (a click opens Settings), the
// dashboard says it too, and both go once the server has restarted.
void TestMainWindow::showsPendingRestartOutsideSettings()
{
    Console console;
    QVERIFY(console.open());
    MailServer::Options options = test::serverOnFreePorts(console.dir.path());
    {
        ServerController server(options);
        MainWindow window(*console.services, &server, &console.language);
        window.show();
        window.showPage(QStringLiteral("log"));
        server.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Running, 20000);
        auto *indicator =
            window.findChild<QToolButton *>(QStringLiteral("restartPendingIndicator"));
        auto *note =
            window.page<DashboardPage>()->findChild<QLabel *>(QStringLiteral("restartPendingNote"));
        QVERIFY(indicator && note);
        QVERIFY(!indicator->isVisible());
        QVERIFY(note->isHidden());

        QVERIFY(Settings::store(*console.db, QStringLiteral("server.hostname"),
                                QStringLiteral("mail2.example.co.jp")));
        QTRY_VERIFY_WITH_TIMEOUT(indicator->isVisible(), 10000);
        QVERIFY(!note->isHidden());
        QVERIFY(!indicator->text().isEmpty());
        indicator->click();
        QCOMPARE(window.currentPageId(), QStringLiteral("settings"));

        server.restart(2000);
        QTRY_VERIFY_WITH_TIMEOUT(
            server.state() == ServerController::State::Running && !indicator->isVisible(), 20000);
        QVERIFY(note->isHidden());
        server.stop(2000);
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), ServerController::State::Stopped, 20000);
    }
    QThreadPool::globalInstance()->waitForDone();
}

// The navigation and the page stack are the registry's pages, in its order,
// and each registry id shows its own page.
void TestMainWindow::navigationFollowsRegistry()
{
    Console console;
    QVERIFY(console.open());
    LanguageManager &language = console.language;
    MailServer::Options options;
    options.dataDir = console.dir.path();
    {
        ServerController server(options); // never started: the pages need only its signals
        MainWindow window(*console.services, &server, &language);
        window.show();
        const QList<PageDescriptor> &pages = PageRegistry::pages();
        QVERIFY(!pages.isEmpty());
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        auto *stack = window.findChild<QStackedWidget *>();
        QCOMPARE(nav->count(), int(pages.size()));
        QCOMPARE(stack->count(), int(pages.size()));
        QCOMPARE(window.currentPageId(), pages.first().id);
        QSet<QString> ids;
        QSet<QWidget *> widgets;
        for (qsizetype i = 0; i < pages.size(); ++i) {
            const PageDescriptor &descriptor = pages[i];
            QVERIFY2(!descriptor.id.isEmpty() && !ids.contains(descriptor.id),
                     qPrintable(descriptor.id));
            ids.insert(descriptor.id);
            QCOMPARE(nav->item(int(i))->data(Qt::UserRole).toString(), descriptor.id);
            QCOMPARE(nav->item(int(i))->text(), descriptor.title());
            QVERIFY(!nav->item(int(i))->icon().isNull());

            QVERIFY(window.showPage(descriptor.id));
            QCOMPARE(window.currentPageId(), descriptor.id);
            QCOMPARE(nav->currentRow(), int(i));
            QWidget *page = window.page(descriptor.id);
            QVERIFY(page);
            QVERIFY(!widgets.contains(page));
            widgets.insert(page);
            QCOMPARE(stack->currentWidget(), page);
            QVERIFY(page->isVisible());
        }
        QVERIFY(!window.showPage(QStringLiteral("no-such-page")));
        QVERIFY(!window.page(QStringLiteral("no-such-page")));
        QCOMPARE(PageRegistry::indexOf(QStringLiteral("no-such-page")), qsizetype(-1));
        // The page of a class is the one its id names.
        QCOMPARE(window.page<LogPage>(), window.page(QStringLiteral("log")));
        QCOMPARE(window.page<DashboardPage>(), window.page(QStringLiteral("dashboard")));

        // A language switch retranslates every entry, tooltips included.
        language.apply(QStringLiteral("ja"), true);
        QCoreApplication::processEvents();
        for (qsizetype i = 0; i < pages.size(); ++i) {
            QCOMPARE(nav->item(int(i))->text(), pages[i].title());
            QCOMPARE(nav->item(int(i))->toolTip(),
                     pages[i].toolTip ? pages[i].toolTip() : QString());
        }
        QVERIFY(nav->item(0)->text() != QLatin1String("Dashboard"));
        language.apply(QStringLiteral("en"), true);
        QCoreApplication::processEvents();
    }
    QThreadPool::globalInstance()->waitForDone();
}

// Every name --screenshot has taken keeps working, and every page of the
// registry is one.
void TestMainWindow::screenshotNames()
{
    const QStringList names = ScreenshotRunner::names();
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    const char *const before[] = {"wizard",    "wizard-domain", "wizard-ports",  "wizard-summary",
                                  "dashboard", "accounts",      "add-account",   "password",
                                  "queue",     "queue-delete",  "queue-headers", "smarthost",
                                  "dkim",      "dkim-activate", "dkim-delete",   "settings",
                                  "log"};
    for (const char *name : before)
        QVERIFY2(names.contains(QLatin1String(name)), name);
    for (const PageDescriptor &page : PageRegistry::pages()) {
        QVERIFY2(names.contains(page.id), qPrintable(page.id));
        QVERIFY(!ScreenshotRunner(page.id, QString()).isWizardStep());
    }
    QVERIFY(ScreenshotRunner(QStringLiteral("wizard-summary"), QString()).isWizardStep());
    QVERIFY(!ScreenshotRunner(QStringLiteral("no-such-page"), QString()).isKnown());
}

// A page's picture is of the whole window on that page; a dialog's is of the
// dialog alone, opened over its page.
void TestMainWindow::screenshotsPageAndDialog()
{
    Console console;
    QVERIFY(console.open());
    MailServer::Options options;
    options.dataDir = console.dir.path();
    {
        ServerController server(options); // never started
        MainWindow window(*console.services, &server, &console.language);
        window.show();
        bool done = false;

        const QString pageFile = console.tmp.filePath(QStringLiteral("log.png"));
        ScreenshotRunner(QStringLiteral("log"), pageFile).run(window, [&done] { done = true; });
        QCOMPARE(window.currentPageId(), QStringLiteral("log"));
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        const QImage page(pageFile);
        QVERIFY(!page.isNull());
        QCOMPARE(page.size(), window.grab().size());

        done = false;
        const QString dialogFile = console.tmp.filePath(QStringLiteral("add-account.png"));
        ScreenshotRunner(QStringLiteral("add-account"), dialogFile).run(window, [&done] {
            done = true;
        });
        QCOMPARE(window.currentPageId(), QStringLiteral("accounts"));
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QWidget *dialog = QApplication::activeModalWidget();
        QVERIFY(dialog && dialog != &window);
        const QImage picture(dialogFile);
        QVERIFY(!picture.isNull());
        QCOMPARE(picture.size(), dialog->grab().size());
        QVERIFY(picture.size() != page.size());
        dialog->close();
    }
    QThreadPool::globalInstance()->waitForDone();
}

FUMIBAKO_UI_TEST(TestMainWindow);
#include "tst_mainwindow.moc"
