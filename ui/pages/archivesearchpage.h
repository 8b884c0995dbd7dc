// ArchiveSearchPage: the mail archive (アーカイブ検索) for the administrator —
// a search box (Enter searches) and filters (dates, direction, sender,
// recipient, attachments) over ArchiveService::search, the results newest
// first with the next page fetched as the list is scrolled, a safe preview
// of the selected message (MessagePreviewPane, as on the quarantine page),
// export of the selected messages or of every result of the search as .eml
// files or one mbox off the GUI thread with a progress dialog that can
// cancel, the archive's usage against its cap, and the アーカイブの設定
// dialog (ArchiveSettingsDialog: received mail per domain, search users).
// The class is not named
// ArchivePage: that is the store's page of results.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"

#include "archive/archivestore.h"

#include <QList>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace fumibako
{

class ArchiveSettingsDialog;
class ArchiveTableModel;
class MessagePreviewPane;
class OptionalDateEdit;
class ServerController;

class ArchiveSearchPage : public ActionPage
{
    Q_OBJECT
public:
    enum class ExportFormat { Eml, Mbox };
    Q_ENUM(ExportFormat)
    enum class ExportOutcome { Done, Cancelled, Failed };
    Q_ENUM(ExportOutcome)

    // `server` (may be null) gives the settings dialog the server's web address.
    explicit ArchiveSearchPage(const ConsoleServices &services, ServerController *server = nullptr,
                               QWidget *parent = nullptr);

    ArchiveTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    MessagePreviewPane *previewPane() const { return m_preview; }
    qint64 previewedId() const { return m_previewedId; } // 0: no preview shown
    QList<qint64> selectedIds() const;                   // in the order shown
    bool isEmptyStateShown() const; // the "nothing found" text instead of the table
    // The query the filters make now (paging and the page size aside); nullopt
    // when they make none (the start date after the end date).
    std::optional<ArchiveQuery> currentQuery() const;
    // The query of the results shown.
    const ArchiveQuery &shownQuery() const { return m_query; }
    const std::optional<ArchiveUsage> &usage() const { return m_usage; }

    void setPageSize(int rows) { m_pageSize = rows; } // rows per search (tests: small)
    int pageSize() const { return m_pageSize; }

    // A filter changed: the search runs after this pause, not at each keystroke or click.
    static constexpr int kFilterDelayMs = 300;
    static constexpr int kDefaultPageSize = 100;
    // Export all collects the ids of the search in pages of this size.
    static constexpr int kExportPageSize = 1000;

public Q_SLOTS:
    void refresh() override; // the search again and the usage
    void search();
    // Export to `path`: the mbox file, or the folder for the .eml files (created).
    void exportSelected(fumibako::ArchiveSearchPage::ExportFormat format, const QString &path);
    // Every result of the search shown, every page of it.
    void exportAll(fumibako::ArchiveSearchPage::ExportFormat format, const QString &path);
    // The same after asking where (a file dialog).
    void chooseExportSelected(fumibako::ArchiveSearchPage::ExportFormat format);
    void chooseExportAll(fumibako::ArchiveSearchPage::ExportFormat format);
    // The アーカイブの設定 dialog, window-modal; it closes itself.
    fumibako::ArchiveSettingsDialog *openSettings();

Q_SIGNALS:
    void previewShown(qint64 id);
    void usageShown();
    // After an export: where, how many messages it was asked for, how it ended.
    void exportFinished(const QString &path, qsizetype count,
                        fumibako::ArchiveSearchPage::ExportOutcome outcome);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateState() override;
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;
    void fetchNextPage(qint64 before);
    void loadUsage();
    void showUsage();
    void loadPreview();
    void runExport(ExportFormat format, const QString &path, std::optional<QList<qint64>> ids);
    QString chooseTarget(ExportFormat format, bool all);
    ArchiveService::Searcher searcher() const;

    const ConsoleServices &m_services;
    ServerController *m_server;
    ArchiveTableModel *m_model;
    QTimer *m_filterTimer;
    ArchiveQuery m_query;
    int m_pageSize = kDefaultPageSize;
    int m_searchGeneration = 0;
    bool m_searching = false;
    bool m_searched = false; // a search has shown its results
    int m_previewGeneration = 0;
    qint64 m_previewedId = 0;
    std::optional<ArchiveUsage> m_usage;
    bool m_usageFailed = false;

    QLabel *m_intro = nullptr;
    QLabel *m_usageLabel = nullptr;
    QProgressBar *m_usageBar = nullptr;
    QPushButton *m_settingsButton = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QPushButton *m_searchButton = nullptr;
    OptionalDateEdit *m_sinceEdit = nullptr;
    OptionalDateEdit *m_untilEdit = nullptr;
    QLabel *m_directionLabel = nullptr;
    QComboBox *m_directionCombo = nullptr;
    QLabel *m_senderLabel = nullptr;
    QLineEdit *m_senderEdit = nullptr;
    QLabel *m_recipientLabel = nullptr;
    QLineEdit *m_recipientEdit = nullptr;
    QCheckBox *m_attachmentCheck = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    MessagePreviewPane *m_preview = nullptr;
    QLabel *m_accountTitle = nullptr;
    QLabel *m_accountValue = nullptr;
    QLabel *m_envelopeTitle = nullptr;
    QLabel *m_envelopeValue = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_messageLabel = nullptr;
    QPushButton *m_exportSelectedButton = nullptr;
    QPushButton *m_exportAllButton = nullptr;
};

} // namespace fumibako
