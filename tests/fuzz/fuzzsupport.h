// fuzzsupport: what the libFuzzer targets share — an invariant check that
// aborts (so libFuzzer reports the input as a crash) and a deterministic
// splitter that cuts a stream into the chunks a network might deliver.
#pragma once

#include <QtGlobal>

#include <cstdlib>

namespace fumibako::fuzz
{

inline void check(bool ok)
{
    if (!ok)
        std::abort();
}

// Chunk lengths 1..max from a seed the input chooses (a linear congruential
// generator: the same input always splits the same way).
struct Splitter {
    quint32 state;
    qsizetype next(qsizetype max)
    {
        state = state * 1664525u + 1013904223u;
        return 1 + qsizetype((state >> 8) % quint32(max));
    }
};

} // namespace fumibako::fuzz
