// The forwarding rules as stored and as RCPT sees them: the auto-reply's
// once-per-period mark with given times (no waiting), the rules read with a
// recipient, and group addresses, aliases, the catch-all and SRS return
// addresses as RecipientPolicy decides them.
#include "common/clock.h"
#include "delivery/recipientpolicy.h"
#include "delivery/senderrewriting.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/forwardingservice.h"
#include "store/accountstore.h"
#include "store/forwardingstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fumibako;

class TestForwardingStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;

    qint64 id(const QString &address) { return AccountStore(*m_db).find(address)->id; }
    RecipientDecision decide(const QString &address)
    {
        return RecipientPolicy(*m_db).decide(*MailAddress::parse(address), false);
    }
    static QStringList members(const RecipientDecision &d)
    {
        QStringList out;
        for (const RecipientDecision &m : d.members)
            out << m.address;
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = std::make_unique<DataDir>(m_tmp.path() + QLatin1String("/data"));
        QVERIFY(m_dir->initialize({QStringLiteral("example.test"), QString()}));
        m_db = std::make_unique<Database>(m_dir->databaseFile());
        QVERIFY(m_db->migrate());
        AccountService s(*m_db, m_dir->mailRoot());
        for (const char *a : {"alice@example.test", "bob@example.test", "carol@example.test"})
            QVERIFY(s.add({QString::fromLatin1(a), QString(), Account::Role::User, {}, 0, 0}));
    }

    void autoReplyOncePerPeriod()
    {
        ForwardingStore store(*m_db);
        const qint64 alice = id(QStringLiteral("alice@example.test"));
        const qint64 bob = id(QStringLiteral("bob@example.test"));
        const qint64 t = 1'800'000'000;
        const QString taro = QStringLiteral("taro@other.test");
        QCOMPARE(store.claimAutoReply(alice, taro, t, 7).value_or(false), true);
        QCOMPARE(store.claimAutoReply(alice, taro, t + 1, 7).value_or(true), false);
        QCOMPARE(
            store.claimAutoReply(alice, QStringLiteral("TARO@other.test"), t + 2, 7).value_or(true),
            false);
        QCOMPARE(store.claimAutoReply(alice, taro, t + 7 * 86400 - 1, 7).value_or(true), false);
        QCOMPARE(store.claimAutoReply(alice, taro, t + 7 * 86400, 7).value_or(false), true);
        // Others are counted on their own.
        QCOMPARE(store.claimAutoReply(alice, QStringLiteral("hanako@other.test"), t + 1, 7)
                     .value_or(false),
                 true);
        QCOMPARE(store.claimAutoReply(bob, taro, t + 1, 7).value_or(false), true);
        // A period of one day.
        QCOMPARE(store.claimAutoReply(bob, taro, t + 86400, 1).value_or(true), false);
        QCOMPARE(store.claimAutoReply(bob, taro, t + 1 + 86400, 1).value_or(false), true);
    }

    void rulesReadWithTheRecipient()
    {
        ForwardingService service(*m_db, Clock::system());
        const QString carol = QStringLiteral("carol@example.test");
        auto none = ForwardingStore(*m_db).rulesFor(id(carol), carol);
        QVERIFY(none && !none->forward && !none->autoReply);
        ForwardRule f;
        f.destinations = {QStringLiteral("x@other.test")};
        QVERIFY(service.setForward(carol, f, QStringLiteral("test")));
        AutoReplyRule r;
        r.subject = QStringLiteral("不在");
        r.body = QStringLiteral("不在です。");
        QVERIFY(service.setAutoReply(carol, r, QStringLiteral("test")));
        QVERIFY(service.addAlias(QStringLiteral("info@example.test"), carol, QStringLiteral("t")));
        auto both = ForwardingStore(*m_db).rulesFor(id(carol), carol);
        QVERIFY(both && both->forward && both->autoReply);
        QCOMPARE(both->forward->destinations, QStringList{QStringLiteral("x@other.test")});
        QCOMPARE(both->ownAddresses, (QStringList{carol, QStringLiteral("info@example.test")}));
        QVERIFY(service.disableAutoReply(carol, QStringLiteral("test")));
        auto off = ForwardingStore(*m_db).rulesFor(id(carol), carol);
        QVERIFY(off && off->forward && !off->autoReply);
        // Forwarding to one's own alias is forwarding to oneself.
        ForwardRule self;
        self.destinations = {QStringLiteral("Info@example.test")};
        auto refused = service.setForward(carol, self, QStringLiteral("test"));
        QVERIFY(!refused && refused.error().kind == Error::Kind::Invalid);
        QVERIFY(service.clearForward(carol, QStringLiteral("test")));
        QVERIFY(service.removeAlias(QStringLiteral("info@example.test"), QStringLiteral("t")));
    }

    void groupsExpandOnce()
    {
        ForwardingService service(*m_db, Clock::system());
        const QString who = QStringLiteral("test");
        QVERIFY(
            service.addGroup(QStringLiteral("team@example.test"),
                             {QStringLiteral("alice@example.test"),
                              QStringLiteral("sub@example.test"), QStringLiteral("ext@other.test")},
                             who));
        QVERIFY(service.addGroup(QStringLiteral("sub@example.test"),
                                 {QStringLiteral("bob@example.test"),
                                  QStringLiteral("Alice@example.test"),
                                  QStringLiteral("team@example.test")},
                                 who));
        const RecipientDecision d = decide(QStringLiteral("team@example.test"));
        QCOMPARE(d.kind, RecipientDecision::Kind::Group);
        QCOMPARE(members(d), (QStringList{QStringLiteral("alice@example.test"),
                                          QStringLiteral("bob@example.test"),
                                          QStringLiteral("ext@other.test")}));
        // A group of only unknown names reaches nobody.
        QVERIFY(service.addGroup(QStringLiteral("empty@example.test"),
                                 {QStringLiteral("ghost@example.test")}, who));
        QCOMPARE(decide(QStringLiteral("empty@example.test")).kind,
                 RecipientDecision::Kind::Unknown);
    }

    void catchAllOnlyWhenMade()
    {
        ForwardingService service(*m_db, Clock::system());
        QCOMPARE(decide(QStringLiteral("nobody@example.test")).kind,
                 RecipientDecision::Kind::Unknown);
        QVERIFY(service.addAlias(QStringLiteral("@example.test"),
                                 QStringLiteral("bob@example.test"), QStringLiteral("t")));
        const RecipientDecision d = decide(QStringLiteral("nobody@example.test"));
        QCOMPARE(d.kind, RecipientDecision::Kind::Local);
        QCOMPARE(d.account.address, QStringLiteral("bob@example.test"));
        // Named addresses keep their own way.
        QCOMPARE(decide(QStringLiteral("alice@example.test")).account.address,
                 QStringLiteral("alice@example.test"));
        QCOMPARE(decide(QStringLiteral("postmaster@example.test")).kind,
                 RecipientDecision::Kind::TempFail); // no administrator in this data dir
        QVERIFY(service.removeAlias(QStringLiteral("@example.test"), QStringLiteral("t")));
        QCOMPARE(decide(QStringLiteral("nobody@example.test")).kind,
                 RecipientDecision::Kind::Unknown);
    }

    void srsReturnAddresses()
    {
        auto key = RecipientPolicy::srsKey(*m_db);
        QVERIFY(key);
        const QString srs =
            SenderRewriting(*key, Clock::system())
                .forward(QStringLiteral("taro@other.test"), QStringLiteral("example.test"));
        RecipientDecision d = decide(srs);
        QCOMPARE(d.kind, RecipientDecision::Kind::Return);
        QCOMPARE(d.returnTo, QStringLiteral("taro@other.test"));
        // Another key's address (a forgery) is nobody's.
        const QString forged =
            SenderRewriting("another-key-of-32-bytes-000000000", Clock::system())
                .forward(QStringLiteral("taro@other.test"), QStringLiteral("example.test"));
        QCOMPARE(decide(forged).kind, RecipientDecision::Kind::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestForwardingStore)
#include "tst_forwardingstore.moc"
