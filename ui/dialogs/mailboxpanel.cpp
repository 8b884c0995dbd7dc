#include "mailboxpanel.h"

#include "accounttablemodel.h"
#include "background.h"
#include "dialogs/confirmbox.h"
#include "mailboxtablemodel.h"
#include "widgets/formlabels.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <climits>

namespace fumibako
{

MailboxPanel::MailboxPanel(const ConsoleServices &services, const QString &address, QWidget *parent)
    : QWidget(parent), m_services(services), m_address(address),
      m_model(new MailboxTableModel(this))
{
    setObjectName(QStringLiteral("mailboxPanel"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("mailboxView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(MailboxTableModel::FolderColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(MailboxTableModel::MessagesColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MailboxTableModel::SizeColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    m_totalLabel = new QLabel(this);
    m_totalLabel->setObjectName(QStringLiteral("totalLabel"));
    m_totalLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_totalLabel);

    auto *buttons = new QHBoxLayout;
    m_emptyButton = new QPushButton(this);
    m_emptyButton->setObjectName(QStringLiteral("emptyInboxButton"));
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(QStringLiteral("mailboxRefreshButton"));
    buttons->addWidget(m_emptyButton);
    buttons->addStretch(1);
    buttons->addWidget(m_refreshButton);
    layout->addLayout(buttons);
    m_note = makeNote(this);
    layout->addWidget(m_note);
    m_errorLabel = makeErrorLabel(this);
    layout->addWidget(m_errorLabel);

    connect(m_refreshButton, &QPushButton::clicked, this, &MailboxPanel::refresh);
    connect(m_emptyButton, &QPushButton::clicked, this, &MailboxPanel::emptyInbox);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MailboxPanel::updateTotals);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MailboxPanel::updateTotals);
    retranslateUi();
}

void MailboxPanel::retranslateUi()
{
    m_intro->setText(tr("The folders of %1 on the server, with the number of messages and the "
                        "space they use.")
                         .arg(m_address));
    m_emptyButton->setText(tr("&Empty Mailbox…"));
    m_refreshButton->setText(tr("Re&fresh"));
    m_note->setText(tr("Empty Mailbox deletes every message in the inbox (INBOX) from the server, "
                       "for example when a mail program times out receiving a full mailbox. Mail "
                       "in the other folders is kept, and so is mail a mail program has already "
                       "downloaded to a computer."));
    m_model->retranslate();
    updateTotals();
}

void MailboxPanel::updateTotals()
{
    m_totalLabel->setText(m_loaded ? tr("Total: %Ln message(s), %1", nullptr,
                                        int(qMin<qint64>(m_model->totalMessages(), INT_MAX)))
                                         .arg(AccountTableModel::humanSize(m_model->totalBytes()))
                                   : QString());
    updateButtons();
}

void MailboxPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MailboxPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // mail arrives while the dialog is open
}

void MailboxPanel::updateButtons()
{
    const int inbox = m_model->inboxRow();
    const bool hasMail = inbox >= 0 && m_model->mailboxes().at(inbox).messages > 0;
    m_emptyButton->setEnabled(!m_busy && hasMail);
    m_emptyButton->setToolTip(m_loaded && !hasMail ? tr("The inbox is empty.") : QString());
    m_refreshButton->setEnabled(!m_busy);
}

void MailboxPanel::setBusy(bool busy)
{
    m_busy = busy;
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
    updateButtons();
}

void MailboxPanel::load(std::function<void()> then)
{
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, address = m_address] { return services->mailboxes().mailboxes(address); },
        [this, then = std::move(then)](Result<QList<MailboxSummary>> r) {
            setBusy(false);
            if (r) {
                showError(m_errorLabel, QString());
                m_loaded = true;
                m_model->setMailboxes(*r);
                updateTotals();
            } else {
                showError(m_errorLabel,
                          ErrorText::describe(ErrorText::Action::LoadMailboxes, r.error()));
                m_errorLabel->setToolTip(r.error().message);
            }
            Q_EMIT refreshed();
            if (r && then)
                then();
        });
}

void MailboxPanel::refresh()
{
    if (!m_busy)
        load({});
}

void MailboxPanel::emptyInbox()
{
    // Ask with the count as it is now, not as it was when the tab opened.
    if (!m_busy)
        load([this] { confirmEmpty(); });
}

void MailboxPanel::report(QMessageBox::Icon icon, const QString &text, const QString &detail)
{
    auto *box = new QMessageBox(icon, tr("Empty Mailbox"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("emptyResultBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!detail.isEmpty())
        box->setDetailedText(detail);
    box->open();
}

void MailboxPanel::confirmEmpty()
{
    const int row = m_model->inboxRow();
    const qint64 count = row < 0 ? 0 : m_model->mailboxes().at(row).messages;
    const qint64 bytes = row < 0 ? 0 : m_model->mailboxes().at(row).bytes;
    if (count == 0) {
        report(QMessageBox::Information, tr("The inbox of %1 is already empty.").arg(m_address));
        return;
    }
    askToConfirm(
        this, QStringLiteral("confirmEmptyBox"), QMessageBox::Warning, tr("Empty Mailbox"),
        tr("Empty the mailbox of %1?\n\n%Ln message(s) (%2) in the inbox (INBOX) will be deleted "
           "from the server. Mail in the other folders is kept. This cannot be undone.",
           nullptr, int(qMin<qint64>(count, INT_MAX)))
            .arg(m_address, AccountTableModel::humanSize(bytes)),
        tr("Empty"), ConfirmDefault::Cancel, [this] { runEmpty(); });
}

void MailboxPanel::runEmpty()
{
    if (m_busy)
        return;
    setBusy(true);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, address = m_address] { return services->mailboxes().emptyInbox(address); },
        [this](Result<qint64> r) {
            setBusy(false);
            if (r) {
                Q_EMIT inboxEmptied(*r);
                report(QMessageBox::Information,
                       tr("%Ln message(s) were deleted from the inbox of %1.", nullptr,
                          int(qMin<qint64>(*r, INT_MAX)))
                           .arg(m_address));
            } else {
                report(QMessageBox::Warning,
                       ErrorText::describe(ErrorText::Action::EmptyInbox, r.error()),
                       r.error().message);
            }
            refresh();
        });
}

} // namespace fumibako
