#include "account.h"

namespace fumibako
{

QString Account::roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::User:
        return QStringLiteral("user");
    case Role::SendOnly:
        return QStringLiteral("sendonly");
    }
    return {};
}

std::optional<Account::Role> Account::roleFromName(const QString &name)
{
    if (name == QLatin1String("admin"))
        return Role::Admin;
    if (name == QLatin1String("user"))
        return Role::User;
    if (name == QLatin1String("sendonly"))
        return Role::SendOnly;
    return std::nullopt;
}

} // namespace fumibako
