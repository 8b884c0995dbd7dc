#include "rulepanel.h"

#include "widgets/formlabels.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace fumibako
{

RulePanel::RulePanel(const ConsoleServices &services, const QString &address,
                     const QString &objectName, QWidget *parent)
    : QWidget(parent), m_services(services), m_address(address), m_column(new QVBoxLayout(this))
{
    setObjectName(objectName);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_column->addWidget(m_intro);
}

void RulePanel::addErrorLine(const QString &objectName)
{
    m_errorLabel = makeErrorLabel(this);
    m_errorLabel->setObjectName(objectName);
    m_column->addWidget(m_errorLabel);
}

void RulePanel::showError(const QString &text, const QString &detail)
{
    fumibako::showError(m_errorLabel, text);
    m_errorLabel->setToolTip(detail);
}

void RulePanel::setBusy(bool busy)
{
    m_busy = busy;
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
    updateState();
}

void RulePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace fumibako
