// The console's UI tests live in one executable (one target per folder);
// each tst_*.cpp registers its test object here and main() runs the one
// named on the command line (CTest registers one test per object) or all.
#pragma once

#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace fumibako::test
{

using Factory = std::function<std::unique_ptr<QObject>()>;
std::map<std::string, Factory> &registry();

template <typename T> struct Register {
    explicit Register(const char *name)
    {
        registry()[name] = [] { return std::make_unique<T>(); };
    }
};

} // namespace fumibako::test

#define FUMIBAKO_UI_TEST(Class)                                                                    \
    static const fumibako::test::Register<Class> s_register##Class(#Class)
