#include "actionpage.h"

#include "background.h"
#include "widgets/errortext.h"

#include <utility>

namespace fumibako
{

void ActionPage::runAction(std::function<Result<void>()> work, int action,
                           std::function<void()> done)
{
    m_busy = true;
    updateState();
    runInBackground(this, std::move(work), [this, action, done](Result<void> r) {
        m_busy = false;
        if (r) {
            done();
        } else {
            showMessage(ErrorText::describe(ErrorText::Action(action), r.error()), true,
                        r.error().message);
            Q_EMIT actionFailed(r.error());
        }
        refresh();
    });
}

bool ActionPage::beginLoad()
{
    if (m_loading) {
        m_refreshPending = true; // after an action: the list must show its result
        return false;
    }
    m_loading = true;
    return true;
}

void ActionPage::endLoad(const Error *error, int action)
{
    m_loading = false;
    if (error) {
        showMessage(ErrorText::describe(ErrorText::Action(action), *error), true, error->message);
        m_loadFailed = true;
    } else if (std::exchange(m_loadFailed, false)) {
        showMessage(QString(), false);
    }
    updateState();
    if (std::exchange(m_refreshPending, false))
        return refresh();
    Q_EMIT refreshed();
}

} // namespace fumibako
