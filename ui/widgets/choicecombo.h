// refillChoices: a list page's filter combo box (a first, fixed item such as
// "all domains", then one item per value) brought up to date with the values
// a refresh found, without a signal when nothing changed. The chosen value
// stays chosen — and listed, even when no longer found — so a filter never
// jumps to another value under the person using it.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QComboBox;

namespace fumibako
{

// `text` gives an item's shown text from its value (empty: the value itself).
void refillChoices(QComboBox *combo, QStringList values,
                   const std::function<QString(const QString &)> &text = {});

} // namespace fumibako
