#include "optionaldateedit.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>

namespace fumibako
{

OptionalDateEdit::OptionalDateEdit(const QString &objectName, QWidget *parent)
    : QWidget(parent), m_check(new QCheckBox(this)), m_edit(new QDateEdit(this))
{
    setObjectName(objectName);
    m_check->setObjectName(objectName + QLatin1String("Check"));
    m_edit->setObjectName(objectName + QLatin1String("Edit"));
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QStringLiteral("yyyy/MM/dd"));
    m_edit->setDate(QDate::currentDate());
    m_edit->setEnabled(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_check);
    layout->addWidget(m_edit);
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setEnabled(on);
        Q_EMIT changed();
    });
    connect(m_edit, &QDateEdit::dateChanged, this, &OptionalDateEdit::changed);
}

QDate OptionalDateEdit::date() const
{
    return m_check->isChecked() ? m_edit->date() : QDate();
}

void OptionalDateEdit::setDate(const QDate &date)
{
    m_check->setChecked(date.isValid());
    m_edit->setDate(date.isValid() ? date : QDate::currentDate());
    m_edit->setEnabled(date.isValid());
}

void OptionalDateEdit::setText(const QString &text)
{
    m_check->setText(text);
}

} // namespace fumibako
