// Runs the console's UI tests (Qt Test, offscreen):
//   tst_ui               all test objects
//   tst_ui NAME [args]   one of them, with Qt Test's usual arguments
#include "testregistry.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTest>

#include <cstring>

namespace fumibako::test
{

std::map<std::string, Factory> &registry()
{
    static std::map<std::string, Factory> r;
    return r;
}

} // namespace fumibako::test

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fumibako-tests"));
    // Settings and default paths go to a test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    auto &tests = fumibako::test::registry();
    if (argc > 1 && argv[1][0] != '-') {
        auto it = tests.find(argv[1]);
        if (it == tests.end()) {
            std::fprintf(stderr, "unknown test object %s\n", argv[1]);
            return 2;
        }
        argv[1] = argv[0];
        auto object = it->second();
        return QTest::qExec(object.get(), argc - 1, argv + 1);
    }
    int failures = 0;
    for (auto &[name, factory] : tests) {
        auto object = factory();
        failures += QTest::qExec(object.get(), argc, argv);
    }
    return failures;
}
