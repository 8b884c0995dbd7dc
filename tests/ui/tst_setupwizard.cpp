// The first-run wizard on a temporary data folder: fields filled in
// programmatically, Next/Finish pressed; then the data folder, the
// administrator account and the port settings are checked through the
// services. Bad input keeps the wizard on its page (asserted by page id and
// by the error label being shown, never by its wording).
#include "testregistry.h"

#include "dialogs/setupwizard.h"
#include "screenshot.h"

#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/settings.h"
#include "store/database.h"

#include <QAbstractButton>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace fumibako;

namespace
{

void setText(QWidget *root, const char *name, const QString &text)
{
    auto *edit = root->findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setText(text);
}

bool errorShown(QWizardPage *page)
{
    auto *label = page->findChild<QLabel *>(QStringLiteral("errorLabel"));
    return label && label->isVisibleTo(page) && !label->text().isEmpty();
}

void next(SetupWizard &w)
{
    w.button(QWizard::NextButton)->click();
}

} // namespace

class TestSetupWizard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void completesSetup();
    void domainPageRefuses_data();
    void domainPageRefuses();
    void domainPageNormalizesFullWidth();
    void portsPageRefusesDuplicates();
    void refusesFolderWithFiles();
    void screenshotOfStep();
};

void TestSetupWizard::completesSetup()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("data"));
    SetupWizard w(path);
    w.show();
    QCOMPARE(w.currentId(), int(SetupWizard::IntroPageId));
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::DomainPageId));
    setText(&w, "domainEdit", QStringLiteral("Example.CO.JP"));
    setText(&w, "adminLocalEdit", QStringLiteral("Soumu"));
    setText(&w, "adminNameEdit", QString::fromUtf8("総務部"));
    setText(&w, "passwordEdit", QStringLiteral("correct-horse"));
    setText(&w, "confirmEdit", QStringLiteral("correct-horse"));
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::PortsPageId));
    // The defaults are the unprivileged ports of DESIGN.md.
    const QMap<QString, int> defaults = SetupWizard::defaultPorts();
    for (auto it = defaults.cbegin(); it != defaults.cend(); ++it) {
        auto *spin = w.findChild<QSpinBox *>(QStringLiteral("port_") + it.key());
        QVERIFY(spin);
        QCOMPARE(spin->value(), it.value());
    }
    w.findChild<QSpinBox *>(QStringLiteral("port_smtp"))->setValue(3525);
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::SummaryPageId));

    QSignalSpy finished(&w, &QDialog::finished);
    w.button(QWizard::FinishButton)->click();
    QVERIFY(w.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));

    DataDir dir(path);
    QVERIFY(dir.isInitialized());
    QVERIFY(QFile::exists(dir.certificateFile()));
    Database db(dir.databaseFile());
    QVERIFY(db.migrate().has_value());
    AccountService accounts(db, dir.mailRoot());
    auto admin = accounts.find(QStringLiteral("soumu@example.co.jp"));
    QVERIFY2(admin.has_value(), qPrintable(admin ? QString() : admin.error().message));
    QCOMPARE(admin->role, Account::Role::Admin);
    QVERIFY(admin->enabled);
    QVERIFY(!admin->passwordHash.isEmpty());
    QCOMPARE(admin->displayName, QString::fromUtf8("総務部"));
    QVERIFY(accounts.find(QStringLiteral("noreply@example.co.jp")).has_value());
    auto settings = Settings::load(db);
    QVERIFY(settings.has_value());
    QCOMPARE(settings->integer(QStringLiteral("ports.smtp")), 3525);
    QCOMPARE(settings->integer(QStringLiteral("ports.submission")), 2587);
    QCOMPARE(settings->integer(QStringLiteral("ports.pop3s")), 2995);
}

void TestSetupWizard::domainPageRefuses_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirm");
    const QString pw = QStringLiteral("correct-horse");
    const QString d = QStringLiteral("example.co.jp");
    QTest::newRow("empty domain") << QString() << QStringLiteral("admin") << pw << pw;
    QTest::newRow("domain without dot")
        << QStringLiteral("example") << QStringLiteral("admin") << pw << pw;
    QTest::newRow("domain with space")
        << QStringLiteral("exa mple.jp") << QStringLiteral("admin") << pw << pw;
    QTest::newRow("domain with underscore")
        << QStringLiteral("ex_ample.jp") << QStringLiteral("admin") << pw << pw;
    QTest::newRow("empty address") << d << QString() << pw << pw;
    QTest::newRow("reserved postmaster") << d << QStringLiteral("postmaster") << pw << pw;
    QTest::newRow("noreply taken") << d << QStringLiteral("noreply") << pw << pw;
    QTest::newRow("address with @") << d << QStringLiteral("admin@example.co.jp") << pw << pw;
    QTest::newRow("double dot") << d << QStringLiteral("a..b") << pw << pw;
    QTest::newRow("kanji address") << d << QString::fromUtf8("山田") << pw << pw;
    QTest::newRow("short password")
        << d << QStringLiteral("admin") << QStringLiteral("short") << QStringLiteral("short");
    QTest::newRow("passwords differ")
        << d << QStringLiteral("admin") << pw << QStringLiteral("correct-horsE");
    QTest::newRow("no confirmation") << d << QStringLiteral("admin") << pw << QString();
}

void TestSetupWizard::domainPageRefuses()
{
    QFETCH(QString, domain);
    QFETCH(QString, local);
    QFETCH(QString, password);
    QFETCH(QString, confirm);
    QTemporaryDir tmp;
    SetupWizard w(tmp.filePath(QStringLiteral("data")));
    w.show();
    next(w);
    setText(&w, "domainEdit", domain);
    setText(&w, "adminLocalEdit", local);
    setText(&w, "passwordEdit", password);
    setText(&w, "confirmEdit", confirm);
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::DomainPageId));
    QVERIFY(errorShown(w.currentPage()));
    QVERIFY(!DataDir(tmp.filePath(QStringLiteral("data"))).isInitialized());
}

void TestSetupWizard::domainPageNormalizesFullWidth()
{
    QTemporaryDir tmp;
    SetupWizard w(tmp.filePath(QStringLiteral("data")));
    w.show();
    next(w);
    // Typed with the IME still in full-width mode.
    setText(&w, "domainEdit", QString::fromUtf8("ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"));
    setText(&w, "adminLocalEdit", QString::fromUtf8("ａｄｍｉｎ"));
    setText(&w, "passwordEdit", QStringLiteral("correct-horse"));
    setText(&w, "confirmEdit", QStringLiteral("correct-horse"));
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::PortsPageId));
    QCOMPARE(w.answers().domain, QStringLiteral("example.co.jp"));
    QCOMPARE(w.answers().adminAddress(), QStringLiteral("admin@example.co.jp"));
}

void TestSetupWizard::portsPageRefusesDuplicates()
{
    QTemporaryDir tmp;
    SetupWizard w(tmp.filePath(QStringLiteral("data")));
    w.show();
    next(w);
    setText(&w, "domainEdit", QStringLiteral("example.co.jp"));
    setText(&w, "adminLocalEdit", QStringLiteral("admin"));
    setText(&w, "passwordEdit", QStringLiteral("correct-horse"));
    setText(&w, "confirmEdit", QStringLiteral("correct-horse"));
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::PortsPageId));
    w.findChild<QSpinBox *>(QStringLiteral("port_pop3"))->setValue(2525); // the smtp port
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::PortsPageId));
    QVERIFY(errorShown(w.currentPage()));
    w.findChild<QSpinBox *>(QStringLiteral("port_pop3"))->setValue(2110);
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::SummaryPageId));
}

void TestSetupWizard::refusesFolderWithFiles()
{
    // A folder that gained files meanwhile is never overwritten; the wizard stays open.
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("data"));
    SetupWizard w(path);
    w.show();
    next(w);
    setText(&w, "domainEdit", QStringLiteral("example.co.jp"));
    setText(&w, "adminLocalEdit", QStringLiteral("admin"));
    setText(&w, "passwordEdit", QStringLiteral("correct-horse"));
    setText(&w, "confirmEdit", QStringLiteral("correct-horse"));
    next(w);
    next(w);
    QCOMPARE(w.currentId(), int(SetupWizard::SummaryPageId));
    QVERIFY(QDir().mkpath(path));
    QFile other(path + QStringLiteral("/notes.txt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("keep me");
    other.close();

    QSignalSpy finished(&w, &QDialog::finished);
    w.button(QWizard::FinishButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    QCOMPARE(finished.count(), 0);
    QVERIFY(errorShown(w.currentPage()));
    QVERIFY(QFile::exists(path + QStringLiteral("/notes.txt")));
    QVERIFY(!DataDir(path).isInitialized());
}

// --screenshot wizard-ports: the sample answers pass the domain page, the
// picture is of the ports step, and the wizard closes without setting up.
void TestSetupWizard::screenshotOfStep()
{
    QTemporaryDir tmp;
    const QString dataDir = tmp.filePath(QStringLiteral("data"));
    const QString file = tmp.filePath(QStringLiteral("wizard-ports.png"));
    SetupWizard w(dataDir);
    ScreenshotRunner shot(QStringLiteral("wizard-ports"), file);
    QVERIFY(shot.isKnown());
    QVERIFY(shot.isWizardStep());
    QSignalSpy steps(&w, &QWizard::currentIdChanged);
    shot.runWizard(w);
    // The furthest step reached (closing resets the wizard's current id).
    int furthest = -1;
    for (const QList<QVariant> &step : steps)
        furthest = qMax(furthest, step.at(0).toInt());
    QCOMPARE(furthest, int(SetupWizard::PortsPageId));
    QVERIFY(!w.isVisible());
    const QImage image(file);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), w.grab().size());
    QVERIFY(!DataDir(dataDir).isInitialized());
}

FUMIBAKO_UI_TEST(TestSetupWizard);
#include "tst_setupwizard.moc"
