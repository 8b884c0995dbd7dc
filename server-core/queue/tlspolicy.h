// TlsPolicy: how much TLS outbound SMTP insists on, per destination (setting
// queue.tls_policy), after Postfix's smtp_tls_policy_maps (TLS_README, "TLS
// security levels"): none, may (STARTTLS when offered, RFC 3207), encrypt
// (STARTTLS or no delivery), verify (and a certificate that verifies for the
// host's name). Required TLS matters because a plaintext fallback is what an
// attacker on the path would arrange: such a destination defers instead.
#pragma once

#include "common/result.h"

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace fumibako
{

// Ordered: a later level asks for more.
enum class TlsLevel { None, May, Encrypt, Verify };

class TlsPolicy
{
public:
    // "example.jp=verify; .example.jp=encrypt; [relay.example.net]:587=verify"
    // (the queue.transports syntax). Keys: a recipient domain; ".domain" for
    // every domain below it (not itself), as Postfix; "[host]" or "[host]:port"
    // for a next hop (a transport rule's host, the smarthost).
    static Result<TlsPolicy> parse(const QString &setting);
    static std::optional<TlsLevel> parseLevel(const QString &name); // any case

    // The level of destinations without a rule (queue.require_tls: encrypt).
    void setDefaultLevel(TlsLevel level) { m_default = level; }
    TlsLevel defaultLevel() const { return m_default; }
    // MX delivery: the domain's own rule, else the nearest ".parent" rule, else the default.
    TlsLevel forDomain(const QString &domain) const;
    // A next hop: the "[host]:port" rule, else the "[host]" rule; nullopt without either.
    std::optional<TlsLevel> forNextHop(const QString &host, quint16 port) const;

    // Trust anchors for verify besides the system's (queue.tls_ca_file): every
    // certificate in a PEM file; "" gives none. An error names the file.
    static Result<QList<QSslCertificate>> loadCaFile(const QString &path);

private:
    QHash<QString, TlsLevel> m_rules; // lower-case key as written, brackets kept
    TlsLevel m_default = TlsLevel::May;
};

} // namespace fumibako
