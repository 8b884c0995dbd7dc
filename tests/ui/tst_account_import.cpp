// Accounts to and from CSV through the console: the import preview (each
// line's action; a refused line disables the import and changes nothing),
// the import itself (accounts created, generated passwords shown once) and
// the export (Excel CSV with a BOM) — verified through model roles, widget
// state and AccountService, never through translated text.
#include "testregistry.h"

#include "accountimportmodel.h"
#include "accounttablemodel.h"
#include "consoleservices.h"
#include "dialogs/accountimportdialog.h"
#include "itemroles.h"
#include "pages/accountspage.h"

#include "service/datadir.h"
#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;
using Action = AccountImportLine::Action;

namespace
{

const QString kDomain = QStringLiteral("example.co.jp");

QString address(const char *local)
{
    return QString::fromLatin1(local) + QLatin1Char('@') + kDomain;
}

} // namespace

class TestAccountImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void modelUnderTester();
    void previewListsEachLine();
    void refusedLineDisablesImport();
    void importCreatesAccountsAndShowsPasswordsOnce();
    void exportWritesExcelCsv();

private:
    QString writeFile(const QString &name, const QByteArray &csv);
    AccountImportDialog *openPreview(const QString &path);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<AccountsPage> m_page;
};

void TestAccountImport::initTestCase()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    DataDir dir(m_tmp->filePath(QStringLiteral("data")));
    auto r = dir.initialize({kDomain, QStringLiteral("mail.example.co.jp")});
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
    m_db = std::make_unique<Database>(dir.databaseFile());
    QVERIFY(m_db->migrate().has_value());
    m_services = std::make_unique<ConsoleServices>(*m_db, dir);
    for (const char *local : {"sato", "suzuki"}) {
        AccountService::NewAccount n;
        n.address = address(local);
        n.displayName = QString::fromLatin1(local);
        n.password = "hunter2hunter2";
        auto added = m_services->accounts().add(n);
        QVERIFY2(added.has_value(), qPrintable(added ? QString() : added.error().message));
    }
    m_page = std::make_unique<AccountsPage>(*m_services);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOf(address("sato")) >= 0, 20000);
}

void TestAccountImport::cleanupTestCase()
{
    m_page.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_db.reset();
}

QString TestAccountImport::writeFile(const QString &name, const QByteArray &csv)
{
    const QString path = m_tmp->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(csv) != csv.size())
        return {};
    return path;
}

AccountImportDialog *TestAccountImport::openPreview(const QString &path)
{
    AccountImportDialog *dialog = m_page->importFrom(path);
    if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000))
        return nullptr;
    return dialog;
}

void TestAccountImport::modelUnderTester()
{
    AccountImportModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AccountImportLine create{2, address("tanaka"), Action::Create, QString(), QString()};
    AccountImportLine update{3, address("sato"), Action::Update,
                             QStringLiteral("display name, quota"), QString()};
    AccountImportLine refused{4, QStringLiteral("x@elsewhere.jp"), Action::Refused,
                              QStringLiteral("elsewhere.jp is not a domain of this server"),
                              QString()};
    model.setLines({create, update, refused});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AccountImportModel::ColumnCount));
    QCOMPARE(model.index(0, 0).data(ImportLineRole).toInt(), 2);
    QCOMPARE(model.index(1, 0).data(ImportAddressRole).toString(), address("sato"));
    QCOMPARE(model.index(2, 0).data(ImportActionRole).toInt(), int(Action::Refused));
    QCOMPARE(model.index(2, AccountImportModel::DetailColumn).data(ImportReasonRole).toString(),
             refused.reason);
    QVERIFY(model.index(2, AccountImportModel::DetailColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(0, AccountImportModel::DetailColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.count(Action::Create), 1);
    QCOMPARE(model.count(Action::Refused), 1);
    QCOMPARE(model.generatedPasswords(), 0);
    create.generatedPassword = QStringLiteral("abcdEFGH12345678");
    model.setLines({create});
    QCOMPARE(model.generatedPasswords(), 1);
    QCOMPARE(model.index(0, 0).data(ImportPasswordRole).toString(), create.generatedPassword);
    model.retranslate();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestAccountImport::previewListsEachLine()
{
    const QString path = writeFile(
        QStringLiteral("preview.csv"),
        QByteArray("\xEF\xBB\xBF") + QString::fromUtf8("\"メールアドレス\",\"表示名\"\r\n"
                                                       "\"sato@example.co.jp\",\"sato\"\r\n"
                                                       "\"suzuki@example.co.jp\",\"鈴木 一郎\"\r\n"
                                                       "\"takahashi@example.co.jp\",\"高橋\"\r\n")
                                         .toUtf8());
    QVERIFY(!path.isEmpty());
    AccountImportDialog *dialog = openPreview(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->state(), AccountImportDialog::State::Preview);
    const AccountImportModel *model = dialog->model();
    QCOMPARE(model->rowCount(), 3);
    const QList<std::pair<QString, Action>> expected = {{address("sato"), Action::Unchanged},
                                                        {address("suzuki"), Action::Update},
                                                        {address("takahashi"), Action::Create}};
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->index(row, 0).data(ImportLineRole).toInt(), row + 2);
        QCOMPARE(model->index(row, 0).data(ImportAddressRole).toString(), expected[row].first);
        QCOMPARE(model->index(row, 0).data(ImportActionRole).toInt(), int(expected[row].second));
    }
    auto *importButton = dialog->findChild<QPushButton *>(QStringLiteral("importButton"));
    QVERIFY(importButton);
    QVERIFY(importButton->isEnabled());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("refusedLabel"))->isVisible());
    dialog->reject();
    // A preview changes nothing.
    QVERIFY(!m_services->accounts().find(address("takahashi")).has_value());
    QCOMPARE(m_services->accounts().find(address("suzuki"))->displayName, QStringLiteral("suzuki"));
}

void TestAccountImport::refusedLineDisablesImport()
{
    const QString path =
        writeFile(QStringLiteral("bad.csv"), QByteArray("address,display name,role\n"
                                                        "ito@example.co.jp,Ito,user\n"
                                                        "kato@example.co.jp,Kato,superuser\n"
                                                        "someone@elsewhere.jp,,\n"));
    QVERIFY(!path.isEmpty());
    AccountImportDialog *dialog = openPreview(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->state(), AccountImportDialog::State::Preview);
    const AccountImportModel *model = dialog->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, 0).data(ImportActionRole).toInt(), int(Action::Create));
    QCOMPARE(model->index(1, 0).data(ImportActionRole).toInt(), int(Action::Refused));
    QCOMPARE(model->index(2, 0).data(ImportActionRole).toInt(), int(Action::Refused));
    QVERIFY(!model->index(1, 0).data(ImportReasonRole).toString().isEmpty());
    auto *importButton = dialog->findChild<QPushButton *>(QStringLiteral("importButton"));
    QVERIFY(!importButton->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("refusedLabel"))->isVisible());
    dialog->startImport(); // refused: does nothing
    QCOMPARE(dialog->state(), AccountImportDialog::State::Preview);
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(!m_services->accounts().find(address("ito")).has_value());
    dialog->reject();
}

void TestAccountImport::importCreatesAccountsAndShowsPasswordsOnce()
{
    const QString path = writeFile(QStringLiteral("good.csv"),
                                   QByteArray("address,display name,password\n"
                                              "watanabe@example.co.jp,Watanabe,\n"
                                              "yamamoto@example.co.jp,Yamamoto,correcthorse9\n"
                                              "suzuki@example.co.jp,Suzuki Ichiro,\n"));
    QVERIFY(!path.isEmpty());
    QSignalSpy refreshed(m_page.get(), &AccountsPage::refreshed);
    AccountImportDialog *dialog = openPreview(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->model()->count(Action::Create), 2);
    QCOMPARE(dialog->model()->count(Action::Update), 1);
    QSignalSpy imported(dialog, &AccountImportDialog::imported);
    QSignalSpy states(dialog, &AccountImportDialog::stateChanged);
    auto *importButton = dialog->findChild<QPushButton *>(QStringLiteral("importButton"));
    QVERIFY(importButton->isEnabled());
    importButton->click();
    QCOMPARE(dialog->state(), AccountImportDialog::State::Importing);
    QVERIFY(!dialog->findChild<QWidget *>(QStringLiteral("buttonBox"))->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
    QCOMPARE(dialog->state(), AccountImportDialog::State::Imported);

    // Through the service: created, updated.
    auto watanabe = m_services->accounts().find(address("watanabe"));
    QVERIFY(watanabe.has_value());
    QCOMPARE(watanabe->displayName, QStringLiteral("Watanabe"));
    QVERIFY(m_services->accounts().find(address("yamamoto")).has_value());
    QCOMPARE(m_services->accounts().find(address("suzuki"))->displayName,
             QStringLiteral("Suzuki Ichiro"));

    // The one generated password, shown once.
    QSortFilterProxyModel *passwords = dialog->passwordModel();
    QCOMPARE(passwords->rowCount(), 1);
    QCOMPARE(passwords->index(0, 0).data(ImportAddressRole).toString(), address("watanabe"));
    const QString password = passwords->index(0, 0).data(ImportPasswordRole).toString();
    QVERIFY(password.size() >= 8);
    QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("passwordPanel"))->isVisible());
    QVERIFY(!importButton->isVisible());
    dialog->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
    QCOMPARE(QApplication::clipboard()->text(),
             address("watanabe") + QLatin1Char('\t') + password + QLatin1Char('\n'));

    // The page's list reloads.
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOf(address("watanabe")) >= 0, 20000);
    QVERIFY(refreshed.count() >= 1);

    // Closed, the passwords are gone.
    QPointer<AccountImportDialog> guard(dialog);
    AccountImportModel *model = dialog->model();
    dialog->reject();
    QCOMPARE(model->rowCount(), 0);
    QTRY_VERIFY(guard.isNull()); // deleted on close
}

void TestAccountImport::exportWritesExcelCsv()
{
    const QString path = m_tmp->filePath(QStringLiteral("export/accounts.csv"));
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QSignalSpy finished(m_page.get(), &AccountsPage::exportFinished);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    m_page->exportTo(path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    for (const char *local : {"sato", "suzuki", "watanabe", "yamamoto"})
        QVERIFY2(csv.contains("\"" + address(local).toUtf8() + "\""), local);
    QVERIFY(!csv.contains("hunter2"));

    // A folder that does not exist: the page says so and writes nothing.
    const QString bad = m_tmp->filePath(QStringLiteral("missing/accounts.csv"));
    m_page->exportTo(bad);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QVERIFY(!QFileInfo::exists(bad));
    auto *status = m_page->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY(status && !status->text().isEmpty());
}

FUMIBAKO_UI_TEST(TestAccountImport);
#include "tst_account_import.moc"
