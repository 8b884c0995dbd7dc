#include "archivesearchpage.h"

#include "accounttablemodel.h"
#include "archivetablemodel.h"
#include "background.h"
#include "dialogs/archivesettingsdialog.h"
#include "itemroles.h"
#include "widgets/formlabels.h"
#include "widgets/listview.h"
#include "widgets/messagepreviewpane.h"
#include "widgets/optionaldateedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <climits>
#include <memory>

namespace fumibako
{

namespace
{

// Where an export stands, shared by the worker and the progress dialog's timer.
struct ExportProgress {
    std::atomic<qsizetype> done{0};
    std::atomic<qsizetype> total{-1}; // -1: still collecting the search's ids
    std::atomic<bool> stop{false};
};

struct ExportRun {
    qsizetype count = 0;
    bool cancelled = false;
    std::optional<Error> error;
};

qint64 startOfDay(const QDate &date)
{
    return date.startOfDay().toSecsSinceEpoch();
}

} // namespace

ArchiveSearchPage::ArchiveSearchPage(const ConsoleServices &services, ServerController *server,
                                     QWidget *parent)
    : ActionPage(parent), m_services(services), m_server(server),
      m_model(new ArchiveTableModel(this)), m_filterTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("archivePage"));

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    // The archive against its cap.
    auto *usage = new QHBoxLayout;
    m_usageLabel = new QLabel(this);
    m_usageLabel->setObjectName(QStringLiteral("usageLabel"));
    m_usageBar = new QProgressBar(this);
    m_usageBar->setObjectName(QStringLiteral("usageBar"));
    m_usageBar->setRange(0, 1000);
    m_usageBar->setTextVisible(false);
    m_usageBar->setFixedWidth(120);
    // A thin bar, not a box that looks like a field to type in.
    m_usageBar->setFixedHeight(qMax(6, m_usageLabel->fontMetrics().height() / 2));
    m_usageBar->hide();
    usage->addWidget(m_usageLabel);
    usage->addWidget(m_usageBar);
    usage->addStretch(1);
    m_settingsButton = new QPushButton(this);
    m_settingsButton->setObjectName(QStringLiteral("archiveSettingsButton"));
    usage->addWidget(m_settingsButton);
    layout->addLayout(usage);

    // The words, then the filters.
    auto *searchRow = new QHBoxLayout;
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchButton = new QPushButton(this);
    m_searchButton->setObjectName(QStringLiteral("searchButton"));
    searchRow->addWidget(m_searchEdit, 1);
    searchRow->addWidget(m_searchButton);
    layout->addLayout(searchRow);

    auto *filters = new QHBoxLayout;
    m_sinceEdit = new OptionalDateEdit(QStringLiteral("since"), this);
    m_untilEdit = new OptionalDateEdit(QStringLiteral("until"), this);
    for (OptionalDateEdit *edit : {m_sinceEdit, m_untilEdit})
        edit->dateEdit()->setMinimumWidth(
            edit->fontMetrics().horizontalAdvance(QStringLiteral("0000/00/00")) + 48);
    m_sinceEdit->dateEdit()->setDate(QDate::currentDate().addMonths(-1));
    m_directionLabel = new QLabel(this);
    m_directionCombo = new QComboBox(this);
    m_directionCombo->setObjectName(QStringLiteral("directionCombo"));
    m_directionCombo->addItem(QString(), -1);
    m_directionCombo->addItem(QString(), int(ArchiveDirection::Sent));
    m_directionCombo->addItem(QString(), int(ArchiveDirection::Received));
    m_directionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_directionLabel->setBuddy(m_directionCombo);
    m_senderLabel = new QLabel(this);
    m_senderEdit = new QLineEdit(this);
    m_senderEdit->setObjectName(QStringLiteral("senderEdit"));
    m_senderEdit->setClearButtonEnabled(true);
    m_senderLabel->setBuddy(m_senderEdit);
    m_recipientLabel = new QLabel(this);
    m_recipientEdit = new QLineEdit(this);
    m_recipientEdit->setObjectName(QStringLiteral("recipientEdit"));
    m_recipientEdit->setClearButtonEnabled(true);
    m_recipientLabel->setBuddy(m_recipientEdit);
    m_attachmentCheck = new QCheckBox(this);
    m_attachmentCheck->setObjectName(QStringLiteral("attachmentCheck"));
    filters->addWidget(m_sinceEdit);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(m_untilEdit);
    filters->addSpacing(8);
    filters->addWidget(m_directionLabel);
    filters->addWidget(m_directionCombo);
    filters->addSpacing(8);
    filters->addWidget(m_senderLabel);
    filters->addWidget(m_senderEdit, 1);
    filters->addSpacing(8);
    filters->addWidget(m_recipientLabel);
    filters->addWidget(m_recipientEdit, 1);
    filters->addSpacing(8);
    filters->addWidget(m_attachmentCheck);
    layout->addLayout(filters);

    // The results above, the preview below.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("archiveSplitter"));
    splitter->setChildrenCollapsible(false);
    m_stack = new QStackedWidget(splitter);
    m_view = makeListView(m_stack, QStringLiteral("archiveView"), m_model,
                          ArchiveTableModel::DateColumn, Qt::DescendingOrder);
    // Newest first as the archive answers: a column sort would only sort the pages fetched.
    m_view->setSortingEnabled(false);
    m_view->horizontalHeader()->setSortIndicatorShown(false);
    m_view->horizontalHeader()->setSectionsClickable(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setColumnWidth(ArchiveTableModel::DateColumn, 125);
    m_view->setColumnWidth(ArchiveTableModel::DirectionColumn, 60);
    m_view->setColumnWidth(ArchiveTableModel::FromColumn, 200);
    m_view->setColumnWidth(ArchiveTableModel::ToColumn, 200);
    m_view->setColumnWidth(ArchiveTableModel::SizeColumn, 72);
    // The subject takes the spare width, the size stays at the right edge.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(ArchiveTableModel::SubjectColumn,
                                                     QHeaderView::Stretch);
    m_stack->addWidget(m_view);
    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 12pt;"));
    m_stack->addWidget(m_emptyLabel);
    splitter->addWidget(m_stack);
    m_preview = new MessagePreviewPane(splitter);
    m_accountTitle = new QLabel(m_preview);
    m_accountValue =
        MessagePreviewPane::makeValueLabel(m_preview, QStringLiteral("previewAccount"), true);
    m_preview->addRow(m_accountTitle, m_accountValue);
    m_envelopeTitle = new QLabel(m_preview);
    m_envelopeValue =
        MessagePreviewPane::makeValueLabel(m_preview, QStringLiteral("previewEnvelope"), true);
    m_preview->addRow(m_envelopeTitle, m_envelopeValue);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    auto *buttons = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_exportSelectedButton = new QPushButton(this);
    m_exportSelectedButton->setObjectName(QStringLiteral("exportSelectedButton"));
    m_exportSelectedButton->setMenu(new QMenu(m_exportSelectedButton));
    m_exportAllButton = new QPushButton(this);
    m_exportAllButton->setObjectName(QStringLiteral("exportAllButton"));
    m_exportAllButton->setMenu(new QMenu(m_exportAllButton));
    buttons->addWidget(m_countLabel);
    buttons->addSpacing(12);
    buttons->addWidget(m_messageLabel, 1);
    buttons->addWidget(m_exportSelectedButton);
    buttons->addWidget(m_exportAllButton);
    layout->addLayout(buttons);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &ArchiveSearchPage::search);
    for (QLineEdit *edit : {m_searchEdit, m_senderEdit, m_recipientEdit})
        connect(edit, &QLineEdit::returnPressed, this, &ArchiveSearchPage::search);
    connect(m_searchButton, &QPushButton::clicked, this, &ArchiveSearchPage::search);
    connect(m_settingsButton, &QPushButton::clicked, this, &ArchiveSearchPage::openSettings);
    auto later = [this] { m_filterTimer->start(); };
    connect(m_sinceEdit, &OptionalDateEdit::changed, this, later);
    connect(m_untilEdit, &OptionalDateEdit::changed, this, later);
    connect(m_directionCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_attachmentCheck, &QCheckBox::toggled, this, later);
    connect(m_model, &ArchiveTableModel::fetchMoreRequested, this,
            &ArchiveSearchPage::fetchNextPage);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateState();
        loadPreview(); // a reset clears the selection without a signal
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ArchiveSearchPage::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateState();
        loadPreview();
    });
    retranslateUi();
}

void ArchiveSearchPage::retranslateUi()
{
    m_intro->setText(
        tr("Every message sent from the accounts here, and the received mail of the domains "
           "that keep it, stays in the archive apart from the mailboxes: deleting it from a "
           "mailbox does not delete it here. Search it, look at a message, or export messages "
           "as files."));
    m_searchEdit->setPlaceholderText(
        tr("Words in the subject, addresses, text or attachment names — several words: all "
           "must be found; \"in quotes\": as written"));
    m_searchButton->setText(tr("&Search"));
    m_settingsButton->setText(tr("Arch&ive Settings…"));
    m_settingsButton->setToolTip(
        tr("Which domains also keep received mail, and the search users who may search the "
           "archive"));
    m_sinceEdit->setText(tr("Fro&m"));
    m_sinceEdit->checkBox()->setToolTip(tr("Only messages of this day or later"));
    m_untilEdit->setText(tr("&Until"));
    m_untilEdit->checkBox()->setToolTip(tr("Only messages of this day or earlier"));
    m_directionLabel->setText(tr("&Direction:"));
    m_directionCombo->setItemText(0, tr("All"));
    m_directionCombo->setItemText(1, ArchiveTableModel::directionText(ArchiveDirection::Sent));
    m_directionCombo->setItemText(2, ArchiveTableModel::directionText(ArchiveDirection::Received));
    m_senderLabel->setText(tr("Se&nder:"));
    m_senderEdit->setPlaceholderText(tr("Name or address"));
    m_recipientLabel->setText(tr("Reci&pient:"));
    m_recipientEdit->setPlaceholderText(tr("Name or address"));
    m_recipientEdit->setToolTip(tr("Found in To and Cc, and among the addresses the message "
                                   "was delivered to (Bcc too)"));
    for (QLineEdit *edit : {m_senderEdit, m_recipientEdit})
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 40);
    m_attachmentCheck->setText(tr("With a&ttachments"));
    m_accountTitle->setText(tr("Account:"));
    //: Preview: every address the message was delivered to (RCPT TO), Bcc included.
    m_envelopeTitle->setText(tr("Delivered to:"));
    m_exportSelectedButton->setText(tr("&Export Selected"));
    m_exportSelectedButton->setToolTip(tr("Save the selected messages as files, unchanged."));
    m_exportAllButton->setText(tr("Export &All Results"));
    m_exportAllButton->setToolTip(
        tr("Save every message the search found, not only those listed so far, as files."));
    for (QPushButton *button : {m_exportSelectedButton, m_exportAllButton}) {
        const bool all = button == m_exportAllButton;
        QMenu *menu = button->menu();
        menu->clear();
        QAction *eml = menu->addAction(tr("As .eml Files in a Folder…"));
        eml->setObjectName(QStringLiteral("exportEmlAction"));
        QAction *mbox = menu->addAction(tr("As One mbox File…"));
        mbox->setObjectName(QStringLiteral("exportMboxAction"));
        connect(eml, &QAction::triggered, this, [this, all] {
            all ? chooseExportAll(ExportFormat::Eml) : chooseExportSelected(ExportFormat::Eml);
        });
        connect(mbox, &QAction::triggered, this, [this, all] {
            all ? chooseExportAll(ExportFormat::Mbox) : chooseExportSelected(ExportFormat::Mbox);
        });
    }
    m_model->retranslate();
    showUsage();
    updateState();
    m_previewedId = 0; // its labels and notes in the new language
    loadPreview();
}

void ArchiveSearchPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ArchiveSearchPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first time: the newest messages. Later: only the usage, so the results,
    // the pages fetched and the selection stay as they were left.
    if (!m_searched && !m_searching)
        search();
    else
        loadUsage();
}

ArchiveService::Searcher ArchiveSearchPage::searcher() const
{
    return ArchiveService::Searcher::admin(m_services.operatorName());
}

std::optional<ArchiveQuery> ArchiveSearchPage::currentQuery() const
{
    ArchiveQuery q;
    q.text = m_searchEdit->text().trimmed();
    const QDate since = m_sinceEdit->date();
    const QDate until = m_untilEdit->date();
    if (since.isValid() && until.isValid() && since > until)
        return std::nullopt;
    if (since.isValid())
        q.since = startOfDay(since);
    if (until.isValid())
        q.until = startOfDay(until.addDays(1)); // the whole of the last day
    const int direction = m_directionCombo->currentData().toInt();
    if (direction >= 0)
        q.direction = ArchiveDirection(direction);
    q.from = m_senderEdit->text().trimmed();
    q.to = m_recipientEdit->text().trimmed();
    if (m_attachmentCheck->isChecked())
        q.hasAttachments = true;
    return q;
}

void ArchiveSearchPage::refresh()
{
    search();
}

void ArchiveSearchPage::search()
{
    m_filterTimer->stop();
    std::optional<ArchiveQuery> query = currentQuery();
    if (!query) {
        showMessage(tr("The start date is after the end date."), true);
        return;
    }
    query->limit = m_pageSize;
    query->before = 0;
    const int generation = ++m_searchGeneration; // a search still running is no longer wanted
    m_searching = true;
    showMessage(QString(), false);
    updateState();
    const ConsoleServices *services = &m_services;
    const ArchiveService::Searcher who = searcher();
    const ArchiveQuery q = *query;
    runInBackground(
        this, [services, who, q] { return services->archive().search(q, who); },
        [this, generation, q](Result<ArchivePage> r) {
            if (generation != m_searchGeneration)
                return;
            m_searching = false;
            if (r) {
                m_query = q;
                m_searched = true;
                m_model->setPage(*r);
            } else {
                showMessage(r.error().kind == Error::Kind::Temporary
                                ? tr("The database is busy or cannot be opened right now. "
                                     "Search again in a moment.")
                            : r.error().kind == Error::Kind::Invalid
                                ? tr("These search conditions cannot be used. Check the dates.")
                                : tr("The archive could not be searched."),
                            true, r.error().message);
            }
            updateState();
            Q_EMIT refreshed();
        });
    loadUsage();
}

void ArchiveSearchPage::fetchNextPage(qint64 before)
{
    if (m_searching) {
        // The rows listed are about to be replaced: their next page is not wanted.
        m_model->fetchFailed();
        return;
    }
    ArchiveQuery q = m_query;
    q.before = before;
    q.limit = m_pageSize;
    const int generation = m_searchGeneration;
    const ConsoleServices *services = &m_services;
    const ArchiveService::Searcher who = searcher();
    runInBackground(
        this, [services, who, q] { return services->archive().search(q, who); },
        [this, generation](Result<ArchivePage> r) {
            if (generation != m_searchGeneration)
                return; // the results of an earlier search: the model has moved on
            if (r) {
                m_model->appendPage(*r);
            } else {
                m_model->fetchFailed();
                showMessage(tr("The rest of the results could not be read. Search again to "
                               "try once more."),
                            true, r.error().message);
            }
            updateState();
        });
}

void ArchiveSearchPage::loadUsage()
{
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services] { return services->archive().usage(); },
        [this](Result<ArchiveUsage> r) {
            m_usageFailed = !r;
            if (r)
                m_usage = *r;
            showUsage();
            Q_EMIT usageShown();
        });
}

void ArchiveSearchPage::showUsage()
{
    if (m_usageFailed || !m_usage) {
        m_usageBar->hide();
        m_usageLabel->setText(m_usageFailed ? tr("The archive's usage could not be read.")
                                            : QString());
        m_usageLabel->setToolTip(QString());
        return;
    }
    const ArchiveUsage &u = *m_usage;
    const QString used = AccountTableModel::humanSize(u.usedBytes());
    QStringList parts;
    if (u.capBytes > 0) {
        const int permille = int(qMin<qint64>(1000, u.usedBytes() * 1000 / u.capBytes));
        m_usageBar->setValue(permille);
        m_usageBar->show();
        //: Archive usage: used, the cap, the percentage of the cap.
        parts << tr("%1 of %2 used (%3%)")
                     .arg(used, AccountTableModel::humanSize(u.capBytes))
                     .arg(permille / 10);
    } else {
        m_usageBar->hide();
        parts << tr("%1 used (no limit)").arg(used);
    }
    parts << tr("%n message(s) archived", nullptr, int(qMin<qint64>(u.entries, INT_MAX)));
    if (u.oldest > 0)
        parts << tr("oldest from %1")
                     .arg(QDateTime::fromSecsSinceEpoch(u.oldest).toString(
                         QStringLiteral("yyyy/MM/dd")));
    //: Separator between the parts of the archive's usage line.
    m_usageLabel->setText(parts.join(tr(" · ")));
    QStringList tip;
    //: Archive usage tooltip: a message sent to many is stored once.
    tip << tr("%n distinct message(s) stored in %1", nullptr,
              int(qMin<qint64>(u.messages, INT_MAX)))
               .arg(AccountTableModel::humanSize(u.storedBytes))
        << tr("Search index: %1").arg(AccountTableModel::humanSize(u.indexBytes));
    if (u.pending > 0)
        tip << tr("%n message(s) not yet in the search index (they are added before the next "
                  "search)",
                  nullptr, int(qMin<qint64>(u.pending, INT_MAX)));
    m_usageLabel->setToolTip(tip.join(QLatin1Char('\n')));
    m_usageBar->setToolTip(m_usageLabel->toolTip());
}

bool ArchiveSearchPage::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QList<qint64> ArchiveSearchPage::selectedIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> out;
    for (const QModelIndex &i : std::as_const(rows))
        out << i.data(ArchiveIdRole).toLongLong();
    return out;
}

void ArchiveSearchPage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void ArchiveSearchPage::updateState()
{
    const int rows = m_model->rowCount();
    const bool empty = m_searched && rows == 0;
    if (empty) {
        const ArchiveQuery &q = m_query;
        const bool unfiltered = q.text.isEmpty() && q.since == 0 && q.until == 0 && !q.direction &&
                                q.from.isEmpty() && q.to.isEmpty() && !q.hasAttachments;
        m_emptyLabel->setText(unfiltered ? tr("The archive is empty.\nMail sent from the "
                                              "accounts here appears once it has been sent.")
                                         : tr("No archived message matches this search."));
    }
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel)
                                    : static_cast<QWidget *>(m_view));
    m_preview->setVisible(!empty); // nothing to preview
    if (m_searching)
        m_countLabel->setText(tr("Searching…"));
    else if (!m_searched)
        m_countLabel->clear();
    else if (m_model->hasMore())
        //: More results follow: they are read as the list is scrolled down.
        m_countLabel->setText(tr("%n message(s) listed, more below", nullptr, rows));
    else
        m_countLabel->setText(tr("%n message(s) found", nullptr, rows));
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    m_exportSelectedButton->setEnabled(!m_busy && selected > 0);
    m_exportAllButton->setEnabled(!m_busy && m_searched && rows > 0);
    m_searchButton->setEnabled(true);
}

// ---- preview --------------------------------------------------------------------------

void ArchiveSearchPage::loadPreview()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        ++m_previewGeneration; // a preview still loading is no longer wanted
        m_previewedId = 0;
        m_preview->clear(rows.isEmpty() ? tr("Select a message to see its contents here.")
                                        : tr("%n message(s) selected.", nullptr, int(rows.size())));
        return;
    }
    const QModelIndex row = rows.first();
    const qint64 id = row.data(ArchiveIdRole).toLongLong();
    if (id == m_previewedId)
        return;
    ++m_previewGeneration;
    m_previewedId = 0;
    m_preview->clear(tr("Loading…"));
    const int generation = m_previewGeneration;
    const ArchiveEntry *entry = m_model->entry(id);
    const QString account =
        entry ? tr("%1 (%2)").arg(entry->accounts.join(QStringLiteral(", ")),
                                  ArchiveTableModel::directionText(entry->direction))
              : QString();
    const QString envelope = entry ? entry->recipients.join(QStringLiteral(", ")) : QString();
    const ConsoleServices *services = &m_services;
    const ArchiveService::Searcher who = searcher();
    runInBackground(
        this, [services, who, id] { return services->archive().preview(id, who); },
        [this, id, generation, account, envelope](Result<MessagePreview> r) {
            if (generation != m_previewGeneration)
                return;
            if (!r) {
                m_preview->clear(r.error().kind == Error::Kind::NotFound
                                     ? tr("This message is no longer in the archive (its "
                                          "retention period has ended).")
                                     : tr("This message could not be read."));
                return;
            }
            m_previewedId = id;
            m_preview->showPreview(*r);
            MessagePreviewPane::setValue(m_accountValue, account);
            MessagePreviewPane::setValue(m_envelopeValue, envelope);
            Q_EMIT previewShown(id);
        });
}

ArchiveSettingsDialog *ArchiveSearchPage::openSettings()
{
    auto *dialog = new ArchiveSettingsDialog(m_services, m_server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    // Received mail kept or not changes what the archive holds from now on.
    connect(dialog, &QDialog::finished, this, &ArchiveSearchPage::loadUsage);
    dialog->open();
    return dialog;
}

// ---- export ---------------------------------------------------------------------------

void ArchiveSearchPage::exportSelected(ExportFormat format, const QString &path)
{
    const QList<qint64> ids = selectedIds();
    if (!m_busy && !ids.isEmpty() && !path.isEmpty())
        runExport(format, path, ids);
}

void ArchiveSearchPage::exportAll(ExportFormat format, const QString &path)
{
    if (!m_busy && m_searched && m_model->rowCount() > 0 && !path.isEmpty())
        runExport(format, path, std::nullopt);
}

void ArchiveSearchPage::chooseExportSelected(ExportFormat format)
{
    if (m_busy || selectedIds().isEmpty())
        return;
    const QString path = chooseTarget(format, false);
    if (!path.isEmpty())
        exportSelected(format, path);
}

void ArchiveSearchPage::chooseExportAll(ExportFormat format)
{
    if (m_busy || !m_searched || m_model->rowCount() == 0)
        return;
    const QString path = chooseTarget(format, true);
    if (!path.isEmpty())
        exportAll(format, path);
}

QString ArchiveSearchPage::chooseTarget(ExportFormat format, bool all)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString stem =
        QStringLiteral("archive-%1")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    if (format == ExportFormat::Mbox) {
        return QFileDialog::getSaveFileName(
            this, all ? tr("Export All Results as mbox") : tr("Export Selected as mbox"),
            QDir(documents).filePath(stem + QLatin1String(".mbox")),
            tr("mbox files (*.mbox);;All files (*)"));
    }
    const QString parent = QFileDialog::getExistingDirectory(
        this,
        all ? tr("Folder for the .eml Files of All Results")
            : tr("Folder for the .eml Files of the Selected Messages"),
        documents);
    if (parent.isEmpty())
        return {};
    // A new folder of its own inside the one chosen: the files of one export
    // together, and a cancelled export removes only what it made.
    QString folder = QDir(parent).filePath(stem);
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = QDir(parent).filePath(QStringLiteral("%1-%2").arg(stem).arg(n));
    return folder;
}

void ArchiveSearchPage::runExport(ExportFormat format, const QString &path,
                                  std::optional<QList<qint64>> ids)
{
    m_busy = true;
    showMessage(QString(), false);
    updateState();
    auto progress = std::make_shared<ExportProgress>();
    if (ids)
        progress->total.store(ids->size());
    QPointer<QProgressDialog> dialog =
        new QProgressDialog(tr("Exporting messages…"), tr("Cancel"), 0, 0, this);
    dialog->setObjectName(QStringLiteral("exportProgress"));
    dialog->setWindowTitle(tr("Archive Export"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(dialog, &QProgressDialog::canceled, dialog, [progress, dialog] {
        progress->stop.store(true);
        dialog->setLabelText(tr("Cancelling…"));
    });
    auto *ticker = new QTimer(dialog);
    ticker->setInterval(100);
    auto tick = [dialog, progress] {
        if (progress->stop.load())
            return;
        const qsizetype total = progress->total.load();
        if (total < 0) {
            dialog->setLabelText(tr("Collecting the results of the search…"));
            return;
        }
        dialog->setMaximum(int(qMin<qsizetype>(total, INT_MAX)));
        dialog->setValue(int(qMin<qsizetype>(progress->done.load(), INT_MAX)));
        dialog->setLabelText(tr("Exporting %n message(s)…", nullptr, int(total)));
    };
    connect(ticker, &QTimer::timeout, dialog, tick);
    tick();
    ticker->start();
    dialog->show();

    const ConsoleServices *services = &m_services;
    const ArchiveService::Searcher who = searcher();
    ArchiveQuery query = m_query;
    runInBackground(
        this,
        [services, who, query, ids, format, path, progress]() mutable {
            ArchiveService archive = services->archive();
            ExportRun run;
            QList<qint64> list;
            if (ids) {
                list = *ids;
            } else {
                // Every page of the search, not only those the list has fetched.
                query.before = 0;
                query.limit = kExportPageSize;
                for (;;) {
                    if (progress->stop.load()) {
                        run.cancelled = true;
                        return run;
                    }
                    Result<ArchivePage> page = archive.search(query, who);
                    if (!page) {
                        run.error = page.error();
                        return run;
                    }
                    for (const ArchiveEntry &e : std::as_const(page->entries))
                        list << e.id;
                    if (!page->more || page->entries.isEmpty())
                        break;
                    query.before = page->entries.last().id;
                }
            }
            run.count = list.size();
            progress->total.store(list.size());
            // A folder this export makes goes again when it ends without its files.
            const bool folderWasThere = format == ExportFormat::Eml && QFileInfo::exists(path);
            const ArchiveService::Progress report = [progress](qsizetype done, qsizetype total) {
                progress->done.store(done);
                progress->total.store(total);
                return !progress->stop.load();
            };
            const Result<void> r = format == ExportFormat::Mbox
                                       ? archive.exportMbox(list, path, who, report)
                                       : archive.exportEml(list, path, who, report);
            if (!r) {
                if (progress->stop.load())
                    run.cancelled = true;
                else
                    run.error = r.error();
                if (format == ExportFormat::Eml && !folderWasThere)
                    QDir().rmdir(path); // only while empty: never a file of anyone's
            }
            return run;
        },
        [this, dialog, path, format](ExportRun run) {
            if (dialog)
                dialog->deleteLater();
            m_busy = false;
            const QString where = QDir::toNativeSeparators(path);
            ExportOutcome outcome = ExportOutcome::Done;
            if (run.cancelled) {
                outcome = ExportOutcome::Cancelled;
                showMessage(tr("The export was cancelled. No file was left behind."), false);
            } else if (run.error) {
                outcome = ExportOutcome::Failed;
                const Error &e = *run.error;
                showMessage(e.kind == Error::Kind::NotFound
                                ? tr("A message is no longer in the archive (its retention "
                                     "period has ended). Search again and export once more.")
                            : e.kind == Error::Kind::Temporary
                                ? tr("The database is busy right now. Export again in a moment.")
                                : tr("The messages could not be exported to %1. Check that the "
                                     "folder exists and can be written to.")
                                      .arg(where),
                            true, e.message);
                Q_EMIT actionFailed(e);
            } else if (format == ExportFormat::Mbox) {
                showMessage(tr("%n message(s) exported to %1.", nullptr, int(run.count)).arg(where),
                            false);
            } else {
                showMessage(
                    tr("%n message(s) exported as .eml files to %1.", nullptr, int(run.count))
                        .arg(where),
                    false);
            }
            updateState();
            Q_EMIT exportFinished(path, run.count, outcome);
        });
}

} // namespace fumibako
