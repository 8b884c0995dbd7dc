// MailAddress: an RFC 5321 mailbox (local-part "@" domain), parsed strictly.
// The local part is a dot-atom or a quoted string (RFC 5321 4.1.2); UTF-8 is
// allowed for SMTPUTF8 (RFC 6531 3.3). Lengths are bounded as RFC 5321 4.5.3.1
// says. Accounts and lookups use normalized() — lower-cased, as Postfix's
// virtual tables compare addresses.
#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace fumibako
{

struct MailAddress {
    QString local;  // unquoted form
    QString domain; // without brackets for address literals
    bool quoted = false;
    bool domainLiteral = false;

    static std::optional<MailAddress> parse(QByteArrayView text);
    // As parse(), but the local part may be up to `maxLocal` octets rather than
    // RFC 5321's 64: 4.5.3.1.1 asks servers to accept longer ones where they
    // can, and rewritten senders (SRS, delivery/senderrewriting.h) grow past 64.
    static std::optional<MailAddress> parse(QByteArrayView text, qsizetype maxLocal);
    static std::optional<MailAddress> parse(const QString &text)
    {
        return parse(QByteArrayView(text.toUtf8()));
    }

    QString toString() const;   // as it goes on the wire (re-quoted when needed)
    QString normalized() const; // lower-case, for lookups
    bool isAscii() const;
};

bool isValidDomainName(QByteArrayView domain);

} // namespace fumibako
