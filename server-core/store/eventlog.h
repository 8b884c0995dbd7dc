// EventLog: fire-and-forget writes to the log table through the StoreWriter
// (so they ride in the same group commit as deliveries), plus a copy on
// stderr for fumibakod's journal. Thread-safe.
#pragma once

#include "logstore.h"

namespace fumibako {

class StoreWriter;

class EventLog {
public:
    explicit EventLog(StoreWriter *writer, bool echo = false) : m_writer(writer), m_echo(echo) {}
    void add(LogEntry::Kind kind, const QString &address, const QString &peer, const QString &text);

private:
    StoreWriter *m_writer;
    bool m_echo;
};

} // namespace fumibako
