// TestMailStore: a real data dir in a temporary folder for tests that need
// stored mail — initialized for one domain, database migrated, a StoreWriter
// running — with deliver(), which puts a message into any folder of an
// account through DeliveryJob exactly as SMTP and IMAP APPEND do (files
// synced, quota checked), and the files a folder's messages live in.
// Header-only; used by tests/unit and tests/ui.
#pragma once

#include "delivery/deliveryjob.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/mailboxname.h"
#include "store/mailboxstore.h"
#include "store/maildir.h"
#include "store/messagestore.h"
#include "store/storewriter.h"

#include <QSemaphore>
#include <QTemporaryDir>

#include <memory>

namespace fumibako::test
{

class TestMailStore
{
public:
    explicit TestMailStore(const QString &domain) : m_dir(m_tmp.path() + QLatin1String("/data"))
    {
        if (!m_tmp.isValid()) {
            m_status = Error::permanent(QStringLiteral("no temporary folder"));
            return;
        }
        m_status = m_dir.initialize({domain, QLatin1String("mx.") + domain});
        if (!m_status)
            return;
        m_db = std::make_unique<Database>(m_dir.databaseFile());
        m_status = m_db->migrate();
        if (!m_status)
            return;
        m_writer = std::make_unique<StoreWriter>(m_dir.databaseFile());
        m_writer->start();
    }
    ~TestMailStore()
    {
        if (m_writer) {
            m_writer->stop();
            m_writer->wait();
        }
    }

    // Empty when the data dir is ready, else why not.
    QString problem() const { return m_status ? QString() : m_status.error().message; }
    const DataDir &dir() const { return m_dir; }
    const Database &db() const { return *m_db; }
    AccountService accounts() const { return AccountService(*m_db, m_dir.mailRoot()); }

    Result<void> addAccount(const QString &address, qint64 quotaBytes = 0, qint64 quotaMessages = 0)
    {
        auto a = accounts().add(
            {address, QString(), Account::Role::User, "password123", quotaBytes, quotaMessages});
        if (!a)
            return a.error();
        return {};
    }

    // A user folder ("取引先/見積"), its Maildir++ directory named as IMAP CREATE names it.
    Result<void> createFolder(const QString &address, const QString &name)
    {
        auto a = AccountStore(*m_db).find(address);
        if (!a)
            return a.error();
        QStringList levels;
        for (const QString &level : name.split(QLatin1Char('/')))
            levels << QString::fromLatin1(encodeMailboxName(level))
                          .replace(QLatin1Char('.'), QLatin1String("&AC4-"));
        const QString directory = QLatin1Char('.') + levels.join(QLatin1Char('.'));
        if (auto r = Maildir(Maildir(m_dir.mailRoot(), a->maildir).root(), directory).create(); !r)
            return r;
        auto m = MailboxStore(*m_db).create(a->id, name, QString(), directory);
        if (!m)
            return m.error();
        return {};
    }

    Result<void> deliver(const QString &address, const QString &folder, const QByteArray &message,
                         const QString &flags = QString())
    {
        auto a = AccountStore(*m_db).find(address);
        if (!a)
            return a.error();
        auto mb = MailboxStore(*m_db).find(a->id, folder);
        if (!mb)
            return mb.error();
        LocalTarget t;
        t.accountId = a->id;
        t.mailboxId = mb->id;
        t.maildir = Maildir(m_dir.mailRoot(), a->maildir).root();
        t.deliveredTo = address;
        t.directory = mb->directory;
        t.flags = flags;
        t.quotaBytes = a->quotaBytes;
        t.quotaMessages = a->quotaMessages;
        DeliveryRequest request;
        request.sender = QStringLiteral("sender@peer.test");
        request.traceHeaders = "Received: test\r\n";
        request.message = message;
        request.local = {t};
        request.queueDir = m_dir.queueDir();
        return submit(std::move(request));
    }

    // Puts a message into the outbound queue for `remote` recipients (other
    // domains) through DeliveryJob, as SMTP submission does; nothing sends it
    // (no OutboundQueue runs here).
    Result<void> queue(const QString &sender, const QStringList &remote, const QByteArray &message)
    {
        DeliveryRequest request;
        request.sender = sender;
        request.traceHeaders = "Received: test\r\n";
        request.message = message;
        for (const QString &r : remote)
            request.remote << DsnRecipient{r, QByteArray(), QString()};
        request.queueDir = m_dir.queueDir();
        return submit(std::move(request));
    }

    // The absolute paths of a folder's message files, by UID.
    QStringList files(const QString &address, const QString &folder) const
    {
        auto a = AccountStore(*m_db).find(address);
        if (!a)
            return {};
        auto mb = MailboxStore(*m_db).find(a->id, folder);
        auto list =
            mb ? MessageStore(*m_db).list(mb->id) : Result<QList<StoredMessage>>(mb.error());
        QStringList out;
        if (list)
            for (const StoredMessage &m : *list)
                out << Maildir(m_dir.mailRoot(), a->maildir).absolute(m.path);
        return out;
    }

private:
    // Runs the DeliveryJob on the StoreWriter and waits for its outcome.
    Result<void> submit(DeliveryRequest request)
    {
        QSemaphore done;
        Result<void> result;
        m_writer->submit(std::make_shared<DeliveryJob>(std::move(request)), [&](Result<void> r) {
            result = r;
            done.release();
        });
        done.acquire();
        return result;
    }

    QTemporaryDir m_tmp;
    DataDir m_dir;
    Result<void> m_status;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StoreWriter> m_writer;
};

} // namespace fumibako::test
