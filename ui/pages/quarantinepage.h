// QuarantinePage: the quarantine (迷惑メール) for support staff — all held mail
// of every account, narrowed by text, account, reason and date; a safe preview
// (MessagePreviewPane: decoded headers and text, HTML as plain text,
// attachments never opened) with the reason it was held; release (リカバリ),
// delete (confirmed), release and allow, block the sender, on any selection,
// off the GUI thread with a progress dialog and each failure named.
// Allow/block show only while SenderFilterHooks are connected.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"

#include <QList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace fumibako
{

class MessagePreviewPane;
class QuarantineFilterModel;
class QuarantineTableModel;

class QuarantinePage : public ActionPage
{
    Q_OBJECT
public:
    enum class Bulk { Release, Delete, ReleaseAndAllow, BlockSender };
    Q_ENUM(Bulk)

    explicit QuarantinePage(const ConsoleServices &services, QWidget *parent = nullptr);

    QuarantineTableModel *model() const { return m_model; }
    QuarantineFilterModel *filterModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *previewText() const;
    bool isEmptyStateShown() const; // the "nothing held" text instead of the table
    QList<qint64> selectedIds() const;
    qint64 previewedId() const { return m_previewedId; } // 0: no preview shown

    static constexpr int kRefreshMs = 5000;
    // More messages than this at once: a progress dialog that can stop the run.
    static constexpr int kProgressThreshold = 5;

public Q_SLOTS:
    void refresh() override;
    void releaseSelected();
    void deleteSelected(); // asks first
    void releaseAndAllowSelected();
    void blockSenderSelected();

Q_SIGNALS:
    // After a bulk run: the messages it acted on, those that failed, and
    // those not tried because it was stopped.
    void bulkFinished(fumibako::QuarantinePage::Bulk action, const QList<qint64> &succeeded,
                      const QList<qint64> &failed, const QList<qint64> &skipped);
    void previewShown(qint64 id);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Item {
        qint64 id = 0;
        QString account;
        QString sender;
        QString subject;
    };
    struct Outcome {
        qint64 id = 0;
        bool tried = false;
        std::optional<Error> error;
    };

    void retranslateUi();
    void updateFilters();
    void updateState() override;
    void updateDateRange();
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;
    QList<Item> selectedItems() const;
    void runBulk(Bulk action, const QList<Item> &items);
    void finishBulk(Bulk action, const QList<Item> &items, const QList<Outcome> &outcomes);
    QString failureText(Bulk action, const Item &item, const Error &error) const;
    void loadPreview();
    void clearPreview(const QString &placeholder);
    static QString sentences(const QStringList &list); // joined as the language joins them

    const ConsoleServices &m_services;
    QuarantineTableModel *m_model;
    QuarantineFilterModel *m_proxy;
    QTimer *m_timer;
    bool m_loaded = false;
    bool m_loadFailed = false;
    int m_previewGeneration = 0;
    qint64 m_previewedId = 0;

    QLabel *m_intro = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_accountLabel = nullptr;
    QComboBox *m_accountCombo = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_reasonCombo = nullptr;
    QCheckBox *m_dateCheck = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QLabel *m_countLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;

    MessagePreviewPane *m_preview = nullptr;
    QLabel *m_reasonTitle = nullptr;
    QLabel *m_reasonValue = nullptr;

    QPushButton *m_releaseButton = nullptr;
    QPushButton *m_allowButton = nullptr;
    QPushButton *m_blockButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace fumibako
