// The console's models under QAbstractItemModelTester, fed snapshots the way
// the pages feed them; assertions are on roles, not on translated text.
#include "testregistry.h"

#include "accounttablemodel.h"
#include "itemroles.h"
#include "listenertablemodel.h"
#include "logtablemodel.h"

#include "service/mailserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace fumibako;

namespace
{

Account makeAccount(const QString &address, qint64 used, bool enabled = true,
                    Account::Role role = Account::Role::User)
{
    Account a;
    a.id = qHash(address);
    a.address = address;
    a.displayName = address.section(QLatin1Char('@'), 0, 0);
    a.role = role;
    a.enabled = enabled;
    a.usedBytes = used;
    return a;
}

QStringList addresses(const QAbstractItemModel &m)
{
    QStringList out;
    for (int row = 0; row < m.rowCount(); ++row)
        out << m.index(row, 0).data(AccountAddressRole).toString();
    return out;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accountSnapshotsUpdateInPlace();
    void accountRolesAndSorting();
    void humanSize_data();
    void humanSize();
    void logEntries();
    void logDescriptions_data();
    void logDescriptions();
    void listeners();
};

void TestModels::accountSnapshotsUpdateInPlace()
{
    AccountTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setAccounts({makeAccount(QStringLiteral("a@example.jp"), 0),
                       makeAccount(QStringLiteral("b@example.jp"), 10),
                       makeAccount(QStringLiteral("c@example.jp"), 20)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AccountTableModel::ColumnCount));
    QCOMPARE(inserted.count(), 1);

    // b grows, a goes away, d arrives: one removal, one change, one insertion, no reset.
    model.setAccounts({makeAccount(QStringLiteral("b@example.jp"), 999),
                       makeAccount(QStringLiteral("c@example.jp"), 20),
                       makeAccount(QStringLiteral("d@example.jp"), 5)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(addresses(model),
             (QStringList{QStringLiteral("b@example.jp"), QStringLiteral("c@example.jp"),
                          QStringLiteral("d@example.jp")}));
    QCOMPARE(model.index(model.rowOf(QStringLiteral("B@example.jp")), 0)
                 .data(AccountUsedBytesRole)
                 .toLongLong(),
             999);

    // The same snapshot again changes nothing.
    changed.clear();
    model.setAccounts(model.accounts());
    QCOMPARE(changed.count(), 0);

    model.setAccounts({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::accountRolesAndSorting()
{
    AccountTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Account noreply =
        makeAccount(QStringLiteral("noreply@example.jp"), 0, true, Account::Role::SendOnly);
    Account big =
        makeAccount(QStringLiteral("big@example.jp"), 5 * 1024 * 1024, false, Account::Role::Admin);
    big.quotaBytes = 10 * 1024 * 1024;
    Account small = makeAccount(QStringLiteral("small@example.jp"), 900 * 1024);
    model.setAccounts({noreply, big, small});

    const QModelIndex b = model.index(model.rowOf(QStringLiteral("big@example.jp")), 0);
    QCOMPARE(b.data(AccountRoleRole).toInt(), int(Account::Role::Admin));
    QCOMPARE(b.data(AccountEnabledRole).toBool(), false);
    QCOMPARE(b.data(AccountQuotaBytesRole).toLongLong(), 10 * 1024 * 1024);
    QCOMPARE(b.data(AccountBuiltInRole).toBool(), false);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("noreply@example.jp")), 0)
                 .data(AccountBuiltInRole)
                 .toBool(),
             true);
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());

    // Used space sorts by bytes, not by its text ("5.0 MB" < "900 KB" as strings).
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(AccountTableModel::UsedColumn, Qt::DescendingOrder);
    QCOMPARE(addresses(proxy),
             (QStringList{QStringLiteral("big@example.jp"), QStringLiteral("small@example.jp"),
                          QStringLiteral("noreply@example.jp")}));
    // A filter on any column finds the address.
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterFixedString(QStringLiteral("SMALL"));
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QCOMPARE(addresses(proxy), QStringList{QStringLiteral("small@example.jp")});

    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    model.retranslate();
    QCOMPARE(headers.count(), 1);
}

void TestModels::humanSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("1.2 MB") << qint64(1258291) << QStringLiteral("1.2 MB");
    QTest::newRow("1 KB") << qint64(1024) << QStringLiteral("1.0 KB");
    QTest::newRow("500 MB") << qint64(500) * 1024 * 1024 << QStringLiteral("500 MB");
    QTest::newRow("2.5 GB") << qint64(2684354560) << QStringLiteral("2.5 GB");
}

void TestModels::humanSize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    // Units and digits are not translated.
    QCOMPARE(AccountTableModel::humanSize(bytes), text);
}

void TestModels::logEntries()
{
    LogTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<LogEntry> entries;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (LogEntry::Kind kind : LogTableModel::kinds()) {
        LogEntry e;
        e.time = now.addSecs(-entries.size() * 60);
        e.kind = kind;
        e.address = QStringLiteral("user%1@example.jp").arg(entries.size());
        e.peer = QStringLiteral("192.0.2.1");
        e.text = QStringLiteral("server started");
        entries << e;
    }
    model.setEntries(entries);
    QCOMPARE(model.rowCount(), int(entries.size()));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(LogKindRole).toInt(), int(entries.at(row).kind));
    QVERIFY(LogTableModel::kinds().contains(LogEntry::Kind::AuthFailure));
    QCOMPARE(model.index(4, 0).data(LogAddressRole).toString(), QStringLiteral("user4@example.jp"));
    QCOMPARE(model.index(0, 0).data(LogTimeRole).toDateTime(), now);
    QCOMPARE(model.index(0, 0).data(LogTextRole).toString(), QStringLiteral("server started"));
    // Every kind server-core logs has the console's own word (not its internal name).
    for (LogEntry::Kind kind : LogTableModel::kinds())
        QVERIFY2(LogTableModel::kindText(kind) != LogEntry::kindName(kind),
                 qPrintable(LogEntry::kindName(kind)));

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(LogTableModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(LogKindRole).toInt(),
             int(LogTableModel::kinds().last())); // the oldest
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::logDescriptions_data()
{
    // The server's log lines (smtpsession.cpp, pop3session.cpp, mailserver.cpp):
    // each known shape is reworded, keeping its data; anything else is kept.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("kept");
    QTest::addColumn<bool>("reworded");
    QTest::newRow("received") << QStringLiteral("id=1A2B from=<a@client.example> size=2048 nrcpt=2")
                              << QStringList{QStringLiteral("1A2B"),
                                             QStringLiteral("a@client.example"),
                                             QStringLiteral("2.0 KB")}
                              << true;
    QTest::newRow("submitted")
        << QStringLiteral(
               "id=9F from=<yamada@example.jp> size=10 nrcpt=1 sasl_username=yamada@example.jp")
        << QStringList{QStringLiteral("9F"), QStringLiteral("yamada@example.jp")} << true;
    QTest::newRow("discarded")
        << QStringLiteral("id=77 from=<> size=10 nrcpt=1 discarded (send-only recipient)")
        << QStringList{QStringLiteral("77")} << true;
    QTest::newRow("not accepted")
        << QStringLiteral("id=78 from=<x@y.jp> size=10 nrcpt=1 not accepted: disk full")
        << QStringList{QStringLiteral("78"), QStringLiteral("disk full")} << true;
    QTest::newRow("delivered") << QStringLiteral("id=ABC delivered to mailbox")
                               << QStringList{QStringLiteral("ABC")} << true;
    QTest::newRow("queued") << QStringLiteral("id=ABD queued for outbound delivery")
                            << QStringList{QStringLiteral("ABD")} << true;
    QTest::newRow("pop3 login") << QStringLiteral("POP3 login (TLS), 5 messages")
                                << QStringList{QStringLiteral("5")} << true;
    QTest::newRow("pop3 logout") << QStringLiteral("POP3 logout, 3 messages deleted")
                                 << QStringList{QStringLiteral("3")} << true;
    QTest::newRow("too big")
        << QStringLiteral("rejected: message of 31457280 bytes exceeds the limit from=<big@x.jp>")
        << QStringList{QStringLiteral("30.0 MB"), QStringLiteral("big@x.jp")} << true;
    QTest::newRow("deferred") << QStringLiteral(
                                     "deferred: too many messages in transit from=<z@y.jp>")
                              << QStringList{QStringLiteral("z@y.jp")} << true;
    QTest::newRow("imap login") << QStringLiteral("IMAP login") << QStringList() << true;
    QTest::newRow("imap sessions")
        << QStringLiteral(
               "IMAP login refused: too many sessions for this account from this address")
        << QStringList() << true;
    QTest::newRow("started") << QStringLiteral("server started") << QStringList() << true;
    QTest::newRow("lockout") << QStringLiteral(
                                    "POP3 login refused: locked out after repeated failures")
                             << QStringList() << true;
    QTest::newRow("unknown") << QStringLiteral("something new happened") << QStringList() << false;
}

void TestModels::logDescriptions()
{
    QFETCH(QString, text);
    QFETCH(QStringList, kept);
    QFETCH(bool, reworded);
    LogEntry e;
    e.text = text;
    const QString shown = LogTableModel::describe(e);
    QVERIFY(!shown.isEmpty());
    // Under the English catalogue the console still rewords; compare shapes, not words.
    QCOMPARE(shown != text, reworded);
    for (const QString &k : kept)
        QVERIFY2(shown.contains(k), qPrintable(shown));
}

void TestModels::listeners()
{
    ListenerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServerStatus s;
    for (const char *name : {"smtp", "submission", "smtps", "pop3", "pop3s"})
        s.listeners << ListenerStatus{QLatin1String(name), QString(), 0, false, QString()};
    model.setStatus(s);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(0, 0).data(ListenerListeningRole).toBool(), false);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    s.listeners[3] =
        ListenerStatus{QStringLiteral("pop3"), QStringLiteral("0.0.0.0"), 2110, true, QString()};
    model.setStatus(s);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(3, 0).data(ListenerNameRole).toString(), QStringLiteral("pop3"));
    QCOMPARE(model.index(3, 0).data(ListenerPortRole).toInt(), 2110);
    QCOMPARE(model.index(3, 0).data(ListenerListeningRole).toBool(), true);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(!model.index(row, ListenerTableModel::ServiceColumn).data().toString().isEmpty());
    // Every listener the server has is named and explained for people.
    for (const QString &name : MailServer::listenerNames()) {
        QVERIFY2(ListenerTableModel::serviceText(name) != name, qPrintable(name));
        QVERIFY2(!ListenerTableModel::purposeText(name).isEmpty(), qPrintable(name));
    }

    s.listeners.removeLast();
    model.setStatus(s);
    QCOMPARE(model.rowCount(), 4);
}

FUMIBAKO_UI_TEST(TestModels);
#include "tst_models.moc"
