// formlabels: the kinds of explanatory label the console's forms share — a
// grey note under a field, a caution box, a bold red error line (hidden while
// empty) and a page's outcome line (red or green) — so the pages and dialogs look alike.
#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace fumibako
{

QLabel *makeErrorLabel(QWidget *parent); // object name "errorLabel", hidden
QLabel *makeNote(QWidget *parent);
// A caution where a setting can surprise (mail not kept, a forwarding loop):
// a framed, pale yellow box, hidden until shown.
QLabel *makeWarningLabel(QWidget *parent, const QString &objectName);
void showError(QLabel *label, const QString &text); // empty text hides it
// A masked password field named `objectName`, added to `form` beside `label`
// (its buddy; the field's parent is the label's).
QLineEdit *addPasswordRow(QFormLayout *form, QLabel *label, const QString &objectName);
// The outcome line of a page's action: red and bold for an error, green
// otherwise; `detail` (the service's English message) goes to the tooltip.
void showStatus(QLabel *label, const QString &text, bool error, const QString &detail = QString());

} // namespace fumibako
