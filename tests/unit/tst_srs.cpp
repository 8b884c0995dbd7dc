// Unit tests of delivery/senderrewriting: forward() and reverse() against
// vectors computed outside the code (python3's hmac over libsrs2's lower-cased
// parts; Perl's Mail::SRS 0.31, the reference implementation, gives the same
// addresses), round trips (case-folded too), tampered, foreign-key, expired and
// future addresses on a moved TestClock, someone else's SRS0/SRS1, our own left
// alone, the null sender and garbage.
#include "common/clock.h"
#include "delivery/senderrewriting.h"

#include <QtTest>

using namespace fumibako;

namespace
{

const QByteArray kKey = "fumibako-test-key-0123456789abcdef";
// Day 19814 since the epoch: slot 358 of 1024, stamp "LG".
const QDateTime kStart(QDate(2024, 4, 1), QTime(9, 30), Qt::UTC);
const QString kFwd = QStringLiteral("fwd.example.jp");

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// For QVERIFY2, which builds its message whether the check fails or not.
QString errorText(const Result<QString> &r)
{
    return r.has_value() ? QString() : r.error().message;
}

} // namespace

class TestSrs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<TestClock>(kStart);
        m_srs = std::make_unique<SenderRewriting>(kKey, m_clock.get());
    }

    void isSrs_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<bool>("srs");
        QTest::newRow("SRS0=") << s("SRS0=AbCd=LG=example.jp=taro") << true;
        QTest::newRow("SRS1=") << s("SRS1=AbCd=host==AbCd=LG=example.jp=taro") << true;
        QTest::newRow("lower case") << s("srs0=abcd=lg=example.jp=taro") << true;
        QTest::newRow("SRS0+") << s("SRS0+AbCd=LG=example.jp=taro") << true;
        QTest::newRow("SRS0-") << s("SRS0-AbCd=LG=example.jp=taro") << true;
        QTest::newRow("SRS1+") << s("srs1+x") << true;
        QTest::newRow("just the tag") << s("SRS0=") << true;
        QTest::newRow("no separator") << s("SRS0") << false;
        QTest::newRow("other separator") << s("SRS0_AbCd") << false;
        QTest::newRow("SRS2") << s("SRS2=AbCd") << false;
        QTest::newRow("plain") << s("taro") << false;
        QTest::newRow("srs inside") << s("x.SRS0=a") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void isSrs()
    {
        QFETCH(QString, local);
        QFETCH(bool, srs);
        QCOMPARE(SenderRewriting::isSrs(local), srs);
    }

    void forward_data()
    {
        QTest::addColumn<QString>("sender");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("expected");
        QTest::newRow("null sender") << QString() << kFwd << QString();
        QTest::newRow("plain") << s("taro@example.co.jp") << kFwd
                               << s("SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("case kept, hashed lower")
            << s("Taro.Yamada@Example.CO.jp") << kFwd
            << s("SRS0=1ajY=LG=Example.CO.jp=Taro.Yamada@fwd.example.jp");
        QTest::newRow("domain given as an alias address")
            << s("taro@example.co.jp") << s("alias@fwd.example.jp")
            << s("SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("quoted local part") << s("\"taro yamada\"@example.co.jp") << kFwd
                                           << s("\"SRS0=OiTt=LG=example.co.jp=taro "
                                                "yamada\"@fwd.example.jp");
        QTest::newRow("address literal") << s("taro@[192.0.2.1]") << kFwd
                                         << s("\"SRS0=gtJ9=LG=[192.0.2.1]=taro\"@fwd.example.jp");
        QTest::newRow("someone else's SRS0")
            << s("SRS0=AbCd=XY=orig.example=bob@other.example") << kFwd
            << s("SRS1=lh4h=other.example==AbCd=XY=orig.example=bob@fwd.example.jp");
        QTest::newRow("someone else's SRS0, + separator")
            << s("SRS0+AbCd=XY=orig.example=bob@other.example") << kFwd
            << s("SRS1=2OQm=other.example=+AbCd=XY=orig.example=bob@fwd.example.jp");
        QTest::newRow("someone else's SRS1: first host kept")
            << s("SRS1=ZZZZ=first.example==AbCd=XY=orig.example=bob@second.example") << kFwd
            << s("SRS1=PZyG=first.example==AbCd=XY=orig.example=bob@fwd.example.jp");
        const QString longSrs0 =
            s("SRS0=AbCd=XY=orig.example=") + QString(960, QLatin1Char('x')) + s("@other.example");
        QTest::newRow("too long to rewrite") << longSrs0 << kFwd << longSrs0;
        QTest::newRow("garbage: no @") << s("not an address") << kFwd << s("not an address");
        QTest::newRow("garbage: two @") << s("a@b@c") << kFwd << s("a@b@c");
        QTest::newRow("garbage: forwarder domain")
            << s("taro@example.co.jp") << s("bad domain") << s("taro@example.co.jp");
    }
    void forward()
    {
        QFETCH(QString, sender);
        QFETCH(QString, domain);
        QFETCH(QString, expected);
        QCOMPARE(m_srs->forward(sender, domain), expected);
    }

    // A sender at the forwarder's own domain is rewritten too (libsrs2's
    // alwaysrewrite): reports about the forward must come back through us.
    void forwardRewritesOurOwnDomain()
    {
        const QString srs0 = m_srs->forward(s("hanako@FWD.example.jp"), kFwd);
        QVERIFY2(srs0.startsWith(QLatin1String("SRS0=")), qPrintable(srs0));
        QVERIFY(srs0.endsWith(QLatin1String("@fwd.example.jp")));
        QCOMPARE(m_srs->reverse(srs0).value_or(QString()), s("hanako@FWD.example.jp"));
    }

    // A sender that is already ours is not wrapped again, at any of our domains.
    void forwardLeavesOurOwn()
    {
        const QString srs0 = m_srs->forward(s("taro@example.co.jp"), kFwd);
        QVERIFY(srs0.startsWith(QLatin1String("SRS0=")));
        QCOMPARE(m_srs->forward(srs0, kFwd), srs0);
        QCOMPARE(m_srs->forward(srs0, s("second.example.jp")), srs0);
        QCOMPARE(m_srs->forward(srs0.toLower(), s("second.example.jp")), srs0.toLower());

        const QString srs1 = m_srs->forward(s("SRS0=AbCd=XY=orig.example=bob@other.example"), kFwd);
        QVERIFY(srs1.startsWith(QLatin1String("SRS1=")));
        QCOMPARE(m_srs->forward(srs1, s("second.example.jp")), srs1);

        // The same SRS0 under another key is someone else's: wrapped in an SRS1.
        SenderRewriting other("another-key-of-32-bytes-000000000", m_clock.get());
        QVERIFY(other.forward(srs0, s("second.example.jp")).startsWith(QLatin1String("SRS1=")));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("sender");
        QTest::newRow("plain") << s("taro@example.co.jp");
        QTest::newRow("mixed case") << s("Taro.Yamada@Example.CO.jp");
        QTest::newRow("= in the local part") << s("a=b=c@example.co.jp");
        QTest::newRow("+ tag") << s("taro+news@example.co.jp");
        QTest::newRow("quoted") << s("\"taro yamada\"@example.co.jp");
        QTest::newRow("address literal") << s("taro@[192.0.2.1]");
        QTest::newRow("UTF-8 (RFC 6531)") << QString::fromUtf8("太郎@例え.jp");
        QTest::newRow("64-octet local part, long domain")
            << QString(64, QLatin1Char('x')) + QLatin1Char('@') + QString(60, QLatin1Char('d')) +
                   QLatin1String(".example.co.jp");
        QTest::newRow("someone else's SRS0") << s("SRS0=AbCd=XY=orig.example=bob@other.example");
        QTest::newRow("someone else's SRS0, - separator")
            << s("SRS0-AbCd=XY=orig.example=bob@other.example");
    }
    void roundTrip()
    {
        QFETCH(QString, sender);
        const QString srs = m_srs->forward(sender, kFwd);
        QVERIFY(srs != sender);
        QVERIFY(srs.endsWith(QLatin1String("@fwd.example.jp")));
        const Result<QString> back = m_srs->reverse(srs);
        QVERIFY2(back.has_value(), qPrintable(errorText(back)));
        QCOMPARE(*back, sender);

        // An MTA that folds the local part's case: the hash still verifies.
        const Result<QString> folded = m_srs->reverse(srs.toLower());
        QVERIFY2(folded.has_value(), qPrintable(errorText(folded)));
        // (An SRS1 reverses to an SRS0 whose tag we write in capitals, as libsrs2.)
        QCOMPARE(*folded, SenderRewriting::isSrs(sender)
                              ? QLatin1String("SRS0") + sender.toLower().mid(4)
                              : sender.toLower());
        const Result<QString> upper = m_srs->reverse(srs.toUpper());
        QVERIFY2(upper.has_value(), qPrintable(errorText(upper)));
        QCOMPARE(*upper, sender.toUpper());
    }

    // SRS1 of someone else's SRS0 reverses to that SRS0 at its host; a
    // second forward of ours through another forwarder keeps the first host.
    void srs1Chain()
    {
        const QString foreign = s("SRS0=AbCd=XY=orig.example=bob@other.example");
        const QString srs1 = m_srs->forward(foreign, kFwd);
        QCOMPARE(srs1, s("SRS1=lh4h=other.example==AbCd=XY=orig.example=bob@fwd.example.jp"));
        QCOMPARE(m_srs->reverse(srs1).value_or(QString()), foreign);

        // Another forwarder (its own key) forwards our SRS1 on; its bounce
        // comes back as its own SRS1, which it reverses to the SRS0 at the
        // first host — not to us: the chain skips the middle forwarders.
        SenderRewriting third("the-third-forwarders-key-0000000", m_clock.get());
        const QString again = third.forward(srs1, s("third.example"));
        QVERIFY(again.startsWith(QLatin1String("SRS1=")));
        QVERIFY(again.endsWith(
            QLatin1String("=other.example==AbCd=XY=orig.example=bob@third.example")));
        QCOMPARE(third.reverse(again).value_or(QString()), foreign);
        QVERIFY(!m_srs->reverse(again)); // not our hash
    }

    // Addresses computed outside the code (see the header comment).
    void reverseVectors_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("expected");
        QTest::newRow("SRS0") << s("SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp")
                              << s("taro@example.co.jp");
        QTest::newRow("SRS0, + separator, at another of our domains")
            << s("SRS0+8+TM=LG=example.co.jp=taro@second.example.jp") << s("taro@example.co.jp");
        QTest::newRow("SRS0, case folded")
            << s("srs0=8+tm=lg=example.co.jp=taro@fwd.example.jp") << s("taro@example.co.jp");
        QTest::newRow("SRS0, longer hash: first four read")
            << s("SRS0=8+TMxyz=LG=example.co.jp=taro@fwd.example.jp") << s("taro@example.co.jp");
        QTest::newRow("SRS1")
            << s("SRS1=PZyG=first.example==AbCd=XY=orig.example=bob@fwd.example.jp")
            << s("SRS0=AbCd=XY=orig.example=bob@first.example");
    }
    void reverseVectors()
    {
        QFETCH(QString, address);
        QFETCH(QString, expected);
        const Result<QString> r = m_srs->reverse(address);
        QVERIFY2(r.has_value(), qPrintable(errorText(r)));
        QCOMPARE(*r, expected);
    }

    void reverseInvalid_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("empty") << QString();
        QTest::newRow("not SRS") << s("taro@fwd.example.jp");
        QTest::newRow("not an address") << s("SRS0=8+TM=LG=example.co.jp=taro");
        QTest::newRow("garbage") << s("\x01\x02 garbage <>");
        QTest::newRow("just the tag") << s("SRS0=@fwd.example.jp");
        QTest::newRow("no user") << s("SRS0=8+TM=LG=example.co.jp=@fwd.example.jp");
        QTest::newRow("no host") << s("SRS0=8+TM=LG@fwd.example.jp");
        QTest::newRow("empty hash") << s("SRS0==LG=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("short hash") << s("SRS0=8+T=LG=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("tampered hash") << s("SRS0=8+TN=LG=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("tampered user") << s("SRS0=8+TM=LG=example.co.jp=jiro@fwd.example.jp");
        QTest::newRow("tampered domain") << s("SRS0=8+TM=LG=example.co.jq=taro@fwd.example.jp");
        QTest::newRow("tampered stamp") << s("SRS0=8+TM=LF=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("stamp not base32") << s("SRS0=8+TM=L1=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("stamp of three") << s("SRS0=8+TM=LGA=example.co.jp=taro@fwd.example.jp");
        QTest::newRow("SRS1 tampered hash")
            << s("SRS1=PZyH=first.example==AbCd=XY=orig.example=bob@fwd.example.jp");
        QTest::newRow("SRS1 tampered host")
            << s("SRS1=PZyG=first.exampla==AbCd=XY=orig.example=bob@fwd.example.jp");
        QTest::newRow("SRS1 no rest") << s("SRS1=PZyG=first.example=@fwd.example.jp");
        QTest::newRow("someone else's SRS0") << s("SRS0=AbCd=LG=orig.example=bob@fwd.example.jp");
    }
    void reverseInvalid()
    {
        QFETCH(QString, address);
        const Result<QString> r = m_srs->reverse(address);
        QVERIFY2(!r.has_value(), qPrintable(r.value_or(QString())));
        QCOMPARE(r.error().kind, Error::Kind::Invalid);
    }

    // 21 days after the day of the stamp (libsrs2's maxage) is still good, 22
    // are not; one day ahead (a clock behind ours) is good, two are not.
    void expiry_data()
    {
        QTest::addColumn<qint64>("secs");
        QTest::addColumn<bool>("valid");
        const qint64 day = 24 * 3600;
        QTest::newRow("same day") << qint64(0) << true;
        QTest::newRow("next day") << day << true;
        QTest::newRow("21 days") << 21 * day << true;
        QTest::newRow("end of day 21") << 21 * day + 14 * 3600 + 29 * 60 << true;
        QTest::newRow("22 days") << 22 * day << false;
        QTest::newRow("300 days") << 300 * day << false;
        QTest::newRow("1023 days") << 1023 * day << true; // a day ahead, modulo 1024
        QTest::newRow("a day earlier") << -day << true;
        QTest::newRow("two days earlier") << -2 * day << false;
    }
    void expiry()
    {
        QFETCH(qint64, secs);
        QFETCH(bool, valid);
        const QString srs = m_srs->forward(s("taro@example.co.jp"), kFwd);
        m_clock->advance(secs);
        const Result<QString> r = m_srs->reverse(srs);
        QCOMPARE(r.has_value(), valid);
        if (!valid)
            QCOMPARE(r.error().kind, Error::Kind::Invalid);
        else
            QCOMPARE(*r, s("taro@example.co.jp"));
        // SRS1 carries no stamp of ours: it does not expire here (the first
        // forwarder checks its SRS0).
        const QString srs1 = m_srs->forward(s("SRS0=AbCd=XY=orig.example=bob@other.example"), kFwd);
        QVERIFY(m_srs->reverse(srs1).has_value());
    }

private:
    std::unique_ptr<TestClock> m_clock;
    std::unique_ptr<SenderRewriting> m_srs;
};

QTEST_GUILESS_MAIN(TestSrs)
#include "tst_srs.moc"
