// SettingNames: what the console calls each setting of the registry
// (service/settings.h) when it tells an administrator which changes are in
// effect and which wait for a restart — "Host name", not "server.hostname".
// The registry's descriptions are English for the docs and the CLI; these are
// short, translated names. A key without one is shown as the key itself.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fumibako
{

class SettingNames
{
    Q_DECLARE_TR_FUNCTIONS(SettingNames)
public:
    static QString name(const QString &key);
    static bool hasName(const QString &key);
    // The names of `keys` in the registry's order, as one list ("Host name, SMTP (receiving)
    // port").
    static QString list(const QStringList &keys);
};

} // namespace fumibako
