// AccountDirectory: what logging in needs of the accounts — one looked up by
// address, and a password hash swapped for a stronger one — as an interface,
// so that auth/ stays below store/ in DESIGN.md's order: store/ implements it
// (StoredAccounts), and the server hands that to the Authenticator.
#pragma once

#include "common/account.h"
#include "common/result.h"

namespace fumibako
{

class AccountDirectory
{
public:
    virtual ~AccountDirectory() = default;
    // Thread-safe: the Authenticator calls it from its workers. NotFound when
    // no account has the address; other errors are temporary failures.
    virtual Result<Account> find(const QString &address) const = 0;
    // Replaces the hash only if it is still `oldHash` (a password changed
    // meanwhile wins); answers whether it did.
    virtual Result<bool> replacePasswordHash(const QString &address, const QString &oldHash,
                                             const QString &newHash) const = 0;
};

} // namespace fumibako
