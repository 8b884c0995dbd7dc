// SmarthostPage: the "送信サーバー（スマートホスト）" settings — host, port
// (587 with STARTTLS, 465 with SSL/TLS), security, user name and password —
// for offices whose provider blocks outgoing port 25 (OP25B). The settings go
// to the database (relay.*); the password goes to the OS keychain through
// SecretStore, never to the settings, and reaches the embedded server through
// ServerController::setRelayPassword. "Test Connection" asks SmarthostService
// (service/) to connect with the values as entered, as the queue would, and
// shows the server's exact reply. The relay.* settings apply when the server
// restarts (the registry says so); the page notes it beside the fields.
#pragma once

#include "consoleservices.h"
#include "servercontroller.h"

#include "service/settings.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fumibako
{

class SmarthostService;

class SmarthostPage : public QWidget
{
    Q_OBJECT
public:
    SmarthostPage(const ConsoleServices &services, ServerController *server,
                  QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    bool isTesting() const { return m_testing; }
    // The outcome of the last connection test: "" (none yet), "ok" or "failed";
    // and the reply it ended with, as the server sent it ("250 ...", "535 5.7.8 ...").
    QString testOutcome() const { return m_testOutcome; }
    QString testReply() const { return m_testReply; }
    bool hasStoredPassword() const { return !m_storedPassword.isEmpty(); }

    // Security choices as stored in relay.tls, in the combo box's order.
    static QStringList tlsValues(); // starttls, tls, none
    static int defaultPort(const QString &tls);

public Q_SLOTS:
    void load();
    void save();
    void testConnection();

Q_SIGNALS:
    void loaded();
    void saved();
    void saveFailed();
    void testFinished(bool ok, const QString &reply);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    void finishTest(bool ok, int code, const QString &reply);
    void savePassword(const QByteArray &password);

    const ConsoleServices &m_services;
    ServerController *m_server;
    bool m_busy = false;
    bool m_dirty = false;
    bool m_testing = false;
    Settings m_settings; // as loaded: the EHLO name and TLS policy of a test
    QByteArray m_storedPassword;
    QString m_keychainProblem; // why the keychain could not be read, "" if it could
    QString m_testOutcome;
    QString m_testReply;
    SmarthostService *m_tester = nullptr;

    QLabel *m_intro = nullptr;
    QLabel *m_op25bNote = nullptr;
    QGroupBox *m_serverBox = nullptr;
    QLabel *m_hostLabel = nullptr;
    QLineEdit *m_hostEdit = nullptr;
    QLabel *m_tlsLabel = nullptr;
    QComboBox *m_tlsCombo = nullptr;
    QLabel *m_portLabel = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QLabel *m_portHint = nullptr;
    QLabel *m_applyNote = nullptr; // "takes effect after a restart"
    QGroupBox *m_authBox = nullptr;
    QLabel *m_userLabel = nullptr;
    QLineEdit *m_userEdit = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QLabel *m_passwordHint = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testLabel = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_restartButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace fumibako
