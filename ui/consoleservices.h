// ConsoleServices: what the console's pages and dialogs need from the data
// directory — its layout and the console's own Database (one per owner; the
// embedded MailServer opens its own). app/ creates one and hands it to the
// widgets through their constructors; it must outlive every background job
// (main() waits for the thread pool before destroying it).
#pragma once

#include "common/clock.h"
#include "service/accountcsv.h"
#include "service/accountservice.h"
#include "service/archiveservice.h"
#include "service/datadir.h"
#include "service/dkimkeys.h"
#include "service/filterservice.h"
#include "service/forwardingservice.h"
#include "service/logservice.h"
#include "service/mailboxservice.h"
#include "service/quarantineservice.h"
#include "service/queueservice.h"

#include <functional>

namespace fumibako
{

class Database;
class SecretStore;

// What the 迷惑メール page's "release and allow the sender" and "block the
// sender" do to the spam filters: add `sender` (an address) to the allow or the
// deny list of `account`. app/ connects them to the filter service; while one
// is not connected its button is hidden. Called on a worker thread.
struct SenderFilterHooks {
    std::function<Result<void>(const QString &account, const QString &sender)> allowSender;
    std::function<Result<void>(const QString &account, const QString &sender)> blockSender;
};

class ConsoleServices
{
public:
    ConsoleServices(const Database &db, DataDir dir, const Clock *clock = Clock::system())
        : m_db(db), m_dir(std::move(dir)), m_clock(clock)
    {
    }

    const Database &database() const { return m_db; }
    const DataDir &dataDir() const { return m_dir; }
    AccountService accounts() const { return AccountService(m_db, m_dir.mailRoot()); }
    AccountCsv accountCsv() const { return AccountCsv(m_db, m_dir.mailRoot()); }
    LogService log() const { return LogService(m_db); }
    MailboxService mailboxes() const { return MailboxService(m_db, m_dir.mailRoot()); }
    QueueService queue() const { return QueueService(m_db, m_dir); }
    DkimKeyStore dkimKeys() const { return DkimKeyStore(m_dir, m_db); }
    FilterService filters() const { return FilterService(m_db, m_clock); }
    ForwardingService forwarding() const { return ForwardingService(m_db, m_clock); }
    QuarantineService quarantine() const { return QuarantineService(m_db, m_dir, m_clock); }
    ArchiveService archive() const { return ArchiveService(m_db, m_dir, m_clock); }
    const Clock *clock() const { return m_clock; }
    // Who the audit log names for a change made from this console.
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name) { m_operator = name; }
    const SenderFilterHooks &senderFilters() const { return m_senderFilters; }
    void setSenderFilters(SenderFilterHooks hooks) { m_senderFilters = std::move(hooks); }
    // Where the console keeps secrets (the smarthost password): the OS keychain
    // in the app, a memory store in tests; null when there is none.
    SecretStore *secrets() const { return m_secrets; }
    void setSecrets(SecretStore *secrets) { m_secrets = secrets; }

private:
    const Database &m_db;
    DataDir m_dir;
    const Clock *m_clock;
    QString m_operator = QStringLiteral("console");
    SenderFilterHooks m_senderFilters;
    SecretStore *m_secrets = nullptr;
};

} // namespace fumibako
