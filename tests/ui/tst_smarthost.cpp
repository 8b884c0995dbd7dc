// The Sending Server (smarthost) page: values saved to the relay.* settings,
// the password to the secret store (never to the settings), the port preset
// following the security choice, and "Test Connection" against a scripted
// SMTP server on 127.0.0.1 (a QTcpServer in the test) — success with the
// server's EHLO reply, a refusal with its exact reply, and no server at all.
// Assertions are on properties, roles and the store, not on translated text.
#include "testregistry.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "pages/smarthostpage.h"
#include "secretstore.h"
#include "servercontroller.h"

#include "service/settings.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

namespace
{

// Answers each connection from a script: the greeting, then one reply per command line.
class ScriptedSmtpServer : public QObject
{
public:
    explicit ScriptedSmtpServer(QByteArray greeting) : m_greeting(std::move(greeting))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                s->write(m_greeting);
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    while (s->canReadLine()) {
                        const QByteArray line = s->readLine().trimmed();
                        commands << line;
                        const QByteArray verb = line.left(4).toUpper();
                        if (verb == "EHLO")
                            s->write("250-fake.example.test Hello\r\n250-8BITMIME\r\n250 "
                                     "PIPELINING\r\n");
                        else if (verb == "QUIT") {
                            s->write("221 2.0.0 Bye\r\n");
                            s->disconnectFromHost();
                        } else
                            s->write("502 5.5.2 Not here\r\n");
                    }
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> commands;

private:
    QTcpServer m_server;
    QByteArray m_greeting;
};

void setText(QWidget *page, const char *name, const QString &text)
{
    auto *edit = page->findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setText(text);
    Q_EMIT edit->textEdited(text);
}

// Points the page at 127.0.0.1:port with the given security.
void pointAt(QWidget *page, quint16 port, const QString &security)
{
    setText(page, "relayHostEdit", QStringLiteral("127.0.0.1"));
    auto *tls = page->findChild<QComboBox *>(QStringLiteral("relayTlsCombo"));
    tls->setCurrentIndex(tls->findData(security));
    page->findChild<QSpinBox *>(QStringLiteral("relayPortSpin"))->setValue(port);
}

} // namespace

class TestSmarthost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void savesSettingsAndPassword();
    void securityChoosesPort();
    void testConnectionSucceeds();
    void testConnectionShowsRefusal();
    void testConnectionWithoutServer();

private:
    std::unique_ptr<SmarthostPage> openPage();
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ServerController> m_server;
    MemorySecretStore m_secrets;
};

void TestSmarthost::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    m_secrets = MemorySecretStore();
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    m_services->setSecrets(&m_secrets);
    MailServer::Options options;
    options.dataDir = m_store->dir().path();
    m_server = std::make_unique<ServerController>(options);
}

void TestSmarthost::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_server.reset();
    m_services.reset();
    m_store.reset();
}

std::unique_ptr<SmarthostPage> TestSmarthost::openPage()
{
    auto page = std::make_unique<SmarthostPage>(*m_services, m_server.get());
    QSignalSpy loaded(page.get(), &SmarthostPage::loaded);
    page->show();
    if (!loaded.wait(20000))
        return nullptr;
    return page;
}

void TestSmarthost::savesSettingsAndPassword()
{
    auto page = openPage();
    QVERIFY(page);
    QVERIFY(!page->hasStoredPassword());
    setText(page.get(), "relayHostEdit", QStringLiteral("  SMTP.Example.ne.jp "));
    auto *tls = page->findChild<QComboBox *>(QStringLiteral("relayTlsCombo"));
    tls->setCurrentIndex(tls->findData(QStringLiteral("tls")));
    setText(page.get(), "relayUserEdit", QStringLiteral("office@example.co.jp"));
    setText(page.get(), "relayPasswordEdit", QStringLiteral("provider secret"));
    QSignalSpy saved(page.get(), &SmarthostPage::saved);
    page->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    QVERIFY(saved.wait(20000));

    auto s = Settings::load(m_store->db());
    QVERIFY(s);
    QCOMPARE(s->value(QStringLiteral("relay.host")), QStringLiteral("smtp.example.ne.jp"));
    QCOMPARE(s->integer(QStringLiteral("relay.port")), 465);
    QCOMPARE(s->value(QStringLiteral("relay.tls")), QStringLiteral("tls"));
    QCOMPARE(s->value(QStringLiteral("relay.user")), QStringLiteral("office@example.co.jp"));
    QCOMPARE(m_secrets.values.value(SecretStore::smarthostPasswordKey()),
             QByteArray("provider secret"));
    for (const SettingSpec &spec : Settings::specs())
        QVERIFY(!s->value(spec.key).contains(QStringLiteral("provider secret")));
    QVERIFY(page->hasStoredPassword());
    QVERIFY(page->findChild<QLineEdit *>(QStringLiteral("relayPasswordEdit"))->text().isEmpty());

    // A page opened later shows the saved values; saving without typing the
    // password keeps it; clearing the user removes it.
    page.reset();
    page = openPage();
    QVERIFY(page);
    QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("relayHostEdit"))->text(),
             QStringLiteral("smtp.example.ne.jp"));
    QCOMPARE(page->findChild<QSpinBox *>(QStringLiteral("relayPortSpin"))->value(), 465);
    QVERIFY(page->hasStoredPassword());
    QSignalSpy savedAgain(page.get(), &SmarthostPage::saved);
    page->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    QVERIFY(savedAgain.wait(20000));
    QCOMPARE(m_secrets.values.value(SecretStore::smarthostPasswordKey()),
             QByteArray("provider secret"));
    setText(page.get(), "relayUserEdit", QString());
    page->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    QVERIFY(savedAgain.wait(20000));
    QVERIFY(!m_secrets.values.contains(SecretStore::smarthostPasswordKey()));

    // A keychain that refuses: the page says so (saveFailed), the settings stay saved.
    m_secrets.failWrites = true;
    setText(page.get(), "relayUserEdit", QStringLiteral("office"));
    setText(page.get(), "relayPasswordEdit", QStringLiteral("another secret"));
    QSignalSpy failed(page.get(), &SmarthostPage::saveFailed);
    page->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    QVERIFY(failed.wait(20000));
    QCOMPARE(Settings::load(m_store->db())->value(QStringLiteral("relay.user")),
             QStringLiteral("office"));
}

void TestSmarthost::securityChoosesPort()
{
    auto page = openPage();
    QVERIFY(page);
    auto *tls = page->findChild<QComboBox *>(QStringLiteral("relayTlsCombo"));
    auto *port = page->findChild<QSpinBox *>(QStringLiteral("relayPortSpin"));
    QCOMPARE(tls->currentData().toString(), QStringLiteral("starttls"));
    QCOMPARE(port->value(), 587);
    tls->setCurrentIndex(tls->findData(QStringLiteral("tls")));
    QCOMPARE(port->value(), 465);
    tls->setCurrentIndex(tls->findData(QStringLiteral("starttls")));
    QCOMPARE(port->value(), 587);
    port->setValue(2525); // a port of one's own stays
    tls->setCurrentIndex(tls->findData(QStringLiteral("tls")));
    QCOMPARE(port->value(), 2525);
}

void TestSmarthost::testConnectionSucceeds()
{
    ScriptedSmtpServer peer("220 fake.example.test ESMTP ready\r\n");
    auto page = openPage();
    QVERIFY(page);
    pointAt(page.get(), peer.port(), QStringLiteral("none"));
    QSignalSpy finished(page.get(), &SmarthostPage::testFinished);
    page->findChild<QPushButton *>(QStringLiteral("testButton"))->click();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(page->testOutcome(), QStringLiteral("ok"));
    QVERIFY2(page->testReply().startsWith(QStringLiteral("250 fake.example.test")),
             qPrintable(page->testReply()));
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled());
    QTRY_VERIFY(peer.commands.contains("QUIT"));
    QVERIFY(peer.commands.first().startsWith("EHLO "));
    // Testing saves nothing.
    QCOMPARE(Settings::load(m_store->db())->value(QStringLiteral("relay.host")), QString());
}

void TestSmarthost::testConnectionShowsRefusal()
{
    ScriptedSmtpServer peer("554 5.7.1 Service unavailable; client host blocked\r\n");
    auto page = openPage();
    QVERIFY(page);
    pointAt(page.get(), peer.port(), QStringLiteral("none"));
    QSignalSpy finished(page.get(), &SmarthostPage::testFinished);
    page->testConnection();
    QVERIFY(finished.wait(20000));
    QCOMPARE(page->testOutcome(), QStringLiteral("failed"));
    QCOMPARE(page->testReply(),
             QStringLiteral("554 5.7.1 Service unavailable; client host blocked"));
}

void TestSmarthost::testConnectionWithoutServer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    auto page = openPage();
    QVERIFY(page);
    pointAt(page.get(), port, QStringLiteral("starttls"));
    QSignalSpy finished(page.get(), &SmarthostPage::testFinished);
    page->testConnection();
    QVERIFY(finished.wait(20000));
    QCOMPARE(page->testOutcome(), QStringLiteral("failed"));
    QVERIFY(!page->testReply().isEmpty());
}

FUMIBAKO_UI_TEST(TestSmarthost);
#include "tst_smarthost.moc"
