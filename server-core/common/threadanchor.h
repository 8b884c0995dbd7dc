// threadAnchor: where a worker thread posts a completion meant for a
// session. Sessions are children of their I/O thread's long-lived context
// object; posting to it (rather than to a session that may be deleted on its
// own thread while another thread posts) is race-free, and the session's
// QPointer is then checked on the thread where it lives.
#pragma once

#include <QObject>

namespace fumibako
{

inline QObject *threadAnchor(QObject *context)
{
    return context->parent() ? context->parent() : context;
}

} // namespace fumibako
