// The 別名・グループ page: AliasTableModel and GroupTableModel under
// QAbstractItemModelTester (rows kept by key, changed in place), and
// AliasPage over a real data dir — an alias, the domain's catch-all and a
// group added and removed through the page are what ForwardingService
// holds. Assertions are on roles, object names and the service, never on
// translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "aliastablemodel.h"
#include "consoleservices.h"
#include "grouptablemodel.h"
#include "itemroles.h"
#include "pages/aliaspage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

using namespace fumibako;

namespace
{

const QString kDomain = QStringLiteral("example.test");
const QString kAlice = QStringLiteral("alice@example.test");
const QString kBob = QStringLiteral("bob@example.test");

GroupAddress group(qint64 id, const QString &address, const QStringList &members)
{
    GroupAddress g;
    g.id = id;
    g.address = address;
    g.members = members;
    return g;
}

template <typename T> T *child(QWidget *parent, const char *name)
{
    auto *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

void confirm(QWidget *page, const char *box)
{
    auto *b = test::waitForVisible<QMessageBox>(page, box);
    QVERIFY2(b, box);
    b->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
}

// The row of `view` whose source row has `value` in `role`; -1: none.
int rowWith(QTableView *view, int role, const QString &value)
{
    for (int row = 0; row < view->model()->rowCount(); ++row)
        if (view->model()->index(row, 0).data(role).toString() == value)
            return row;
    return -1;
}

} // namespace

class TestAliases : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aliasModelKeepsRowsAndMarksCatchAll()
    {
        AliasTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAliases({{QStringLiteral("info@example.test"), kAlice},
                          {QStringLiteral("@example.test"), kBob}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(AliasAddressRole).toString(),
                 QStringLiteral("info@example.test"));
        QCOMPARE(model.index(0, 1).data(AliasAccountRole).toString(), kAlice);
        QVERIFY(!model.index(0, 0).data(AliasCatchAllRole).toBool());
        QVERIFY(model.index(1, 0).data(AliasCatchAllRole).toBool());
        QCOMPARE(model.index(1, 0).data(AliasDomainRole).toString(), kDomain);
        QCOMPARE(model.catchAll(kDomain), kBob);
        QVERIFY(model.catchAll(QStringLiteral("other.test")).isEmpty());

        // A changed target is changed in place; a gone alias leaves; a new one is appended.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setAliases({{QStringLiteral("info@example.test"), kBob},
                          {QStringLiteral("sales@example.test"), kAlice}});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(AliasAccountRole).toString(), kBob);
        QCOMPARE(model.index(1, 0).data(AliasAddressRole).toString(),
                 QStringLiteral("sales@example.test"));
        QVERIFY(model.catchAll(kDomain).isEmpty());
        model.retranslate();
        model.setAliases({});
        QCOMPARE(model.rowCount(), 0);
    }

    void groupModelKeepsRowsByAddress()
    {
        GroupTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString sales = QStringLiteral("sales@example.test");
        model.setGroups({group(1, sales, {kAlice, kBob}),
                         group(2, QStringLiteral("all@example.test"), {sales})});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(GroupAddressRole).toString(), sales);
        QCOMPARE(model.index(0, 0).data(GroupMembersRole).toStringList(),
                 (QStringList{kAlice, kBob}));
        QCOMPARE(model.index(0, GroupTableModel::CountColumn).data(GroupMemberCountRole).toInt(),
                 2);
        QCOMPARE(model.index(1, 0).data(GroupIdRole).toLongLong(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("ALL@example.test")), 1);
        QCOMPARE(model.rowOf(QStringLiteral("none@example.test")), -1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setGroups({group(1, sales, {kAlice, kBob, QStringLiteral("x@outside.example")})});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.index(0, 0).data(GroupMemberCountRole).toInt(), 3);
        model.retranslate();
    }

    void pageAddsAndRemovesAliasesAndGroups()
    {
        test::TestMailStore store(kDomain);
        QVERIFY2(store.problem().isEmpty(), qPrintable(store.problem()));
        QVERIFY(store.addAccount(kAlice));
        QVERIFY(store.addAccount(kBob));
        ConsoleServices services(store.db(), store.dir());
        services.setOperatorName(QStringLiteral("tester"));
        AliasPage page(services);
        QAbstractItemModelTester aliasTester(
            page.aliasModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester groupTester(
            page.groupModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1100, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *account = child<QComboBox>(&page, "aliasAccountCombo");
        QTRY_VERIFY(account->findData(kBob) >= 0); // accounts listed after the first load
        QTRY_VERIFY(!page.isBusy());

        // An alias: info@ → bob.
        auto *local = child<QLineEdit>(&page, "aliasLocalEdit");
        auto *add = child<QPushButton>(&page, "addAliasButton");
        QVERIFY(!add->isEnabled()); // nothing typed
        local->setText(QStringLiteral("Info"));
        account->setCurrentIndex(account->findData(kBob));
        QVERIFY(add->isEnabled());
        add->click();
        QTRY_COMPARE(page.aliasView()->model()->rowCount(), 1);
        QTRY_VERIFY(!page.isBusy());
        QCOMPARE(page.aliasView()->model()->index(0, 0).data(AliasAddressRole).toString(),
                 QStringLiteral("info@example.test"));
        QVERIFY(local->text().isEmpty());
        auto aliases = services.forwarding().aliases();
        QVERIFY(aliases);
        QCOMPARE(aliases->size(), 1);
        QCOMPARE(aliases->first().account, kBob);
        // The same address again: refused, said on the page.
        local->setText(QStringLiteral("info"));
        QSignalSpy failed(&page, &ActionPage::actionFailed);
        add->click();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Exists);
        QTRY_VERIFY(!page.isBusy());

        // The catch-all: off until turned on, listed apart from the named aliases.
        auto *on = child<QPushButton>(&page, "catchAllOnButton");
        auto *off = child<QPushButton>(&page, "catchAllOffButton");
        QVERIFY(!off->isEnabled());
        QVERIFY(page.aliasModel()->catchAll(kDomain).isEmpty());
        auto *catchAllAccount = child<QComboBox>(&page, "catchAllAccountCombo");
        catchAllAccount->setCurrentIndex(catchAllAccount->findData(kAlice));
        // Enabled once the page is idle: the refused add's reload may still be under way.
        QTRY_VERIFY(on->isEnabled());
        on->click();
        QTRY_COMPARE(page.aliasModel()->catchAll(kDomain), kAlice);
        QTRY_VERIFY(!page.isBusy());
        QCOMPARE(page.aliasView()->model()->rowCount(), 1); // the table shows named aliases only
        QVERIFY(off->isEnabled());
        QVERIFY(!on->isEnabled()); // already to this account
        // To another account: changed in one step.
        catchAllAccount->setCurrentIndex(catchAllAccount->findData(kBob));
        QVERIFY(on->isEnabled());
        on->click();
        QTRY_COMPARE(page.aliasModel()->catchAll(kDomain), kBob);
        QTRY_VERIFY(!page.isBusy());
        off->click();
        QTRY_VERIFY(page.aliasModel()->catchAll(kDomain).isEmpty());
        QTRY_VERIFY(!page.isBusy());
        QCOMPARE(services.forwarding().aliases()->size(), 1);

        // Remove the alias, after the question.
        page.aliasView()->selectRow(0);
        auto *remove = child<QPushButton>(&page, "removeAliasButton");
        QVERIFY(remove->isEnabled());
        remove->click();
        confirm(&page, "confirmRemoveAliasBox");
        QTRY_COMPARE(page.aliasView()->model()->rowCount(), 0);
        QTRY_VERIFY(!page.isBusy());
        QVERIFY(services.forwarding().aliases()->isEmpty());

        // A group: a bare name is of the group's domain; an outside address as is.
        auto *groupLocal = child<QLineEdit>(&page, "groupLocalEdit");
        auto *members = child<QLineEdit>(&page, "membersEdit");
        auto *addGroup = child<QPushButton>(&page, "addGroupButton");
        groupLocal->setText(QStringLiteral("sales"));
        QVERIFY(!addGroup->isEnabled()); // no members yet
        members->setText(QStringLiteral("alice、 Bob@Example.test, partner@outside.example"));
        QVERIFY(addGroup->isEnabled());
        addGroup->click();
        QTRY_COMPARE(page.groupModel()->rowCount(), 1);
        QTRY_VERIFY(!page.isBusy());
        const QString sales = QStringLiteral("sales@example.test");
        QCOMPARE(page.groupModel()->index(0, 0).data(GroupMembersRole).toStringList(),
                 (QStringList{kAlice, kBob, QStringLiteral("partner@outside.example")}));
        QVERIFY(members->text().isEmpty());

        // More members: choosing the group fills its address; adding adds to it.
        page.groupView()->selectRow(0);
        QCOMPARE(groupLocal->text(), QStringLiteral("sales"));
        members->setText(QStringLiteral("boss@outside.example"));
        addGroup->click();
        QTRY_COMPARE(page.groupModel()->index(0, 0).data(GroupMemberCountRole).toInt(), 4);
        QTRY_VERIFY(!page.isBusy());
        auto groups = services.forwarding().groups();
        QVERIFY(groups);
        QCOMPARE(groups->size(), 1);
        QCOMPARE(groups->first().address, sales);
        QCOMPARE(groups->first().members.size(), 4);

        // A member that is no address: refused before the service is asked.
        members->setText(QStringLiteral("not an@address@"));
        addGroup->click();
        QVERIFY(!page.isBusy());
        QCOMPARE(page.groupModel()->index(0, 0).data(GroupMemberCountRole).toInt(), 4);

        // Remove the group, after the question.
        page.groupView()->selectRow(0);
        child<QPushButton>(&page, "removeGroupButton")->click();
        confirm(&page, "confirmRemoveGroupBox");
        QTRY_COMPARE(page.groupModel()->rowCount(), 0);
        QTRY_VERIFY(!page.isBusy());
        QVERIFY(services.forwarding().groups()->isEmpty());
        QThreadPool::globalInstance()->waitForDone(); // the last reload uses `services`
    }

    void pageShowsExistingCatchAll()
    {
        test::TestMailStore store(kDomain);
        QVERIFY2(store.problem().isEmpty(), qPrintable(store.problem()));
        QVERIFY(store.addAccount(kAlice));
        QVERIFY(store.addAccount(kBob));
        ConsoleServices services(store.db(), store.dir());
        QVERIFY(services.forwarding().addAlias(QStringLiteral("@example.test"), kBob,
                                               QStringLiteral("t")));
        AliasPage page(services);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE(page.aliasModel()->catchAll(kDomain), kBob);
        QTRY_VERIFY(!page.isBusy());
        // Listed apart from the named aliases, with the account receiving it chosen.
        QCOMPARE(page.aliasView()->model()->rowCount(), 0);
        QVERIFY(rowWith(page.aliasView(), AliasAddressRole, QStringLiteral("@example.test")) < 0);
        QCOMPARE(child<QComboBox>(&page, "catchAllAccountCombo")->currentData().toString(), kBob);
        QVERIFY(!child<QPushButton>(&page, "catchAllOnButton")->isEnabled());
        QVERIFY(child<QPushButton>(&page, "catchAllOffButton")->isEnabled());
        QVERIFY(!child<QLabel>(&page, "catchAllStatus")->text().isEmpty());
        QThreadPool::globalInstance()->waitForDone();
    }
};

FUMIBAKO_UI_TEST(TestAliases);
#include "tst_aliases.moc"
