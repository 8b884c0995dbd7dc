#include "smarthostpage.h"

#include "background.h"
#include "secretstore.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"

#include "service/smarthostservice.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fumibako
{

namespace
{

const QString kHost = QStringLiteral("relay.host");
const QString kPort = QStringLiteral("relay.port");
const QString kTls = QStringLiteral("relay.tls");
const QString kUser = QStringLiteral("relay.user");

// The settings this page edits that wait for a restart (all of them today:
// the outbound queue takes its configuration when it starts).
QStringList restartKeys()
{
    return Settings::restartOnly({kHost, kPort, kTls, kUser});
}

} // namespace

QStringList SmarthostPage::tlsValues()
{
    return {QStringLiteral("starttls"), QStringLiteral("tls"), QStringLiteral("none")};
}

int SmarthostPage::defaultPort(const QString &tls)
{
    return tls == QLatin1String("tls") ? 465 : 587;
}

SmarthostPage::SmarthostPage(const ConsoleServices &services, ServerController *server,
                             QWidget *parent)
    : QWidget(parent), m_services(services), m_server(server)
{
    setObjectName(QStringLiteral("smarthostPage"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_op25bNote = new QLabel(this);
    m_op25bNote->setObjectName(QStringLiteral("op25bNote"));
    m_op25bNote->setWordWrap(true);
    m_op25bNote->setStyleSheet(QStringLiteral("QLabel { background: #fdf6e3; border: 1px solid "
                                              "#e0c98a; border-radius: 4px; padding: 6px; }"));
    layout->addWidget(m_op25bNote);

    m_serverBox = new QGroupBox(this);
    auto *serverForm = new QFormLayout(m_serverBox);
    m_hostLabel = new QLabel(m_serverBox);
    m_hostEdit = new QLineEdit(m_serverBox);
    m_hostEdit->setObjectName(QStringLiteral("relayHostEdit"));
    m_hostEdit->setClearButtonEnabled(true);
    m_hostLabel->setBuddy(m_hostEdit);
    serverForm->addRow(m_hostLabel, m_hostEdit);
    m_tlsLabel = new QLabel(m_serverBox);
    m_tlsCombo = new QComboBox(m_serverBox);
    m_tlsCombo->setObjectName(QStringLiteral("relayTlsCombo"));
    for (const QString &v : tlsValues())
        m_tlsCombo->addItem(QString(), v);
    m_tlsLabel->setBuddy(m_tlsCombo);
    serverForm->addRow(m_tlsLabel, m_tlsCombo);
    m_portLabel = new QLabel(m_serverBox);
    m_portSpin = new QSpinBox(m_serverBox);
    m_portSpin->setObjectName(QStringLiteral("relayPortSpin"));
    m_portSpin->setRange(1, 65535);
    m_portSpin->setGroupSeparatorShown(false);
    m_portSpin->setMinimumWidth(110);
    m_portLabel->setBuddy(m_portSpin);
    m_portHint = makeNote(m_serverBox);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_portSpin);
    portRow->addWidget(m_portHint, 1);
    serverForm->addRow(m_portLabel, portRow);
    m_applyNote = makeNote(m_serverBox);
    m_applyNote->setObjectName(QStringLiteral("applyNote"));
    serverForm->addRow(QString(), m_applyNote);
    layout->addWidget(m_serverBox);

    m_authBox = new QGroupBox(this);
    auto *authForm = new QFormLayout(m_authBox);
    m_userLabel = new QLabel(m_authBox);
    m_userEdit = new QLineEdit(m_authBox);
    m_userEdit->setObjectName(QStringLiteral("relayUserEdit"));
    m_userLabel->setBuddy(m_userEdit);
    authForm->addRow(m_userLabel, m_userEdit);
    m_passwordLabel = new QLabel(m_authBox);
    m_passwordEdit = new QLineEdit(m_authBox);
    m_passwordEdit->setObjectName(QStringLiteral("relayPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_passwordEdit);
    authForm->addRow(m_passwordLabel, m_passwordEdit);
    m_passwordHint = makeNote(m_authBox);
    authForm->addRow(QString(), m_passwordHint);
    layout->addWidget(m_authBox);
    // Each field says whether the server needs a restart for it (tests read this).
    const QStringList restart = restartKeys();
    const QList<QPair<QWidget *, QString>> fields = {
        {m_hostEdit, kHost}, {m_portSpin, kPort}, {m_tlsCombo, kTls}, {m_userEdit, kUser}};
    for (const auto &[field, key] : fields)
        field->setProperty("restartRequired", restart.contains(key));
    m_applyNote->setVisible(!restart.isEmpty());

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testLabel = new QLabel(this);
    m_testLabel->setObjectName(QStringLiteral("testResultLabel"));
    m_testLabel->setWordWrap(true);
    m_testLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testLabel, 1);
    layout->addLayout(testRow);

    auto *saveRow = new QHBoxLayout;
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_restartButton = new QPushButton(this);
    m_restartButton->setObjectName(QStringLiteral("restartButton"));
    m_restartButton->hide();
    m_revertButton = new QPushButton(this);
    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    saveRow->addWidget(m_messageLabel, 1);
    saveRow->addWidget(m_restartButton);
    saveRow->addWidget(m_revertButton);
    saveRow->addWidget(m_saveButton);
    layout->addLayout(saveRow);
    layout->addStretch(1);

    connect(m_tlsCombo, &QComboBox::currentIndexChanged, this, [this] {
        // The usual port for the chosen security, unless a port of its own was entered.
        const int port = m_portSpin->value();
        if (port == 587 || port == 465)
            m_portSpin->setValue(defaultPort(m_tlsCombo->currentData().toString()));
        m_dirty = true;
    });
    connect(m_testButton, &QPushButton::clicked, this, &SmarthostPage::testConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &SmarthostPage::save);
    connect(m_revertButton, &QPushButton::clicked, this, &SmarthostPage::load);
    connect(m_restartButton, &QPushButton::clicked, m_server, [this] {
        m_server->restart();
        m_restartButton->hide();
    });
    m_tester = new SmarthostService(this);
    connect(m_tester, &SmarthostService::testFinished, this, &SmarthostPage::finishTest);
    auto markDirty = [this] { m_dirty = true; };
    connect(m_hostEdit, &QLineEdit::textEdited, this, markDirty);
    connect(m_userEdit, &QLineEdit::textEdited, this, markDirty);
    connect(m_passwordEdit, &QLineEdit::textEdited, this, markDirty);
    connect(m_portSpin, &QSpinBox::valueChanged, this, markDirty);
    retranslateUi();
}

void SmarthostPage::retranslateUi()
{
    m_intro->setText(
        tr("Mail to other companies can be sent through your provider's mail server (a "
           "\"smarthost\") instead of directly. Leave the server name empty to send directly."));
    m_op25bNote->setText(
        tr("Many Internet providers block outgoing port 25 (\"OP25B\"), so mail sent directly "
           "does not arrive. If yours does, enter your provider's submission server (port 587 "
           "or 465) with the user name and password from your provider."));
    m_serverBox->setTitle(tr("Sending server (smarthost)"));
    m_hostLabel->setText(tr("Server &name:"));
    m_hostEdit->setPlaceholderText(tr("e.g. smtp.example.ne.jp (empty: send directly)"));
    m_tlsLabel->setText(tr("&Security:"));
    m_tlsCombo->setItemText(0, tr("STARTTLS (port 587)"));
    m_tlsCombo->setItemText(1, tr("SSL/TLS (port 465)"));
    m_tlsCombo->setItemText(2, tr("None (only for a server on this network)"));
    m_portLabel->setText(tr("&Port:"));
    m_portHint->setText(tr("Usually 587 (STARTTLS) or 465 (SSL/TLS)."));
    m_applyNote->setText(tr("Changes to the sending server take effect after the mail server is "
                            "restarted."));
    m_authBox->setTitle(tr("Sign-in"));
    m_userLabel->setText(tr("&User name:"));
    m_userEdit->setPlaceholderText(tr("empty: no sign-in"));
    m_passwordLabel->setText(tr("Pass&word:"));
    m_passwordEdit->setPlaceholderText(hasStoredPassword() ? tr("(saved; enter only to change it)")
                                                           : QString());
    if (!m_services.secrets())
        m_passwordHint->setText(tr("No password store (keychain) is available on this "
                                   "computer; the password cannot be saved."));
    else if (!m_keychainProblem.isEmpty())
        m_passwordHint->setText(
            tr("The system's password store (keychain) cannot be reached right now, so a saved "
               "password cannot be read and a new one may not be saved."));
    else
        m_passwordHint->setText(tr("The password is kept in the system's password store "
                                   "(keychain), not in Fumibako's data folder."));
    m_passwordHint->setToolTip(m_keychainProblem);
    m_testButton->setText(tr("&Test Connection"));
    m_saveButton->setText(tr("&Save"));
    m_revertButton->setText(tr("&Undo Changes"));
    m_restartButton->setText(tr("&Restart Server"));
}

void SmarthostPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SmarthostPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_dirty)
        load();
}

void SmarthostPage::setBusy(bool busy)
{
    m_busy = busy;
    m_saveButton->setEnabled(!busy);
    m_revertButton->setEnabled(!busy);
}

void SmarthostPage::load()
{
    if (m_busy)
        return;
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services] { return Settings::load(services->database()); },
        [this](Result<Settings> s) {
            setBusy(false);
            if (!s) {
                showStatus(m_messageLabel,
                           ErrorText::describe(ErrorText::Action::LoadSettings, s.error()), true,
                           s.error().message);
                return;
            }
            m_settings = *s;
            m_hostEdit->setText(s->value(kHost));
            {
                const QSignalBlocker block(m_tlsCombo);
                m_tlsCombo->setCurrentIndex(qMax(0, m_tlsCombo->findData(s->value(kTls))));
            }
            m_portSpin->setValue(int(s->integer(kPort)));
            m_userEdit->setText(s->value(kUser));
            m_passwordEdit->clear();
            m_dirty = false;
            showStatus(m_messageLabel, QString(), false);
            if (!m_services.secrets()) {
                Q_EMIT loaded();
                return;
            }
            m_services.secrets()->read(
                SecretStore::smarthostPasswordKey(), this,
                [this](bool ok, const QByteArray &value, const QString &error) {
                    // A keychain that cannot be reached is a note beside the
                    // password, not an error: the other settings work without it.
                    m_keychainProblem = ok ? QString() : error;
                    if (ok)
                        m_storedPassword = value;
                    retranslateUi();
                    Q_EMIT loaded();
                });
        });
}

void SmarthostPage::save()
{
    if (m_busy)
        return;
    const QString host = m_hostEdit->text().trimmed().toLower();
    const QString user = m_userEdit->text().trimmed();
    const QByteArray password = m_passwordEdit->text().toUtf8();
    if (host.contains(QLatin1Char(' ')) || host.contains(QLatin1Char('/')) ||
        host.contains(QLatin1Char('@'))) {
        showStatus(m_messageLabel,
                   tr("Enter only the server's name, e.g. smtp.example.ne.jp (no \"smtp://\", "
                      "no mail address)."),
                   true);
        m_hostEdit->setFocus();
        return;
    }
    if (!password.isEmpty() && user.isEmpty()) {
        showStatus(m_messageLabel, tr("Enter the user name that goes with the password."), true);
        m_userEdit->setFocus();
        return;
    }
    if (!password.isEmpty() && !m_services.secrets()) {
        showStatus(m_messageLabel,
                   tr("No password store (keychain) is available on this computer; the "
                      "password cannot be saved."),
                   true);
        return;
    }
    const QList<QPair<QString, QString>> values = {{kHost, host},
                                                   {kPort, QString::number(m_portSpin->value())},
                                                   {kTls, m_tlsCombo->currentData().toString()},
                                                   {kUser, user}};
    if (auto r = Settings::validateAll(values); !r) {
        showStatus(m_messageLabel, ErrorText::describe(ErrorText::Action::SaveSettings, r.error()),
                   true, r.error().message);
        return;
    }
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, values] { return Settings::storeAll(services->database(), values); },
        [this, host, user, password](Result<void> r) {
            if (!r) {
                setBusy(false);
                showStatus(m_messageLabel,
                           ErrorText::describe(ErrorText::Action::SaveSettings, r.error()), true,
                           r.error().message);
                Q_EMIT saveFailed();
                return;
            }
            m_hostEdit->setText(host);
            m_userEdit->setText(user);
            // Without a user there is no sign-in: a stored password would only linger.
            if (user.isEmpty() && hasStoredPassword())
                savePassword(QByteArray());
            else if (!password.isEmpty())
                savePassword(password);
            else
                savePassword(m_storedPassword); // unchanged; finishes the save
        });
}

void SmarthostPage::savePassword(const QByteArray &password)
{
    auto finish = [this, password](bool ok, const QString &error) {
        setBusy(false);
        if (!ok) {
            showStatus(m_messageLabel,
                       tr("The settings were saved, but the password could not be stored in "
                          "the system's password store."),
                       true, error);
            Q_EMIT saveFailed();
            return;
        }
        m_storedPassword = password;
        m_passwordEdit->clear();
        m_server->setRelayPassword(password);
        m_dirty = false;
        retranslateUi();
        const bool running =
            m_server->state() == ServerController::State::Running && !restartKeys().isEmpty();
        showStatus(m_messageLabel,
                   running ? tr("Saved. Restart the server to send through the new settings.")
                           : tr("Saved."),
                   false);
        m_restartButton->setVisible(running);
        Q_EMIT saved();
    };
    if (password == m_storedPassword || !m_services.secrets()) {
        finish(true, QString());
        return;
    }
    m_services.secrets()->write(SecretStore::smarthostPasswordKey(), password, this, finish);
}

void SmarthostPage::testConnection()
{
    if (m_testing)
        return;
    const QString host = m_hostEdit->text().trimmed();
    if (host.isEmpty()) {
        showStatus(m_testLabel, tr("Enter the server name first."), true);
        m_hostEdit->setFocus();
        return;
    }
    m_testing = true;
    m_testButton->setEnabled(false);
    m_testOutcome.clear();
    m_testReply.clear();
    m_testLabel->setStyleSheet(QString());
    m_testLabel->setText(tr("Connecting to %1…").arg(host));
    SmarthostService::Target target;
    target.host = host;
    target.port = quint16(m_portSpin->value());
    target.tls = m_tlsCombo->currentData().toString();
    target.user = m_userEdit->text().trimmed();
    if (!target.user.isEmpty())
        target.password =
            m_passwordEdit->text().isEmpty() ? m_storedPassword : m_passwordEdit->text().toUtf8();
    m_tester->testConnection(m_settings, target);
}

void SmarthostPage::finishTest(bool ok, int code, const QString &reply)
{
    if (!m_testing)
        return;
    m_testing = false;
    m_testButton->setEnabled(true);
    m_testOutcome = ok ? QStringLiteral("ok") : QStringLiteral("failed");
    m_testReply = reply;
    if (ok)
        showStatus(m_testLabel,
                   (m_userEdit->text().trimmed().isEmpty()
                        ? tr("Connected successfully.\nServer's reply: %1")
                        : tr("Connected and signed in successfully.\nServer's reply: %1"))
                       .arg(m_testReply),
                   false);
    else if (code == 0)
        showStatus(m_testLabel,
                   tr("Could not connect. Check the server name, the port and the security "
                      "setting.\nDetails: %1")
                       .arg(m_testReply),
                   true);
    else
        showStatus(m_testLabel, tr("The server refused.\nServer's reply: %1").arg(m_testReply),
                   true);
    Q_EMIT testFinished(ok, m_testReply);
}

} // namespace fumibako
