// The DKIM / SPF page (送信ドメイン認証): DkimKeyTableModel under
// QAbstractItemModelTester (snapshots updated in place), and DkimPage over a
// real data dir — a key made through the page is listed and its TXT record
// shown is DkimKeyStore's; starting and stopping signing change the
// dkim.selectors setting; deleting asks first (Cancel is the default); the
// copy buttons put the exact records on the clipboard. With the embedded
// server running, starting and stopping a key changes how the very next
// message is signed, with no restart (a scripted SMTP peer on 127.0.0.1
// receives it through a queue.transports rule). Assertions are on roles,
// object names, the store and the wire, never on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "dkimkeytablemodel.h"
#include "itemroles.h"
#include "pages/dkimpage.h"
#include "servercontroller.h"

#include "service/settings.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>

#include <memory>
#include <optional>

using namespace fumibako;
using fumibako::test::waitForVisible;

namespace
{

const QString kDomain = QStringLiteral("example.co.jp");

DkimKeyInfo info(const QString &domain, const QString &selector, bool active)
{
    DkimKeyInfo k;
    k.domain = domain;
    k.selector = selector;
    k.active = active;
    k.created = QDateTime(QDate(2026, 1, 5), QTime(9, 30), QTimeZone::utc());
    k.dnsName = selector + QStringLiteral("._domainkey.") + domain;
    k.txtRecord = "v=DKIM1; k=rsa; p=" + selector.toLatin1();
    k.zoneFileRecord = k.dnsName.toLatin1() + ". IN TXT \"" + k.txtRecord + '"';
    return k;
}

QString fieldText(QWidget *page, const char *name)
{
    QObject *field = page->findChild<QObject *>(QLatin1String(name));
    if (auto *line = qobject_cast<QLineEdit *>(field))
        return line->text();
    if (auto *text = qobject_cast<QPlainTextEdit *>(field))
        return text->toPlainText();
    return QStringLiteral("<no field %1>").arg(QLatin1String(name));
}

QPushButton *button(QWidget *page, const char *name)
{
    return page->findChild<QPushButton *>(QLatin1String(name));
}

// An SMTP peer that accepts everything and keeps each message's data.
class SinkServer : public QObject
{
public:
    SinkServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                s->write("220 sink.test ESMTP\r\n");
                auto data = std::make_shared<std::optional<QByteArray>>();
                connect(s, &QTcpSocket::readyRead, s, [this, s, data] {
                    while (s->canReadLine()) {
                        const QByteArray line = s->readLine();
                        if (data->has_value()) {
                            if (line == ".\r\n") {
                                messages << **data;
                                data->reset();
                                s->write("250 2.0.0 Ok: queued\r\n");
                            } else {
                                **data += line;
                            }
                            continue;
                        }
                        const QByteArray verb = line.left(4).toUpper();
                        if (verb == "EHLO")
                            s->write("250-sink.test\r\n250 8BITMIME\r\n");
                        else if (verb == "DATA") {
                            data->emplace();
                            s->write("354 End data with <CR><LF>.<CR><LF>\r\n");
                        } else if (verb == "QUIT") {
                            s->write("221 2.0.0 Bye\r\n");
                            s->disconnectFromHost();
                        } else
                            s->write("250 2.0.0 Ok\r\n");
                    }
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> messages;

private:
    QTcpServer m_server;
};

} // namespace

class TestDkim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void modelSnapshots();
    void pageShowsRecordsWithoutKeys();
    void generateActivateRetireDelete();
    void ed25519Key();
    void copyButtons();
    void domainsOfKeysMadeElsewhere();
    void runningServerSignsWithoutRestart();

private:
    std::unique_ptr<DkimPage> openPage();
    // Clicks the page's generate button and waits for the new key to be listed and selected.
    QString generate(DkimPage *page, DkimKey::Algorithm algorithm);
    bool confirm(DkimPage *page, const char *button, const char *box);
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ServerController> m_server;
};

void TestDkim::init()
{
    m_store = std::make_unique<test::TestMailStore>(kDomain);
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    // Started by one test only.
    m_server = std::make_unique<ServerController>(test::serverOnFreePorts(m_store->dir().path()));
}

void TestDkim::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_server.reset();
    m_services.reset();
    m_store.reset();
}

std::unique_ptr<DkimPage> TestDkim::openPage()
{
    auto page = std::make_unique<DkimPage>(*m_services, m_server.get());
    QSignalSpy refreshed(page.get(), &DkimPage::refreshed);
    page->resize(900, 700);
    page->show();
    if (!refreshed.wait(20000))
        return nullptr;
    return page;
}

QString TestDkim::generate(DkimPage *page, DkimKey::Algorithm algorithm)
{
    auto *combo = page->findChild<QComboBox *>(QStringLiteral("algorithmCombo"));
    combo->setCurrentIndex(combo->findData(int(algorithm)));
    QSignalSpy generated(page, &DkimPage::generated);
    QSignalSpy refreshed(page, &DkimPage::refreshed);
    button(page, "generateButton")->click();
    if (!generated.wait(30000) || (refreshed.isEmpty() && !refreshed.wait(20000)))
        return QString();
    if (generated.first().at(0).toString() != page->domain())
        return QString();
    return generated.first().at(1).toString();
}

// Clicks `button`, then the confirmation's confirm button.
bool TestDkim::confirm(DkimPage *page, const char *buttonName, const char *boxName)
{
    button(page, buttonName)->click();
    auto *box = waitForVisible<QMessageBox>(page, boxName);
    if (!box)
        return false;
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    return true;
}

void TestDkim::modelSnapshots()
{
    DkimKeyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.setKeys({info(kDomain, QStringLiteral("fb202601r"), true),
                   info(kDomain, QStringLiteral("fb202601e"), false),
                   info(QStringLiteral("other.jp"), QStringLiteral("fb202601r"), false)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(DkimKeyTableModel::ColumnCount));
    QCOMPARE(model.index(0, 0).data(DkimDomainRole).toString(), kDomain);
    QCOMPARE(model.index(0, 0).data(DkimSelectorRole).toString(), QStringLiteral("fb202601r"));
    QVERIFY(model.index(0, 0).data(DkimActiveRole).toBool());
    QVERIFY(!model.index(1, 0).data(DkimActiveRole).toBool());
    QCOMPARE(model.index(0, 0).data(DkimAlgorithmRole).toInt(), int(DkimKey::Algorithm::RsaSha256));
    QCOMPARE(model.index(0, 0).data(DkimDnsNameRole).toString(),
             QStringLiteral("fb202601r._domainkey.example.co.jp"));
    QCOMPARE(model.index(0, 0).data(DkimTxtRecordRole).toString(),
             QStringLiteral("v=DKIM1; k=rsa; p=fb202601r"));
    QVERIFY(model.index(0, 0)
                .data(DkimZoneFileRecordRole)
                .toString()
                .contains(QStringLiteral(". IN TXT ")));
    QVERIFY(model.index(0, 0).data(DkimCreatedRole).toDateTime().isValid());
    QCOMPARE(model.rowOf(QStringLiteral("other.jp"), QStringLiteral("fb202601r")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("other.jp"), QStringLiteral("nope")), -1);
    QCOMPARE(model.domains(), (QStringList{kDomain, QStringLiteral("other.jp")}));
    for (int c = 0; c < model.columnCount(); ++c) {
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!model.index(0, c).data().toString().isEmpty());
    }
    // Signing and not signing read differently.
    QVERIFY(model.index(0, DkimKeyTableModel::StateColumn).data() !=
            model.index(1, DkimKeyTableModel::StateColumn).data());

    // One key activated: updated in place, no reset.
    changed.clear();
    model.setKeys({info(kDomain, QStringLiteral("fb202601r"), true),
                   info(kDomain, QStringLiteral("fb202601e"), true),
                   info(QStringLiteral("other.jp"), QStringLiteral("fb202601r"), false)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QVERIFY(model.index(1, 0).data(DkimActiveRole).toBool());

    // One deleted, one made: a removal and an insertion, the others keep their rows.
    removed.clear();
    inserted.clear();
    model.setKeys({info(kDomain, QStringLiteral("fb202601e"), true),
                   info(kDomain, QStringLiteral("fb202602r"), false),
                   info(QStringLiteral("other.jp"), QStringLiteral("fb202601r"), false)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data(DkimSelectorRole).toString(), QStringLiteral("fb202602r"));

    model.setKeys({});
    QCOMPARE(model.rowCount(), 0);
    model.retranslate();
}

void TestDkim::pageShowsRecordsWithoutKeys()
{
    auto page = openPage();
    QVERIFY(page);
    QCOMPARE(page->domain(), kDomain);
    QCOMPARE(page->filterModel()->rowCount(), 0);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("noKeyLabel"))->isVisible());
    QVERIFY(!button(page.get(), "dkimValueCopyButton")->isVisible());
    QVERIFY(button(page.get(), "generateButton")->isEnabled());
    QVERIFY(!button(page.get(), "activateButton")->isEnabled());
    QVERIFY(!button(page.get(), "retireButton")->isEnabled());
    QVERIFY(!button(page.get(), "deleteButton")->isEnabled());
    QVERIFY(fieldText(page.get(), "dkimValueEdit").isEmpty());

    // SPF and DMARC are suggested before any key exists, exactly as the store suggests them.
    auto settings = Settings::load(m_store->db());
    QVERIFY(settings);
    const QString hostname = settings->value(QStringLiteral("server.hostname"));
    QVERIFY(!hostname.isEmpty());
    QCOMPARE(fieldText(page.get(), "spfNameEdit"), kDomain);
    QCOMPARE(fieldText(page.get(), "spfValueEdit"),
             DkimKeyStore::spfRecord(kDomain, hostname, QString()));
    QCOMPARE(fieldText(page.get(), "dmarcNameEdit"), QStringLiteral("_dmarc.") + kDomain);
    QCOMPARE(fieldText(page.get(), "dmarcValueEdit"), DkimKeyStore::dmarcRecord(kDomain));

    // With a smarthost, SPF names it instead of this server.
    QVERIFY(Settings::store(m_store->db(), QStringLiteral("relay.host"),
                            QStringLiteral("smtp.provider.test")));
    QSignalSpy refreshed(page.get(), &DkimPage::refreshed);
    page->refresh();
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(fieldText(page.get(), "spfValueEdit"),
             DkimKeyStore::spfRecord(kDomain, hostname, QStringLiteral("smtp.provider.test")));
    QVERIFY(fieldText(page.get(), "spfValueEdit").contains(QStringLiteral("smtp.provider.test")));
}

void TestDkim::generateActivateRetireDelete()
{
    auto page = openPage();
    QVERIFY(page);
    QAbstractItemModelTester tester(page->filterModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Made through the page: listed, selected, not signing, its record shown.
    const QString selector = generate(page.get(), DkimKey::Algorithm::RsaSha256);
    QVERIFY(!selector.isEmpty());
    QCOMPARE(page->filterModel()->rowCount(), 1);
    QCOMPARE(page->selectedSelector(), selector);
    const QModelIndex row = page->filterModel()->index(0, 0);
    QCOMPARE(row.data(DkimAlgorithmRole).toInt(), int(DkimKey::Algorithm::RsaSha256));
    QVERIFY(!row.data(DkimActiveRole).toBool());
    auto stored = m_services->dkimKeys().list();
    QVERIFY(stored);
    QCOMPARE(stored->size(), 1);
    QCOMPARE(stored->first().selector, selector);
    QCOMPARE(fieldText(page.get(), "dkimNameEdit"), stored->first().dnsName);
    QCOMPARE(fieldText(page.get(), "dkimValueEdit"),
             QString::fromLatin1(stored->first().txtRecord));
    QVERIFY(
        fieldText(page.get(), "dkimValueEdit").startsWith(QStringLiteral("v=DKIM1; k=rsa; p=")));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("noKeyLabel"))->isVisible());
    QVERIFY(QFile::exists(m_services->dkimKeys().keyFile(kDomain, selector)));
    QVERIFY(m_services->dkimKeys().signersFor(kDomain)->isEmpty());

    // Start signing (after a question that names the record): the setting lists it.
    QSignalSpy activated(page.get(), &DkimPage::activated);
    QSignalSpy reloaded(m_server.get(), &ServerController::dkimKeysReloaded);
    QVERIFY(button(page.get(), "activateButton")->isEnabled());
    button(page.get(), "activateButton")->click();
    auto *question = waitForVisible<QMessageBox>(page.get(), "confirmActivateBox");
    QVERIFY(question);
    QVERIFY(question->text().contains(stored->first().dnsName));
    question->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QVERIFY(activated.wait(20000));
    QCOMPARE(activated.first().at(1).toString(), selector);
    auto signers = m_services->dkimKeys().signersFor(kDomain);
    QVERIFY(signers);
    QCOMPARE(signers->size(), 1);
    QCOMPARE(signers->first().selector(), selector);
    QTRY_VERIFY_WITH_TIMEOUT(page->filterModel()->index(0, 0).data(DkimActiveRole).toBool(), 20000);
    // The server is not running here: nothing to reload, it reads the keys when it starts.
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 1, 20000);
    QCOMPARE(reloaded.first().at(0).toBool(), false);
    QCOMPARE(page->selectedSelector(), selector);
    QVERIFY(!button(page.get(), "activateButton")->isEnabled());
    QVERIFY(!button(page.get(), "deleteButton")->isEnabled()); // retire first
    QVERIFY(button(page.get(), "retireButton")->isEnabled());

    // Stop signing: out of the setting, the key stays.
    QSignalSpy retired(page.get(), &DkimPage::retired);
    button(page.get(), "retireButton")->click();
    QVERIFY(retired.wait(20000));
    QVERIFY(m_services->dkimKeys().signersFor(kDomain)->isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!page->filterModel()->index(0, 0).data(DkimActiveRole).toBool(),
                             20000);
    QVERIFY(QFile::exists(m_services->dkimKeys().keyFile(kDomain, selector)));

    // Delete: the question names the key and its record; Enter answers Cancel.
    QSignalSpy deleted(page.get(), &DkimPage::deleted);
    QVERIFY(button(page.get(), "deleteButton")->isEnabled());
    button(page.get(), "deleteButton")->click();
    auto *box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    QVERIFY(box->text().contains(selector));
    QVERIFY(box->text().contains(stored->first().dnsName));
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("cancelButton"));
    QCOMPARE(box->escapeButton()->objectName(), QStringLiteral("cancelButton"));
    QTest::keyClick(box, Qt::Key_Return);
    QTest::qWait(100);
    QCOMPARE(deleted.count(), 0);
    QVERIFY(QFile::exists(m_services->dkimKeys().keyFile(kDomain, selector)));

    QVERIFY(confirm(page.get(), "deleteButton", "confirmDeleteBox"));
    QVERIFY(deleted.wait(20000));
    QVERIFY(!QFile::exists(m_services->dkimKeys().keyFile(kDomain, selector)));
    QVERIFY(m_services->dkimKeys().list()->isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(page->filterModel()->rowCount(), 0, 20000);
    QVERIFY(fieldText(page.get(), "dkimValueEdit").isEmpty());
}

void TestDkim::ed25519Key()
{
    auto page = openPage();
    QVERIFY(page);
    const QString rsa = generate(page.get(), DkimKey::Algorithm::RsaSha256);
    const QString ed = generate(page.get(), DkimKey::Algorithm::Ed25519Sha256);
    QVERIFY(!rsa.isEmpty());
    QVERIFY(!ed.isEmpty());
    QVERIFY(rsa != ed);
    QCOMPARE(page->filterModel()->rowCount(), 2);
    // The new key is the one selected: its record is what needs publishing now.
    QCOMPARE(page->selectedSelector(), ed);
    const QModelIndexList rows = page->view()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(DkimAlgorithmRole).toInt(), int(DkimKey::Algorithm::Ed25519Sha256));
    QVERIFY(fieldText(page.get(), "dkimValueEdit")
                .startsWith(QStringLiteral("v=DKIM1; k=ed25519; p=")));
    auto key = m_services->dkimKeys().key(kDomain, ed);
    QVERIFY(key);
    QCOMPARE(key->algorithm(), DkimKey::Algorithm::Ed25519Sha256);
    QCOMPARE(fieldText(page.get(), "dkimValueEdit"), QString::fromLatin1(key->dnsTxtRecord()));

    // Choosing the other key's row shows its record.
    for (int row = 0; row < page->filterModel()->rowCount(); ++row)
        if (page->filterModel()->index(row, 0).data(DkimSelectorRole).toString() == rsa)
            page->view()->selectRow(row);
    QCOMPARE(page->selectedSelector(), rsa);
    QCOMPARE(fieldText(page.get(), "dkimValueEdit"),
             QString::fromLatin1(m_services->dkimKeys().key(kDomain, rsa)->dnsTxtRecord()));
}

void TestDkim::copyButtons()
{
    auto page = openPage();
    QVERIFY(page);
    const QString selector = generate(page.get(), DkimKey::Algorithm::RsaSha256);
    QVERIFY(!selector.isEmpty());
    auto key = m_services->dkimKeys().key(kDomain, selector);
    QVERIFY(key);
    QClipboard *clipboard = QGuiApplication::clipboard();
    button(page.get(), "dkimValueCopyButton")->click();
    QCOMPARE(clipboard->text(), QString::fromLatin1(key->dnsTxtRecord()));
    button(page.get(), "dkimNameCopyButton")->click();
    QCOMPARE(clipboard->text(), key->dnsName());
    button(page.get(), "dmarcValueCopyButton")->click();
    QCOMPARE(clipboard->text(), DkimKeyStore::dmarcRecord(kDomain));
    button(page.get(), "spfNameCopyButton")->click();
    QCOMPARE(clipboard->text(), kDomain);
    // The zone file lines: the key's own line, SPF and DMARC.
    button(page.get(), "zoneCopyButton")->click();
    const QString zone = clipboard->text();
    QVERIFY(zone.contains(QString::fromLatin1(key->zoneFileRecord())));
    QVERIFY(zone.contains(QStringLiteral("_dmarc.") + kDomain + QStringLiteral(". IN TXT \"") +
                          DkimKeyStore::dmarcRecord(kDomain) + QLatin1Char('"')));
    QVERIFY(zone.contains(kDomain + QStringLiteral(". IN TXT \"v=spf1 ")));
}

void TestDkim::domainsOfKeysMadeElsewhere()
{
    // A key made with fumibakoctl for a domain the server does not receive mail for.
    const QString other = QStringLiteral("other-example.jp");
    auto key = m_services->dkimKeys().generate(other, DkimKey::Algorithm::Ed25519Sha256);
    QVERIFY(key);
    auto page = openPage();
    QVERIFY(page);
    // The server's own domain comes first; the other is offered too.
    auto *domains = page->findChild<QComboBox *>(QStringLiteral("domainCombo"));
    QCOMPARE(domains->count(), 2);
    QCOMPARE(domains->itemData(0).toString(), kDomain);
    QCOMPARE(page->domain(), kDomain);
    QCOMPARE(page->filterModel()->rowCount(), 0);
    QCOMPARE(page->model()->rowCount(), 1);

    page->setDomain(other);
    QCOMPARE(page->domain(), other);
    QCOMPARE(page->filterModel()->rowCount(), 1);
    QCOMPARE(page->selectedSelector(), key->selector());
    QCOMPARE(fieldText(page.get(), "dkimValueEdit"), QString::fromLatin1(key->dnsTxtRecord()));
    QCOMPARE(fieldText(page.get(), "spfNameEdit"), other);
    QCOMPARE(fieldText(page.get(), "dmarcValueEdit"), DkimKeyStore::dmarcRecord(other));
}

void TestDkim::runningServerSignsWithoutRestart()
{
    SinkServer sink;
    QVERIFY(sink.port() > 0);
    QVERIFY(Settings::store(m_store->db(), QStringLiteral("queue.transports"),
                            QStringLiteral("example.net=[127.0.0.1]:%1").arg(sink.port())));
    m_server->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->state(), ServerController::State::Running, 20000);
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy reloaded(m_server.get(), &ServerController::dkimKeysReloaded);
    const auto send = [this, &sink](const QByteArray &subject) -> QByteArray {
        const qsizetype before = sink.messages.size();
        if (!m_store->queue(
                QStringLiteral("yamada@example.co.jp"), {QStringLiteral("bob@example.net")},
                "From: yamada@example.co.jp\r\nTo: bob@example.net\r\nSubject: " + subject +
                    "\r\n\r\nbody\r\n"))
            return QByteArray();
        m_server->wakeQueue();
        if (!QTest::qWaitFor([&] { return sink.messages.size() > before; }, 30000))
            return QByteArray();
        return sink.messages.last();
    };

    // Started with no key: unsigned.
    const QByteArray unsigned1 = send("before");
    QVERIFY(unsigned1.contains("Subject: before"));
    QVERIFY(!unsigned1.contains("DKIM-Signature:"));

    // A key made and started on the page signs the next message, without a restart.
    const QString selector = generate(page.get(), DkimKey::Algorithm::RsaSha256);
    QVERIFY(!selector.isEmpty());
    QVERIFY(confirm(page.get(), "activateButton", "confirmActivateBox"));
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 1, 20000);
    QCOMPARE(reloaded.first().at(0).toBool(), true);
    const QByteArray signed1 = send("after start");
    QVERIFY(signed1.contains("Subject: after start"));
    QVERIFY(signed1.startsWith("DKIM-Signature:") || signed1.contains("\nDKIM-Signature:"));
    QVERIFY(signed1.contains("d=example.co.jp"));
    QVERIFY(signed1.contains("s=" + selector.toLatin1()));

    // Stopped on the page: the next message goes out unsigned again.
    QSignalSpy retired(page.get(), &DkimPage::retired);
    button(page.get(), "retireButton")->click();
    QVERIFY(retired.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 2, 20000);
    QCOMPARE(reloaded.at(1).at(0).toBool(), true);
    const QByteArray unsigned2 = send("after stop");
    QVERIFY(unsigned2.contains("Subject: after stop"));
    QVERIFY(!unsigned2.contains("DKIM-Signature:"));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("messageLabel"))->text().isEmpty());
}

FUMIBAKO_UI_TEST(TestDkim);
#include "tst_dkim.moc"
