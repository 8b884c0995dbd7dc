#include "eventlog.h"

#include "storewriter.h"

#include <cstdio>

namespace fumibako {

namespace {

class LogJob : public StoreJob {
public:
    explicit LogJob(LogEntry e) : m_entry(std::move(e)) {}
    Result<void> record(const Database &db) override { return LogStore(db).append(m_entry); }
    bool needsSync() const override { return false; }  // a log line promises nothing to a client

private:
    LogEntry m_entry;
};

} // namespace

void EventLog::add(LogEntry::Kind kind, const QString &address, const QString &peer, const QString &text)
{
    LogEntry e{QDateTime::currentDateTimeUtc(), kind, address, peer, text};
    if (m_echo) {
        const QByteArray line = (LogEntry::kindName(kind) + QLatin1Char(' ') + peer + QLatin1Char(' ') +
                                 address + QLatin1String(": ") + text + QLatin1Char('\n'))
                                    .toUtf8();
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    }
    if (m_writer)
        m_writer->submit(std::make_shared<LogJob>(std::move(e)), [](Result<void>) {});
}

} // namespace fumibako
