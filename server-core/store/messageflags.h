// Message flags as stored: a space-separated list of system flags
// (\Seen, \Deleted, ...) and keywords, compared without regard to case
// (RFC 3501 2.3.2). One place for the list operations, so IMAP STORE, the
// implicit \Seen of FETCH and the store's own updates agree.
#pragma once

#include <QStringList>

namespace fumibako
{

struct MessageFlags {
    enum class Op { Replace, Add, Remove };

    static QStringList split(const QString &s)
    {
        return s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }

    static bool has(const QStringList &flags, const QString &flag)
    {
        for (const QString &f : flags)
            if (f.compare(flag, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }

    // The flags after applying `op` with `given` to `current` (RFC 3501 6.4.6).
    static QStringList apply(const QStringList &current, Op op, const QStringList &given)
    {
        QStringList out = op == Op::Replace ? QStringList() : current;
        if (op == Op::Remove) {
            out.removeIf([&](const QString &f) { return has(given, f); });
            return out;
        }
        for (const QString &f : given)
            if (!has(out, f))
                out << f;
        return out;
    }
};

} // namespace fumibako
