// LogService: read access to the server's event log for the console's Log
// page and the dashboard's counters (models/ sees service/, not store/).
#pragma once

#include "store/logstore.h"

namespace fumibako
{

class LogService
{
public:
    explicit LogService(const Database &db) : m_db(db) {}
    Result<QList<LogEntry>> query(const LogFilter &filter) const
    {
        return LogStore(m_db).query(filter);
    }

private:
    const Database &m_db;
};

} // namespace fumibako
