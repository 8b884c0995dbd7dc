// RulePanel: what the account details' rule tabs (転送設定, 自動返信) share —
// the account and services they work on, an intro line at the top and an
// error line at the bottom, the stored rule read off the GUI thread when the
// tab is made (a failure said on the error line), the busy state while
// something runs, and retranslation on a language switch.
#pragma once

#include "background.h"
#include "consoleservices.h"
#include "widgets/errortext.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace fumibako
{

class RulePanel : public QWidget
{
    Q_OBJECT
public:
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    void showError(const QString &text, const QString &detail = QString());

Q_SIGNALS:
    void loaded();

protected:
    RulePanel(const ConsoleServices &services, const QString &address, const QString &objectName,
              QWidget *parent);

    // The panel's column: the intro line is in it; the subclass adds its
    // widgets, then addErrorLine().
    QVBoxLayout *column() const { return m_column; }
    void addErrorLine(const QString &objectName);
    void changeEvent(QEvent *event) override;
    virtual void retranslateUi() = 0;
    virtual void updateState() = 0; // widgets follow m_loaded and m_busy
    void setBusy(bool busy);

    // `read(ForwardingService, address)` on the pool; then `apply(rule)` and
    // loaded(), or the failure said on the error line.
    template <typename Read, typename Apply> void loadRule(Read read, Apply apply)
    {
        using R = std::invoke_result_t<Read, const ForwardingService &, const QString &>;
        setBusy(true);
        const ConsoleServices *services = &m_services;
        runInBackground(
            this,
            [services, address = m_address, read] { return read(services->forwarding(), address); },
            [this, apply](R r) {
                setBusy(false);
                if (!r) {
                    showError(ErrorText::describe(ErrorText::Action::LoadForwarding, r.error()),
                              r.error().message);
                    return;
                }
                showError(QString());
                m_loaded = true;
                apply(*r);
                Q_EMIT loaded();
            });
    }

    const ConsoleServices &m_services;
    const QString m_address;
    bool m_loaded = false;
    bool m_busy = false;
    QLabel *m_intro = nullptr;
    QLabel *m_errorLabel = nullptr;

private:
    QVBoxLayout *m_column = nullptr;
};

} // namespace fumibako
