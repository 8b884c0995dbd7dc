// formlabels: the two kinds of explanatory label the console's forms share —
// a grey note under a field and a bold red error line (hidden while empty) —
// so the wizard and the dialogs look and behave alike.
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace fumibako
{

QLabel *makeErrorLabel(QWidget *parent);  // object name "errorLabel", hidden
QLabel *makeNote(QWidget *parent);
void showError(QLabel *label, const QString &text);  // empty text hides it

} // namespace fumibako
