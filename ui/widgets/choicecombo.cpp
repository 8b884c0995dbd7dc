#include "choicecombo.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace fumibako
{

void refillChoices(QComboBox *combo, QStringList values,
                   const std::function<QString(const QString &)> &text)
{
    const QString current = combo->currentData().toString();
    if (!current.isEmpty() && !values.contains(current)) {
        values << current;
        values.sort();
    }
    QStringList shown;
    for (int i = 1; i < combo->count(); ++i)
        shown << combo->itemData(i).toString();
    if (shown == values)
        return;
    const QSignalBlocker block(combo);
    while (combo->count() > 1)
        combo->removeItem(1);
    for (const QString &v : std::as_const(values))
        combo->addItem(text ? text(v) : v, v);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

} // namespace fumibako
