#include "formlabels.h"

#include <QLabel>

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

QLabel *makeNote(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

} // namespace fumibako
