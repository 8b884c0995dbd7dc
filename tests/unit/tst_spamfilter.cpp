// The spam filters' rules without a server (test_filters.py drives them
// through MX): the order of evaluation — spoofing, allow, deny, score — each
// entry's matching, the FAQ's language examples, what an entry may hold, the
// store's 100-a-field limit, and SpamFilterStep's per-account decision over a
// real database.
#include "common/account.h"
#include "scan/spamfilter.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/filterstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;

namespace
{

FilterEntry entry(FilterEntry::List list, FilterEntry::Field field, QString value,
                  qint64 account = 1)
{
    FilterEntry e;
    e.accountId = account;
    e.list = list;
    e.field = field;
    e.value = std::move(value);
    return e;
}

constexpr auto Allow = FilterEntry::List::Allow;
constexpr auto Deny = FilterEntry::List::Deny;
constexpr auto Sender = FilterEntry::Field::Sender;
constexpr auto Domain = FilterEntry::Field::Domain;
constexpr auto Subject = FilterEntry::Field::Subject;
constexpr auto Language = FilterEntry::Field::Language;

FilterFacts facts(QString subject, QString sender = QStringLiteral("news@far.test"))
{
    FilterFacts f;
    f.envelopeSender = sender;
    f.fromAddress = sender;
    f.subject = std::move(subject);
    return f;
}

} // namespace

class tst_SpamFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void orderOfEvaluation_data()
    {
        QTest::addColumn<bool>("spoofed");
        QTest::addColumn<bool>("allow");
        QTest::addColumn<bool>("deny");
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("expected"); // "" delivered, else the reason kind

        QTest::newRow("nothing matches") << false << false << false << 0.0 << QString();
        QTest::newRow("score alone") << false << false << false << 9.0 << QStringLiteral("spam");
        QTest::newRow("under the threshold") << false << false << false << 4.9 << QString();
        QTest::newRow("deny") << false << false << true << 0.0 << QStringLiteral("filter");
        QTest::newRow("allow beats deny") << false << true << true << 0.0 << QString();
        QTest::newRow("allow beats the score") << false << true << false << 1000.0 << QString();
        QTest::newRow("deny before the score")
            << false << false << true << 1000.0 << QStringLiteral("filter");
        QTest::newRow("spoofing beats allow")
            << true << true << false << 0.0 << QStringLiteral("spoofing");
    }
    void orderOfEvaluation()
    {
        QFETCH(bool, spoofed);
        QFETCH(bool, allow);
        QFETCH(bool, deny);
        QFETCH(double, score);
        QFETCH(QString, expected);
        AccountFilters filters;
        // An entry that matches nothing, so "a filter is on" whatever the row.
        filters.own << entry(Deny, Sender, QStringLiteral("other@else.test"));
        if (allow)
            filters.common << entry(Allow, Domain, QStringLiteral("far.test"), 0);
        if (deny)
            filters.own << entry(Deny, Subject, QStringLiteral("SALE"));
        FilterFacts f = facts(QStringLiteral("Big sale"));
        if (score > 0)
            f.spamScore = score;
        const FilterDecision d =
            SpamFilter::judge(f, filters, spoofed, SpamFilter::Policy{5.0, true});
        QCOMPARE(d.hold ? d.reasonKind : QString(), expected);
    }

    void spoofingNeedsAFilterAndScoreNeedsQuarantine()
    {
        FilterFacts f = facts(QStringLiteral("x"));
        f.spamScore = 1000;
        // No filter on: a spoofed sender is not judged (the FAQ's first condition).
        QVERIFY(!SpamFilter::judge(f, {}, true, SpamFilter::Policy{5.0, false}).hold);
        // spam_action = tag: the score is the spam step's business, not a hold.
        AccountFilters some;
        some.own << entry(Deny, Sender, QStringLiteral("a@b.test"));
        QVERIFY(!SpamFilter::judge(f, some, false, SpamFilter::Policy{5.0, false}).hold);
        const FilterDecision d = SpamFilter::judge(f, some, false, SpamFilter::Policy{5.0, true});
        QVERIFY(d.hold);
        QCOMPARE(d.reason, QStringLiteral("score 1000.0 (required 5.0)"));
    }

    void matching_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("sender");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("matches");

        const int s = int(Sender), d = int(Domain), j = int(Subject);
        QTest::newRow("sender exact") << s << "a@far.test"
                                      << "a@far.test"
                                      << "" << true;
        QTest::newRow("sender other") << s << "a@far.test"
                                      << "b@far.test"
                                      << "" << false;
        QTest::newRow("domain exact") << d << "far.test"
                                      << "a@far.test"
                                      << "" << true;
        QTest::newRow("domain subdomain") << d << "far.test"
                                          << "a@mx.far.test"
                                          << "" << true;
        QTest::newRow("domain suffix only") << d << "far.test"
                                            << "a@afar.test"
                                            << "" << false;
        QTest::newRow("subject word") << j << "未承諾"
                                      << "a@x.test"
                                      << "【未承諾広告】" << true;
        QTest::newRow("subject case and width") << j << "sale"
                                                << "a@x.test"
                                                << "ＢＩＧ ＳＡＬＥ" << true;
        QTest::newRow("subject half-width kana") << j << "セール"
                                                 << "a@x.test"
                                                 << "ｾｰﾙ中" << true;
        QTest::newRow("subject absent") << j << "sale"
                                        << "a@x.test"
                                        << "" << false;
    }
    void matching()
    {
        QFETCH(int, field);
        QFETCH(QString, value);
        QFETCH(QString, sender);
        QFETCH(QString, subject);
        QFETCH(bool, matches);
        const FilterEntry e = entry(Deny, FilterEntry::Field(field), value);
        QCOMPARE(SpamFilter::matches(e, facts(subject, sender)), matches);
    }

    void fromFieldCountsAsSender()
    {
        FilterFacts f = facts(QStringLiteral("x"), QStringLiteral("bounce@list.test"));
        f.fromAddress = QStringLiteral("boss@far.test");
        QVERIFY(SpamFilter::matches(entry(Allow, Sender, QStringLiteral("boss@far.test")), f));
        QVERIFY(SpamFilter::matches(entry(Allow, Domain, QStringLiteral("list.test")), f));
    }

    void languageFollowsTheFaq_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("english");
        QTest::newRow("TestMail") << QStringLiteral("TestMail") << true;
        QTest::newRow("mailing-list:1234 test") << QStringLiteral("mailing-list:1234 test") << true;
        QTest::newRow("full-width TestMail") << QStringLiteral("ＴｅｓｔＭａｉｌ") << false;
        QTest::newRow("with katakana") << QStringLiteral("mailing-list:1234 テスト") << false;
        QTest::newRow("digits only") << QStringLiteral("1234") << false;
        QTest::newRow("no subject") << QString() << false;
    }
    void languageFollowsTheFaq()
    {
        QFETCH(QString, subject);
        QFETCH(bool, english);
        QCOMPARE(SpamFilter::isLanguage(facts(subject), QStringLiteral("english")), english);
    }

    void languageByCharset()
    {
        FilterFacts f = facts(QStringLiteral("ご案内"));
        QVERIFY(!SpamFilter::isLanguage(f, QStringLiteral("chinese")));
        f.charsets = {"iso-2022-jp", "gb2312"};
        QVERIFY(SpamFilter::isLanguage(f, QStringLiteral("chinese")));
        QVERIFY(!SpamFilter::isLanguage(f, QStringLiteral("korean")));
        f.charsets = {"ks_c_5601-1987"};
        QVERIFY(SpamFilter::isLanguage(f, QStringLiteral("korean")));
    }

    void valuesAreCheckedAndNormalized_data()
    {
        QTest::addColumn<int>("list");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // null: refused

        const int a = int(Allow), n = int(Deny);
        QTest::newRow("address lowered") << n << int(Sender) << " Boss@Far.Test "
                                         << "boss@far.test";
        QTest::newRow("not an address") << n << int(Sender) << "boss" << QString();
        QTest::newRow("domain with @") << n << int(Domain) << "@Far.Test"
                                       << "far.test";
        QTest::newRow("domain wildcard") << n << int(Domain) << "*.far.test"
                                         << "far.test";
        QTest::newRow("domain with space") << n << int(Domain) << "far test" << QString();
        QTest::newRow("domain double dot") << n << int(Domain) << "far..test" << QString();
        QTest::newRow("subject kept") << n << int(Subject) << " 未承諾 広告 "
                                      << "未承諾 広告";
        QTest::newRow("subject too long") << n << int(Subject) << QString(201, u'x') << QString();
        QTest::newRow("empty") << a << int(Subject) << "  " << QString();
        QTest::newRow("language") << n << int(Language) << "English"
                                  << "english";
        QTest::newRow("language allowed") << a << int(Language) << "english" << QString();
        QTest::newRow("unknown language") << n << int(Language) << "klingon" << QString();
    }
    void valuesAreCheckedAndNormalized()
    {
        QFETCH(int, list);
        QFETCH(int, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        auto r =
            SpamFilter::normalizedValue(FilterEntry::List(list), FilterEntry::Field(field), value);
        if (expected.isNull()) {
            QVERIFY(!r);
            QCOMPARE(r.error().kind, Error::Kind::Invalid);
        } else {
            QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
            QCOMPARE(*r, expected);
        }
    }

    void descriptionRoundTrips()
    {
        FilterEntry e = entry(Deny, Subject, QStringLiteral("未承諾 広告"), 0);
        QCOMPARE(e.describe(), QStringLiteral("deny subject 未承諾 広告 (common)"));
        auto back = FilterEntry::fromDescription(e.describe());
        QVERIFY(back);
        QCOMPARE(back->accountId, 0);
        QCOMPARE(back->field, Subject);
        QCOMPARE(back->value, e.value);
        back = FilterEntry::fromDescription(QStringLiteral("allow domain far.test"));
        QVERIFY(back && back->accountId != 0 && back->list == Allow && back->field == Domain);
        QVERIFY(!FilterEntry::fromDescription(QStringLiteral("score 7.0 (required 5.0)")));
    }

    // The store and the step over a real database.
    void storeKeepsAHundredAField()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("db.sqlite")));
        QVERIFY(db.migrate());
        FilterStore store(db);
        for (int i = 0; i < FilterStore::kMaxEntriesPerField; ++i)
            QVERIFY(store.add(entry(Deny, Sender, QStringLiteral("s%1@x.test").arg(i), 0)));
        auto over = store.add(entry(Deny, Sender, QStringLiteral("over@x.test"), 0));
        QVERIFY(!over);
        QCOMPARE(over.error().kind, Error::Kind::Limit);
        auto again = store.add(entry(Deny, Domain, QStringLiteral("x.test"), 0));
        QVERIFY(again); // another field
        auto twice = store.add(entry(Deny, Domain, QStringLiteral("x.test"), 0));
        QCOMPARE(twice.error().kind, Error::Kind::Exists);
        QVERIFY(store.remove(0, Deny, Sender, QStringLiteral("s0@x.test")));
        QVERIFY(store.add(entry(Deny, Sender, QStringLiteral("over@x.test"), 0)));
        QCOMPARE(store.remove(0, Deny, Sender, QStringLiteral("s0@x.test")).error().kind,
                 Error::Kind::NotFound);
        QCOMPARE(store.entries(0)->size(), FilterStore::kMaxEntriesPerField + 1);
    }

    void stepHoldsPerAccount()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("db.sqlite")));
        QVERIFY(db.migrate());
        AccountStore accounts(db);
        QVERIFY(db.exec(QStringLiteral("INSERT INTO domains (name, created_at) VALUES "
                                       "('example.test', 0)")));
        QList<qint64> ids;
        for (const char *who : {"admin", "bob", "carol"}) {
            Account a;
            a.address = QLatin1String(who) + QStringLiteral("@example.test");
            a.role = QByteArray(who) == "admin" ? Account::Role::Admin : Account::Role::User;
            a.maildir = QLatin1String(who);
            auto added = accounts.add(a);
            QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
            ids << added->id;
        }
        FilterStore store(db);
        QVERIFY(store.add(entry(Deny, Domain, QStringLiteral("far.test"), ids[1])));
        PipelineMessage m;
        m.envelope.sender = QStringLiteral("news@far.test");
        m.envelope.recipients = {QStringLiteral("Bob@example.test"),
                                 QStringLiteral("carol@example.test"),
                                 QStringLiteral("someone@elsewhere.test")};
        m.message = "From: news@far.test\r\nSubject: hi\r\n\r\nbody\r\n";
        auto v = SpamFilterStep::decide(db, m, SpamFilter::Policy{});
        QVERIFY(v);
        QCOMPARE(v->kind, Verdict::Kind::Accept);
        QCOMPARE(int(v->held.size()), 1);
        QCOMPARE(v->held[0].recipients, QStringList{QStringLiteral("Bob@example.test")});
        QCOMPARE(v->held[0].reasonKind, QStringLiteral("filter"));
        QCOMPARE(v->held[0].reason, QStringLiteral("deny domain far.test"));
        // The common filter, off for Carol: it holds Bob's copy only, too.
        QVERIFY(store.remove(ids[1], Deny, Domain, QStringLiteral("far.test")));
        QVERIFY(store.add(entry(Deny, Subject, QStringLiteral("HI"), 0)));
        AccountFilterOptions off;
        off.commonEnabled = false;
        QVERIFY(store.setOptions(ids[2], off));
        v = SpamFilterStep::decide(db, m, SpamFilter::Policy{});
        QCOMPARE(int(v->held.size()), 1);
        QCOMPARE(v->held[0].reason, QStringLiteral("deny subject HI (common)"));
        // The common filter off for everyone: nothing held.
        QVERIFY(store.setCommon(CommonFilterState{false, false}));
        v = SpamFilterStep::decide(db, m, SpamFilter::Policy{});
        QVERIFY(v->held.empty());
    }
};

QTEST_GUILESS_MAIN(tst_SpamFilter)
#include "tst_spamfilter.moc"
