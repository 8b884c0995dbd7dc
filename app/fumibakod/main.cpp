// fumibakod: the server without a console, for service installs and tests.
//   fumibakod --data-dir DIR [--bind ADDR] [--port NAME=PORT]...
// Prints "listening NAME ADDR:PORT" per listener (web included), then "ready". SIGTERM or
// SIGINT: stop accepting, finish transactions under way, exit 0.
#include "common/durablefile.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

using namespace fumibako;

static void printLine(const QString &text, FILE *stream = stdout)
{
    const QByteArray line = text.toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fumibako"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FUMIBAKO_VERSION));
    restrictFileCreationMask();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fumibako mail server (headless)"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."),
                               QStringLiteral("DIR"), DataDir::defaultPath());
    QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to listen on."),
                            QStringLiteral("ADDR"));
    QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral(
            "Port for a listener (smtp, submission, smtps, pop3, pop3s, imap, imaps, web); "
            "0 takes a free port. "
            "Repeatable. When a port given is 0, the listeners not named take free ports too."),
        QStringLiteral("NAME=PORT"));
    parser.addOptions({dataDir, bind, port});
    parser.process(app);

    MailServer::Options options;
    options.dataDir = parser.value(dataDir);
    options.bindAddress = parser.value(bind);
    options.echoLog = true;
    for (const QString &p : parser.values(port)) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        bool ok = false;
        const int number = eq > 0 ? p.mid(eq + 1).toInt(&ok) : -1;
        const QString name = p.left(eq);
        if (!ok || number < 0 || number > 65535 || !MailServer::listenerNames().contains(name)) {
            printLine(QStringLiteral(
                          "fumibakod: bad --port \"%1\": expected NAME=PORT with NAME one of %2")
                          .arg(p, MailServer::listenerNames().join(QStringLiteral(", "))),
                      stderr);
            return 2;
        }
        options.ports.insert(name, number);
    }
    // A caller that asks for a free port for any listener it names (a test
    // harness running servers side by side, perhaps with one port fixed) gets
    // free ports for the listeners it does not name too, so a listener added
    // later (imap, imaps, web) cannot collide on its default.
    const QList<int> given = options.ports.values();
    if (std::any_of(given.cbegin(), given.cend(), [](int p) { return p == 0; }))
        for (const QString &name : MailServer::listenerNames())
            if (!options.ports.contains(name))
                options.ports.insert(name, 0);

    MailServer server(options);
    QObject::connect(
        &server, &MailServer::listening, [](const QString &name, const QHostAddress &a, quint16 p) {
            const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
                                     ? QLatin1Char('[') + a.toString() + QLatin1Char(']')
                                     : a.toString();
            printLine(QStringLiteral("listening %1 %2:%3").arg(name, host).arg(p));
        });
    SignalWatcher signals_;
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &server,
                     [&server](int) { server.stop(); });
    QObject::connect(&server, &MailServer::stopped, &app, [] { QCoreApplication::exit(0); });

    if (auto r = server.start(); !r) {
        printLine(QStringLiteral("fumibakod: ") + r.error().message, stderr);
        return 1;
    }
    printLine(QStringLiteral("ready"));
    return app.exec();
}
