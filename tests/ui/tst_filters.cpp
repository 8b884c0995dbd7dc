// The spam filter page (迷惑メールフィルタ): FilterTableModel under
// QAbstractItemModelTester, and FilterPage over a real data dir — entries
// added and removed through the page are FilterService's; the 100-a-field
// limit disables Add and the store refuses a 101st; the common filter's
// switches and an account's retention are saved as chosen. Assertions are on
// roles, object names and the store, never on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "filtertablemodel.h"
#include "itemroles.h"
#include "pages/filterpage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace fumibako;

namespace
{

const QString kBob = QStringLiteral("bob@example.test");

FilterEntry entry(qint64 id, FilterEntry::List list, FilterEntry::Field field, QString value)
{
    FilterEntry e;
    e.id = id;
    e.list = list;
    e.field = field;
    e.value = std::move(value);
    return e;
}

void choose(QComboBox *combo, int data)
{
    combo->setCurrentIndex(combo->findData(data));
}

} // namespace

class TestFilters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelKeepsRowsByIdAndCounts()
    {
        FilterTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto deny = FilterEntry::List::Deny;
        const auto allow = FilterEntry::List::Allow;
        model.setEntries({entry(1, deny, FilterEntry::Field::Sender, QStringLiteral("a@x.test")),
                          entry(2, allow, FilterEntry::Field::Domain, QStringLiteral("y.test")),
                          entry(3, deny, FilterEntry::Field::Language, QStringLiteral("english"))});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.count(deny, FilterEntry::Field::Sender), 1);
        QCOMPARE(model.index(2, 0).data(FilterValueRole).toString(), QStringLiteral("english"));
        QCOMPARE(model.index(1, 0).data(FilterListRole).toInt(), int(allow));
        // A language is shown by its name, not its key.
        QVERIFY(model.index(2, FilterTableModel::ValueColumn).data().toString() !=
                QStringLiteral("english"));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setEntries({entry(1, deny, FilterEntry::Field::Sender, QStringLiteral("a@x.test")),
                          entry(3, deny, FilterEntry::Field::Language, QStringLiteral("english")),
                          entry(4, deny, FilterEntry::Field::Subject, QStringLiteral("広告"))});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(FilterEntryIdRole).toLongLong(), 1);
        QCOMPARE(model.index(2, 0).data(FilterEntryIdRole).toLongLong(), 4);
    }

    void pageAddsRemovesAndSavesOptions()
    {
        test::TestMailStore store(QStringLiteral("example.test"));
        QVERIFY2(store.problem().isEmpty(), qPrintable(store.problem()));
        QVERIFY(store.addAccount(kBob));
        ConsoleServices services(store.db(), store.dir());
        FilterPage page(services);
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *scope = page.findChild<QComboBox *>(QStringLiteral("scopeCombo"));
        QTRY_VERIFY(scope->findData(kBob) > 0); // accounts listed after the first load
        page.setScope(kBob);
        QTRY_VERIFY(!page.isBusy());

        auto *list = page.findChild<QComboBox *>(QStringLiteral("listCombo"));
        auto *field = page.findChild<QComboBox *>(QStringLiteral("fieldCombo"));
        auto *value = page.findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        auto *add = page.findChild<QPushButton *>(QStringLiteral("addButton"));
        auto *languages = page.findChild<QComboBox *>(QStringLiteral("languageCombo"));
        choose(list, int(FilterEntry::List::Deny));
        choose(field, int(FilterEntry::Field::Sender));
        QVERIFY(!add->isEnabled()); // nothing typed
        value->setText(QStringLiteral(" Spam@Far.Test "));
        QVERIFY(add->isEnabled());
        add->click();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->index(0, 0).data(FilterValueRole).toString(),
                 QStringLiteral("spam@far.test"));
        QVERIFY(value->text().isEmpty());
        // A language: blocked only; Allow cannot be added with it.
        choose(field, int(FilterEntry::Field::Language));
        languages->setCurrentIndex(0);
        choose(list, int(FilterEntry::List::Allow));
        QVERIFY(!add->isEnabled());
        choose(list, int(FilterEntry::List::Deny));
        QVERIFY(add->isEnabled());
        add->click();
        QTRY_COMPARE(page.model()->rowCount(), 2);
        auto stored = services.filters().entries(kBob);
        QVERIFY(stored);
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(1).field, FilterEntry::Field::Language);

        // Remove the sender entry through the page.
        page.view()->selectRow(0);
        const QString removedValue =
            page.view()->model()->index(0, 0).data(FilterValueRole).toString();
        page.findChild<QPushButton *>(QStringLiteral("removeButton"))->click();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QTRY_VERIFY(!page.isBusy());
        QCOMPARE(services.filters().entries(kBob)->size(), 1);
        QVERIFY(services.filters().entries(kBob)->first().value != removedValue);

        // Retention and the common filter for this account.
        auto *retention = page.findChild<QComboBox *>(QStringLiteral("retentionCombo"));
        choose(retention, 3);
        QTRY_VERIFY(!page.isBusy());
        QTRY_COMPARE(services.filters().view(kBob)->options.quarantineDays.value_or(0), 3);
        auto *common = page.findChild<QCheckBox *>(QStringLiteral("commonEnabledCheck"));
        QVERIFY(common->isChecked());
        common->setChecked(false);
        QTRY_VERIFY(!services.filters().view(kBob)->options.commonEnabled);
        QTRY_VERIFY(!page.isBusy());

        // The common filter: published from its own scope.
        page.setScope(QString());
        QTRY_VERIFY(!page.isBusy());
        auto *published = page.findChild<QCheckBox *>(QStringLiteral("publishedCheck"));
        QTRY_VERIFY(published->isVisible());
        published->setChecked(true);
        QTRY_VERIFY(services.filters().common()->published);
    }

    void hundredEntriesFillAField()
    {
        test::TestMailStore store(QStringLiteral("example.test"));
        QVERIFY2(store.problem().isEmpty(), qPrintable(store.problem()));
        ConsoleServices services(store.db(), store.dir());
        for (int i = 0; i < FilterStore::kMaxEntriesPerField; ++i)
            QVERIFY(services.filters().add(
                QString(), FilterEntry::List::Deny, FilterEntry::Field::Domain,
                QStringLiteral("d%1.test").arg(i), QStringLiteral("test")));
        FilterPage page(services);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE(page.model()->rowCount(), FilterStore::kMaxEntriesPerField);
        choose(page.findChild<QComboBox *>(QStringLiteral("listCombo")),
               int(FilterEntry::List::Deny));
        choose(page.findChild<QComboBox *>(QStringLiteral("fieldCombo")),
               int(FilterEntry::Field::Domain));
        page.findChild<QLineEdit *>(QStringLiteral("valueEdit"))
            ->setText(QStringLiteral("one-more.test"));
        auto *add = page.findChild<QPushButton *>(QStringLiteral("addButton"));
        QVERIFY(!add->isEnabled()); // the field is full
        // Another field of the same filter still takes entries.
        choose(page.findChild<QComboBox *>(QStringLiteral("fieldCombo")),
               int(FilterEntry::Field::Sender));
        page.findChild<QLineEdit *>(QStringLiteral("valueEdit"))
            ->setText(QStringLiteral("a@one-more.test"));
        QVERIFY(add->isEnabled());
        // And the service refuses a 101st even if a page were behind.
        auto over =
            services.filters().add(QString(), FilterEntry::List::Deny, FilterEntry::Field::Domain,
                                   QStringLiteral("one-more.test"), QStringLiteral("test"));
        QVERIFY(!over);
        QCOMPARE(over.error().kind, Error::Kind::Limit);
    }
};

FUMIBAKO_UI_TEST(TestFilters);
#include "tst_filters.moc"
