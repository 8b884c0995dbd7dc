// ActionPage: a console page that loads a list off the GUI thread and whose
// buttons start changes that run there too, one at a time (the queue's retry
// and delete, DKIM key actions). While a change is under way the page is busy;
// a failure is said in words on the page (ErrorText) and reported by
// actionFailed; the page reloads afterwards. A reload asked for while one is
// running runs once more after it, so the list always shows the last change.
#pragma once

#include "common/result.h"

#include <QWidget>

#include <functional>

namespace fumibako
{

class ActionPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    virtual void refresh() = 0;

Q_SIGNALS:
    void refreshed();
    void actionFailed(const fumibako::Error &error);

protected:
    // Runs `work` on the thread pool; then `done` on success, or the error in
    // words for the ErrorText::Action `action`; then refresh().
    void runAction(std::function<Result<void>()> work, int action, std::function<void()> done);
    // refresh() starts with beginLoad() (false: one is running, it will run
    // again after) and ends, on the GUI thread, with endLoad(): the load's
    // error (null if none) in words for the ErrorText::Action `action`, or the
    // error of an earlier load cleared; then updateState() and refreshed().
    bool beginLoad();
    void endLoad(const Error *error, int action);
    virtual void updateState() = 0; // buttons follow m_busy and the selection
    virtual void showMessage(const QString &text, bool error,
                             const QString &detail = QString()) = 0;

    bool m_busy = false; // an action under way

private:
    bool m_loading = false;
    bool m_refreshPending = false;
    bool m_loadFailed = false; // the message line shows a load error
};

} // namespace fumibako
