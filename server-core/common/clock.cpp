#include "clock.h"

namespace fumibako {

Clock *Clock::system()
{
    static Clock clock;
    return &clock;
}

} // namespace fumibako
