// EventLog: fire-and-forget writes to the log table through the StoreWriter
// (so they ride in the same group commit as deliveries), plus a copy on
// stderr for fumibakod's journal; and the log retention's deletes, in batches
// through the same writer. Rows are stamped by the server's Clock. Thread-safe.
#pragma once

#include "common/clock.h"
#include "logstore.h"

#include <functional>

namespace fumibako
{

class StoreWriter;

class EventLog
{
public:
    static constexpr int kPruneBatch = 1000;

    explicit EventLog(StoreWriter *writer, bool echo = false, const Clock *clock = Clock::system())
        : m_writer(writer), m_echo(echo), m_clock(clock)
    {
    }
    void add(LogEntry::Kind kind, const QString &address, const QString &peer, const QString &text);
    // A line with the tracking columns filled in; stamped now unless it has a time.
    void add(LogEntry entry);
    // add() for one kind, as a function (for layers below store/, e.g. auth's
    // failed logins): (address, peer, text).
    std::function<void(const QString &, const QString &, const QString &)>
    sink(LogEntry::Kind kind);
    // Deletes the rows older than `before`, `batchRows` per transaction, each batch
    // submitted once the last one is committed, so no delivery waits behind one long
    // delete. `done` gets how many went, on a writer thread.
    void prune(const QDateTime &before, std::function<void(Result<qint64>)> done,
               int batchRows = kPruneBatch);

private:
    StoreWriter *m_writer;
    bool m_echo;
    const Clock *m_clock;
};

} // namespace fumibako
