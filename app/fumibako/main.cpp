// fumibako: the desktop console with the mail server running in-process.
//   fumibako [--data-dir DIR]
// Runs the first-run wizard when DIR holds no Fumibako database, then shows
// the main window and starts the server in its own thread. This file only
// creates and wires objects (DESIGN.md: app/ alone does); the behaviour lives
// in ui/, models/ and server-core/.
#include "consoleservices.h"
#include "dialogs/setupwizard.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "screenshot.h"
#include "secretstore.h"
#include "servercontroller.h"
#include "widgets/appicon.h"

#include "common/clock.h"
#include "common/durablefile.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>
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
        QStringLiteral("Port for a listener (%1) for this run only; 0 takes a free port. "
                       "Repeatable.")
            .arg(MailServer::listenerNames().join(QLatin1String(", "))),
        QStringLiteral("NAME=PORT"));
    portOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // Pictures of the console for reviewing layouts and translations (ui/screenshot.h).
    QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of PAGE (%1) to FILE and quit.")
            .arg(ScreenshotRunner::names().join(QLatin1String(", "))),
        QStringLiteral("PAGE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dataDirOption, portOption, screenshotOption});
    parser.addPositionalArgument(QStringLiteral("[FILE]"), QString());
    parser.process(app);

    std::optional<ScreenshotRunner> shot;
    if (parser.isSet(screenshotOption)) {
        shot.emplace(parser.value(screenshotOption), parser.positionalArguments().value(0));
        if (parser.positionalArguments().isEmpty()) {
            printError(QStringLiteral("fumibako: --screenshot PAGE FILE"));
            return 2;
        }
        if (!shot->isKnown()) {
            printError(
                QStringLiteral("fumibako: unknown page %1").arg(parser.value(screenshotOption)));
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
    if (shot && shot->isWizardStep() && dir.isInitialized()) {
        printError(QStringLiteral("fumibako: the wizard's pictures need an empty data folder"));
        return 2;
    }
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
        if (shot && shot->isWizardStep()) {
            shot->runWizard(wizard);
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
    ConsoleServices services(db, dir, Clock::system());
    // The quarantine's audit lines name the console and the desktop user who acted.
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    services.setOperatorName(user.isEmpty() ? QStringLiteral("console")
                                            : QStringLiteral("console (%1)").arg(user));
    // The 迷惑メール page's "release and allow the sender" and "block the sender":
    // an entry in the account's own filter (one already there is as good).
    const auto senderEntry = [&services](FilterEntry::List list) {
        return [&services, list](const QString &account, const QString &sender) -> Result<void> {
            auto added = services.filters().add(account, list, FilterEntry::Field::Sender, sender,
                                                services.operatorName());
            if (!added && added.error().kind != Error::Kind::Exists)
                return added.error();
            return {};
        };
    };
    services.setSenderFilters(
        {senderEntry(FilterEntry::List::Allow), senderEntry(FilterEntry::List::Deny)});
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

    if (shot)
        shot->run(window, [&window] { window.quitGracefully(); });

    const int rc = app.exec();
    // Background jobs hold the services; let them finish before those go.
    QThreadPool::globalInstance()->waitForDone();
    return rc;
}
