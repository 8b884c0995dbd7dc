// MailboxService over a real data dir: folder summaries after deliveries
// (counts, sizes, unread, Unicode names, order) and emptyInbox() — rows and
// files gone, the other folders and their files untouched, quota usage back
// to zero, unknown addresses refused.
#include "../support/testmailstore.h"

#include "service/mailboxservice.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("sato@example.test");
const QString kOther = QStringLiteral("suzuki@example.test");
const QString kInbox = QStringLiteral("INBOX");
const QString kSent = QStringLiteral("Sent");
const QString kProjects = QString::fromUtf8("取引先/見積");

const MailboxSummary *byName(const QList<MailboxSummary> &list, const QString &name)
{
    for (const MailboxSummary &m : list)
        if (m.name == name)
            return &m;
    return nullptr;
}

} // namespace

class tst_MailboxService : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::TestMailStore> m_store;

    MailboxService service() const
    {
        return MailboxService(m_store->db(), m_store->dir().mailRoot());
    }
    qint64 sizeOnDisk(const QString &address, const QString &folder) const
    {
        qint64 total = 0;
        for (const QString &f : m_store->files(address, folder))
            total += QFileInfo(f).size();
        return total;
    }
    Mailbox mailbox(const QString &address, const QString &folder) const
    {
        return *MailboxStore(m_store->db())
                    .find(AccountStore(m_store->db()).find(address)->id, folder);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.test"));
        QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
        QVERIFY(m_store->addAccount(kUser));
        QVERIFY(m_store->addAccount(kOther));
        QVERIFY(m_store->createFolder(kUser, kProjects));
    }

    void cleanupTestCase() { m_store.reset(); }

    void emptyAccountHasTheDefaultFolders()
    {
        auto list = service().mailboxes(kUser);
        QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
        QStringList names;
        for (const MailboxSummary &m : *list) {
            names << m.name;
            QCOMPARE(m.messages, 0);
            QCOMPARE(m.bytes, 0);
            QCOMPARE(m.unseen, 0);
        }
        // INBOX, the special-use folders in their usual order, then the user's own by name.
        QCOMPARE(names, (QStringList{kInbox, kSent, QStringLiteral("Drafts"),
                                     QStringLiteral("Trash"), QStringLiteral("Junk"), kProjects}));
        QVERIFY(list->first().isInbox());
        QCOMPARE(list->first().specialUse, QString());
        QCOMPARE(list->at(1).specialUse, QStringLiteral("\\Sent"));
        QCOMPARE(list->at(4).specialUse, QStringLiteral("\\Junk"));
        QCOMPARE(list->at(5).specialUse, QString());
    }

    void countsAndSizesFollowDeliveries()
    {
        const QByteArray a = "Subject: a\r\n\r\nfirst\r\n";
        const QByteArray b = "Subject: b\r\n\r\n" + QByteArray(5000, 'x') + "\r\n";
        QVERIFY(m_store->deliver(kUser, kInbox, a));
        QVERIFY(m_store->deliver(kUser, kInbox, b));
        QVERIFY(m_store->deliver(kUser, kInbox, a, QStringLiteral("\\Seen")));
        QVERIFY(m_store->deliver(kUser, kSent, a, QStringLiteral("\\Seen")));
        QVERIFY(m_store->deliver(kUser, kProjects, b));
        QVERIFY(m_store->deliver(kUser, kProjects, a, QStringLiteral("\\Flagged \\Seen")));
        QVERIFY(m_store->deliver(kOther, kInbox, a));

        auto list = service().mailboxes(kUser);
        QVERIFY(list);
        const MailboxSummary *inbox = byName(*list, kInbox);
        QVERIFY(inbox);
        QCOMPARE(inbox->messages, 3);
        QCOMPARE(inbox->unseen, 2);
        QCOMPARE(inbox->bytes, sizeOnDisk(kUser, kInbox));
        QVERIFY(inbox->bytes > 5000);
        const MailboxSummary *sent = byName(*list, kSent);
        QCOMPARE(sent->messages, 1);
        QCOMPARE(sent->unseen, 0);
        QCOMPARE(sent->bytes, sizeOnDisk(kUser, kSent));
        const MailboxSummary *projects = byName(*list, kProjects);
        QVERIFY(projects);
        QCOMPARE(projects->messages, 2);
        QCOMPARE(projects->unseen, 1);
        QCOMPARE(projects->bytes, sizeOnDisk(kUser, kProjects));
        QCOMPARE(byName(*list, QStringLiteral("Trash"))->messages, 0);

        // The account's usage is the sum of its folders.
        const Account account = *m_store->accounts().find(kUser);
        QCOMPARE(account.usedMessages, 6);
        QCOMPARE(account.usedBytes, inbox->bytes + sent->bytes + projects->bytes);
    }

    void emptyInboxRemovesRowsAndFiles()
    {
        const QStringList inboxFiles = m_store->files(kUser, kInbox);
        const QStringList sentFiles = m_store->files(kUser, kSent);
        const QStringList projectFiles = m_store->files(kUser, kProjects);
        const QStringList otherFiles = m_store->files(kOther, kInbox);
        QCOMPARE(inboxFiles.size(), 3);
        for (const QString &f : inboxFiles)
            QVERIFY(QFile::exists(f));
        const auto before = *service().mailboxes(kUser);
        const qint64 uidNextBefore = mailbox(kUser, kInbox).uidNext;
        const qint64 modseqBefore = mailbox(kUser, kInbox).highestModseq;

        auto removed = service().emptyInbox(QStringLiteral(" Sato@Example.test "));
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
        QCOMPARE(*removed, 3);

        for (const QString &f : inboxFiles)
            QVERIFY2(!QFile::exists(f), qPrintable(f));
        QVERIFY(m_store->files(kUser, kInbox).isEmpty());
        // The other folders, and the other account, keep their mail.
        QCOMPARE(m_store->files(kUser, kSent), sentFiles);
        QCOMPARE(m_store->files(kUser, kProjects), projectFiles);
        QCOMPARE(m_store->files(kOther, kInbox), otherFiles);
        for (const QStringList &kept : {sentFiles, projectFiles, otherFiles})
            for (const QString &f : kept)
                QVERIFY2(QFile::exists(f), qPrintable(f));

        const auto after = *service().mailboxes(kUser);
        const MailboxSummary *inbox = byName(after, kInbox);
        QCOMPARE(inbox->messages, 0);
        QCOMPARE(inbox->bytes, 0);
        QCOMPARE(inbox->unseen, 0);
        QCOMPARE(byName(after, kSent)->bytes, byName(before, kSent)->bytes);
        QCOMPARE(byName(after, kProjects)->messages, 2);
        // UIDs are never reused (RFC 3501 2.3.1.1); clients see a new mod-sequence (RFC 7162).
        QCOMPARE(mailbox(kUser, kInbox).uidNext, uidNextBefore);
        QVERIFY(mailbox(kUser, kInbox).highestModseq > modseqBefore);

        // New mail still arrives, with a fresh UID, and can be emptied again.
        QVERIFY(m_store->deliver(kUser, kInbox, "Subject: c\r\n\r\nagain\r\n"));
        QCOMPARE(MessageStore(m_store->db()).list(mailbox(kUser, kInbox).id)->first().uid,
                 uidNextBefore);
        QCOMPARE(*service().emptyInbox(kUser), 1);
        QCOMPARE(*service().emptyInbox(kUser), 0); // an empty INBOX is no error
    }

    void quotaUsageReturnsToZero()
    {
        const QString small = QStringLiteral("small@example.test");
        QVERIFY(m_store->addAccount(small, 1000, 2));
        QVERIFY(m_store->deliver(small, kInbox, QByteArray(100, 'x')));
        QVERIFY(m_store->deliver(small, kInbox, QByteArray(100, 'y')));
        auto full = m_store->deliver(small, kInbox, QByteArray(100, 'z'));
        QVERIFY(!full);
        QCOMPARE(full.error().kind, Error::Kind::OverQuota);

        QCOMPARE(*service().emptyInbox(small), 2);
        const Account a = *m_store->accounts().find(small);
        QCOMPARE(a.usedBytes, 0);
        QCOMPARE(a.usedMessages, 0);
        // The quota admits mail again.
        QVERIFY(m_store->deliver(small, kInbox, QByteArray(100, 'z')));
    }

    void unknownAddressIsAnError()
    {
        auto list = service().mailboxes(QStringLiteral("nobody@example.test"));
        QVERIFY(!list);
        QCOMPARE(list.error().kind, Error::Kind::NotFound);
        auto removed = service().emptyInbox(QStringLiteral("nobody@example.test"));
        QVERIFY(!removed);
        QCOMPARE(removed.error().kind, Error::Kind::NotFound);
        // Nobody else's mail was touched.
        QCOMPARE(m_store->files(kOther, kInbox).size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_MailboxService)
#include "tst_mailboxservice.moc"
