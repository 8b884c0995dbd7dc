#include "setupwizard.h"

#include "widgets/formlabels.h"

#include "background.h"
#include "languagemanager.h"
#include "listenertablemodel.h"
#include "widgets/appicon.h"
#include "widgets/errortext.h"
#include "widgets/inputcheck.h"

#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "service/settings.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSpinBox>
#include <QSysInfo>
#include <QVBoxLayout>

namespace fumibako
{

// --- Page 1: welcome, language, data folder ---

class IntroPage : public QWizardPage
{
    Q_OBJECT
public:
    IntroPage(const QString &dataDir, LanguageManager *language, QWidget *parent)
        : QWizardPage(parent), m_language(language), m_dataDir(dataDir)
    {
        auto *layout = new QVBoxLayout(this);
        m_welcome = new QLabel(this);
        m_welcome->setWordWrap(true);
        layout->addWidget(m_welcome);
        layout->addSpacing(8);
        m_steps = new QLabel(this);
        m_steps->setWordWrap(true);
        m_steps->setTextFormat(Qt::RichText);
        layout->addWidget(m_steps);
        layout->addSpacing(8);
        m_folderLabel = new QLabel(this);
        m_folderLabel->setWordWrap(true);
        m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(m_folderLabel);
        layout->addStretch(1);
        if (m_language) {
            auto *row = new QHBoxLayout;
            m_languageLabel = new QLabel(this);
            m_languageCombo = new QComboBox(this);
            m_languageCombo->setObjectName(QStringLiteral("languageCombo"));
            for (const QString &code : LanguageManager::available())
                m_languageCombo->addItem(LanguageManager::nativeName(code), code);
            m_languageCombo->setCurrentIndex(m_languageCombo->findData(m_language->current()));
            m_languageLabel->setBuddy(m_languageCombo);
            row->addWidget(m_languageLabel);
            row->addWidget(m_languageCombo);
            row->addStretch(1);
            layout->addLayout(row);
            connect(m_languageCombo, &QComboBox::currentIndexChanged, this,
                    [this] { m_language->apply(m_languageCombo->currentData().toString(), true); });
        }
        retranslateUi();
    }

    void retranslateUi()
    {
        setTitle(tr("Welcome to Fumibako"));
        setSubTitle(tr("Set up your company's mail server in a few steps."));
        m_welcome->setText(
            tr("This wizard prepares the mail server for first use. You will need:"));
        m_steps->setText(
            tr("<ul><li>your company's mail domain (for example example.co.jp)</li>"
               "<li>an address and password for the administrator</li>"
               "<li>the port numbers the server listens on (the defaults usually work)</li></ul>"));
        m_folderLabel->setText(tr("Mail and settings will be kept in this folder:\n%1")
                                   .arg(QDir::toNativeSeparators(m_dataDir)));
        if (m_languageLabel)
            m_languageLabel->setText(tr("Language:"));
    }

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslateUi();
        QWizardPage::changeEvent(event);
    }

private:
    LanguageManager *m_language;
    QString m_dataDir;
    QLabel *m_welcome = nullptr;
    QLabel *m_steps = nullptr;
    QLabel *m_folderLabel = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_languageCombo = nullptr;
};

// --- Page 2: domain and administrator ---

class DomainPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DomainPage(QWidget *parent) : QWizardPage(parent)
    {
        auto *layout = new QVBoxLayout(this);
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        domainEdit = new QLineEdit(this);
        domainEdit->setObjectName(QStringLiteral("domainEdit"));
        domainEdit->setPlaceholderText(QStringLiteral("example.co.jp"));
        m_domainLabel = new QLabel(this);
        form->addRow(m_domainLabel, domainEdit);

        hostnameEdit = new QLineEdit(this);
        hostnameEdit->setObjectName(QStringLiteral("hostnameEdit"));
        m_hostnameLabel = new QLabel(this);
        form->addRow(m_hostnameLabel, hostnameEdit);
        m_hostnameNote = makeNote(this);
        form->addRow(QString(), m_hostnameNote);

        auto *adminRow = new QHBoxLayout;
        adminLocalEdit = new QLineEdit(this);
        adminLocalEdit->setObjectName(QStringLiteral("adminLocalEdit"));
        adminLocalEdit->setPlaceholderText(QStringLiteral("admin"));
        m_atDomain = new QLabel(QStringLiteral("@"), this);
        adminRow->addWidget(adminLocalEdit, 1);
        adminRow->addWidget(m_atDomain, 1);
        m_adminLabel = new QLabel(this);
        form->addRow(m_adminLabel, adminRow);

        adminNameEdit = new QLineEdit(this);
        adminNameEdit->setObjectName(QStringLiteral("adminNameEdit"));
        m_adminNameLabel = new QLabel(this);
        form->addRow(m_adminNameLabel, adminNameEdit);

        passwordEdit = new QLineEdit(this);
        passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
        passwordEdit->setEchoMode(QLineEdit::Password);
        m_passwordLabel = new QLabel(this);
        form->addRow(m_passwordLabel, passwordEdit);
        confirmEdit = new QLineEdit(this);
        confirmEdit->setObjectName(QStringLiteral("confirmEdit"));
        confirmEdit->setEchoMode(QLineEdit::Password);
        m_confirmLabel = new QLabel(this);
        form->addRow(m_confirmLabel, confirmEdit);
        m_passwordNote = makeNote(this);
        form->addRow(QString(), m_passwordNote);
        layout->addLayout(form);
        layout->addStretch(1);
        errorLabel = makeErrorLabel(this);
        layout->addWidget(errorLabel);

        connect(domainEdit, &QLineEdit::textChanged, this, &DomainPage::updateSuffix);
        for (QLineEdit *e : {domainEdit, hostnameEdit, adminLocalEdit, passwordEdit, confirmEdit})
            connect(e, &QLineEdit::textEdited, this, [this] { showError(errorLabel, QString()); });
        retranslateUi();
    }

    void retranslateUi()
    {
        setTitle(tr("Domain and administrator"));
        setSubTitle(tr("The domain is the part after the @ in your company's mail addresses."));
        m_domainLabel->setText(tr("Mail &domain:"));
        m_hostnameLabel->setText(tr("Server &host name:"));
        m_hostnameNote->setText(
            tr("Optional. The name this server gives itself when it talks to other mail "
               "servers. Leave empty to use this computer's name."));
        const QString machine = QSysInfo::machineHostName().toLower();
        hostnameEdit->setPlaceholderText(machine.isEmpty() ? QStringLiteral("mail.example.co.jp")
                                                           : machine);
        m_adminLabel->setText(tr("&Administrator address:"));
        m_adminNameLabel->setText(tr("Administrator's displa&y name:"));
        adminNameEdit->setPlaceholderText(tr("e.g. System administrator"));
        m_passwordLabel->setText(tr("&Password:"));
        m_confirmLabel->setText(tr("Con&firm password:"));
        m_passwordNote->setText(
            tr("At least %1 characters. The password is stored only in scrambled (hashed) form; "
               "nobody can read it back.")
                .arg(AccountService::kMinPasswordLength));
        m_domainLabel->setBuddy(domainEdit);
        m_hostnameLabel->setBuddy(hostnameEdit);
        m_adminLabel->setBuddy(adminLocalEdit);
        m_adminNameLabel->setBuddy(adminNameEdit);
        m_passwordLabel->setBuddy(passwordEdit);
        m_confirmLabel->setBuddy(confirmEdit);
        updateSuffix();
    }

    bool validatePage() override
    {
        const QString domain = InputCheck::normalizeDomain(domainEdit->text());
        QString problem = InputCheck::domainProblem(domain);
        QLineEdit *culprit = domainEdit;
        if (problem.isEmpty()) {
            problem =
                InputCheck::hostnameProblem(InputCheck::normalizeDomain(hostnameEdit->text()));
            culprit = hostnameEdit;
        }
        if (problem.isEmpty()) {
            const QString local = InputCheck::normalizeLocalPart(adminLocalEdit->text());
            problem = InputCheck::localPartProblem(local);
            if (problem.isEmpty() && local == QLatin1String("noreply"))
                problem = tr("noreply@ is created automatically as a send-only address. Choose "
                             "another address for "
                             "the administrator.");
            culprit = adminLocalEdit;
        }
        if (problem.isEmpty()) {
            problem = InputCheck::displayNameProblem(adminNameEdit->text());
            culprit = adminNameEdit;
        }
        if (problem.isEmpty()) {
            problem = InputCheck::passwordProblem(passwordEdit->text(), confirmEdit->text());
            culprit = passwordEdit->text().size() >= AccountService::kMinPasswordLength
                          ? confirmEdit
                          : passwordEdit;
        }
        showError(errorLabel, problem);
        if (!problem.isEmpty()) {
            culprit->setFocus();
            culprit->selectAll();
        }
        return problem.isEmpty();
    }

    QLineEdit *domainEdit = nullptr;
    QLineEdit *hostnameEdit = nullptr;
    QLineEdit *adminLocalEdit = nullptr;
    QLineEdit *adminNameEdit = nullptr;
    QLineEdit *passwordEdit = nullptr;
    QLineEdit *confirmEdit = nullptr;
    QLabel *errorLabel = nullptr;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslateUi();
        QWizardPage::changeEvent(event);
    }

private:
    void updateSuffix()
    {
        const QString domain = InputCheck::normalizeDomain(domainEdit->text());
        m_atDomain->setText(QLatin1Char('@') +
                            (domain.isEmpty() ? QStringLiteral("example.co.jp") : domain));
    }

    QLabel *m_domainLabel = nullptr;
    QLabel *m_hostnameLabel = nullptr;
    QLabel *m_hostnameNote = nullptr;
    QLabel *m_adminLabel = nullptr;
    QLabel *m_atDomain = nullptr;
    QLabel *m_adminNameLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLabel *m_passwordNote = nullptr;
};

// --- Page 3: ports ---

class PortsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PortsPage(QWidget *parent) : QWizardPage(parent)
    {
        auto *layout = new QVBoxLayout(this);
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
        const QMap<QString, int> defaults = SetupWizard::defaultPorts();
        for (const QString &name : MailServer::listenerNames()) {
            if (!defaults.contains(name))
                continue;
            auto *spin = new QSpinBox(this);
            spin->setObjectName(QStringLiteral("port_") + name);
            spin->setRange(1, 65535);
            spin->setValue(defaults.value(name));
            spin->setGroupSeparatorShown(false);
            spin->setMinimumWidth(110);
            auto *label = new QLabel(this);
            label->setBuddy(spin);
            form->addRow(label, spin);
            spins.insert(name, spin);
            m_labels.insert(name, label);
            connect(spin, &QSpinBox::valueChanged, this,
                    [this] { showError(errorLabel, QString()); });
        }
        layout->addLayout(form);
        m_note = makeNote(this);
        layout->addWidget(m_note);
        layout->addStretch(1);
        errorLabel = makeErrorLabel(this);
        layout->addWidget(errorLabel);
        retranslateUi();
    }

    void retranslateUi()
    {
        setTitle(tr("Ports"));
        setSubTitle(tr("The port numbers on which the server receives mail and connections from "
                       "mail programs."));
        for (auto it = m_labels.cbegin(); it != m_labels.cend(); ++it)
            it.value()->setText(tr("%1:").arg(ListenerTableModel::serviceText(it.key())));
        m_note->setText(tr("The defaults work without administrator rights. The standard ports "
                           "(25, 587, 465, 110, "
                           "995, 143, 993) can be set later under Settings when the server runs as "
                           "a system service."));
    }

    bool validatePage() override
    {
        QMap<int, QString> seen;
        for (auto it = spins.cbegin(); it != spins.cend(); ++it) {
            const int port = it.value()->value();
            if (seen.contains(port)) {
                showError(errorLabel,
                          tr("Port %1 is used twice (%2 and %3). Give each service its own port.")
                              .arg(port)
                              .arg(ListenerTableModel::serviceText(seen.value(port)),
                                   ListenerTableModel::serviceText(it.key())));
                it.value()->setFocus();
                return false;
            }
            seen.insert(port, it.key());
        }
        showError(errorLabel, QString());
        return true;
    }

    QMap<QString, QSpinBox *> spins;
    QLabel *errorLabel = nullptr;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslateUi();
        QWizardPage::changeEvent(event);
    }

private:
    QMap<QString, QLabel *> m_labels;
    QLabel *m_note = nullptr;
};

// --- Page 4: summary and the work ---

class SummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget *parent) : QWizardPage(parent)
    {
        auto *layout = new QVBoxLayout(this);
        summaryLabel = new QLabel(this);
        summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
        summaryLabel->setTextFormat(Qt::RichText);
        summaryLabel->setWordWrap(true);
        layout->addWidget(summaryLabel);
        layout->addStretch(1);
        progressLabel = new QLabel(this);
        progressLabel->setWordWrap(true);
        progressLabel->hide();
        layout->addWidget(progressLabel);
        progress = new QProgressBar(this);
        progress->setRange(0, 0); // busy indicator
        progress->hide();
        layout->addWidget(progress);
        errorLabel = makeErrorLabel(this);
        layout->addWidget(errorLabel);
        setCommitPage(false);
        retranslateUi();
    }

    void retranslateUi()
    {
        setTitle(tr("Ready to set up"));
        setSubTitle(tr("Check the settings below, then click Finish."));
        progressLabel->setText(
            tr("Setting up the mail server (creating the database, the TLS certificate and the "
               "administrator account). This takes a few seconds…"));
        if (isVisible())
            initializePage();
    }

    void initializePage() override
    {
        const auto *w = static_cast<const SetupWizard *>(wizard());
        const SetupWizard::Answers a = w->answers();
        QString ports;
        for (const QString &name : MailServer::listenerNames())
            if (a.ports.contains(name))
                ports += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                             .arg(ListenerTableModel::serviceText(name).toHtmlEscaped())
                             .arg(a.ports.value(name));
        const QString host = a.hostname.isEmpty() ? tr("(this computer's name)") : a.hostname;
        summaryLabel->setText(
            QStringLiteral("<table cellspacing=\"4\">"
                           "<tr><td><b>%1</b></td><td>%2</td></tr>"
                           "<tr><td><b>%3</b></td><td>%4</td></tr>"
                           "<tr><td><b>%5</b></td><td>%6</td></tr>"
                           "<tr><td><b>%7</b></td><td>%8</td></tr>"
                           "</table><p><b>%9</b></p><table cellspacing=\"4\">%10</table>")
                .arg(tr("Mail domain:"), a.domain.toHtmlEscaped(), tr("Host name:"),
                     host.toHtmlEscaped(), tr("Administrator:"), a.adminAddress().toHtmlEscaped(),
                     tr("Data folder:"), QDir::toNativeSeparators(w->dataDir()).toHtmlEscaped(),
                     tr("Ports:"))
                .arg(ports));
        showError(errorLabel, QString());
    }

    QLabel *summaryLabel = nullptr;
    QLabel *progressLabel = nullptr;
    QProgressBar *progress = nullptr;
    QLabel *errorLabel = nullptr;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslateUi();
        QWizardPage::changeEvent(event);
    }
};

// --- SetupWizard ---

SetupWizard::SetupWizard(QString dataDir, LanguageManager *language, QWidget *parent)
    : QWizard(parent), m_dataDir(std::move(dataDir))
{
    setObjectName(QStringLiteral("setupWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    setWindowIcon(AppIcon::icon());
    setPixmap(QWizard::LogoPixmap, AppIcon::icon().pixmap(48, 48));
    setPage(IntroPageId, new IntroPage(m_dataDir, language, this));
    setPage(DomainPageId, new DomainPage(this));
    setPage(PortsPageId, new PortsPage(this));
    setPage(SummaryPageId, new SummaryPage(this));
    setStartId(IntroPageId);
    setMinimumSize(640, 520);
    retranslateUi();
}

QMap<QString, int> SetupWizard::defaultPorts()
{
    // The settings table's defaults: the unprivileged ports of DESIGN.md
    // (2525, 2587, 2465, 2110, 2995, ...), one per listener the server has.
    QMap<QString, int> ports;
    for (const QString &name : MailServer::listenerNames())
        if (const SettingSpec *spec = Settings::spec(QStringLiteral("ports.") + name))
            ports.insert(name, spec->defaultValue.toInt());
    return ports;
}

SetupWizard::Answers SetupWizard::answers() const
{
    const auto *d = static_cast<const DomainPage *>(page(DomainPageId));
    const auto *p = static_cast<const PortsPage *>(page(PortsPageId));
    Answers a;
    a.domain = InputCheck::normalizeDomain(d->domainEdit->text());
    a.hostname = InputCheck::normalizeDomain(d->hostnameEdit->text());
    a.adminLocalPart = InputCheck::normalizeLocalPart(d->adminLocalEdit->text());
    a.adminName = d->adminNameEdit->text().trimmed();
    a.password = d->passwordEdit->text();
    for (auto it = p->spins.cbegin(); it != p->spins.cend(); ++it)
        a.ports.insert(it.key(), it.value()->value());
    return a;
}

Result<void> SetupWizard::performSetup(const QString &dataDir, const Answers &a)
{
    DataDir::InitOptions options;
    options.domain = a.domain;
    options.hostname = a.hostname;
    options.adminAddress = a.adminAddress();
    options.adminName = a.adminName;
    options.adminPassword = a.password.toUtf8();
    options.ports = a.ports;
    return DataDir(dataDir).initialize(options);
}

void SetupWizard::setBusy(bool busy)
{
    m_busy = busy;
    auto *summary = static_cast<SummaryPage *>(page(SummaryPageId));
    summary->progress->setVisible(busy);
    summary->progressLabel->setVisible(busy);
    for (WizardButton b : {BackButton, FinishButton, CancelButton})
        if (QAbstractButton *button = this->button(b))
            button->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SetupWizard::accept()
{
    if (m_done) {
        QWizard::accept();
        return;
    }
    if (m_busy)
        return;
    auto *summary = static_cast<SummaryPage *>(page(SummaryPageId));
    showError(summary->errorLabel, QString());
    setBusy(true);
    const Answers a = answers();
    runInBackground(
        this, [dir = m_dataDir, a] { return performSetup(dir, a); },
        [this, summary](Result<void> r) {
            setBusy(false);
            if (!r) {
                showError(summary->errorLabel,
                          ErrorText::describe(ErrorText::Action::Setup, r.error()));
                summary->errorLabel->setToolTip(r.error().message);
                return;
            }
            m_done = true;
            QWizard::accept();
        });
}

void SetupWizard::reject()
{
    // Closing the window while the data folder is being made would leave it half done.
    if (!m_busy)
        QWizard::reject();
}

void SetupWizard::retranslateUi()
{
    setWindowTitle(tr("Fumibako Setup"));
    setButtonText(QWizard::BackButton, tr("< &Back"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
}

void SetupWizard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWizard::changeEvent(event);
}

} // namespace fumibako

#include "setupwizard.moc"
