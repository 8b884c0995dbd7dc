#include "queuepage.h"

#include "background.h"
#include "dialogs/confirmbox.h"
#include "itemroles.h"
#include "queuetablemodel.h"
#include "widgets/choicecombo.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/listview.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace fumibako
{

QueuePage::QueuePage(const ConsoleServices &services, ServerController *server, QWidget *parent)
    : ActionPage(parent), m_services(services), m_server(server),
      m_model(new QueueTableModel(this)), m_proxy(new QueueFilterModel(this)),
      m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("queuePage"));
    m_proxy->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto *filters = new QHBoxLayout;
    m_stateLabel = new QLabel(this);
    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateCombo"));
    m_stateCombo->addItem(QString(), -1);
    for (QueueEntry::State s : QueueTableModel::states())
        m_stateCombo->addItem(QString(), int(s));
    m_stateCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stateLabel->setBuddy(m_stateCombo);
    m_domainLabel = new QLabel(this);
    m_domainCombo = new QComboBox(this);
    m_domainCombo->setObjectName(QStringLiteral("domainCombo"));
    m_domainCombo->addItem(QString(), QString());
    m_domainCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_domainCombo->setMinimumWidth(180);
    m_domainLabel->setBuddy(m_domainCombo);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    filters->addWidget(m_stateLabel);
    filters->addWidget(m_stateCombo);
    filters->addSpacing(12);
    filters->addWidget(m_domainLabel);
    filters->addWidget(m_domainCombo);
    filters->addStretch(1);
    filters->addWidget(m_countLabel);
    layout->addLayout(filters);

    m_stack = new QStackedWidget(this);
    m_view = makeListView(m_stack, QStringLiteral("queueView"), m_proxy,
                          QueueTableModel::NextTryColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setColumnWidth(QueueTableModel::RecipientColumn, 185);
    m_view->setColumnWidth(QueueTableModel::SenderColumn, 170);
    m_view->setColumnWidth(QueueTableModel::StateColumn, 80);
    m_view->setColumnWidth(QueueTableModel::AttemptsColumn, 64);
    m_view->setColumnWidth(QueueTableModel::NextTryColumn, 125);
    m_stack->addWidget(m_view);
    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 12pt;"));
    m_stack->addWidget(m_emptyLabel);
    layout->addWidget(m_stack, 1);
    // The last reply is often longer than its column: the selected row's in full.
    m_detailLabel = new QLabel(this);
    m_detailLabel->setObjectName(QStringLiteral("detailLabel"));
    m_detailLabel->setWordWrap(true);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detailLabel);

    auto *buttons = new QHBoxLayout;
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_retryButton = new QPushButton(this);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_headersButton = new QPushButton(this);
    m_headersButton->setObjectName(QStringLiteral("headersButton"));
    m_deleteButton = new QPushButton(this);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    buttons->addWidget(m_messageLabel, 1);
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_headersButton);
    buttons->addWidget(m_deleteButton);
    layout->addLayout(buttons);

    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &QueuePage::refresh);
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(m_stateCombo->currentData().toInt());
        updateState();
    });
    connect(m_domainCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setDomainFilter(m_domainCombo->currentData().toString());
        updateState();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePage::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &QueuePage::updateState);
    connect(m_retryButton, &QPushButton::clicked, this, &QueuePage::retrySelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &QueuePage::deleteSelected);
    connect(m_headersButton, &QPushButton::clicked, this, &QueuePage::showHeaders);
    connect(m_view, &QTableView::doubleClicked, this, &QueuePage::showHeaders);
    retranslateUi();
}

void QueuePage::retranslateUi()
{
    m_intro->setText(
        tr("Mail to other servers waits here until the receiving server accepts it. Mail that "
           "could not be delivered is retried automatically; after the retry period it is "
           "returned to the sender."));
    m_stateLabel->setText(tr("&State:"));
    for (int i = 0; i < m_stateCombo->count(); ++i) {
        const int s = m_stateCombo->itemData(i).toInt();
        m_stateCombo->setItemText(i, s < 0 ? tr("All states")
                                           : QueueTableModel::stateText(QueueEntry::State(s)));
    }
    m_domainLabel->setText(tr("Destination &domain:"));
    m_domainCombo->setItemText(0, tr("All domains"));
    m_emptyLabel->setText(tr("The send queue is empty.\nAll mail to other servers has been sent."));
    m_retryButton->setText(tr("&Retry Now"));
    m_retryButton->setToolTip(tr("Try to send the selected message again now, without waiting "
                                 "for the next scheduled retry."));
    m_headersButton->setText(tr("Show &Headers"));
    m_deleteButton->setText(tr("De&lete…"));
    m_deleteButton->setToolTip(
        tr("Delete the selected message from the queue. It is not sent and not returned."));
    m_model->retranslate();
    updateState();
}

void QueuePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void QueuePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void QueuePage::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

bool QueuePage::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

qint64 QueuePage::selectedQueueId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(QueueIdRole).toLongLong();
}

void QueuePage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void QueuePage::updateDomains()
{
    refillChoices(m_domainCombo, m_model->domains());
}

void QueuePage::updateState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_stack->setCurrentWidget(m_loaded && total == 0 ? static_cast<QWidget *>(m_emptyLabel)
                                                     : static_cast<QWidget *>(m_view));
    if (!m_loaded)
        m_countLabel->clear();
    else if (shown == total)
        m_countLabel->setText(tr("%n recipient(s)", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n recipient(s) shown", nullptr, total).arg(shown));
    const qint64 id = selectedQueueId();
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    m_detailLabel->setText(selected.isEmpty() ? QString()
                                              : selected.first().data(Qt::ToolTipRole).toString());
    m_detailLabel->setVisible(!selected.isEmpty());
    bool waiting = false;
    for (const QueueEntry &e : m_model->message(id))
        waiting = waiting || e.state == QueueEntry::State::Queued ||
                  e.state == QueueEntry::State::Deferred;
    m_retryButton->setEnabled(!m_busy && id > 0 && waiting);
    m_deleteButton->setEnabled(!m_busy && id > 0);
    m_headersButton->setEnabled(!m_busy && id > 0);
}

void QueuePage::refresh()
{
    if (!beginLoad())
        return;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services] { return services->queue().list(); },
        [this](Result<QList<QueueEntry>> r) {
            if (r) {
                m_model->setEntries(*r);
                m_loaded = true;
                updateDomains();
            }
            endLoad(r ? nullptr : &r.error(), int(ErrorText::Action::LoadQueue));
        });
}

void QueuePage::retrySelected()
{
    const qint64 id = selectedQueueId();
    if (m_busy || id <= 0)
        return;
    const ConsoleServices *services = &m_services;
    runAction([services, id] { return services->queue().retryNow(id); },
              int(ErrorText::Action::RetryQueued),
              [this, id] {
                  m_server->wakeQueue();
                  showMessage(m_server->state() == ServerController::State::Running
                                  ? tr("The message is being sent again now.")
                                  : tr("The message will be sent when the mail server is started."),
                              false);
                  Q_EMIT retried(id);
              });
}

void QueuePage::deleteSelected()
{
    const qint64 id = selectedQueueId();
    if (m_busy || id <= 0)
        return;
    const QList<QueueEntry> rows = m_model->message(id);
    if (rows.isEmpty())
        return;
    QStringList recipients;
    for (const QueueEntry &e : rows)
        recipients << e.recipient;
    const QString shownRecipients =
        recipients.size() <= 5
            ? recipients.join(QStringLiteral("\n"))
            : recipients.mid(0, 5).join(QStringLiteral("\n")) + QLatin1Char('\n') +
                  tr("and %n more", nullptr, int(recipients.size() - 5));
    askToConfirm(
        this, QStringLiteral("confirmDeleteBox"), QMessageBox::Warning,
        tr("Delete from the Send Queue"),
        tr("Delete this message from the send queue?\n\nFrom: %1\nTo:\n%2\n\nThe message is not "
           "sent to anyone listed and is not returned to the sender. This cannot be undone.")
            .arg(QueueTableModel::senderText(rows.first().sender), shownRecipients),
        tr("Delete"), ConfirmDefault::Cancel, [this, id] { runDelete(id); });
}

void QueuePage::runDelete(qint64 id)
{
    if (m_busy)
        return;
    const ConsoleServices *services = &m_services;
    runAction([services, id] { return services->queue().remove(id); },
              int(ErrorText::Action::DeleteQueued),
              [this, id] {
                  showMessage(tr("The message was deleted from the send queue."), false);
                  Q_EMIT deleted(id);
              });
}

void QueuePage::showHeaders()
{
    const qint64 id = selectedQueueId();
    if (m_busy || id <= 0)
        return;
    m_busy = true;
    updateState();
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services, id]() -> Result<QString> {
            auto h = services->queue().headers(id);
            if (!h)
                return h.error();
            return QueueService::decodeHeaders(*h);
        },
        [this](Result<QString> r) {
            m_busy = false;
            updateState();
            if (!r) {
                showMessage(ErrorText::describe(ErrorText::Action::ShowHeaders, r.error()), true,
                            r.error().message);
                Q_EMIT actionFailed(r.error());
                refresh();
                return;
            }
            auto *dialog = new QDialog(this);
            dialog->setObjectName(QStringLiteral("headersDialog"));
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(tr("Message Headers"));
            auto *layout = new QVBoxLayout(dialog);
            auto *text = new QPlainTextEdit(dialog);
            text->setObjectName(QStringLiteral("headersText"));
            text->setReadOnly(true);
            text->setLineWrapMode(QPlainTextEdit::NoWrap);
            text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            text->setPlainText(*r);
            layout->addWidget(text);
            auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
            connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
            layout->addWidget(buttons);
            dialog->resize(760, 480);
            dialog->open();
        });
}

} // namespace fumibako
