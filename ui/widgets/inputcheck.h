// InputCheck: the console's own checks of what a person typed — domain,
// address local part, whole address, password — run before any service call, so the answer
// is a translated sentence that says what to fix. The services check again
// and stay the authority; these only catch the common mistakes early
// (full-width letters, a reserved name, passwords that differ).
#pragma once

#include <QCoreApplication>
#include <QString>

namespace fumibako
{

class InputCheck
{
    Q_DECLARE_TR_FUNCTIONS(InputCheck)
public:
    // Full-width ASCII (ｅｘａｍｐｌｅ) to half-width, trimmed, lower-cased;
    // an internationalized domain becomes its ASCII (xn--) form.
    static QString normalizeDomain(const QString &text);
    static QString normalizeLocalPart(const QString &text);
    // A whole address (a forwarding destination, a group member): half-width, lower-cased.
    static QString normalizeAddress(const QString &text);

    // Each returns an empty string when the input is acceptable.
    static QString domainProblem(const QString &normalizedDomain);
    static QString localPartProblem(const QString &normalizedLocalPart);
    static QString hostnameProblem(const QString &hostname);
    static QString passwordProblem(const QString &password, const QString &confirmation);
    static QString displayNameProblem(const QString &displayName);
    static QString addressProblem(const QString &normalizedAddress);
};

} // namespace fumibako
