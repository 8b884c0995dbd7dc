// SetupWizard: the console's first run, shown when the data folder holds no
// database. It asks for the mail domain, the administrator's address and
// password (twice) and a port for each listener (MailServer::listenerNames),
// checks each page in the console's own words, then — off the GUI thread —
// creates the data folder (DataDir::initialize: database, self-signed
// certificate, noreply@), adds the administrator account and stores the port
// settings.
#pragma once

#include "common/result.h"

#include <QMap>
#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;

namespace fumibako
{

class LanguageManager;

class SetupWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IntroPageId, DomainPageId, PortsPageId, SummaryPageId };

    struct Answers {
        QString domain;   // normalized
        QString hostname; // empty: the machine's name
        QString adminLocalPart;
        QString adminName;
        QString password;
        QMap<QString, int> ports; // listener name → port
        QString adminAddress() const { return adminLocalPart + QLatin1Char('@') + domain; }
    };

    // language may be null (no language choice on the first page).
    explicit SetupWizard(QString dataDir, LanguageManager *language = nullptr,
                         QWidget *parent = nullptr);

    const QString &dataDir() const { return m_dataDir; }
    Answers answers() const;
    bool isBusy() const { return m_busy; }

    static QMap<QString, int> defaultPorts();
    // The work behind Finish; runs on a pool thread. Leaves nothing behind on failure.
    static Result<void> performSetup(const QString &dataDir, const Answers &answers);

    void accept() override;
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);

    QString m_dataDir;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace fumibako
