#include "formlabels.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace fumibako
{

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("errorLabel"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b0301f; font-weight: bold;"));
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void showStatus(QLabel *label, const QString &text, bool error, const QString &detail)
{
    label->setText(text);
    label->setToolTip(detail);
    label->setStyleSheet(error ? QStringLiteral("color: #b0301f; font-weight: bold;")
                               : QStringLiteral("color: #1b7f3b;"));
}

QLineEdit *addPasswordRow(QFormLayout *form, QLabel *label, const QString &objectName)
{
    auto *edit = new QLineEdit(label->parentWidget());
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    label->setBuddy(edit);
    form->addRow(label, edit);
    return edit;
}

QLabel *makeNote(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

QLabel *makeWarningLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #4d3a00; border: "
                                        "1px solid #e0b84c; border-radius: 3px; padding: 6px; }"));
    label->hide();
    return label;
}

} // namespace fumibako
