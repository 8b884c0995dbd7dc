// askToConfirm: the console's question before a change — a window-modal
// QMessageBox with the action's button and Cancel (object names
// "confirmButton" and "cancelButton"; Escape answers Cancel). What cannot be
// undone is asked with Cancel as the default button, so Enter keeps things as
// they are. `confirmed` runs only when the action's button was clicked.
#pragma once

#include <QMessageBox>

#include <functional>

namespace fumibako
{

enum class ConfirmDefault { Cancel, Action };

QMessageBox *askToConfirm(QWidget *parent, const QString &objectName, QMessageBox::Icon icon,
                          const QString &title, const QString &text, const QString &actionText,
                          ConfirmDefault defaultButton, std::function<void()> confirmed);

} // namespace fumibako
