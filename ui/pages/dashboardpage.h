// DashboardPage: the server at a glance — whether it runs, each listener
// with its port and state, open connections, today's received and sent mail,
// the outbound queue, and the TLS certificate with its expiry, and which
// settings changes wait for a restart (those made with fumibakoctl too, which
// nothing else in the console would reveal). Fed by the ServerController's
// status snapshots and its pending-restart list.
#pragma once

#include "servercontroller.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace fumibako
{

class ListenerTableModel;

class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(ServerController *server, QWidget *parent = nullptr);

    ListenerTableModel *listenerModel() const { return m_listeners; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void updateStatus(const ServerStatus &status);
    void updatePendingRestart();

    ServerController *m_server;
    ListenerTableModel *m_listeners;
    QLabel *m_stateDot = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_stateDetail = nullptr;
    QLabel *m_pendingRestartNote = nullptr;
    QPushButton *m_startButton = nullptr;
    QLabel *m_trafficTitle = nullptr;
    struct Counter {
        QLabel *value;
        QLabel *caption;
    };
    Counter m_connections{}, m_received{}, m_sent{}, m_queue{};
    QLabel *m_listenersTitle = nullptr;
    QTableView *m_listenerView = nullptr;
    QLabel *m_certificateTitle = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QLabel *m_subjectValue = nullptr;
    QLabel *m_namesLabel = nullptr;
    QLabel *m_namesValue = nullptr;
    QLabel *m_expiryLabel = nullptr;
    QLabel *m_expiryValue = nullptr;
    QLabel *m_expiryWarning = nullptr;
};

} // namespace fumibako
