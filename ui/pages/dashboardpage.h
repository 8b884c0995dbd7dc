// DashboardPage: the server at a glance — its state, listeners, connections,
// today's mail in and out, the send queue, the TLS certificate's expiry, the
// settings changes waiting for a restart (fumibakoctl's too), and today's
// viruses, held spam and unscored mail. Fed by the ServerController's status
// snapshots; the scanners' figures come from the log (QuarantineService), read
// off the GUI thread while the page is shown.
#pragma once

#include "consoleservices.h"
#include "servercontroller.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace fumibako
{

class ListenerTableModel;

class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    DashboardPage(const ConsoleServices &services, ServerController *server,
                  QWidget *parent = nullptr);

    ListenerTableModel *listenerModel() const { return m_listeners; }
    // Today's viruses, held spam and unscored mail as last read; nullopt before the first read.
    const std::optional<ProtectionCounts> &protectionCounts() const { return m_protection; }

    static constexpr int kProtectionRefreshMs = 10000;

public Q_SLOTS:
    void refreshProtection();

Q_SIGNALS:
    void protectionRefreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void updateStatus(const ServerStatus &status);
    void updatePendingRestart();
    void updateProtection();

    const ConsoleServices &m_services;
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
    QLabel *m_protectionTitle = nullptr;
    Counter m_viruses{}, m_spam{}, m_unscored{};
    std::optional<ProtectionCounts> m_protection;
    bool m_protectionLoading = false;
    QTimer *m_protectionTimer = nullptr;
    QLabel *m_listenersTitle = nullptr;
    QLabel *m_webUrlLabel = nullptr; // where the Spam Summary's release links go
    QString m_webUrl;
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
