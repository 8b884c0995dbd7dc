// fumibako: the desktop console with the mail server running in-process.
//   fumibako [--data-dir DIR]
// Runs the first-run wizard when DIR holds no Fumibako database, then shows
// the main window and starts the server in its own thread. This file only
// creates and wires objects (DESIGN.md: app/ alone does); the behaviour lives
// in ui/, models/ and server-core/.
#include "consoleservices.h"
#include "dialogs/setupwizard.h"
#include "itemroles.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "pages/accountspage.h"
#include "pages/dkimpage.h"
#include "pages/queuepage.h"
#include "secretstore.h"
#include "servercontroller.h"
#include "widgets/appicon.h"

#include "common/durablefile.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

using namespace fumibako;

namespace
{

// Console translations for main(): a context of its own.
class Console
{
    Q_DECLARE_TR_FUNCTIONS(Console)
};

void printError(const QString &text)
{
    const QByteArray line = text.toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

// --screenshot PAGE FILE (hidden): saves a picture of a page and quits; used
// to review the layout and translations under Xvfb.
struct Screenshot {
    QString page;
    QString file;
    bool active() const { return !page.isEmpty(); }
};

void saveAndQuit(QWidget *widget, const QString &file, std::function<void()> quit)
{
    if (!widget->grab().save(file))
        printError(QStringLiteral("fumibako: cannot write %1").arg(file));
    quit();
}

void fillWizardSample(SetupWizard *wizard)
{
    auto set = [wizard](const char *name, const QString &text) {
        if (auto *edit = wizard->findChild<QLineEdit *>(QLatin1String(name)))
            edit->setText(text);
    };
    set("domainEdit", QStringLiteral("example.co.jp"));
    set("adminLocalEdit", QStringLiteral("soumu"));
    set("adminNameEdit", QString::fromUtf8("総務部 山田"));
    set("passwordEdit", QStringLiteral("correct-horse"));
    set("confirmEdit", QStringLiteral("correct-horse"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The same name as fumibakod, so both find the same default data folder.
    QCoreApplication::setApplicationName(QStringLiteral("fumibako"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FUMIBAKO_VERSION));
    QApplication::setWindowIcon(AppIcon::icon());
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps the server running
    restrictFileCreationMask();

    LanguageManager language;
    language.apply(language.preferred());

    QCommandLineParser parser;
    parser.setApplicationDescription(Console::tr("Fumibako mail server console"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDirOption(QStringLiteral("data-dir"), Console::tr("Data folder."),
                                     QStringLiteral("DIR"), DataDir::defaultPath());
    QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral("Port for a listener (smtp, submission, smtps, pop3, pop3s) for "
                       "this run only; 0 takes a free port. Repeatable."),
        QStringLiteral("NAME=PORT"));
    portOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of PAGE (wizard, wizard-domain, wizard-ports, "
                       "wizard-summary, dashboard, accounts, add-account, password, queue, "
                       "queue-delete, queue-headers, smarthost, dkim, dkim-activate, dkim-delete, "
                       "settings, log) "
                       "to FILE and quit."),
        QStringLiteral("PAGE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dataDirOption, portOption, screenshotOption});
    parser.addPositionalArgument(QStringLiteral("[FILE]"), QString());
    parser.process(app);

    Screenshot shot;
    if (parser.isSet(screenshotOption)) {
        shot.page = parser.value(screenshotOption);
        shot.file = parser.positionalArguments().value(0);
        if (shot.file.isEmpty()) {
            printError(QStringLiteral("fumibako: --screenshot PAGE FILE"));
            return 2;
        }
    }
    MailServer::Options options;
    options.dataDir = QDir(parser.value(dataDirOption)).absolutePath();
    for (const QString &p : parser.values(portOption)) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        bool ok = false;
        const int number = eq > 0 ? p.mid(eq + 1).toInt(&ok) : -1;
        if (!ok || number < 0 || number > 65535 ||
            !MailServer::listenerNames().contains(p.left(eq))) {
            printError(QStringLiteral("fumibako: bad --port \"%1\"").arg(p));
            return 2;
        }
        options.ports.insert(p.left(eq), number);
    }

    DataDir dir(options.dataDir);
    if (!dir.isInitialized()) {
        if (dir.holdsData()) {
            QMessageBox::critical(
                nullptr, Console::tr("Fumibako"),
                Console::tr(
                    "The folder %1 contains files but is not a Fumibako data folder. Choose "
                    "an empty folder with --data-dir, or move the files away.")
                    .arg(QDir::toNativeSeparators(dir.path())));
            return 1;
        }
        SetupWizard wizard(dir.path(), &language);
        if (shot.page.startsWith(QLatin1String("wizard"))) {
            fillWizardSample(&wizard);
            wizard.show();
            const QStringList steps = {QStringLiteral("wizard"), QStringLiteral("wizard-domain"),
                                       QStringLiteral("wizard-ports"),
                                       QStringLiteral("wizard-summary")};
            for (int i = 0; i < steps.indexOf(shot.page); ++i)
                wizard.next();
            QTimer::singleShot(800, &wizard, [&wizard, &shot] {
                saveAndQuit(&wizard, shot.file, [&wizard] { wizard.reject(); });
            });
            wizard.exec();
            return 0;
        }
        if (wizard.exec() != QDialog::Accepted)
            return 0;
    }

    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r) {
        QMessageBox box(QMessageBox::Critical, Console::tr("Fumibako"),
                        Console::tr("The database in %1 could not be opened.")
                            .arg(QDir::toNativeSeparators(dir.path())),
                        QMessageBox::Ok);
        box.setDetailedText(r.error().message);
        box.exec();
        return 1;
    }
    ConsoleServices services(db, dir);
    // The smarthost password is in the OS keychain, one entry per data folder.
    KeychainSecretStore keychain(QStringLiteral("Fumibako %1").arg(dir.path()));
    services.setSecrets(&keychain);
    ServerController server(options);
    MainWindow window(services, &server, &language);
    window.show();
    // The server starts once the keychain has answered (it may have to be
    // unlocked), or after a few seconds without the password: it then falls
    // back to the data folder's relay-password file.
    auto started = std::make_shared<bool>(false);
    auto startServer = [&server, started] {
        if (std::exchange(*started, true))
            return;
        server.start();
    };
    keychain.read(SecretStore::smarthostPasswordKey(), &server,
                  [&server, startServer](bool ok, const QByteArray &password, const QString &) {
                      if (ok && !password.isEmpty())
                          server.setRelayPassword(password);
                      startServer();
                  });
    QTimer::singleShot(5000, &server, startServer);

    if (shot.active()) {
        const bool queueDialog = shot.page == QLatin1String("queue-delete") ||
                                 shot.page == QLatin1String("queue-headers");
        const bool dkimDialog = shot.page == QLatin1String("dkim-activate") ||
                                shot.page == QLatin1String("dkim-delete");
        const bool dialog = queueDialog || dkimDialog ||
                            shot.page == QLatin1String("add-account") ||
                            shot.page == QLatin1String("password");
        const QString page = queueDialog  ? QStringLiteral("queue")
                             : dkimDialog ? QStringLiteral("dkim")
                             : dialog     ? QStringLiteral("accounts")
                                          : shot.page;
        if (!window.showPage(page)) {
            printError(QStringLiteral("fumibako: unknown page %1").arg(shot.page));
            return 2;
        }
        if (dialog) {
            // A dialog over the accounts page: open it once the list is loaded.
            QTimer::singleShot(1500, &window, [&window, &shot] {
                if (shot.page.startsWith(QLatin1String("dkim-"))) {
                    // The newest key that does not sign: the one either dialog is about.
                    DkimPage *dkim = window.page<DkimPage>();
                    for (int row = 0; row < dkim->filterModel()->rowCount(); ++row)
                        if (!dkim->filterModel()->index(row, 0).data(DkimActiveRole).toBool()) {
                            dkim->view()->selectRow(row);
                            break;
                        }
                    shot.page == QLatin1String("dkim-delete") ? dkim->deleteSelected()
                                                              : dkim->activateSelected();
                    return;
                }
                if (shot.page.startsWith(QLatin1String("queue-"))) {
                    window.page<QueuePage>()->view()->selectRow(0);
                    shot.page == QLatin1String("queue-delete")
                        ? window.page<QueuePage>()->deleteSelected()
                        : window.page<QueuePage>()->showHeaders();
                    return;
                }
                if (shot.page == QLatin1String("password"))
                    window.page<AccountsPage>()->view()->selectRow(0);
                shot.page == QLatin1String("password")
                    ? window.page<AccountsPage>()->resetPassword()
                    : window.page<AccountsPage>()->addAccount();
            });
            QTimer::singleShot(3000, &window, [&window, &shot] {
                QWidget *dialog = QApplication::activeModalWidget();
                saveAndQuit(dialog ? dialog : &window, shot.file,
                            [&window] { window.quitGracefully(); });
            });
        } else {
            if (shot.page == QLatin1String("queue")) // a selected row shows its details
                QTimer::singleShot(1500, &window,
                                   [&window] { window.page<QueuePage>()->view()->selectRow(0); });
            // Give the server a status round and the page its first query.
            QTimer::singleShot(
                ServerController::kStatusIntervalMs + 1500, &window, [&window, &shot] {
                    saveAndQuit(&window, shot.file, [&window] { window.quitGracefully(); });
                });
        }
    }

    const int rc = app.exec();
    // Background jobs hold the services; let them finish before those go.
    QThreadPool::globalInstance()->waitForDone();
    return rc;
}
