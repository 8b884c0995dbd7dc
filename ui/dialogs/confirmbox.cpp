#include "confirmbox.h"

#include <QCoreApplication>
#include <QPushButton>

namespace fumibako
{

namespace
{

class ConfirmBox
{
    Q_DECLARE_TR_FUNCTIONS(ConfirmBox)
};

} // namespace

QMessageBox *askToConfirm(QWidget *parent, const QString &objectName, QMessageBox::Icon icon,
                          const QString &title, const QString &text, const QString &actionText,
                          ConfirmDefault defaultButton, std::function<void()> confirmed)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *action = box->addButton(actionText, defaultButton == ConfirmDefault::Cancel
                                                         ? QMessageBox::DestructiveRole
                                                         : QMessageBox::AcceptRole);
    action->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = box->addButton(ConfirmBox::tr("Cancel"), QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    box->setDefaultButton(defaultButton == ConfirmDefault::Cancel ? cancel : action);
    box->setEscapeButton(cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, action, confirmed = std::move(confirmed)] {
                         if (box->clickedButton() == action)
                             confirmed();
                     });
    box->open();
    return box;
}

} // namespace fumibako
