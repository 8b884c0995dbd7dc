// The アーカイブの設定 dialog the archive page opens, over a real data dir:
// every local domain listed with its "keep received mail" box as stored, a
// box toggled changes ArchiveService::domainsKeepingReceived(), a search user
// limited to one account added through the add dialog is listed and stored
// with that account, a reserved name (admin) and a weak password are refused
// in the add dialog with nothing added, and Delete (after its question)
// removes one. ArchiveSearchUserModel runs under QAbstractItemModelTester.
// Assertions are on roles, object names and the service's state, never on
// translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "archivesearchusermodel.h"
#include "consoleservices.h"
#include "dialogs/archivesettingsdialog.h"
#include "itemroles.h"
#include "pages/archivesearchpage.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

namespace
{

const QString kDomain = QStringLiteral("example.co.jp");
const QString kBranch = QStringLiteral("branch.example.jp");
const QString kUser = QStringLiteral("user@example.co.jp");
const QString kSales = QStringLiteral("sales@branch.example.jp");
const QString kPassword = QStringLiteral("kansa-2026-pass");

} // namespace

class TestArchiveSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void model();
    void domainsShowStoredState();
    void toggleKeepsReceived();
    void addLimitedSearchUser();
    void reservedNameRefused();
    void weakPasswordRefused();
    void deleteSearchUser();

private:
    // The archive page shown and its settings button clicked: the dialog, loaded.
    ArchiveSettingsDialog *openDialog();
    // The add dialog of `dialog`, filled in; OK not yet clicked.
    ArchiveSearchUserDialog *fillAddDialog(ArchiveSettingsDialog *dialog, const QString &name,
                                           const QString &password, const QString &onlyAccount);
    QStringList keeping() const;
    QList<ArchiveSearchUser> users() const;

    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ArchiveSearchPage> m_page;
};

void TestArchiveSettings::init()
{
    m_store = std::make_unique<test::TestMailStore>(kDomain);
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    QVERIFY(m_store->accounts().addDomain(kBranch));
    QVERIFY(m_store->addAccount(kUser));
    QVERIFY(m_store->addAccount(kSales));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    m_services->setOperatorName(QStringLiteral("console (test)"));
}

void TestArchiveSettings::cleanup()
{
    m_page.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_store.reset();
}

QStringList TestArchiveSettings::keeping() const
{
    const auto r = m_services->archive().domainsKeepingReceived();
    return r ? *r : QStringList{QStringLiteral("(error)")};
}

QList<ArchiveSearchUser> TestArchiveSettings::users() const
{
    const auto r = m_services->archive().searchUsers();
    return r ? *r : QList<ArchiveSearchUser>();
}

ArchiveSettingsDialog *TestArchiveSettings::openDialog()
{
    m_page = std::make_unique<ArchiveSearchPage>(*m_services);
    m_page->resize(1100, 700);
    m_page->show();
    auto *button = m_page->findChild<QPushButton *>(QStringLiteral("archiveSettingsButton"));
    if (!button)
        return nullptr;
    button->click();
    auto *dialog =
        test::waitForVisible<ArchiveSettingsDialog>(m_page.get(), "archiveSettingsDialog");
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, 20000))
        return nullptr;
    return dialog;
}

ArchiveSearchUserDialog *TestArchiveSettings::fillAddDialog(ArchiveSettingsDialog *dialog,
                                                            const QString &name,
                                                            const QString &password,
                                                            const QString &onlyAccount)
{
    auto *add = dialog->findChild<QPushButton *>(QStringLiteral("addSearchUserButton"));
    if (!add || !QTest::qWaitFor([add] { return add->isEnabled(); }, 20000))
        return nullptr;
    add->click();
    auto *d = test::waitForVisible<ArchiveSearchUserDialog>(dialog, "searchUserDialog");
    if (!d)
        return nullptr;
    d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(name);
    d->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(password);
    d->findChild<QLineEdit *>(QStringLiteral("confirmEdit"))->setText(password);
    if (!onlyAccount.isEmpty()) {
        d->findChild<QRadioButton *>(QStringLiteral("chosenAccountsRadio"))->click();
        auto *list = d->findChild<QListWidget *>(QStringLiteral("accountList"));
        if (!list->isEnabled())
            return nullptr;
        const auto items = list->findItems(onlyAccount, Qt::MatchExactly);
        if (items.size() != 1)
            return nullptr;
        items.first()->setCheckState(Qt::Checked);
    }
    return d;
}

void TestArchiveSettings::model()
{
    ArchiveSearchUserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ArchiveSearchUser all{1, QStringLiteral("audit"), {}, 1700000000};
    ArchiveSearchUser limited{2, QStringLiteral("kansa"), {kSales, kUser}, 1700000100};
    model.setUsers({all, limited});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("kansa")), 1);
    const QModelIndex first = model.index(0, ArchiveSearchUserModel::AccountsColumn);
    QCOMPARE(first.data(SearchUserNameRole).toString(), QStringLiteral("audit"));
    QVERIFY(first.data(SearchUserAllAccountsRole).toBool());
    QVERIFY(!first.data().toString().isEmpty()); // "all accounts" in words
    const QModelIndex second = model.index(1, ArchiveSearchUserModel::AccountsColumn);
    QCOMPARE(second.data(SearchUserAccountsRole).toStringList(), QStringList({kSales, kUser}));
    QVERIFY(!second.data(SearchUserAllAccountsRole).toBool());
    QCOMPARE(model.index(1, 0).data(SearchUserCreatedRole).toDateTime().toSecsSinceEpoch(),
             qint64(1700000100));
    limited.accounts = {kUser};
    model.setUsers({limited});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(SearchUserAccountsRole).toStringList(), QStringList{kUser});
}

void TestArchiveSettings::domainsShowStoredState()
{
    QVERIFY(m_services->archive().setKeepReceived(kBranch, true, QStringLiteral("test")));
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QStandardItemModel *domains = dialog->domainModel();
    QCOMPARE(domains->rowCount(), 2);
    QStringList listed;
    for (int row = 0; row < domains->rowCount(); ++row) {
        const QModelIndex keep = domains->index(row, ArchiveSettingsDialog::KeepColumn);
        const QString domain = keep.data(ArchiveDomainRole).toString();
        listed << domain;
        QCOMPARE(domains->index(row, ArchiveSettingsDialog::DomainNameColumn)
                     .data(ArchiveDomainRole)
                     .toString(),
                 domain);
        QVERIFY(keep.flags() & Qt::ItemIsUserCheckable);
        QCOMPARE(keep.data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 domain == kBranch ? Qt::Checked : Qt::Unchecked);
    }
    listed.sort();
    QCOMPARE(listed, QStringList({kBranch, kDomain}));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("sentNote"))->isVisible());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("signInLabel"))->text().isEmpty());
}

void TestArchiveSettings::toggleKeepsReceived()
{
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(keeping(), QStringList());
    QStandardItemModel *domains = dialog->domainModel();
    auto rowOf = [domains](const QString &domain) {
        for (int row = 0; row < domains->rowCount(); ++row)
            if (domains->index(row, 0).data(ArchiveDomainRole).toString() == domain)
                return row;
        return -1;
    };
    QVERIFY(rowOf(kDomain) >= 0);
    QVERIFY(domains->setData(domains->index(rowOf(kDomain), ArchiveSettingsDialog::KeepColumn),
                             Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(keeping(), QStringList{kDomain}, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && dialog->domainView()->isEnabled(), 20000);
    // Reloaded from the service, the box stays checked.
    QTRY_COMPARE(domains->index(rowOf(kDomain), ArchiveSettingsDialog::KeepColumn)
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
                 Qt::Checked);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("messageLabel"))->text().isEmpty(), false);

    QVERIFY(domains->setData(domains->index(rowOf(kDomain), ArchiveSettingsDialog::KeepColumn),
                             Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(keeping(), QStringList(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    QTRY_COMPARE(domains->index(rowOf(kDomain), ArchiveSettingsDialog::KeepColumn)
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
                 Qt::Unchecked);
}

void TestArchiveSettings::addLimitedSearchUser()
{
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->userModel()->rowCount(), 0);
    ArchiveSearchUserDialog *add =
        fillAddDialog(dialog, QStringLiteral("kansa"), kPassword, kSales);
    QVERIFY(add);
    QCOMPARE(add->chosenAccounts(), QStringList{kSales});
    add->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->userModel()->rowCount(), 1, 20000);
    const QModelIndex row = dialog->userModel()->index(0, 0);
    QCOMPARE(row.data(SearchUserNameRole).toString(), QStringLiteral("kansa"));
    QCOMPARE(row.data(SearchUserAccountsRole).toStringList(), QStringList{kSales});
    QVERIFY(!row.data(SearchUserAllAccountsRole).toBool());
    const QList<ArchiveSearchUser> stored = users();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().name, QStringLiteral("kansa"));
    QCOMPARE(stored.first().accounts, QStringList{kSales});
    // The password given works; the user sees only its account.
    const auto searcher = m_services->archive().authenticate(QStringLiteral("kansa"), kPassword);
    QVERIFY(searcher);
    QCOMPARE(searcher->accounts, QStringList{kSales});
}

void TestArchiveSettings::reservedNameRefused()
{
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    ArchiveSearchUserDialog *add = fillAddDialog(dialog, QStringLiteral("admin"), kPassword, {});
    QVERIFY(add);
    QPointer<ArchiveSearchUserDialog> guard(add);
    add->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
    auto *error = add->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible() && !add->isBusy(), 20000);
    QVERIFY(!error->text().isEmpty());
    QVERIFY(guard && add->isVisible()); // stays open to be corrected
    QVERIFY(users().isEmpty());
    QCOMPARE(dialog->userModel()->rowCount(), 0);
}

void TestArchiveSettings::weakPasswordRefused()
{
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    ArchiveSearchUserDialog *add =
        fillAddDialog(dialog, QStringLiteral("kansa"), QStringLiteral("short"), {});
    QVERIFY(add);
    add->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
    auto *error = add->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY(add->isVisible());
    QThreadPool::globalInstance()->waitForDone(); // nothing may be on its way either
    QVERIFY(users().isEmpty());

    // Passwords that differ are refused as well.
    add->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(kPassword);
    add->findChild<QLineEdit *>(QStringLiteral("confirmEdit"))->setText(kPassword + u'x');
    error->clear();
    add->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
    QTRY_VERIFY(!error->text().isEmpty());
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(users().isEmpty());
}

void TestArchiveSettings::deleteSearchUser()
{
    QVERIFY(m_services->archive().addSearchUser(QStringLiteral("audit"), kPassword, {},
                                                QStringLiteral("test")));
    QVERIFY(m_services->archive().addSearchUser(QStringLiteral("kansa"), kPassword, {kUser},
                                                QStringLiteral("test")));
    ArchiveSettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    ArchiveSearchUserModel *model = dialog->userModel();
    QCOMPARE(model->rowCount(), 2);
    const int row = model->rowOf(QStringLiteral("kansa"));
    QVERIFY(row >= 0);
    QVERIFY(model->index(model->rowOf(QStringLiteral("audit")), 0)
                .data(SearchUserAllAccountsRole)
                .toBool());
    dialog->userView()->selectRow(row);
    auto *remove = dialog->findChild<QPushButton *>(QStringLiteral("deleteSearchUserButton"));
    QTRY_VERIFY(remove->isEnabled());
    remove->click();
    auto *box = test::waitForVisible<QMessageBox>(dialog, "confirmDeleteSearchUserBox");
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 20000);
    QCOMPARE(model->index(0, 0).data(SearchUserNameRole).toString(), QStringLiteral("audit"));
    const QList<ArchiveSearchUser> stored = users();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().name, QStringLiteral("audit"));
}

FUMIBAKO_UI_TEST(TestArchiveSettings);
#include "tst_archive_settings.moc"
