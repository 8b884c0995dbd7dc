// SettingsPage: the settings an office administrator changes — a port for
// each listener (smtp … imaps), the host name, the message size limit (in
// MB) and the recipient limit — plus the import of a TLS certificate and key
// (PEM files). Values are checked here and again by Settings::validate. The
// settings registry says which apply at once (the limits: the running server
// picks them up for new connections) and which after a restart (ports, host
// name); each field carries that as its "restartRequired" property and the
// restart-only ones have a note. What actually waits is the running server's
// word, not the page's guess: the box at the top lists the settings the
// server reports as changed since it started (saved here or with
// fumibakoctl), with the restart button, and goes once the server restarts.
#pragma once

#include "consoleservices.h"
#include "servercontroller.h"

#include <QMap>
#include <QWidget>

class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fumibako
{

class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    SettingsPage(const ConsoleServices &services, ServerController *server,
                 QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // The settings the running server reports as waiting for its restart
    // (what the box at the top lists).
    QStringList restartPending() const { return m_server->pendingRestart(); }
    static constexpr qint64 kMiB = 1024 * 1024;

public Q_SLOTS:
    void load();
    void save();
    void importCertificate();

Q_SIGNALS:
    void loaded();
    void saved();
    void certificateImported();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    static void showMessage(QLabel *label, const QString &text, bool error,
                            const QString &detail = QString());
    void updateCertificate(const ServerStatus &status);
    QString browse(const QString &title);
    void markApply(QWidget *field, const QString &key);
    // quiet: keep the outcome line (a refresh after the server reported a change).
    void reload(bool quiet);
    void updateRestartBox();
    void onSettingsChanged(const QStringList &applied);

    const ConsoleServices &m_services;
    ServerController *m_server;
    bool m_busy = false;
    bool m_dirty = false;
    QMap<QString, QString> m_loaded; // key → value as last loaded or saved
    // Live keys this page just saved: the server's report of them is no news.
    QStringList m_ownLive;
    quint64 m_generation = 0; // of loads and saves: a quiet refresh started before one is stale

    QGroupBox *m_portsBox = nullptr;
    QMap<QString, QSpinBox *> m_portSpins;
    QMap<QString, QLabel *> m_portLabels;
    QGroupBox *m_mailBox = nullptr;
    QLabel *m_hostnameLabel = nullptr;
    QLineEdit *m_hostnameEdit = nullptr;
    QLabel *m_sizeLabel = nullptr;
    QSpinBox *m_sizeSpin = nullptr;
    QLabel *m_recipientsLabel = nullptr;
    QSpinBox *m_recipientsSpin = nullptr;
    QLabel *m_portsNote = nullptr;
    QLabel *m_hostnameNote = nullptr;
    QLabel *m_liveNote = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QLabel *m_messageLabel = nullptr;

    QGroupBox *m_certBox = nullptr;
    QLabel *m_currentCertLabel = nullptr;
    QLabel *m_currentCertValue = nullptr;
    QLabel *m_certFileLabel = nullptr;
    QLineEdit *m_certFileEdit = nullptr;
    QPushButton *m_certBrowse = nullptr;
    QLabel *m_keyFileLabel = nullptr;
    QLineEdit *m_keyFileEdit = nullptr;
    QPushButton *m_keyBrowse = nullptr;
    QPushButton *m_importButton = nullptr;
    QLabel *m_certMessageLabel = nullptr;

    QLabel *m_applyNote = nullptr;
    QFrame *m_restartBox = nullptr;
    QLabel *m_restartNote = nullptr;
    QPushButton *m_restartButton = nullptr;
};

} // namespace fumibako
