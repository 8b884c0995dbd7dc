// Accounts through the console: the add-account dialog (with its own checks
// and the service's refusals), the edit and password dialogs, and the
// accounts page's model — verified through AccountService and model roles.
#include "testregistry.h"

#include "accounttablemodel.h"
#include "consoleservices.h"
#include "dialogs/accountdialog.h"
#include "dialogs/passworddialog.h"
#include "itemroles.h"
#include "pages/accountspage.h"

#include "service/datadir.h"
#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

namespace
{

const QString kDomain = QStringLiteral("example.co.jp");

void setText(QWidget *root, const char *name, const QString &text)
{
    auto *edit = root->findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setText(text);
}

void clickOk(QDialog &dialog)
{
    dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
}

bool errorShown(QWidget *dialog)
{
    auto *label = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    return label && label->isVisibleTo(dialog) && !label->text().isEmpty();
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addDialogAddsAccount();
    void addDialogRefusesDuplicate();
    void addDialogChecksFields_data();
    void addDialogChecksFields();
    void editDialogChangesProfileAndQuota();
    void passwordDialogResetsPassword();
    void pageListsAccounts();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConsoleServices> m_services;
};

void TestAccounts::initTestCase()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    DataDir dir(m_tmp->filePath(QStringLiteral("data")));
    auto r = dir.initialize({kDomain, QStringLiteral("mail.example.co.jp")});
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
    m_db = std::make_unique<Database>(dir.databaseFile());
    QVERIFY(m_db->migrate().has_value());
    m_services = std::make_unique<ConsoleServices>(*m_db, dir);
}

void TestAccounts::cleanupTestCase()
{
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_db.reset();
}

void TestAccounts::addDialogAddsAccount()
{
    AccountDialog dialog(*m_services, QStringList{kDomain});
    dialog.show();
    QVERIFY(!dialog.isEditing());
    setText(&dialog, "localPartEdit", QStringLiteral("Yamada"));
    setText(&dialog, "displayNameEdit", QString::fromUtf8("山田 太郎"));
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("roleCombo"));
    role->setCurrentIndex(role->findData(int(Account::Role::Admin)));
    dialog.findChild<QSpinBox *>(QStringLiteral("quotaSpin"))->setValue(500);
    setText(&dialog, "passwordEdit", QStringLiteral("hunter2hunter2"));
    setText(&dialog, "confirmEdit", QStringLiteral("hunter2hunter2"));
    QSignalSpy saved(&dialog, &AccountDialog::accountSaved);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toString(), QStringLiteral("yamada@example.co.jp"));

    auto a = m_services->accounts().find(QStringLiteral("yamada@example.co.jp"));
    QVERIFY(a.has_value());
    QCOMPARE(a->displayName, QString::fromUtf8("山田 太郎"));
    QCOMPARE(a->role, Account::Role::Admin);
    QCOMPARE(a->quotaBytes, 500 * AccountDialog::kMiB);
    QVERIFY(a->enabled);
    QVERIFY(!a->passwordHash.isEmpty());
}

void TestAccounts::addDialogRefusesDuplicate()
{
    auto before = m_services->accounts().list();
    QVERIFY(before.has_value());
    AccountDialog dialog(*m_services, QStringList{kDomain});
    dialog.show();
    setText(&dialog, "localPartEdit", QStringLiteral("noreply")); // made by initialize()
    setText(&dialog, "passwordEdit", QStringLiteral("hunter2hunter2"));
    setText(&dialog, "confirmEdit", QStringLiteral("hunter2hunter2"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    clickOk(dialog);
    QVERIFY(dialog.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(errorShown(&dialog));
    QCOMPARE(m_services->accounts().list()->size(), before->size());
}

void TestAccounts::addDialogChecksFields_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirm");
    const QString pw = QStringLiteral("hunter2hunter2");
    QTest::newRow("empty address") << QString() << pw << pw;
    QTest::newRow("reserved root") << QStringLiteral("root") << pw << pw;
    QTest::newRow("percent hack") << QStringLiteral("a%b") << pw << pw;
    QTest::newRow("leading dot") << QStringLiteral(".sato") << pw << pw;
    QTest::newRow("japanese") << QString::fromUtf8("さとう") << pw << pw;
    QTest::newRow("no password") << QStringLiteral("sato") << QString() << QString();
    QTest::newRow("7 characters") << QStringLiteral("sato") << QStringLiteral("1234567")
                                  << QStringLiteral("1234567");
    QTest::newRow("mismatch") << QStringLiteral("sato") << pw << QStringLiteral("hunter2hunter3");
}

void TestAccounts::addDialogChecksFields()
{
    QFETCH(QString, local);
    QFETCH(QString, password);
    QFETCH(QString, confirm);
    AccountDialog dialog(*m_services, QStringList{kDomain});
    dialog.show();
    setText(&dialog, "localPartEdit", local);
    setText(&dialog, "passwordEdit", password);
    setText(&dialog, "confirmEdit", confirm);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    clickOk(dialog);
    // Refused before any service call: not busy, still open, error shown.
    QVERIFY(!dialog.isBusy());
    QVERIFY(errorShown(&dialog));
    QCOMPARE(accepted.count(), 0);
    QVERIFY(!m_services->accounts().find(dialog.address()).has_value());
}

void TestAccounts::editDialogChangesProfileAndQuota()
{
    auto a = m_services->accounts().find(QStringLiteral("yamada@example.co.jp"));
    QVERIFY(a.has_value());
    AccountDialog dialog(*m_services, *a);
    dialog.show();
    QVERIFY(dialog.isEditing());
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit")));
    setText(&dialog, "displayNameEdit", QString::fromUtf8("山田 花子"));
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("roleCombo"));
    role->setCurrentIndex(role->findData(int(Account::Role::User)));
    dialog.findChild<QSpinBox *>(QStringLiteral("quotaSpin"))->setValue(0); // unlimited
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
    auto b = m_services->accounts().find(QStringLiteral("yamada@example.co.jp"));
    QCOMPARE(b->displayName, QString::fromUtf8("山田 花子"));
    QCOMPARE(b->role, Account::Role::User);
    QCOMPARE(b->quotaBytes, 0);

    // The built-in send-only account keeps its role.
    auto noreply = m_services->accounts().find(QStringLiteral("noreply@example.co.jp"));
    AccountDialog fixed(*m_services, *noreply);
    QVERIFY(!fixed.findChild<QComboBox *>(QStringLiteral("roleCombo"))->isEnabled());
}

void TestAccounts::passwordDialogResetsPassword()
{
    const QString before =
        m_services->accounts().find(QStringLiteral("yamada@example.co.jp"))->passwordHash;
    PasswordDialog dialog(*m_services, QStringLiteral("yamada@example.co.jp"));
    dialog.show();
    setText(&dialog, "passwordEdit", QStringLiteral("new-password-1"));
    setText(&dialog, "confirmEdit", QStringLiteral("new-password-2"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    clickOk(dialog);
    QVERIFY(errorShown(&dialog));
    QVERIFY(!dialog.isBusy());
    setText(&dialog, "confirmEdit", QStringLiteral("new-password-1"));
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 20000);
    const QString after =
        m_services->accounts().find(QStringLiteral("yamada@example.co.jp"))->passwordHash;
    QVERIFY(!after.isEmpty());
    QVERIFY(after != before);
}

void TestAccounts::pageListsAccounts()
{
    AccountsPage page(*m_services);
    QAbstractItemModelTester modelTester(page.model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(page.proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&page, &AccountsPage::refreshed);
    page.show(); // showing refreshes
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 20000);
    QCOMPARE(page.domains(), QStringList{kDomain});
    auto listed = m_services->accounts().list();
    QCOMPARE(page.model()->rowCount(), int(listed->size()));
    const int row = page.model()->rowOf(QStringLiteral("yamada@example.co.jp"));
    QVERIFY(row >= 0);
    const QModelIndex index = page.model()->index(row, 0);
    QCOMPARE(index.data(AccountRoleRole).toInt(), int(Account::Role::User));
    QCOMPARE(index.data(AccountEnabledRole).toBool(), true);

    // A change made elsewhere shows after a refresh, in place.
    QVERIFY(m_services->accounts()
                .setEnabled(QStringLiteral("yamada@example.co.jp"), false)
                .has_value());
    refreshed.clear();
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
    QCOMPARE(page.model()
                 ->index(page.model()->rowOf(QStringLiteral("yamada@example.co.jp")), 0)
                 .data(AccountEnabledRole)
                 .toBool(),
             false);

    // The filter narrows the view, not the model.
    page.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->setText(QStringLiteral("YAMADA"));
    QCOMPARE(page.proxy()->rowCount(), 1);
    QCOMPARE(page.proxy()->index(0, 0).data(AccountAddressRole).toString(),
             QStringLiteral("yamada@example.co.jp"));
    QCOMPARE(page.model()->rowCount(), int(listed->size()));

    // Selecting the built-in noreply@ leaves Delete disabled.
    page.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->setText(QStringLiteral("noreply"));
    page.view()->selectRow(0);
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("deleteButton"))->isEnabled());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("editButton"))->isEnabled());
}

FUMIBAKO_UI_TEST(TestAccounts);
#include "tst_accounts.moc"
