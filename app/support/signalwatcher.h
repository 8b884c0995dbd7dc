// SignalWatcher: turns SIGTERM and SIGINT into a Qt signal on the main
// thread (self-pipe + QSocketNotifier), so shutdown runs in the event loop
// and never inside a signal handler. Also ignores SIGPIPE. POSIX only; a
// Windows build would use SetConsoleCtrlHandler in its own platform file.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace fumibako
{

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fumibako
