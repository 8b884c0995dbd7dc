// DkimPage: "送信ドメイン認証 (DKIM・SPF・DMARC)" — per domain, the DKIM keys
// (make an RSA 2048 or Ed25519 key, start and stop signing with one, delete
// one after a confirmation whose default is Cancel) and the DNS TXT records
// to publish: the selected key's DKIM record and suggested SPF and DMARC
// records, each with a copy button. Keys live in DkimKeyStore; every store
// call runs off the GUI thread. Starting or stopping a key makes the running
// server reload its signers (ServerController::reloadDkimKeys), so no restart
// is needed.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"
#include "servercontroller.h"

#include <QPair>
#include <QWidget>

#include <functional>

class QComboBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fumibako
{

class DkimKeyTableModel;

class DkimPage : public ActionPage
{
    Q_OBJECT
public:
    DkimPage(const ConsoleServices &services, ServerController *server, QWidget *parent = nullptr);

    DkimKeyTableModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_proxy; } // the chosen domain's keys
    QTableView *view() const { return m_view; }
    QString domain() const; // the domain whose keys and records are shown
    void setDomain(const QString &domain);
    QString selectedSelector() const; // "" when no key is selected

    // The algorithms offered for a new key, in the combo box's order.
    static QList<int> algorithms(); // int(DkimKey::Algorithm): RSA first (recommended)

public Q_SLOTS:
    void refresh() override;
    void generateKey();
    void activateSelected();
    void retireSelected();
    void deleteSelected();

Q_SIGNALS:
    void generated(const QString &domain, const QString &selector);
    void activated(const QString &domain, const QString &selector);
    void retired(const QString &domain, const QString &selector);
    void deleted(const QString &domain, const QString &selector);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct RecordFields {
        QLabel *title = nullptr;
        QLabel *nameLabel = nullptr;
        QLineEdit *name = nullptr;
        QPushButton *copyName = nullptr;
        QLabel *valueLabel = nullptr;
        QWidget *value = nullptr; // QLineEdit, or QPlainTextEdit for the long DKIM key
        QPushButton *copyValue = nullptr;
        QLabel *note = nullptr;
    };

    void retranslateUi();
    void updateDomains(const QStringList &serverDomains);
    void applyDomain(); // the chosen domain's keys and records
    void updateState() override;
    void updateRecords();
    void updateCopyButtons();
    void fitTable();
    void selectKey(const QString &selector);
    void runDelete(const QString &domain, const QString &selector);
    void copy(QPushButton *button, const QString &text);
    static QString sentences(const QStringList &parts); // joined as the language joins them
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;
    RecordFields addRecord(QGridLayout *grid, int row, const QString &name, bool longValue);

    const ConsoleServices &m_services;
    ServerController *m_server;
    DkimKeyTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStringList m_serverDomains;
    QString m_hostname;  // server.hostname, for SPF
    QString m_relayHost; // relay.host: with a smarthost, SPF names it instead
    QString m_selectAfterRefresh;
    // What activating or retiring a key did, said when the server answers the
    // reload (whether the change applies now): before and after that answer.
    QPair<QString, QString> m_pendingSigning;

    QLabel *m_intro = nullptr;
    QLabel *m_stepsNote = nullptr;
    QLabel *m_domainLabel = nullptr;
    QComboBox *m_domainCombo = nullptr;
    QGroupBox *m_keysBox = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_algorithmLabel = nullptr;
    QComboBox *m_algorithmCombo = nullptr;
    QPushButton *m_generateButton = nullptr;
    QPushButton *m_activateButton = nullptr;
    QPushButton *m_retireButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QLabel *m_messageLabel = nullptr;
    QGroupBox *m_recordsBox = nullptr;
    QLabel *m_recordsNote = nullptr;
    RecordFields m_dkim;
    RecordFields m_spf;
    RecordFields m_dmarc;
    QLabel *m_noKeyLabel = nullptr;
    QPushButton *m_zoneButton = nullptr;
};

} // namespace fumibako
