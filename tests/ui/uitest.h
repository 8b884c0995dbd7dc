// Helpers the console's UI tests share (header-only).
#pragma once

#include "service/mailserver.h"

#include <QTest>
#include <QWidget>

namespace fumibako::test
{

// The visible child `name` of `parent` (a dialog or message box a page
// opened), waiting up to 20 s for it. A box answered before may linger
// hidden until its deferred delete, so only a visible one counts.
template <typename T> T *waitForVisible(QWidget *parent, const char *name)
{
    T *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (T *w : parent->findChildren<T *>(QLatin1String(name)))
                if (w->isVisible())
                    found = w;
            return found != nullptr;
        },
        20000);
    return found;
}

// A console's server on `dataDir` that tests may start: every listener on a
// free port of 127.0.0.1, one I/O thread.
inline MailServer::Options serverOnFreePorts(const QString &dataDir)
{
    MailServer::Options options;
    options.dataDir = dataDir;
    options.bindAddress = QStringLiteral("127.0.0.1");
    for (const QString &name : MailServer::listenerNames())
        options.ports.insert(name, 0);
    options.ioThreads = 1;
    return options;
}

} // namespace fumibako::test
