#include "eventlog.h"

#include "storewriter.h"

#include <cstdio>
#include <memory>

namespace fumibako
{

namespace
{

class LogJob : public StoreJob
{
public:
    explicit LogJob(LogEntry e) : m_entry(std::move(e)) {}
    Result<void> record(const Database &db) override { return LogStore(db).append(m_entry); }
    bool needsSync() const override { return false; } // a log line promises nothing to a client

private:
    LogEntry m_entry;
};

// One retention sweep: a batch, and when it was full, the next, until one is not.
class PruneRun : public std::enable_shared_from_this<PruneRun>
{
public:
    PruneRun(StoreWriter *writer, QDateTime before, int batchRows,
             std::function<void(Result<qint64>)> done)
        : m_writer(writer), m_before(std::move(before)), m_batchRows(std::max(1, batchRows)),
          m_done(std::move(done))
    {
    }

    void next()
    {
        auto deleted = std::make_shared<int>(0);
        // Unsynced: a power loss may bring rows back, and the next sweep takes them.
        auto job = std::make_shared<SqlJob>(
            [before = m_before, limit = m_batchRows, deleted](const Database &db) -> Result<void> {
                auto n = LogStore(db).deleteBefore(before, limit);
                if (!n)
                    return n.error();
                *deleted = *n;
                return {};
            },
            SqlJob::Durability::Unsynced);
        m_writer->submit(job, [self = shared_from_this(), deleted](Result<void> r) {
            if (!r)
                return self->m_done(r.error());
            self->m_total += *deleted;
            if (*deleted < self->m_batchRows)
                return self->m_done(self->m_total);
            self->next();
        });
    }

private:
    StoreWriter *m_writer;
    QDateTime m_before;
    int m_batchRows;
    std::function<void(Result<qint64>)> m_done;
    qint64 m_total = 0;
};

} // namespace

void EventLog::add(LogEntry::Kind kind, const QString &address, const QString &peer,
                   const QString &text)
{
    LogEntry e;
    e.kind = kind;
    e.address = address;
    e.peer = peer;
    e.text = text;
    add(std::move(e));
}

void EventLog::add(LogEntry e)
{
    if (!e.time.isValid())
        e.time = m_clock->now();
    if (m_echo) {
        const QString id = e.messageId.isEmpty() ? QString() : e.messageId + QLatin1String(": ");
        const QByteArray line =
            (LogEntry::kindName(e.kind) + QLatin1Char(' ') + e.peer + QLatin1Char(' ') + e.address +
             QLatin1String(": ") + id + e.text + QLatin1Char('\n'))
                .toUtf8();
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    }
    if (m_writer)
        m_writer->submit(std::make_shared<LogJob>(std::move(e)), [](Result<void>) {});
}

std::function<void(const QString &, const QString &, const QString &)>
EventLog::sink(LogEntry::Kind kind)
{
    return [this, kind](const QString &address, const QString &peer, const QString &text) {
        add(kind, address, peer, text);
    };
}

void EventLog::prune(const QDateTime &before, std::function<void(Result<qint64>)> done,
                     int batchRows)
{
    if (!m_writer)
        return done(qint64(0));
    std::make_shared<PruneRun>(m_writer, before, batchRows, std::move(done))->next();
}

} // namespace fumibako
