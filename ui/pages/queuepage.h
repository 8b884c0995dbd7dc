// QueuePage: the outbound queue ("送信キュー") — every recipient still waiting
// or just finished, filtered by state and by destination domain, refreshed
// every two seconds off the GUI thread while the page is shown (the selection
// stays). "Retry now" makes the selected message due and wakes the server's
// queue; "Delete" removes it for all its recipients after a confirmation that
// names them and the sender (Cancel is the default); "Show Headers" opens the
// message's header block read-only.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"
#include "servercontroller.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace fumibako
{

class QueueFilterModel;
class QueueTableModel;

class QueuePage : public ActionPage
{
    Q_OBJECT
public:
    QueuePage(const ConsoleServices &services, ServerController *server, QWidget *parent = nullptr);

    QueueTableModel *model() const { return m_model; }
    QueueFilterModel *filterModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    bool isEmptyStateShown() const; // the "queue is empty" text instead of the table
    qint64 selectedQueueId() const; // 0 when nothing is selected

    static constexpr int kRefreshMs = 2000;

public Q_SLOTS:
    void refresh() override;
    void retrySelected();
    void deleteSelected();
    void showHeaders();

Q_SIGNALS:
    void retried(qint64 queueId);
    void deleted(qint64 queueId);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    void updateDomains();
    void updateState() override;
    void runDelete(qint64 queueId);
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;

    const ConsoleServices &m_services;
    ServerController *m_server;
    QueueTableModel *m_model;
    QueueFilterModel *m_proxy;
    QTimer *m_timer;
    bool m_loaded = false;

    QLabel *m_intro = nullptr;
    QLabel *m_stateLabel = nullptr;
    QComboBox *m_stateCombo = nullptr;
    QLabel *m_domainLabel = nullptr;
    QComboBox *m_domainCombo = nullptr;
    QLabel *m_countLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_detailLabel = nullptr; // the selected row's last reply in full, and more
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_headersButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace fumibako
