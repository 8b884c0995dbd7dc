// MemoryBudget: a process-wide cap on the bytes sessions may hold in memory
// for messages in transit (SMTP DATA/BDAT bodies until they are committed).
// Each message is already capped by the size limit; this caps their sum, so
// many slow senders of large messages cannot exhaust memory: past the
// budget a message is refused with a temporary error instead. Thread-safe.
#pragma once

#include <QAtomicInteger>

namespace fumibako
{

class MemoryBudget
{
public:
    explicit MemoryBudget(qint64 bytes) : m_limit(bytes) {}

    bool tryReserve(qint64 bytes)
    {
        qint64 used = m_used.loadRelaxed();
        do {
            if (used + bytes > m_limit)
                return false;
        } while (!m_used.testAndSetOrdered(used, used + bytes, used));
        return true;
    }
    void release(qint64 bytes) { m_used.fetchAndSubOrdered(bytes); }
    qint64 used() const { return m_used.loadRelaxed(); }

private:
    const qint64 m_limit;
    QAtomicInteger<qint64> m_used{0};
};

// Holds a reservation and gives it back when it goes out of scope or grows.
class MemoryReservation
{
public:
    explicit MemoryReservation(MemoryBudget *budget = nullptr) : m_budget(budget) {}
    ~MemoryReservation() { reset(); }
    MemoryReservation(const MemoryReservation &) = delete;
    MemoryReservation &operator=(const MemoryReservation &) = delete;

    // Grows the reservation to `total` bytes; false if the budget is spent.
    bool growTo(qint64 total)
    {
        if (!m_budget || total <= m_held)
            return true;
        if (!m_budget->tryReserve(total - m_held))
            return false;
        m_held = total;
        return true;
    }
    void reset()
    {
        if (m_budget && m_held)
            m_budget->release(m_held);
        m_held = 0;
    }

private:
    MemoryBudget *m_budget;
    qint64 m_held = 0;
};

} // namespace fumibako
