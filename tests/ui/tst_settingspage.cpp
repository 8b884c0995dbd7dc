// The Settings page and the apply modes of the settings registry: every field
// says by its "restartRequired" property what the registry says of its key,
// the restart note shows beside restart-only fields and not beside the live
// limits. With a real server running, what waits for a restart is the
// server's own list: a restart-only change saved on the page, or stored
// through the service as fumibakoctl does, shows the restart box (its
// "pendingKeys"), a live one does not and is reported as in effect, and a
// restart clears the box. The smarthost page marks its relay.* fields the same
// way, and every registry key has a display name. Assertions are on
// properties and the store, not on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "pages/settingspage.h"
#include "pages/smarthostpage.h"
#include "servercontroller.h"
#include "widgets/settingnames.h"

#include "service/settings.h"

#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

class TestSettingsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void fieldsCarryTheirApplyMode();
    void savingALimitNeedsNoRestart();
    void savingWhileStoppedWaitsForNothing();
    void savingAPortWaitsForARestart();
    void restartOnlyChangeFromOutsideShowsTheBox();
    void liveChangeFromOutsideIsInEffect();
    void smarthostFieldsAreMarked();
    void everySettingHasAName();

private:
    template <typename Page> std::unique_ptr<Page> openPage();
    bool save(SettingsPage *page);
    bool startServer();
    bool restartBoxShown(SettingsPage *page) const;
    QStringList boxKeys(SettingsPage *page) const;
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ServerController> m_server;
};

void TestSettingsPage::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    MailServer::Options options = test::serverOnFreePorts(m_store->dir().path());
    m_server = std::make_unique<ServerController>(options);
}

void TestSettingsPage::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_server.reset();
    m_services.reset();
    m_store.reset();
}

template <typename Page> std::unique_ptr<Page> TestSettingsPage::openPage()
{
    auto page = std::make_unique<Page>(*m_services, m_server.get());
    QSignalSpy loaded(page.get(), &Page::loaded);
    page->show();
    if (!loaded.wait(20000))
        return nullptr;
    return page;
}

bool TestSettingsPage::save(SettingsPage *page)
{
    QSignalSpy saved(page, &SettingsPage::saved);
    page->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    return saved.wait(20000);
}

bool TestSettingsPage::startServer()
{
    m_server->start();
    return QTest::qWaitFor([this] { return m_server->state() == ServerController::State::Running; },
                           20000);
}

bool TestSettingsPage::restartBoxShown(SettingsPage *page) const
{
    return page->findChild<QFrame *>(QStringLiteral("restartBox"))->isVisible();
}

QStringList TestSettingsPage::boxKeys(SettingsPage *page) const
{
    return page->findChild<QFrame *>(QStringLiteral("restartBox"))
        ->property("pendingKeys")
        .toStringList();
}

void TestSettingsPage::fieldsCarryTheirApplyMode()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    int fields = 0;
    bool sawRestart = false, sawLive = false;
    for (QWidget *w : page->findChildren<QWidget *>()) {
        const QString key = w->property("settingKey").toString();
        if (key.isEmpty())
            continue;
        ++fields;
        const SettingSpec *spec = Settings::spec(key);
        QVERIFY2(spec, qPrintable(key));
        QCOMPARE(w->property("restartRequired").toBool(), !spec->isLive());
        (spec->isLive() ? sawLive : sawRestart) = true;
    }
    QCOMPARE(fields, 8 + 3); // eight ports (web included), host name, size, recipients
    QVERIFY(sawLive && sawRestart);
    // The notes: "after a restart" beside ports and the host name; "at once" beside the limits.
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("portsRestartNote"))->isVisible());
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("hostnameRestartNote"))->isVisible());
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("liveNote"))->isVisible());
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("portsRestartNote"))->text().isEmpty());
    // Nothing waits for a restart yet.
    QVERIFY(!restartBoxShown(page.get()));
}

void TestSettingsPage::savingALimitNeedsNoRestart()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    page->findChild<QSpinBox *>(QStringLiteral("maxSizeSpin"))->setValue(5);
    page->findChild<QSpinBox *>(QStringLiteral("maxRecipientsSpin"))->setValue(30);
    QVERIFY(save(page.get()));
    QCOMPARE(page->restartPending(), QStringList());
    auto stored = Settings::load(m_store->db());
    QVERIFY(stored);
    QCOMPARE(stored->integer(QStringLiteral("smtp.max_message_size")), 5 * SettingsPage::kMiB);
    QCOMPARE(stored->integer(QStringLiteral("smtp.max_recipients")), 30);
}

void TestSettingsPage::savingWhileStoppedWaitsForNothing()
{
    // A stopped server reads every setting when it starts: no restart to wait for.
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    page->findChild<QSpinBox *>(QStringLiteral("port_smtp"))->setValue(2626);
    QVERIFY(save(page.get()));
    QCOMPARE(page->restartPending(), QStringList());
    QVERIFY(!restartBoxShown(page.get()));
    QCOMPARE(Settings::load(m_store->db())->integer(QStringLiteral("ports.smtp")), 2626);
}

void TestSettingsPage::savingAPortWaitsForARestart()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    QVERIFY(startServer());
    QVERIFY(!restartBoxShown(page.get()));
    page->findChild<QSpinBox *>(QStringLiteral("port_smtp"))->setValue(2626);
    page->findChild<QSpinBox *>(QStringLiteral("maxRecipientsSpin"))->setValue(40);
    QVERIFY(save(page.get()));
    // The live limit is named as in effect; the port is what the server says waits.
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("messageLabel"))
                 ->property("appliedKeys")
                 .toStringList(),
             QStringList{QStringLiteral("smtp.max_recipients")});
    QTRY_COMPARE_WITH_TIMEOUT(page->restartPending(), QStringList{QStringLiteral("ports.smtp")},
                              10000);
    QVERIFY(restartBoxShown(page.get()));
    QCOMPARE(boxKeys(page.get()), QStringList{QStringLiteral("ports.smtp")});
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("restartPendingNote"))->text().isEmpty());
    // Saving again without changes keeps the note of what still waits.
    QVERIFY(save(page.get()));
    QTest::qWait(1500); // past the server's next look at the settings
    QCOMPARE(page->restartPending(), QStringList{QStringLiteral("ports.smtp")});
    QVERIFY(restartBoxShown(page.get()));
    QCOMPARE(Settings::load(m_store->db())->integer(QStringLiteral("ports.smtp")), 2626);
}

void TestSettingsPage::restartOnlyChangeFromOutsideShowsTheBox()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    QVERIFY(startServer());
    QVERIFY(!restartBoxShown(page.get()));
    // As fumibakoctl settings set does: through the service, on another connection.
    QVERIFY(Settings::store(m_store->db(), QStringLiteral("server.hostname"),
                            QStringLiteral("mail2.example.co.jp")));
    QTRY_VERIFY_WITH_TIMEOUT(restartBoxShown(page.get()), 10000);
    QCOMPARE(boxKeys(page.get()), QStringList{QStringLiteral("server.hostname")});
    QCOMPARE(page->restartPending(), QStringList{QStringLiteral("server.hostname")});
    // The form shows the value now stored, not the one it loaded before.
    QTRY_COMPARE_WITH_TIMEOUT(page->findChild<QLineEdit *>(QStringLiteral("hostnameEdit"))->text(),
                              QStringLiteral("mail2.example.co.jp"), 10000);

    // The box's button restarts the server, and the new one has nothing waiting.
    QSignalSpy states(m_server.get(), &ServerController::stateChanged);
    auto *restart = page->findChild<QPushButton *>(QStringLiteral("restartButton"));
    QVERIFY(restart->isVisible() && restart->isEnabled());
    restart->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        states.size() >= 2 && m_server->state() == ServerController::State::Running, 20000);
    QVERIFY(!restartBoxShown(page.get()));
    QCOMPARE(page->restartPending(), QStringList());
    // The new server's own report after a live change lists nothing waiting.
    QSignalSpy changed(m_server.get(), &ServerController::settingsChanged);
    QVERIFY(Settings::store(m_store->db(), QStringLiteral("smtp.max_recipients"),
                            QStringLiteral("33")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.first().at(1).toStringList(), QStringList());
    QVERIFY(!restartBoxShown(page.get()));
}

void TestSettingsPage::liveChangeFromOutsideIsInEffect()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    QVERIFY(startServer());
    QSignalSpy changed(m_server.get(), &ServerController::settingsChanged);
    QVERIFY(Settings::store(m_store->db(), QStringLiteral("smtp.max_recipients"),
                            QStringLiteral("42")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.first().at(0).toStringList(),
             QStringList{QStringLiteral("smtp.max_recipients")});
    QVERIFY(!restartBoxShown(page.get()));
    QCOMPARE(page->restartPending(), QStringList());
    // The page says it is in effect and shows the new value.
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("messageLabel"))
                 ->property("appliedKeys")
                 .toStringList(),
             QStringList{QStringLiteral("smtp.max_recipients")});
    QTRY_COMPARE_WITH_TIMEOUT(
        page->findChild<QSpinBox *>(QStringLiteral("maxRecipientsSpin"))->value(), 42, 10000);
}

void TestSettingsPage::smarthostFieldsAreMarked()
{
    auto page = openPage<SmarthostPage>();
    QVERIFY(page);
    const QList<QPair<const char *, QString>> fields = {
        {"relayHostEdit", QStringLiteral("relay.host")},
        {"relayPortSpin", QStringLiteral("relay.port")},
        {"relayTlsCombo", QStringLiteral("relay.tls")},
        {"relayUserEdit", QStringLiteral("relay.user")}};
    bool anyRestart = false;
    for (const auto &[name, key] : fields) {
        QWidget *w = page->findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(w, name);
        QCOMPARE(w->property("restartRequired").toBool(), !Settings::spec(key)->isLive());
        anyRestart |= !Settings::spec(key)->isLive();
    }
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("applyNote"))->isVisible(), anyRestart);
}

void TestSettingsPage::everySettingHasAName()
{
    // A key the console cannot name would show up raw in the restart box.
    for (const SettingSpec &spec : Settings::specs()) {
        QVERIFY2(SettingNames::hasName(spec.key), qPrintable(spec.key));
        QVERIFY2(SettingNames::name(spec.key) != spec.key, qPrintable(spec.key));
    }
}

FUMIBAKO_UI_TEST(TestSettingsPage);
#include "tst_settingspage.moc"
