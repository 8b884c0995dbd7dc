// AppIcon: Fumibako's icon, drawn with QPainter so no image tools or files
// are needed — a lacquered letter box (文箱) with a gold cord and a white
// letter. The running/stopped variant marks the tray icon with a small dot.
#pragma once

#include <QIcon>

namespace fumibako
{

class AppIcon
{
public:
    enum class Badge { None, Running, Stopped };
    static QIcon icon(Badge badge = Badge::None);
};

} // namespace fumibako
