#include "actionpage.h"

#include "background.h"
#include "errortext.h"

namespace fumibako
{

void ActionPage::runAction(std::function<Result<void>()> work, int action, std::function<void()> done)
{
    m_busy = true;
    updateState();
    runInBackground(this, std::move(work), [this, action, done](Result<void> r) {
        m_busy = false;
        if (r) {
            done();
        } else {
            showMessage(ErrorText::describe(ErrorText::Action(action), r.error()), true, r.error().message);
            Q_EMIT actionFailed(r.error());
        }
        refresh();
    });
}

} // namespace fumibako
