#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace fumibako
{

static QPixmap draw(int size, AppIcon::Badge badge)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);

    // The letter peeking out of the box.
    p.setPen(QPen(QColor(0x9a, 0x8f, 0x7a), 1.5));
    p.setBrush(QColor(0xfb, 0xf8, 0xf0));
    p.drawRect(QRectF(14, 6, 36, 28));
    p.setPen(QPen(QColor(0x8a, 0x2a, 0x1e), 2));
    p.drawLine(QPointF(20, 14), QPointF(44, 14));
    p.drawLine(QPointF(20, 20), QPointF(40, 20));

    // The box: deep red lacquer with a darker lid edge.
    QPainterPath box;
    box.addRoundedRect(QRectF(4, 24, 56, 34), 6, 6);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x8e, 0x1b, 0x17));
    p.drawPath(box);
    p.setBrush(QColor(0x5e, 0x10, 0x0e));
    p.drawRoundedRect(QRectF(4, 24, 56, 8), 4, 4);

    // The gold cord and its knot.
    p.setPen(QPen(QColor(0xd8, 0xa9, 0x3b), 3));
    p.drawLine(QPointF(32, 24), QPointF(32, 58));
    p.setBrush(QColor(0xe8, 0xbf, 0x52));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(32, 41), 5, 5);

    if (badge != AppIcon::Badge::None) {
        p.setPen(QPen(Qt::white, 3));
        p.setBrush(badge == AppIcon::Badge::Running ? QColor(0x2e, 0xa0, 0x4f)
                                                    : QColor(0x88, 0x88, 0x88));
        p.drawEllipse(QPointF(50, 50), 11, 11);
    }
    return pm;
}

QIcon AppIcon::icon(Badge badge)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(draw(size, badge));
    return icon;
}

} // namespace fumibako
