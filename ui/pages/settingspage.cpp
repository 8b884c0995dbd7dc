#include "settingspage.h"

#include "background.h"
#include "listenertablemodel.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"
#include "widgets/settingnames.h"

#include "service/settings.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fumibako
{

SettingsPage::SettingsPage(const ConsoleServices &services, ServerController *server,
                           QWidget *parent)
    : QWidget(parent), m_services(services), m_server(server)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    // At the top, where it is seen before anything is changed: how settings
    // apply, and — only while the running server says so — what waits for its restart.
    m_applyNote = makeNote(content);
    m_applyNote->setObjectName(QStringLiteral("applyModeNote"));
    layout->addWidget(m_applyNote);
    m_restartBox = new QFrame(content);
    m_restartBox->setObjectName(QStringLiteral("restartBox"));
    m_restartBox->setStyleSheet(
        QStringLiteral("#restartBox { background: #fdf6e3; border: 1px solid #e0c98a; "
                       "border-radius: 4px; }"));
    auto *restartRow = new QHBoxLayout(m_restartBox);
    m_restartNote = new QLabel(m_restartBox);
    m_restartNote->setObjectName(QStringLiteral("restartPendingNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->setTextFormat(Qt::RichText);
    m_restartButton = new QPushButton(m_restartBox);
    m_restartButton->setObjectName(QStringLiteral("restartButton"));
    restartRow->addWidget(m_restartNote, 1);
    restartRow->addWidget(m_restartButton, 0, Qt::AlignVCenter);
    layout->addWidget(m_restartBox);

    auto *columns = new QHBoxLayout;
    m_portsBox = new QGroupBox(content);
    auto *portsForm = new QFormLayout(m_portsBox);
    portsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    for (const QString &name : MailServer::listenerNames()) {
        if (!Settings::spec(QStringLiteral("ports.") + name))
            continue;
        auto *spin = new QSpinBox(m_portsBox);
        spin->setObjectName(QStringLiteral("port_") + name);
        spin->setRange(1, 65535);
        spin->setGroupSeparatorShown(false);
        spin->setMinimumWidth(110);
        auto *label = new QLabel(m_portsBox);
        label->setBuddy(spin);
        portsForm->addRow(label, spin);
        m_portSpins.insert(name, spin);
        m_portLabels.insert(name, label);
    }
    m_portsNote = makeNote(m_portsBox);
    m_portsNote->setObjectName(QStringLiteral("portsRestartNote"));
    portsForm->addRow(m_portsNote);
    columns->addWidget(m_portsBox, 1);

    m_mailBox = new QGroupBox(content);
    auto *mailForm = new QFormLayout(m_mailBox);
    m_hostnameLabel = new QLabel(m_mailBox);
    m_hostnameEdit = new QLineEdit(m_mailBox);
    m_hostnameEdit->setObjectName(QStringLiteral("hostnameEdit"));
    m_hostnameLabel->setBuddy(m_hostnameEdit);
    mailForm->addRow(m_hostnameLabel, m_hostnameEdit);
    m_hostnameNote = makeNote(m_mailBox);
    m_hostnameNote->setObjectName(QStringLiteral("hostnameRestartNote"));
    mailForm->addRow(QString(), m_hostnameNote);
    m_sizeLabel = new QLabel(m_mailBox);
    m_sizeSpin = new QSpinBox(m_mailBox);
    m_sizeSpin->setObjectName(QStringLiteral("maxSizeSpin"));
    m_sizeSpin->setRange(1, 1024);
    m_sizeLabel->setBuddy(m_sizeSpin);
    mailForm->addRow(m_sizeLabel, m_sizeSpin);
    m_recipientsLabel = new QLabel(m_mailBox);
    m_recipientsSpin = new QSpinBox(m_mailBox);
    m_recipientsSpin->setObjectName(QStringLiteral("maxRecipientsSpin"));
    m_recipientsSpin->setRange(1, 10000);
    m_recipientsLabel->setBuddy(m_recipientsSpin);
    mailForm->addRow(m_recipientsLabel, m_recipientsSpin);
    m_liveNote = makeNote(m_mailBox);
    m_liveNote->setObjectName(QStringLiteral("liveNote"));
    mailForm->addRow(QString(), m_liveNote);
    columns->addWidget(m_mailBox, 1);
    for (auto it = m_portSpins.cbegin(); it != m_portSpins.cend(); ++it)
        markApply(it.value(), QStringLiteral("ports.") + it.key());
    markApply(m_hostnameEdit, QStringLiteral("server.hostname"));
    markApply(m_sizeSpin, QStringLiteral("smtp.max_message_size"));
    markApply(m_recipientsSpin, QStringLiteral("smtp.max_recipients"));
    // A note shows only where the registry has such a setting in its box.
    const auto restartIn = [this](const QList<QWidget *> &fields) {
        return std::any_of(fields.cbegin(), fields.cend(),
                           [](QWidget *w) { return w->property("restartRequired").toBool(); });
    };
    QList<QWidget *> portFields;
    for (QSpinBox *spin : std::as_const(m_portSpins))
        portFields << spin;
    m_portsNote->setVisible(restartIn(portFields));
    m_hostnameNote->setVisible(restartIn({m_hostnameEdit}));
    m_liveNote->setVisible(!restartIn({m_sizeSpin}) && !restartIn({m_recipientsSpin}));
    layout->addLayout(columns);

    auto *saveRow = new QHBoxLayout;
    m_messageLabel = new QLabel(content);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_revertButton = new QPushButton(content);
    m_saveButton = new QPushButton(content);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    saveRow->addWidget(m_messageLabel, 1);
    saveRow->addWidget(m_revertButton);
    saveRow->addWidget(m_saveButton);
    layout->addLayout(saveRow);

    m_certBox = new QGroupBox(content);
    auto *certForm = new QFormLayout(m_certBox);
    certForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_currentCertLabel = new QLabel(m_certBox);
    m_currentCertValue = new QLabel(m_certBox);
    m_currentCertValue->setWordWrap(true);
    certForm->addRow(m_currentCertLabel, m_currentCertValue);
    auto fileRow = [this](QLineEdit *&edit, QPushButton *&button, const QString &name) {
        auto *row = new QHBoxLayout;
        edit = new QLineEdit(m_certBox);
        edit->setObjectName(name);
        button = new QPushButton(m_certBox);
        row->addWidget(edit, 1);
        row->addWidget(button);
        return row;
    };
    m_certFileLabel = new QLabel(m_certBox);
    certForm->addRow(m_certFileLabel,
                     fileRow(m_certFileEdit, m_certBrowse, QStringLiteral("certFileEdit")));
    m_keyFileLabel = new QLabel(m_certBox);
    certForm->addRow(m_keyFileLabel,
                     fileRow(m_keyFileEdit, m_keyBrowse, QStringLiteral("keyFileEdit")));
    m_certFileLabel->setBuddy(m_certFileEdit);
    m_keyFileLabel->setBuddy(m_keyFileEdit);
    auto *importRow = new QHBoxLayout;
    m_certMessageLabel = new QLabel(m_certBox);
    m_certMessageLabel->setObjectName(QStringLiteral("certMessageLabel"));
    m_certMessageLabel->setWordWrap(true);
    importRow->addWidget(m_certMessageLabel, 1);
    m_importButton = new QPushButton(m_certBox);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    importRow->addWidget(m_importButton);
    certForm->addRow(importRow);
    layout->addWidget(m_certBox);
    layout->addStretch(1);

    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_revertButton, &QPushButton::clicked, this, &SettingsPage::load);
    connect(m_importButton, &QPushButton::clicked, this, &SettingsPage::importCertificate);
    connect(m_restartButton, &QPushButton::clicked, m_server, [this] { m_server->restart(); });
    connect(m_certBrowse, &QPushButton::clicked, this, [this] {
        const QString f = browse(tr("Choose the Certificate File"));
        if (!f.isEmpty())
            m_certFileEdit->setText(QDir::toNativeSeparators(f));
    });
    connect(m_keyBrowse, &QPushButton::clicked, this, [this] {
        const QString f = browse(tr("Choose the Private Key File"));
        if (!f.isEmpty())
            m_keyFileEdit->setText(QDir::toNativeSeparators(f));
    });
    connect(m_server, &ServerController::statusChanged, this, &SettingsPage::updateCertificate);
    connect(m_server, &ServerController::stateChanged, this, [this] {
        m_restartButton->setEnabled(m_server->state() != ServerController::State::Starting &&
                                    m_server->state() != ServerController::State::Stopping);
    });
    connect(m_server, &ServerController::pendingRestartChanged, this,
            &SettingsPage::updateRestartBox);
    connect(m_server, &ServerController::settingsChanged, this,
            [this](const QStringList &applied) { onSettingsChanged(applied); });
    auto markDirty = [this] { m_dirty = true; };
    for (QSpinBox *s : std::as_const(m_portSpins))
        connect(s, &QSpinBox::valueChanged, this, markDirty);
    connect(m_sizeSpin, &QSpinBox::valueChanged, this, markDirty);
    connect(m_recipientsSpin, &QSpinBox::valueChanged, this, markDirty);
    connect(m_hostnameEdit, &QLineEdit::textEdited, this, markDirty);
    retranslateUi();
    updateCertificate(m_server->status());
    updateRestartBox();
}

void SettingsPage::retranslateUi()
{
    m_applyNote->setText(
        tr("Settings marked \"Takes effect after a restart\" are used once the mail server is "
           "restarted; the others apply to new connections as soon as they are saved."));
    m_restartButton->setText(tr("&Restart Server"));
    m_portsBox->setTitle(tr("Ports"));
    for (auto it = m_portLabels.cbegin(); it != m_portLabels.cend(); ++it)
        it.value()->setText(tr("%1:").arg(ListenerTableModel::serviceText(it.key())));
    m_mailBox->setTitle(tr("Mail"));
    m_hostnameLabel->setText(tr("&Host name:"));
    m_sizeLabel->setText(tr("Maximum message si&ze:"));
    m_sizeSpin->setSuffix(tr(" MB"));
    m_recipientsLabel->setText(tr("Maximum r&ecipients per message:"));
    m_portsNote->setText(tr("Takes effect after a restart."));
    m_hostnameNote->setText(tr("Takes effect after a restart."));
    m_liveNote->setText(tr("The size and recipient limits apply at once to new connections."));
    m_saveButton->setText(tr("&Save Settings"));
    m_revertButton->setText(tr("&Undo Changes"));
    m_certBox->setTitle(tr("TLS certificate"));
    m_currentCertLabel->setText(tr("Current certificate:"));
    m_certFileLabel->setText(tr("&Certificate (PEM):"));
    m_keyFileLabel->setText(tr("Private &key (PEM):"));
    m_certBrowse->setText(tr("&Browse…"));
    m_keyBrowse->setText(tr("Br&owse…"));
    m_importButton->setText(tr("&Import Certificate"));
    updateCertificate(m_server->status());
    updateRestartBox();
}

void SettingsPage::updateRestartBox()
{
    const QStringList &pending = m_server->pendingRestart();
    m_restartBox->setProperty("pendingKeys", pending);
    m_restartBox->setVisible(!pending.isEmpty());
    if (pending.isEmpty())
        return;
    m_restartNote->setText(
        QStringLiteral("<b>%1</b><br>%2")
            .arg(tr("Waiting for a restart of the mail server: %1")
                     .arg(SettingNames::list(pending))
                     .toHtmlEscaped(),
                 tr("These changes are saved; the server uses them once it is restarted. "
                    "Restarting ends the connections under way; mail programs reconnect by "
                    "themselves.")
                     .toHtmlEscaped()));
}

void SettingsPage::onSettingsChanged(const QStringList &applied)
{
    // During a save the outcome line is about to say it all.
    if (m_busy)
        return;
    QStringList news;
    for (const QString &key : applied)
        if (!m_ownLive.removeOne(key))
            news << key;
    // Show what the database now holds, unless the administrator is typing.
    if (!m_dirty)
        reload(true);
    if (news.isEmpty())
        return;
    m_messageLabel->setProperty("appliedKeys", news);
    showMessage(m_messageLabel,
                tr("Changed outside this console and already in effect for new connections: %1.")
                    .arg(SettingNames::list(news)),
                false);
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_dirty)
        load();
}

void SettingsPage::setBusy(bool busy)
{
    m_busy = busy;
    m_saveButton->setEnabled(!busy);
    m_revertButton->setEnabled(!busy);
    m_importButton->setEnabled(!busy);
}

void SettingsPage::showMessage(QLabel *label, const QString &text, bool error,
                               const QString &detail)
{
    showStatus(label, text, error, detail);
}

void SettingsPage::updateCertificate(const ServerStatus &status)
{
    if (!status.certificateExpiry.isValid()) {
        m_currentCertValue->setText(tr("(shown while the server is running)"));
        return;
    }
    m_currentCertValue->setText(
        tr("%1, valid until %2")
            .arg(status.certificateNames.isEmpty()
                     ? status.certificateSubject
                     : status.certificateNames.join(QStringLiteral(", ")),
                 status.certificateExpiry.toLocalTime().toString(QStringLiteral("yyyy/MM/dd"))));
}

void SettingsPage::load()
{
    reload(false);
}

void SettingsPage::reload(bool quiet)
{
    if (m_busy)
        return;
    // A quiet refresh leaves the buttons alone and gives way to whatever the
    // administrator did meanwhile (typed, saved, reloaded): its values may be
    // older than theirs.
    if (!quiet)
        setBusy(true);
    const quint64 generation = ++m_generation;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services] { return Settings::load(services->database()); },
        [this, quiet, generation](Result<Settings> s) {
            if (quiet && (generation != m_generation || m_busy || m_dirty || !s))
                return;
            if (!quiet)
                setBusy(false);
            if (!s) {
                showMessage(m_messageLabel,
                            ErrorText::describe(ErrorText::Action::LoadSettings, s.error()), true,
                            s.error().message);
                return;
            }
            for (auto it = m_portSpins.cbegin(); it != m_portSpins.cend(); ++it)
                it.value()->setValue(int(s->integer(QStringLiteral("ports.") + it.key())));
            m_hostnameEdit->setText(s->value(QStringLiteral("server.hostname")));
            m_sizeSpin->setValue(int(qBound<qint64>(
                1, (s->integer(QStringLiteral("smtp.max_message_size")) + kMiB / 2) / kMiB,
                qint64(m_sizeSpin->maximum()))));
            m_recipientsSpin->setValue(int(s->integer(QStringLiteral("smtp.max_recipients"))));
            m_loaded = s->all();
            m_dirty = false;
            if (!quiet) {
                m_messageLabel->setProperty("appliedKeys", QStringList());
                showMessage(m_messageLabel, QString(), false);
            }
            Q_EMIT loaded();
        });
}

void SettingsPage::save()
{
    if (m_busy)
        return;
    // The console's own checks first, in words a person can act on.
    QMap<int, QString> seen;
    for (auto it = m_portSpins.cbegin(); it != m_portSpins.cend(); ++it) {
        const int port = it.value()->value();
        if (seen.contains(port)) {
            showMessage(m_messageLabel,
                        tr("Port %1 is used twice (%2 and %3). Give each service its own port.")
                            .arg(port)
                            .arg(ListenerTableModel::serviceText(seen.value(port)),
                                 ListenerTableModel::serviceText(it.key())),
                        true);
            it.value()->setFocus();
            return;
        }
        seen.insert(port, it.key());
    }
    const QString hostname = InputCheck::normalizeDomain(m_hostnameEdit->text());
    if (hostname.isEmpty()) {
        showMessage(m_messageLabel, tr("Enter the host name of this server."), true);
        m_hostnameEdit->setFocus();
        return;
    }
    if (const QString p = InputCheck::hostnameProblem(hostname); !p.isEmpty()) {
        showMessage(m_messageLabel, p, true);
        m_hostnameEdit->setFocus();
        return;
    }

    QList<QPair<QString, QString>> values;
    for (auto it = m_portSpins.cbegin(); it != m_portSpins.cend(); ++it)
        values << qMakePair(QStringLiteral("ports.") + it.key(),
                            QString::number(it.value()->value()));
    values << qMakePair(QStringLiteral("server.hostname"), hostname);
    values << qMakePair(QStringLiteral("smtp.max_message_size"),
                        QString::number(qint64(m_sizeSpin->value()) * kMiB));
    values << qMakePair(QStringLiteral("smtp.max_recipients"),
                        QString::number(m_recipientsSpin->value()));
    if (auto r = Settings::validateAll(values); !r) {
        showMessage(m_messageLabel, ErrorText::describe(ErrorText::Action::SaveSettings, r.error()),
                    true, r.error().message);
        return;
    }

    m_ownLive.clear();
    ++m_generation;
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, values] { return Settings::storeAll(services->database(), values); },
        [this, hostname, values](Result<void> r) {
            setBusy(false);
            if (!r) {
                showMessage(m_messageLabel,
                            ErrorText::describe(ErrorText::Action::SaveSettings, r.error()), true,
                            r.error().message);
                return;
            }
            m_dirty = false;
            m_hostnameEdit->setText(hostname);
            QStringList changed;
            for (const auto &[key, value] : values) {
                const QString normalized = Settings::validate(key, value).value_or(value);
                if (m_loaded.value(key) != normalized)
                    changed << key;
                m_loaded.insert(key, normalized);
            }
            const QStringList restart = Settings::restartOnly(changed);
            QStringList live;
            for (const QString &key : std::as_const(changed))
                if (!restart.contains(key))
                    live << key;
            const bool running = m_server->state() == ServerController::State::Running;
            m_messageLabel->setProperty("appliedKeys", running ? live : QStringList());
            QStringList lines;
            if (!running) {
                lines << tr("The settings have been saved. The server uses them when it starts.");
            } else if (changed.isEmpty()) {
                lines << tr("The settings have been saved; none of them had changed.");
            } else {
                // The server would see the change at its next poll; asking now
                // makes "already in effect" true by the time it is read.
                m_ownLive = live;
                m_server->reloadSettings();
                lines << tr("The settings have been saved.");
                if (!live.isEmpty())
                    lines << tr("Already in effect for new connections: %1.")
                                 .arg(SettingNames::list(live));
                if (!restart.isEmpty())
                    lines << tr("Takes effect after the server is restarted: %1.")
                                 .arg(SettingNames::list(restart));
            }
            const QString text = lines.join(QLatin1Char('\n'));
            showMessage(m_messageLabel, text, false);
            Q_EMIT saved();
        });
}

void SettingsPage::markApply(QWidget *field, const QString &key)
{
    const SettingSpec *spec = Settings::spec(key);
    field->setProperty("settingKey", key);
    field->setProperty("restartRequired", spec && !spec->isLive());
}

QString SettingsPage::browse(const QString &title)
{
    return QFileDialog::getOpenFileName(this, title, QDir::homePath(),
                                        tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
}

void SettingsPage::importCertificate()
{
    if (m_busy)
        return;
    const QString certFile = m_certFileEdit->text().trimmed();
    const QString keyFile = m_keyFileEdit->text().trimmed();
    if (certFile.isEmpty() || keyFile.isEmpty()) {
        showMessage(m_certMessageLabel,
                    tr("Choose both the certificate file and the private key file."), true);
        (certFile.isEmpty() ? m_certFileEdit : m_keyFileEdit)->setFocus();
        return;
    }
    setBusy(true);
    const ConsoleServices *services = &m_services;
    struct Outcome {
        QString unreadable; // a file that could not be read
        Result<void> result;
    };
    runInBackground(
        this,
        [services, certFile, keyFile]() -> Outcome {
            QFile cert(QDir::fromNativeSeparators(certFile));
            QFile key(QDir::fromNativeSeparators(keyFile));
            // PEM files are small; refuse anything that clearly is not one.
            constexpr qint64 kMaxPem = 1024 * 1024;
            if (!cert.open(QIODevice::ReadOnly) || cert.size() > kMaxPem)
                return {certFile, {}};
            if (!key.open(QIODevice::ReadOnly) || key.size() > kMaxPem)
                return {keyFile, {}};
            return {QString(),
                    services->dataDir().importCertificate(cert.readAll(), key.readAll())};
        },
        [this](Outcome o) {
            setBusy(false);
            if (!o.unreadable.isEmpty()) {
                showMessage(m_certMessageLabel,
                            tr("The file %1 could not be read.").arg(o.unreadable), true);
                return;
            }
            if (!o.result) {
                showMessage(
                    m_certMessageLabel,
                    ErrorText::describe(ErrorText::Action::ImportCertificate, o.result.error()),
                    true, o.result.error().message);
                return;
            }
            m_certFileEdit->clear();
            m_keyFileEdit->clear();
            showMessage(m_certMessageLabel,
                        tr("The certificate has been imported. Restart the server to use it."),
                        false);
            Q_EMIT certificateImported();
        });
}

} // namespace fumibako
