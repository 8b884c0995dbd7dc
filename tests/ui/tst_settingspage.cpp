// The Settings page and the apply modes of the settings registry: every field
// says by its "restartRequired" property what the registry says of its key,
// the restart note shows beside restart-only fields and not beside the live
// limits, and saving names what waits for a restart (restartPending()) while
// the live limits need none. The smarthost page marks its relay.* fields the
// same way. Assertions are on properties and the store, not on translated text.
#include "testregistry.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "pages/settingspage.h"
#include "pages/smarthostpage.h"
#include "servercontroller.h"

#include "service/settings.h"

#include <QComboBox>
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
    void savingAPortWaitsForARestart();
    void smarthostFieldsAreMarked();

private:
    template <typename Page> std::unique_ptr<Page> openPage();
    bool save(SettingsPage *page);
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ServerController> m_server;
};

void TestSettingsPage::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    MailServer::Options options;
    options.dataDir = m_store->dir().path();
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
    QCOMPARE(fields, 7 + 3); // seven ports, host name, size, recipients
    QVERIFY(sawLive && sawRestart);
    // The notes: "after a restart" beside ports and the host name; "at once" beside the limits.
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("portsRestartNote"))->isVisible());
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("hostnameRestartNote"))->isVisible());
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("liveNote"))->isVisible());
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("portsRestartNote"))->text().isEmpty());
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

void TestSettingsPage::savingAPortWaitsForARestart()
{
    auto page = openPage<SettingsPage>();
    QVERIFY(page);
    page->findChild<QSpinBox *>(QStringLiteral("port_smtp"))->setValue(2626);
    page->findChild<QSpinBox *>(QStringLiteral("maxRecipientsSpin"))->setValue(40);
    QVERIFY(save(page.get()));
    QCOMPARE(page->restartPending(), QStringList{QStringLiteral("ports.smtp")});
    // Saving again without changes keeps the note of what still waits.
    QVERIFY(save(page.get()));
    QCOMPARE(page->restartPending(), QStringList{QStringLiteral("ports.smtp")});
    QCOMPARE(Settings::load(m_store->db())->integer(QStringLiteral("ports.smtp")), 2626);
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

FUMIBAKO_UI_TEST(TestSettingsPage);
#include "tst_settingspage.moc"
