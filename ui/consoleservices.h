// ConsoleServices: what the console's pages and dialogs need from the data
// directory — its layout and the console's own Database (one per owner; the
// embedded MailServer opens its own). app/ creates one and hands it to the
// widgets through their constructors; it must outlive every background job
// (main() waits for the thread pool before destroying it).
#pragma once

#include "common/clock.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/dkimkeys.h"
#include "service/filterservice.h"
#include "service/logservice.h"
#include "service/mailboxservice.h"
#include "service/queueservice.h"

namespace fumibako
{

class Database;
class SecretStore;

class ConsoleServices
{
public:
    ConsoleServices(const Database &db, DataDir dir) : m_db(db), m_dir(std::move(dir)) {}

    const Database &database() const { return m_db; }
    const DataDir &dataDir() const { return m_dir; }
    AccountService accounts() const { return AccountService(m_db, m_dir.mailRoot()); }
    LogService log() const { return LogService(m_db); }
    MailboxService mailboxes() const { return MailboxService(m_db, m_dir.mailRoot()); }
    QueueService queue() const { return QueueService(m_db, m_dir); }
    DkimKeyStore dkimKeys() const { return DkimKeyStore(m_dir, m_db); }
    FilterService filters() const { return FilterService(m_db, Clock::system()); }
    // Where the console keeps secrets (the smarthost password): the OS keychain
    // in the app, a memory store in tests; null when there is none.
    SecretStore *secrets() const { return m_secrets; }
    void setSecrets(SecretStore *secrets) { m_secrets = secrets; }

private:
    const Database &m_db;
    DataDir m_dir;
    SecretStore *m_secrets = nullptr;
};

} // namespace fumibako
