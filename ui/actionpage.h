// ActionPage: a console page whose buttons start changes that run off the GUI
// thread one at a time (the queue's retry and delete, DKIM key actions).
// While one is under way the page is busy; a failure is said in words on the
// page (ErrorText) and reported by actionFailed; the page reloads afterwards.
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
    void actionFailed(const fumibako::Error &error);

protected:
    // Runs `work` on the thread pool; then `done` on success, or the error in
    // words for the ErrorText::Action `action`; then refresh().
    void runAction(std::function<Result<void>()> work, int action, std::function<void()> done);
    virtual void updateState() = 0;  // buttons follow m_busy and the selection
    virtual void showMessage(const QString &text, bool error, const QString &detail = QString()) = 0;

    bool m_busy = false;  // an action under way
};

} // namespace fumibako
