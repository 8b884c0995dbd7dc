// DkimKeyStore: keys generated into the data dir with private modes, the
// signing set (setting dkim.selectors) changed by activate/retire and read
// back by a new store on the same files, removal, refusals of bad names, the
// selectors setting's syntax, and the suggested SPF and DMARC records.
#include "service/dkimkeys.h"
#include "service/settings.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;

namespace
{

class FixedClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime(QDate(2024, 6, 15), QTime(9, 0), Qt::UTC); }
};

constexpr auto kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                              QFileDevice::ReadUser | QFileDevice::WriteUser;
constexpr auto kPrivateDir = kPrivateFile | QFileDevice::ExeOwner | QFileDevice::ExeUser;

} // namespace

class tst_DkimKeys : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FixedClock m_clock;
    std::unique_ptr<Database> m_db;

    DkimKeyStore store() { return DkimKeyStore(DataDir(m_dir.path()), *m_db, &m_clock); }

    QStringList listed() // "domain selector algorithm active|inactive"
    {
        QStringList out;
        auto list = store().list();
        if (!list)
            return {list.error().message};
        for (const DkimKeyInfo &k : std::as_const(*list))
            out << QStringLiteral("%1 %2 %3 %4")
                       .arg(k.domain, k.selector,
                            QString::fromLatin1(DkimKey::algorithmName(k.algorithm)),
                            k.active ? QStringLiteral("active") : QStringLiteral("inactive"));
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("fumibako.db")));
        QVERIFY(m_db->migrate());
        QDir(m_dir.filePath(QStringLiteral("dkim"))).removeRecursively();
        QVERIFY(Settings::store(*m_db, QStringLiteral("dkim.selectors"), QString()));
    }

    void generateMakesInactiveKeysWithPrivateModes()
    {
        auto rsa = store().generate(QStringLiteral("Example.JP"), DkimKey::Algorithm::RsaSha256);
        QVERIFY2(rsa, qPrintable(rsa ? QString() : rsa.error().message));
        QCOMPARE(rsa->domain(), QStringLiteral("example.jp"));
        QCOMPARE(rsa->selector(), QStringLiteral("fb202406r"));
        auto again = store().generate(QStringLiteral("example.jp"), DkimKey::Algorithm::RsaSha256);
        QVERIFY(again);
        QCOMPARE(again->selector(), QStringLiteral("fb202406r-2")); // the month's name was taken
        auto ed = store().generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256);
        QVERIFY(ed);
        QCOMPARE(ed->selector(), QStringLiteral("fb202406e"));

        const QString file =
            store().keyFile(QStringLiteral("example.jp"), QStringLiteral("fb202406e"));
        QCOMPARE(file, m_dir.filePath(QStringLiteral("dkim/example.jp/fb202406e.pem")));
        QVERIFY(QFile::exists(file));
        QVERIFY(!QFile::exists(file + QLatin1String(".tmp")));
#ifdef Q_OS_UNIX
        QCOMPARE(QFile::permissions(file), kPrivateFile);
        QCOMPARE(QFile::permissions(m_dir.filePath(QStringLiteral("dkim/example.jp"))),
                 kPrivateDir);
        QCOMPARE(QFile::permissions(m_dir.filePath(QStringLiteral("dkim"))), kPrivateDir);
#endif
        QCOMPARE(listed(),
                 QStringList({QStringLiteral("example.jp fb202406e ed25519-sha256 inactive"),
                              QStringLiteral("example.jp fb202406r rsa-sha256 inactive"),
                              QStringLiteral("example.jp fb202406r-2 rsa-sha256 inactive")}));
        auto signers = store().signersFor(QStringLiteral("example.jp"));
        QVERIFY(signers);
        QVERIFY(signers->isEmpty()); // nothing signs before it is activated

        auto list = store().list();
        QVERIFY(list);
        const DkimKeyInfo &info = list->first();
        QCOMPARE(info.dnsName, QStringLiteral("fb202406e._domainkey.example.jp"));
        QCOMPARE(info.txtRecord, ed->dnsTxtRecord());
        QCOMPARE(info.zoneFileRecord, ed->zoneFileRecord());
        QVERIFY(info.created.isValid());
    }

    void activateRetireRemovePersist()
    {
        QVERIFY(store().generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256,
                                 QStringLiteral("e1")));
        QVERIFY(store().generate(QStringLiteral("example.jp"), DkimKey::Algorithm::RsaSha256,
                                 QStringLiteral("r1")));
        QVERIFY(store().generate(QStringLiteral("other.jp"), DkimKey::Algorithm::Ed25519Sha256,
                                 QStringLiteral("e1")));
        QVERIFY(store().activate(QStringLiteral("example.jp"), QStringLiteral("r1")));
        QVERIFY(store().activate(QStringLiteral("EXAMPLE.jp"), QStringLiteral("E1")));
        QVERIFY(store().activate(QStringLiteral("example.jp"),
                                 QStringLiteral("e1"))); // twice: no change
        QVERIFY(store().activate(QStringLiteral("other.jp"), QStringLiteral("e1")));
        auto setting = Settings::load(*m_db);
        QVERIFY(setting);
        QCOMPARE(setting->value(QStringLiteral("dkim.selectors")),
                 QStringLiteral("example.jp=r1,e1; other.jp=e1"));

        // A new store on a new connection sees the same: the state is in the files and the
        // database.
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("fumibako.db")));
        auto signers = store().signersFor(QStringLiteral("example.jp"));
        QVERIFY(signers);
        QCOMPARE(signers->size(), 2);
        QCOMPARE(signers->at(0).selector(), QStringLiteral("r1"));
        QCOMPARE(signers->at(1).selector(), QStringLiteral("e1"));
        QCOMPARE(signers->at(1).algorithm(), DkimKey::Algorithm::Ed25519Sha256);
        auto all = store().signers();
        QVERIFY(all);
        QCOMPARE(all->keys().size(), 2);
        QCOMPARE(all->value(QStringLiteral("other.jp")).size(), 1);
        // What signs is what was generated: same public key.
        auto file = store().key(QStringLiteral("example.jp"), QStringLiteral("e1"));
        QVERIFY(file);
        QCOMPARE(signers->at(1).publicKey(), file->publicKey());
        auto signature =
            DkimSigner(signers->at(1)).sign("From: a@example.jp\r\nSubject: x\r\n\r\nHi.\r\n");
        QVERIFY(signature);
        QVERIFY(signature->contains("d=example.jp;"));
        QVERIFY(signature->contains("s=e1;"));

        QCOMPARE(store().remove(QStringLiteral("example.jp"), QStringLiteral("r1")).error().kind,
                 Error::Kind::Invalid);
        QVERIFY(store().retire(QStringLiteral("example.jp"), QStringLiteral("r1")));
        QCOMPARE(store().retire(QStringLiteral("example.jp"), QStringLiteral("r1")).error().kind,
                 Error::Kind::NotFound);
        QVERIFY(QFile::exists(store().keyFile(QStringLiteral("example.jp"),
                                              QStringLiteral("r1")))); // kept until removed
        QCOMPARE(listed(), QStringList({QStringLiteral("example.jp e1 ed25519-sha256 active"),
                                        QStringLiteral("example.jp r1 rsa-sha256 inactive"),
                                        QStringLiteral("other.jp e1 ed25519-sha256 active")}));
        QVERIFY(store().remove(QStringLiteral("example.jp"), QStringLiteral("r1")));
        QVERIFY(
            !QFile::exists(store().keyFile(QStringLiteral("example.jp"), QStringLiteral("r1"))));
        QCOMPARE(store().remove(QStringLiteral("example.jp"), QStringLiteral("r1")).error().kind,
                 Error::Kind::NotFound);
        QCOMPARE(listed().size(), 2);

        // An active key whose file went missing: the queue must not start signing-less unnoticed.
        QVERIFY(QFile::remove(store().keyFile(QStringLiteral("other.jp"), QStringLiteral("e1"))));
        QVERIFY(!store().signers());
    }

    void refusals()
    {
        QCOMPARE(
            store().activate(QStringLiteral("example.jp"), QStringLiteral("nokey")).error().kind,
            Error::Kind::NotFound);
        QVERIFY(store().generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256,
                                 QStringLiteral("s1")));
        QCOMPARE(store()
                     .generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256,
                               QStringLiteral("s1"))
                     .error()
                     .kind,
                 Error::Kind::Exists);
        for (const char *domain : {"../etc", "example", "", "a..b", "-a.jp", "a/b.jp", "例え.jp"})
            QCOMPARE(store()
                         .generate(QString::fromUtf8(domain), DkimKey::Algorithm::Ed25519Sha256)
                         .error()
                         .kind,
                     Error::Kind::Invalid);
        for (const char *selector : {"../x", "a/b", "a b", ".a", "a."})
            QCOMPARE(store()
                         .generate(QStringLiteral("example.jp"), DkimKey::Algorithm::Ed25519Sha256,
                                   QString::fromLatin1(selector))
                         .error()
                         .kind,
                     Error::Kind::Invalid);
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("etc"))).exists());
    }

    void selectorsSetting_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("empty") << QString() << true << QString();
        QTest::newRow("one") << QStringLiteral("example.jp=s1") << true
                             << QStringLiteral("example.jp=s1");
        QTest::newRow("spaces, case, order kept")
            << QStringLiteral(" Example.JP = S2 , s1 ;other.jp=e1;") << true
            << QStringLiteral("example.jp=s2,s1; other.jp=e1");
        QTest::newRow("newlines") << QStringLiteral("b.jp=x\na.jp=y") << true
                                  << QStringLiteral("a.jp=y; b.jp=x");
        QTest::newRow("repeated selector")
            << QStringLiteral("a.jp=x,x") << true << QStringLiteral("a.jp=x");
        QTest::newRow("no selectors") << QStringLiteral("a.jp=") << true << QString();
        QTest::newRow("no equals") << QStringLiteral("a.jp") << false << QString();
        QTest::newRow("bad domain") << QStringLiteral("a b=x") << false << QString();
        QTest::newRow("bad selector") << QStringLiteral("a.jp=../x") << false << QString();
    }
    void selectorsSetting()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, normalized);
        auto r = Settings::validate(QStringLiteral("dkim.selectors"), value);
        QCOMPARE(r.has_value(), valid);
        if (valid)
            QCOMPARE(*r, normalized);
    }

    void suggestedRecords_data()
    {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<QString>("relay");
        QTest::addColumn<QString>("spf");
        QTest::newRow("this server") << QStringLiteral("mail.example.jp") << QString()
                                     << QStringLiteral("v=spf1 mx a:mail.example.jp ~all");
        QTest::newRow("smarthost")
            << QStringLiteral("mail.example.jp") << QStringLiteral("smtp.isp.example")
            << QStringLiteral("v=spf1 mx a:smtp.isp.example ~all");
        QTest::newRow("smarthost by address") << QString() << QStringLiteral("192.0.2.25")
                                              << QStringLiteral("v=spf1 mx ip4:192.0.2.25 ~all");
        QTest::newRow("no name") << QString() << QString() << QStringLiteral("v=spf1 mx ~all");
    }
    void suggestedRecords()
    {
        QFETCH(QString, hostname);
        QFETCH(QString, relay);
        QFETCH(QString, spf);
        QCOMPARE(DkimKeyStore::spfRecord(QStringLiteral("example.jp"), hostname, relay), spf);
        QCOMPARE(DkimKeyStore::dmarcRecord(QStringLiteral("Example.JP")),
                 QStringLiteral("v=DMARC1; p=none; rua=mailto:postmaster@example.jp"));
    }
};

QTEST_GUILESS_MAIN(tst_DkimKeys)
#include "tst_dkimkeys.moc"
