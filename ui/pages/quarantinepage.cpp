#include "quarantinepage.h"

#include "background.h"
#include "dialogs/confirmbox.h"
#include "itemroles.h"
#include "quarantinetablemodel.h"
#include "widgets/choicecombo.h"
#include "widgets/formlabels.h"
#include "widgets/listview.h"
#include "widgets/messagepreviewpane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

namespace fumibako
{

namespace
{

// Where a bulk run stands, shared by the worker and the progress dialog's timer.
struct BulkProgress {
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
};

} // namespace

QuarantinePage::QuarantinePage(const ConsoleServices &services, QWidget *parent)
    : ActionPage(parent), m_services(services), m_model(new QuarantineTableModel(this)),
      m_proxy(new QuarantineFilterModel(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("quarantinePage"));
    m_proxy->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    // Filters: text, account, reason, date range.
    auto *filters = new QHBoxLayout;
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setMinimumWidth(220);
    m_accountLabel = new QLabel(this);
    m_accountCombo = new QComboBox(this);
    m_accountCombo->setObjectName(QStringLiteral("accountCombo"));
    m_accountCombo->addItem(QString(), QString());
    m_accountCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_accountCombo->setMinimumWidth(160);
    m_accountLabel->setBuddy(m_accountCombo);
    m_reasonLabel = new QLabel(this);
    m_reasonCombo = new QComboBox(this);
    m_reasonCombo->setObjectName(QStringLiteral("reasonCombo"));
    m_reasonCombo->addItem(QString(), QString());
    m_reasonCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_reasonLabel->setBuddy(m_reasonCombo);
    m_dateCheck = new QCheckBox(this);
    m_dateCheck->setObjectName(QStringLiteral("dateRangeCheck"));
    m_fromEdit = new QDateEdit(QDate::currentDate().addDays(-7), this);
    m_fromEdit->setObjectName(QStringLiteral("dateFromEdit"));
    m_toEdit = new QDateEdit(QDate::currentDate(), this);
    m_toEdit->setObjectName(QStringLiteral("dateToEdit"));
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy/MM/dd"));
        edit->setEnabled(false);
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0000/00/00")) +
                              48);
    }
    filters->addWidget(m_searchEdit, 1);
    filters->addSpacing(8);
    filters->addWidget(m_accountLabel);
    filters->addWidget(m_accountCombo);
    filters->addSpacing(8);
    filters->addWidget(m_reasonLabel);
    filters->addWidget(m_reasonCombo);
    filters->addSpacing(8);
    filters->addWidget(m_dateCheck);
    filters->addWidget(m_fromEdit);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(m_toEdit);
    layout->addLayout(filters);

    // The list above, the preview below.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("quarantineSplitter"));
    splitter->setChildrenCollapsible(false);
    m_stack = new QStackedWidget(splitter);
    m_view = makeListView(m_stack, QStringLiteral("quarantineView"), m_proxy,
                          QuarantineTableModel::ReceivedColumn, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setColumnWidth(QuarantineTableModel::ReceivedColumn, 125);
    m_view->setColumnWidth(QuarantineTableModel::RecipientColumn, 165);
    m_view->setColumnWidth(QuarantineTableModel::SenderColumn, 180);
    m_view->setColumnWidth(QuarantineTableModel::SubjectColumn, 240);
    m_view->setColumnWidth(QuarantineTableModel::ScoreColumn, 64);
    m_stack->addWidget(m_view);
    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 12pt;"));
    m_stack->addWidget(m_emptyLabel);
    splitter->addWidget(m_stack);

    m_preview = new MessagePreviewPane(splitter);
    m_reasonTitle = new QLabel(m_preview);
    m_reasonValue =
        MessagePreviewPane::makeValueLabel(m_preview, QStringLiteral("previewReason"), true);
    m_preview->addRow(m_reasonTitle, m_reasonValue);
    splitter->addWidget(m_preview);
    // Half and half: reading the held message is the work here, and ten rows still show.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    auto *buttons = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_releaseButton = new QPushButton(this);
    m_releaseButton->setObjectName(QStringLiteral("releaseButton"));
    m_allowButton = new QPushButton(this);
    m_allowButton->setObjectName(QStringLiteral("releaseAllowButton"));
    m_blockButton = new QPushButton(this);
    m_blockButton->setObjectName(QStringLiteral("blockButton"));
    m_deleteButton = new QPushButton(this);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    buttons->addWidget(m_countLabel);
    buttons->addSpacing(12);
    buttons->addWidget(m_messageLabel, 1);
    buttons->addWidget(m_releaseButton);
    buttons->addWidget(m_allowButton);
    buttons->addWidget(m_blockButton);
    buttons->addWidget(m_deleteButton);
    layout->addLayout(buttons);

    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &QuarantinePage::refresh);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        updateState();
    });
    connect(m_accountCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setAccountFilter(m_accountCombo->currentData().toString());
        updateState();
    });
    connect(m_reasonCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setReasonKindFilter(m_reasonCombo->currentData().toString());
        updateState();
    });
    connect(m_dateCheck, &QCheckBox::toggled, this, &QuarantinePage::updateDateRange);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &QuarantinePage::updateDateRange);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &QuarantinePage::updateDateRange);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateState();
        loadPreview();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateState();
        loadPreview();
    });
    connect(m_releaseButton, &QPushButton::clicked, this, &QuarantinePage::releaseSelected);
    connect(m_allowButton, &QPushButton::clicked, this, &QuarantinePage::releaseAndAllowSelected);
    connect(m_blockButton, &QPushButton::clicked, this, &QuarantinePage::blockSenderSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &QuarantinePage::deleteSelected);
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_view);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &QuarantinePage::deleteSelected);
    retranslateUi();
}

void QuarantinePage::retranslateUi()
{
    m_intro->setText(
        tr("Mail held as spam or by the spam filters, for every account. Check why a message "
           "was held and what it says, then release wanted mail to the recipient's inbox or "
           "delete it. Held mail is deleted automatically after the retention period."));
    m_searchEdit->setPlaceholderText(tr("Search sender, subject or recipient"));
    m_accountLabel->setText(tr("&Account:"));
    m_accountCombo->setItemText(0, tr("All accounts"));
    m_reasonLabel->setText(tr("Rea&son:"));
    for (int i = 0; i < m_reasonCombo->count(); ++i) {
        const QString kind = m_reasonCombo->itemData(i).toString();
        m_reasonCombo->setItemText(i, kind.isEmpty() ? tr("All reasons")
                                                     : QuarantineTableModel::reasonKindText(kind));
    }
    m_dateCheck->setText(tr("Received &between"));
    m_emptyLabel->setText(tr("No mail is held.\nSpam and mail caught by the spam filters "
                             "appear here until they are released, deleted or expire."));
    m_reasonTitle->setText(tr("Reason:"));
    m_releaseButton->setText(tr("&Release to Inbox"));
    m_releaseButton->setToolTip(
        tr("Put the selected messages into their recipients' inboxes, unchanged."));
    m_allowButton->setText(tr("Release && &Allow Sender"));
    m_allowButton->setToolTip(tr("Release the selected messages and add their senders to the "
                                 "recipient's allow list, so their mail is no longer held."));
    m_blockButton->setText(tr("&Block Sender"));
    m_blockButton->setToolTip(tr("Add the senders of the selected messages to the recipient's "
                                 "deny list. The held messages stay here."));
    m_deleteButton->setText(tr("De&lete…"));
    m_deleteButton->setToolTip(tr("Delete the selected messages for good. They are not "
                                  "delivered."));
    m_model->retranslate();
    updateState();
    m_previewedId = 0; // its labels and notes in the new language
    loadPreview();
}

void QuarantinePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void QuarantinePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void QuarantinePage::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

QPlainTextEdit *QuarantinePage::previewText() const
{
    return m_preview->textEdit();
}

bool QuarantinePage::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QList<qint64> QuarantinePage::selectedIds() const
{
    QList<qint64> out;
    for (const Item &item : selectedItems())
        out << item.id;
    return out;
}

QList<QuarantinePage::Item> QuarantinePage::selectedItems() const
{
    QList<Item> out;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // In the order shown, so a bulk run goes down the list as the person sees it.
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &i : std::as_const(rows))
        out << Item{i.data(QuarantineIdRole).toLongLong(), i.data(QuarantineAccountRole).toString(),
                    i.data(QuarantineSenderRole).toString(),
                    i.data(QuarantineSubjectRole).toString()};
    return out;
}

void QuarantinePage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void QuarantinePage::updateDateRange()
{
    const bool on = m_dateCheck->isChecked();
    m_fromEdit->setEnabled(on);
    m_toEdit->setEnabled(on);
    m_proxy->setDateRange(on ? m_fromEdit->date() : QDate(), on ? m_toEdit->date() : QDate());
    updateState();
}

void QuarantinePage::updateFilters()
{
    refillChoices(m_accountCombo, m_model->accounts());
    refillChoices(m_reasonCombo, m_model->reasonKinds(),
                  [](const QString &v) { return QuarantineTableModel::reasonKindText(v); });
}

void QuarantinePage::updateState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_stack->setCurrentWidget(m_loaded && total == 0 ? static_cast<QWidget *>(m_emptyLabel)
                                                     : static_cast<QWidget *>(m_view));
    m_preview->setVisible(!isEmptyStateShown()); // nothing to preview
    if (!m_loaded)
        m_countLabel->clear();
    else if (shown == total)
        m_countLabel->setText(tr("%n message(s) held", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n message(s) shown", nullptr, total).arg(shown));
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    const SenderFilterHooks &hooks = m_services.senderFilters();
    m_allowButton->setVisible(bool(hooks.allowSender));
    m_blockButton->setVisible(bool(hooks.blockSender));
    for (QPushButton *b : {m_releaseButton, m_allowButton, m_blockButton, m_deleteButton})
        b->setEnabled(!m_busy && selected > 0);
}

void QuarantinePage::refresh()
{
    if (!beginLoad())
        return;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services] { return services->quarantine().list(); },
        [this](Result<QList<QuarantineEntry>> r) {
            if (r) {
                m_model->setEntries(*r);
                m_loaded = true;
                updateFilters();
                if (std::exchange(m_loadFailed, false))
                    showMessage(QString(), false);
            } else {
                m_loadFailed = true;
                showMessage(r.error().kind == Error::Kind::Temporary
                                ? tr("The database is busy or cannot be opened right now. The "
                                     "list will be read again in a moment.")
                                : tr("The list of held mail could not be read."),
                            true, r.error().message);
            }
            endLoad(nullptr, 0);
        });
}

// ---- preview --------------------------------------------------------------------------

QString QuarantinePage::sentences(const QStringList &list)
{
    return MessagePreviewPane::sentences(list);
}

void QuarantinePage::clearPreview(const QString &placeholder)
{
    ++m_previewGeneration; // a preview still loading is no longer wanted
    m_previewedId = 0;
    m_preview->clear(placeholder);
}

void QuarantinePage::loadPreview()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        clearPreview(rows.isEmpty() ? tr("Select a message to see its contents here.")
                                    : tr("%n message(s) selected.", nullptr, int(rows.size())));
        return;
    }
    const QModelIndex row = rows.first();
    const qint64 id = row.data(QuarantineIdRole).toLongLong();
    if (id == m_previewedId)
        return;
    clearPreview(tr("Loading…"));
    const int generation = m_previewGeneration;
    QString reason = row.sibling(row.row(), QuarantineTableModel::ReasonColumn).data().toString();
    if (row.data(QuarantineReasonKindRole).toString() == QLatin1String("spoofing"))
        reason = tr("%1: the sender gives an address of this server's own domain that is no "
                    "account here")
                     .arg(reason);
    const QVariant score = row.data(QuarantineScoreRole);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, id] { return services->quarantine().preview(id); },
        [this, id, generation, reason, score](Result<MessagePreview> r) {
            if (generation != m_previewGeneration)
                return;
            if (!r) {
                clearPreview(r.error().kind == Error::Kind::NotFound
                                 ? tr("This message is no longer held.")
                                 : tr("This message could not be read."));
                return;
            }
            m_previewedId = id;
            m_preview->showPreview(*r);
            MessagePreviewPane::setValue(
                m_reasonValue,
                score.isValid()
                    //: Preview: the spam score, then the rules that made it.
                    ? tr("Score %1: %2").arg(QString::number(score.toDouble(), 'f', 1), reason)
                    : reason);
            Q_EMIT previewShown(id);
        });
}

// ---- actions --------------------------------------------------------------------------

void QuarantinePage::releaseSelected()
{
    if (!m_busy)
        runBulk(Bulk::Release, selectedItems());
}

void QuarantinePage::releaseAndAllowSelected()
{
    if (!m_busy && m_services.senderFilters().allowSender)
        runBulk(Bulk::ReleaseAndAllow, selectedItems());
}

void QuarantinePage::blockSenderSelected()
{
    if (!m_busy && m_services.senderFilters().blockSender)
        runBulk(Bulk::BlockSender, selectedItems());
}

void QuarantinePage::deleteSelected()
{
    const QList<Item> items = selectedItems();
    if (m_busy || items.isEmpty())
        return;
    QString text;
    if (items.size() == 1)
        text =
            tr("Delete this message from the quarantine?\n\nFrom: %1\nSubject: %2\n\nIt is "
               "not delivered to %3. This cannot be undone.")
                .arg(QuarantineTableModel::senderText(items.first().sender),
                     items.first().subject.isEmpty() ? tr("(no subject)") : items.first().subject,
                     items.first().account);
    else
        text = tr("Delete %n message(s) from the quarantine?\n\nThey are not delivered to their "
                  "recipients. This cannot be undone.",
                  nullptr, int(items.size()));
    QMessageBox *box =
        askToConfirm(this, QStringLiteral("confirmDeleteBox"), QMessageBox::Warning,
                     tr("Delete Held Mail"), text, tr("Delete"), ConfirmDefault::Cancel,
                     [this, items] { runBulk(Bulk::Delete, items); });
    box->setTextFormat(Qt::PlainText); // the subject is a stranger's text
}

void QuarantinePage::runBulk(Bulk action, const QList<Item> &items)
{
    if (m_busy || items.isEmpty())
        return;
    m_busy = true;
    showMessage(QString(), false);
    updateState();
    auto progress = std::make_shared<BulkProgress>();
    QPointer<QProgressDialog> dialog;
    QTimer *ticker = nullptr;
    if (items.size() > kProgressThreshold) {
        QString label;
        switch (action) {
        case Bulk::Release:
        case Bulk::ReleaseAndAllow:
            label = tr("Releasing %n message(s)…", nullptr, int(items.size()));
            break;
        case Bulk::Delete:
            label = tr("Deleting %n message(s)…", nullptr, int(items.size()));
            break;
        case Bulk::BlockSender:
            label = tr("Adding the senders of %n message(s) to the deny list…", nullptr,
                       int(items.size()));
            break;
        }
        dialog = new QProgressDialog(label, tr("Stop"), 0, int(items.size()), this);
        dialog->setObjectName(QStringLiteral("bulkProgress"));
        dialog->setWindowTitle(tr("Held Mail"));
        dialog->setWindowModality(Qt::WindowModal);
        dialog->setMinimumDuration(0);
        dialog->setAutoClose(false);
        dialog->setAutoReset(false);
        dialog->setValue(0);
        connect(dialog, &QProgressDialog::canceled, this,
                [progress] { progress->stop.store(true); });
        ticker = new QTimer(dialog);
        ticker->setInterval(100);
        connect(ticker, &QTimer::timeout, dialog,
                [dialog, progress] { dialog->setValue(progress->done.load()); });
        ticker->start();
        dialog->show();
    }

    const ConsoleServices *services = &m_services;
    const SenderFilterHooks hooks = m_services.senderFilters();
    const QString who = m_services.operatorName();
    runInBackground(
        this,
        [services, hooks, who, action, items, progress] {
            QuarantineService quarantine = services->quarantine();
            // One filter entry per account and sender, however many of its messages are chosen.
            QHash<QString, std::optional<Error>> filtered;
            auto filter = [&](const Item &item) -> Result<void> {
                if (item.sender.isEmpty())
                    return Error::invalid(QStringLiteral("the message has no sender address"));
                const QString key = item.account + QLatin1Char('\n') + item.sender.toLower();
                if (!filtered.contains(key)) {
                    const Result<void> r = action == Bulk::BlockSender
                                               ? hooks.blockSender(item.account, item.sender)
                                               : hooks.allowSender(item.account, item.sender);
                    filtered.insert(key, r ? std::nullopt : std::optional<Error>(r.error()));
                }
                if (const std::optional<Error> &e = filtered.value(key))
                    return *e;
                return {};
            };
            QList<Outcome> outcomes;
            for (const Item &item : items) {
                if (progress->stop.load()) {
                    outcomes << Outcome{item.id, false, std::nullopt};
                    continue;
                }
                Result<void> r;
                switch (action) {
                case Bulk::Release:
                    r = quarantine.release(item.id, who);
                    break;
                case Bulk::Delete:
                    r = quarantine.remove(item.id, who);
                    break;
                case Bulk::ReleaseAndAllow:
                    r = filter(item);
                    if (r)
                        r = quarantine.release(item.id, who);
                    break;
                case Bulk::BlockSender:
                    r = filter(item);
                    break;
                }
                outcomes << Outcome{item.id, true,
                                    r ? std::nullopt : std::optional<Error>(r.error())};
                progress->done.fetch_add(1);
            }
            return outcomes;
        },
        [this, action, items, dialog](QList<Outcome> outcomes) {
            if (dialog)
                dialog->deleteLater();
            m_busy = false;
            finishBulk(action, items, outcomes);
            refresh();
        });
}

QString QuarantinePage::failureText(Bulk action, const Item &item, const Error &error) const
{
    using K = Error::Kind;
    if (error.kind == K::Temporary)
        return tr("the database was busy; try again in a moment");
    if (action == Bulk::ReleaseAndAllow || action == Bulk::BlockSender) {
        if (item.sender.isEmpty())
            return tr("the message has no sender address to add to a list");
        if (error.kind == K::Limit)
            return tr("the list of %1 is full (at most 100 entries)").arg(item.account);
        if (error.kind == K::Invalid)
            return tr("the sender's address cannot be added to a list");
    }
    if (error.kind == K::NotFound)
        return tr("it is no longer held (released or deleted meanwhile)");
    if (error.kind == K::OverQuota || error.kind == K::TooBig)
        return tr("the mailbox of %1 is full").arg(item.account);
    switch (action) {
    case Bulk::Release:
    case Bulk::ReleaseAndAllow:
        return tr("it could not be released");
    case Bulk::Delete:
        return tr("it could not be deleted");
    case Bulk::BlockSender:
        return tr("the sender could not be added to the deny list");
    }
    return {};
}

void QuarantinePage::finishBulk(Bulk action, const QList<Item> &items,
                                const QList<Outcome> &outcomes)
{
    QList<qint64> succeeded, failed, skipped;
    QStringList failures, details;
    for (qsizetype i = 0; i < outcomes.size() && i < items.size(); ++i) {
        const Outcome &o = outcomes.at(i);
        const Item &item = items.at(i);
        if (!o.tried) {
            skipped << o.id;
        } else if (!o.error) {
            succeeded << o.id;
        } else {
            failed << o.id;
            //: One failed message: its subject, its sender, why it failed.
            failures << tr("%1 (from %2): %3")
                            .arg(item.subject.isEmpty() ? tr("(no subject)") : item.subject,
                                 QuarantineTableModel::senderText(item.sender),
                                 failureText(action, item, *o.error));
            details << QStringLiteral("%1: %2").arg(o.id).arg(o.error->message);
        }
    }
    const int done = int(succeeded.size());
    QString summary;
    switch (action) {
    case Bulk::Release:
        summary = tr("%n message(s) released to the inbox.", nullptr, done);
        break;
    case Bulk::ReleaseAndAllow:
        summary = tr("%n message(s) released and their senders allowed.", nullptr, done);
        break;
    case Bulk::Delete:
        summary = tr("%n message(s) deleted.", nullptr, done);
        break;
    case Bulk::BlockSender:
        summary = tr("The senders of %n message(s) were added to the deny list.", nullptr, done);
        break;
    }
    if (!skipped.isEmpty())
        summary = sentences({summary, tr("Stopped: %n message(s) were not processed.", nullptr,
                                         int(skipped.size()))});
    if (failed.isEmpty()) {
        showMessage(summary, false);
    } else {
        showMessage(sentences({summary, tr("%n message(s) failed.", nullptr, int(failed.size()))}),
                    true, details.join(QLatin1Char('\n')));
        // Each failed message by name: support staff must know which ones to look at again.
        constexpr int kShown = 15;
        QString text = tr("%n message(s) could not be processed:", nullptr, int(failed.size())) +
                       QStringLiteral("\n\n") + failures.mid(0, kShown).join(QLatin1Char('\n'));
        if (failures.size() > kShown)
            text += QLatin1Char('\n') +
                    tr("and %n more (see Details)", nullptr, int(failures.size() - kShown));
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Held Mail"), text, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("bulkFailuresBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setTextFormat(Qt::PlainText);
        box->setDetailedText(failures.join(QLatin1Char('\n')));
        box->open();
    }
    Q_EMIT bulkFinished(action, succeeded, failed, skipped);
}

} // namespace fumibako
