#include "dashboardpage.h"

#include "background.h"
#include "listenertablemodel.h"
#include "widgets/errortext.h"
#include "widgets/settingnames.h"

#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fumibako
{

static QLabel *makeTitle(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    return label;
}

DashboardPage::DashboardPage(const ConsoleServices &services, ServerController *server,
                             QWidget *parent)
    : QWidget(parent), m_services(services), m_server(server),
      m_listeners(new ListenerTableModel(this)), m_protectionTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *layout = new QVBoxLayout(this);

    // State line
    auto *stateRow = new QHBoxLayout;
    m_stateDot = new QLabel(this);
    m_stateDot->setFixedSize(16, 16);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    QFont big = m_stateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_stateLabel->setFont(big);
    m_startButton = new QPushButton(this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    stateRow->addWidget(m_stateDot);
    stateRow->addWidget(m_stateLabel, 1);
    stateRow->addWidget(m_startButton);
    layout->addLayout(stateRow);
    m_stateDetail = new QLabel(this);
    m_stateDetail->setWordWrap(true);
    m_stateDetail->setStyleSheet(QStringLiteral("color: #b0301f;"));
    m_stateDetail->hide();
    layout->addWidget(m_stateDetail);
    m_pendingRestartNote = new QLabel(this);
    m_pendingRestartNote->setObjectName(QStringLiteral("restartPendingNote"));
    m_pendingRestartNote->setWordWrap(true);
    m_pendingRestartNote->setStyleSheet(
        QStringLiteral("QLabel { background: #fdf6e3; border: 1px solid #e0c98a; "
                       "border-radius: 4px; padding: 6px; }"));
    m_pendingRestartNote->hide();
    layout->addWidget(m_pendingRestartNote);
    layout->addSpacing(6);

    // Counters
    m_trafficTitle = makeTitle(this);
    // Traffic in row 1 under its title, the scanners' catch in row 3 under its own.
    auto *counters = new QGridLayout;
    const QList<Counter *> cards = {&m_connections, &m_received, &m_sent,    &m_queue,
                                    &m_viruses,     &m_spam,     &m_unscored};
    for (int i = 0; i < cards.size(); ++i) {
        Counter *c = cards[i];
        auto *card = new QFrame(this);
        card->setFrameShape(QFrame::StyledPanel);
        card->setMinimumWidth(150);
        auto *cardLayout = new QVBoxLayout(card);
        c->value = new QLabel(QStringLiteral("—"), card);
        QFont vf = c->value->font();
        vf.setPointSizeF(vf.pointSizeF() * 2.0);
        vf.setBold(true);
        c->value->setFont(vf);
        c->value->setAlignment(Qt::AlignCenter);
        c->caption = new QLabel(card);
        c->caption->setAlignment(Qt::AlignCenter);
        c->caption->setWordWrap(true);
        cardLayout->addWidget(c->value);
        cardLayout->addWidget(c->caption);
        counters->addWidget(card, i < 4 ? 1 : 3, i % 4);
    }
    m_connections.value->setObjectName(QStringLiteral("connectionsValue"));
    m_received.value->setObjectName(QStringLiteral("receivedValue"));
    m_sent.value->setObjectName(QStringLiteral("sentValue"));
    m_queue.value->setObjectName(QStringLiteral("queueValue"));
    m_viruses.value->setObjectName(QStringLiteral("virusesValue"));
    m_spam.value->setObjectName(QStringLiteral("spamValue"));
    m_unscored.value->setObjectName(QStringLiteral("unscoredValue"));
    counters->addWidget(m_trafficTitle, 0, 0, 1, 4);
    m_protectionTitle = makeTitle(this);
    auto *protectionRow = new QVBoxLayout;
    protectionRow->addSpacing(6);
    protectionRow->addWidget(m_protectionTitle);
    counters->addLayout(protectionRow, 2, 0, 1, 4);
    layout->addLayout(counters);
    layout->addSpacing(6);

    // Listeners
    m_listenersTitle = makeTitle(this);
    layout->addWidget(m_listenersTitle);
    m_listenerView = new QTableView(this);
    m_listenerView->setObjectName(QStringLiteral("listenerView"));
    m_listenerView->setModel(m_listeners);
    m_listenerView->setSelectionMode(QAbstractItemView::NoSelection);
    m_listenerView->setFocusPolicy(Qt::NoFocus);
    m_listenerView->verticalHeader()->hide();
    m_listenerView->setAlternatingRowColors(true);
    m_listenerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_listenerView->horizontalHeader()->setStretchLastSection(true);
    m_listenerView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_listenerView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_listenerView);
    m_webUrlLabel = new QLabel(this);
    m_webUrlLabel->setObjectName(QStringLiteral("webUrlLabel"));
    m_webUrlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_webUrlLabel->setWordWrap(true);
    m_webUrlLabel->hide();
    layout->addWidget(m_webUrlLabel);

    // Certificate
    layout->addSpacing(6);
    m_certificateTitle = makeTitle(this);
    layout->addWidget(m_certificateTitle);
    auto *certFrame = new QFrame(this);
    certFrame->setFrameShape(QFrame::StyledPanel);
    auto *certForm = new QFormLayout(certFrame);
    m_subjectLabel = new QLabel(certFrame);
    m_subjectValue = new QLabel(certFrame);
    m_subjectValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_namesLabel = new QLabel(certFrame);
    m_namesValue = new QLabel(certFrame);
    m_namesValue->setWordWrap(true);
    m_namesValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_expiryLabel = new QLabel(certFrame);
    m_expiryValue = new QLabel(certFrame);
    m_expiryValue->setObjectName(QStringLiteral("expiryValue"));
    m_expiryWarning = new QLabel(certFrame);
    m_expiryWarning->setWordWrap(true);
    m_expiryWarning->setStyleSheet(QStringLiteral("color: #b0301f; font-weight: bold;"));
    m_expiryWarning->hide();
    certForm->addRow(m_subjectLabel, m_subjectValue);
    certForm->addRow(m_namesLabel, m_namesValue);
    certForm->addRow(m_expiryLabel, m_expiryValue);
    certForm->addRow(QString(), m_expiryWarning);
    layout->addWidget(certFrame);
    layout->addStretch(1);

    connect(m_server, &ServerController::stateChanged, this, &DashboardPage::updateState);
    connect(m_server, &ServerController::statusChanged, this, &DashboardPage::updateStatus);
    connect(m_server, &ServerController::pendingRestartChanged, this,
            &DashboardPage::updatePendingRestart);
    m_protectionTimer->setInterval(kProtectionRefreshMs);
    connect(m_protectionTimer, &QTimer::timeout, this, &DashboardPage::refreshProtection);
    connect(m_startButton, &QPushButton::clicked, this, [this] {
        if (m_server->state() == ServerController::State::Running)
            m_server->restart();
        else
            m_server->start();
    });
    retranslateUi();
    updateStatus(m_server->status());
}

void DashboardPage::retranslateUi()
{
    m_trafficTitle->setText(tr("Today"));
    m_connections.caption->setText(tr("Open connections"));
    m_received.caption->setText(tr("Mail received today"));
    m_sent.caption->setText(tr("Mail sent today"));
    m_queue.caption->setText(tr("Waiting in the send queue"));
    m_protectionTitle->setText(tr("Virus and spam protection today"));
    m_viruses.caption->setText(tr("Viruses found"));
    m_spam.caption->setText(tr("Mail held as spam"));
    m_unscored.caption->setText(tr("Accepted unscored"));
    const QString unscoredTip = tr("Mail accepted without a spam check because the spam "
                                   "scanner (spamd) did not answer. It is delivered as usual.");
    m_unscored.caption->setToolTip(unscoredTip);
    m_unscored.value->setToolTip(unscoredTip);
    m_listenersTitle->setText(tr("Services"));
    //: %1: the URL of the server's HTTPS listener, e.g. https://mx.example.co.jp:2443/
    m_webUrlLabel->setText(
        tr("Release links in the daily Spam Summary open pages at %1").arg(m_webUrl));
    m_certificateTitle->setText(tr("TLS certificate"));
    m_subjectLabel->setText(tr("Issued to:"));
    m_namesLabel->setText(tr("Host names:"));
    m_expiryLabel->setText(tr("Valid until:"));
    m_listeners->retranslate();
    updateState();
    updateStatus(m_server->status());
    updatePendingRestart();
    updateProtection();
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshProtection();
    m_protectionTimer->start();
}

void DashboardPage::hideEvent(QHideEvent *event)
{
    m_protectionTimer->stop();
    QWidget::hideEvent(event);
}

void DashboardPage::refreshProtection()
{
    if (std::exchange(m_protectionLoading, true))
        return;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services] {
            // "Today" is the office's day: from local midnight.
            const QDateTime midnight(services->clock()->now().toLocalTime().date(), QTime(0, 0));
            return services->quarantine().countsSince(midnight);
        },
        [this](Result<ProtectionCounts> r) {
            m_protectionLoading = false;
            if (r)
                m_protection = *r;
            updateProtection();
            Q_EMIT protectionRefreshed();
        });
}

void DashboardPage::updateProtection()
{
    const QLocale locale;
    auto number = [&](qint64 ProtectionCounts::*field) {
        return m_protection ? locale.toString((*m_protection).*field) : QStringLiteral("—");
    };
    m_viruses.value->setText(number(&ProtectionCounts::viruses));
    m_spam.value->setText(number(&ProtectionCounts::held));
    m_unscored.value->setText(number(&ProtectionCounts::unscored));
    // Mail that passed unscored is worth a look: spamd is down or hung.
    m_unscored.value->setStyleSheet(
        m_protection && m_protection->unscored > 0 ? QStringLiteral("color: #b0301f;") : QString());
}

void DashboardPage::updatePendingRestart()
{
    const QStringList &pending = m_server->pendingRestart();
    m_pendingRestartNote->setVisible(!pending.isEmpty());
    if (pending.isEmpty())
        return;
    m_pendingRestartNote->setText(
        tr("Settings changes wait for a restart: %1. Restart the server to use them.")
            .arg(SettingNames::list(pending)));
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DashboardPage::updateState()
{
    using S = ServerController::State;
    QString text;
    QString color;
    switch (m_server->state()) {
    case S::Running:
        text = tr("The mail server is running");
        color = QStringLiteral("#2ea04f");
        break;
    case S::Starting:
        text = tr("The mail server is starting…");
        color = QStringLiteral("#d8a93b");
        break;
    case S::Stopping:
        text = tr("The mail server is stopping…");
        color = QStringLiteral("#d8a93b");
        break;
    case S::Stopped:
        text = tr("The mail server is stopped");
        color = QStringLiteral("#888888");
        break;
    case S::Failed:
        text = tr("The mail server could not start");
        color = QStringLiteral("#b0301f");
        break;
    }
    m_stateLabel->setText(text);
    m_stateDot->setStyleSheet(QStringLiteral("background: %1; border-radius: 8px;").arg(color));
    if (m_server->state() == S::Failed) {
        m_stateDetail->setText(
            ErrorText::describe(ErrorText::Action::StartServer, m_server->lastError()));
        m_stateDetail->setToolTip(m_server->lastError().message);
        m_stateDetail->show();
    } else {
        m_stateDetail->hide();
    }
    const bool running = m_server->state() == S::Running;
    m_startButton->setText(running ? tr("Restart Server") : tr("Start Server"));
    m_startButton->setEnabled(m_server->state() != S::Starting && m_server->state() != S::Stopping);
}

void DashboardPage::updateStatus(const ServerStatus &status)
{
    m_listeners->setStatus(status);
    if (m_webUrl != status.webUrl) {
        m_webUrl = status.webUrl;
        m_webUrlLabel->setText(
            tr("Release links in the daily Spam Summary open pages at %1").arg(m_webUrl));
    }
    m_webUrlLabel->setVisible(status.running && !m_webUrl.isEmpty());
    // Fit the table to its rows so the page needs no scrolling.
    int height =
        m_listenerView->horizontalHeader()->sizeHint().height() + 2 * m_listenerView->frameWidth();
    for (int row = 0; row < m_listeners->rowCount(); ++row)
        height += m_listenerView->verticalHeader()->sectionSize(row);
    m_listenerView->setFixedHeight(height);

    const QLocale locale;
    auto number = [&](qint64 n) {
        return status.running ? locale.toString(n) : QStringLiteral("—");
    };
    m_connections.value->setText(number(status.openConnections));
    m_received.value->setText(number(status.receivedToday));
    m_sent.value->setText(number(status.sentToday));
    m_queue.value->setText(number(status.queueLength));

    if (!status.certificateExpiry.isValid()) {
        m_subjectValue->setText(QStringLiteral("—"));
        m_namesValue->setText(QStringLiteral("—"));
        m_expiryValue->setText(QStringLiteral("—"));
        m_expiryWarning->hide();
        return;
    }
    m_subjectValue->setText(status.certificateSubject);
    m_namesValue->setText(status.certificateNames.join(QStringLiteral(", ")));
    const QDateTime expiry = status.certificateExpiry.toLocalTime();
    const qint64 days = QDateTime::currentDateTime().daysTo(expiry);
    const QString date = expiry.toString(QStringLiteral("yyyy/MM/dd"));
    if (days < 0) {
        m_expiryValue->setText(tr("%1 (expired)").arg(date));
        m_expiryWarning->setText(
            tr("The certificate has expired. Mail programs will show security warnings; import "
               "a new certificate under Settings."));
        m_expiryWarning->show();
    } else {
        m_expiryValue->setText(tr("%1 (%n day(s) left)", nullptr, int(days)).arg(date));
        m_expiryWarning->setText(
            tr("The certificate expires soon. Import a renewed certificate under Settings."));
        m_expiryWarning->setVisible(days < 30);
    }
}

} // namespace fumibako
