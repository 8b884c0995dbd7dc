// runOnWorker: work that may block — reading and parsing message files
// (FETCH of big messages, SEARCH over a whole mailbox), reads of the store a
// session waits for — on a worker thread, never on an I/O thread (DESIGN.md,
// runtime model). `work` runs on the pool and returns what to do
// next; that runs on `owner`'s thread, or not at all if `owner` has been
// destroyed in the meantime (a disconnected session). `work` must only use
// what it captured by value — never `owner`.
#pragma once

#include <QObject>

#include <functional>

namespace fumibako
{

void runOnWorker(QObject *owner, std::function<std::function<void()>()> work);

// Waits (at most `msecs`) until no work is queued or running: for a server
// stopping, whose reads hold references to the store it is about to close.
bool waitForWorkers(int msecs);

} // namespace fumibako
