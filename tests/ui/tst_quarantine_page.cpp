// The 迷惑メール page: QuarantineTableModel and QuarantineFilterModel under
// QAbstractItemModelTester (rows by id, the spam rules highest first, text,
// account, reason and date filters), and QuarantinePage over a real data dir
// whose held messages were written by QuarantineHoldJob — the list, the
// filters, the safe preview (ISO-2022-JP with ① and ㈱, HTML as text),
// release into INBOX byte for byte, delete after a confirmation (Cancel keeps
// it), a bulk release of many with its progress dialog, a failure named per
// message, the allow/block hooks (hidden when not connected, once per
// sender), and the dashboard's counts of today's viruses, spam and unscored
// mail. Assertions are on roles, object names and the store, never on
// translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "itemroles.h"
#include "pages/dashboardpage.h"
#include "pages/quarantinepage.h"
#include "quarantinetablemodel.h"
#include "servercontroller.h"

#include "mime/headerfields.h"
#include "scan/quarantine.h"
#include "store/logstore.h"
#include "store/quarantinestore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMutex>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <memory>

using namespace fumibako;
using fumibako::test::waitForVisible;

namespace
{

const QString kUser = QStringLiteral("user@example.co.jp");
const QString kSales = QStringLiteral("sales@example.co.jp");

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

// ① (JIS 0x2D21) and ㈱ (0x2D6A) are NEC row 13: CP50220 reads them.
const QByteArray kJapanese = crlf("From: =?ISO-2022-JP?B?GyRCRWw1fhsoQg==?= <tokyo@example.jp>\n"
                                  "To: user@example.co.jp\n"
                                  "Subject: =?ISO-2022-JP?B?GyRCLSEycTVEGyhC?=\n"
                                  "Date: Mon, 7 Dec 2026 09:30:00 +0900\n"
                                  "Content-Type: text/plain; charset=ISO-2022-JP\n"
                                  "\n"
                                  "\x1b$B-!2q5D$N$*CN$i$;\x1b(B\n"
                                  "\x1b$B-jEl5~\x1b(B\n");
const QByteArray kHtml = crlf("From: promo@shop.example\n"
                              "Subject: SALE\n"
                              "Content-Type: text/html; charset=UTF-8\n"
                              "\n"
                              "<html><body><p>Big &amp; cheap</p>"
                              "<img src=\"http://tracker.example/x.gif\"></body></html>\n");

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

int rowOf(const QAbstractItemModel *model, qint64 id)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(QuarantineIdRole).toLongLong() == id)
            return row;
    return -1;
}

QuarantineEntry entry(qint64 id, const QString &account, const QString &sender,
                      const QString &subject, const QString &kind, const QDateTime &received)
{
    QuarantineEntry e;
    e.message.id = id;
    e.message.account = account;
    e.message.recipient = account;
    e.message.sender = sender;
    e.message.reasonKind = kind;
    if (kind == QLatin1String("spam")) {
        e.message.score = 1000.0;
        e.message.rules = QStringLiteral(
            R"([{"name":"NO_RELAYS","score":-0.001},{"name":"GTUBE","score":1000}])");
        e.message.reason = QStringLiteral("score 1000.0 (required 5.0): GTUBE 1000.0");
    } else {
        e.message.reason = QStringLiteral("deny sender bad@spam.example");
    }
    e.message.receivedAt = received.toSecsSinceEpoch();
    e.received = received;
    e.subject = subject;
    e.message.size = 100;
    return e;
}

} // namespace

class TestQuarantinePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void modelRolesAndSnapshots();
    void filterModel();
    void pageListsAndFilters();
    void previewIsDecodedPlainText();
    void releaseMovesIntoInbox();
    void deleteAsksFirst();
    void bulkReleaseWithProgress();
    void failureIsNamedPerMessage();
    void stopSkipsTheRest();
    void senderHooks();
    void dashboardCountsToday();

private:
    // Holds `message` for `account` as the server would (file + row, durably); its id.
    qint64 hold(const QString &account, const QByteArray &message, const QString &kind,
                const QString &sender = QStringLiteral("spammer@far.example"),
                const QDateTime &received = QDateTime::currentDateTime());
    std::unique_ptr<QuarantinePage> openPage();
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
};

void TestQuarantinePage::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    QVERIFY(m_store->addAccount(kUser));
    QVERIFY(m_store->addAccount(kSales));
    QVERIFY(Quarantine::ensureDirectory(Quarantine::directory(m_store->dir().path())));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    m_services->setOperatorName(QStringLiteral("console (test)"));
}

void TestQuarantinePage::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_store.reset();
}

qint64 TestQuarantinePage::hold(const QString &account, const QByteArray &message,
                                const QString &kind, const QString &sender,
                                const QDateTime &received)
{
    auto a = AccountStore(m_store->db()).find(account);
    if (!a)
        return 0;
    QuarantineHoldJob::Copy c;
    c.row.accountId = a->id;
    c.row.receivedAt = received.toSecsSinceEpoch();
    c.row.sender = sender;
    c.row.recipient = account;
    c.row.subject = firstFieldValue(message, "Subject");
    c.row.reasonKind = kind;
    if (kind == QLatin1String("spam")) {
        c.row.score = 1000.0;
        c.row.rules = QStringLiteral(R"([{"name":"GTUBE","score":1000}])");
        c.row.reason = QStringLiteral("score 1000.0 (required 5.0): GTUBE 1000.0");
    } else {
        c.row.reason = QStringLiteral("deny domain far.example");
    }
    c.parts = {"Return-Path: <" + sender.toUtf8() + ">\r\n", message};
    QuarantineHoldJob job(Quarantine::directory(m_store->dir().path()), {c});
    if (!runStoreJobNow(m_store->db(), job))
        return 0;
    return job.ids().value(0);
}

std::unique_ptr<QuarantinePage> TestQuarantinePage::openPage()
{
    auto page = std::make_unique<QuarantinePage>(*m_services);
    QSignalSpy refreshed(page.get(), &QuarantinePage::refreshed);
    page->resize(1100, 700);
    page->show();
    if (!refreshed.wait(20000))
        return nullptr;
    return page;
}

void TestQuarantinePage::modelRolesAndSnapshots()
{
    QuarantineTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const QDateTime now = QDateTime::currentDateTime();
    model.setEntries(
        {entry(1, kUser, QStringLiteral("a@x.example"), u("件名"), QStringLiteral("spam"), now),
         entry(2, kSales, QString(), QString(), QStringLiteral("filter"), now)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(QuarantineTableModel::ColumnCount));
    const QModelIndex spam = model.index(0, 0);
    QCOMPARE(spam.data(QuarantineIdRole).toLongLong(), 1);
    QCOMPARE(spam.data(QuarantineAccountRole).toString(), kUser);
    QCOMPARE(spam.data(QuarantineSubjectRole).toString(), u("件名"));
    QCOMPARE(spam.data(QuarantineReasonKindRole).toString(), QStringLiteral("spam"));
    QCOMPARE(spam.data(QuarantineScoreRole).toDouble(), 1000.0);
    QCOMPARE(spam.data(QuarantineReceivedRole).toDateTime().toSecsSinceEpoch(),
             now.toSecsSinceEpoch());
    // Highest points first, one decimal as spamd reports them.
    QCOMPARE(spam.data(QuarantineRulesRole).toStringList(),
             (QStringList{QStringLiteral("GTUBE 1000.0"), QStringLiteral("NO_RELAYS -0.0")}));
    QVERIFY(model.index(0, QuarantineTableModel::ReasonColumn)
                .data()
                .toString()
                .startsWith(QLatin1String("GTUBE 1000.0")));
    const QModelIndex filter = model.index(1, 0);
    QVERIFY(!filter.data(QuarantineScoreRole).isValid());
    QVERIFY(filter.data(QuarantineRulesRole).toStringList().isEmpty());
    QVERIFY(model.index(1, QuarantineTableModel::ReasonColumn)
                .data()
                .toString()
                .contains(QLatin1String("bad@spam.example")));
    QVERIFY(!model.index(1, QuarantineTableModel::SenderColumn).data().toString().isEmpty());
    // A tooltip reads HTML: a stranger's text in it is escaped.
    QuarantineEntry tagged =
        entry(9, kUser, QStringLiteral("x@x.example"), QString(), QStringLiteral("filter"), now);
    tagged.message.reason = QStringLiteral("deny subject <img src=http://x.example/t.gif>");
    QuarantineTableModel taggedModel;
    taggedModel.setEntries({tagged});
    const QString tip = taggedModel.index(0, 0).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(QLatin1String("&lt;img")));
    QVERIFY(!tip.contains(QLatin1String("<img")));
    QCOMPARE(model.accounts(), (QStringList{kSales, kUser}));
    QCOMPARE(model.reasonKinds(), (QStringList{QStringLiteral("filter"), QStringLiteral("spam")}));
    for (int c = 0; c < model.columnCount(); ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());

    // One released, one arrived: rows in place, no reset.
    model.setEntries({entry(2, kSales, QString(), QString(), QStringLiteral("filter"), now),
                      entry(3, kUser, QStringLiteral("b@x.example"), QStringLiteral("new"),
                            QStringLiteral("spoofing"), now)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data(QuarantineIdRole).toLongLong(), 2);
    QCOMPARE(model.index(1, 0).data(QuarantineIdRole).toLongLong(), 3);
    QVERIFY(model.entry(3));
    QVERIFY(!model.entry(1));
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
    model.retranslate();
}

void TestQuarantinePage::filterModel()
{
    QuarantineTableModel model;
    QuarantineFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime today = QDateTime::currentDateTime();
    const QDateTime old = today.addDays(-5);
    model.setEntries({entry(1, kUser, QStringLiteral("a@shop.example"), u("①会議のお知らせ"),
                            QStringLiteral("spam"), today),
                      entry(2, kSales, QStringLiteral("b@spam.example"), QStringLiteral("Cheap"),
                            QStringLiteral("filter"), old),
                      entry(3, kUser, QStringLiteral("c@spam.example"), QStringLiteral("Offer"),
                            QStringLiteral("spam"), old)});
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setSearchText(QStringLiteral("SPAM.example")); // sender, any case
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setSearchText(u("会議")); // subject
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QStringLiteral("sales@")); // recipient
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QString());
    proxy.setAccountFilter(kUser);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setReasonKindFilter(QStringLiteral("spam"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setAccountFilter(QString());
    proxy.setReasonKindFilter(QStringLiteral("filter"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(QuarantineIdRole).toLongLong(), 2);
    proxy.setReasonKindFilter(QString());
    proxy.setDateRange(today.date().addDays(-1), today.date());
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(QuarantineIdRole).toLongLong(), 1);
    proxy.setDateRange(QDate(), old.date()); // open start, inclusive end
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setDateRange(QDate(), QDate());
    QCOMPARE(proxy.rowCount(), 3);
}

void TestQuarantinePage::pageListsAndFilters()
{
    {
        auto empty = openPage();
        QVERIFY(empty);
        QVERIFY(empty->isEmptyStateShown());
    }
    const qint64 a = hold(kUser, kJapanese, QStringLiteral("spam"));
    const qint64 b =
        hold(kSales, kHtml, QStringLiteral("filter"), QStringLiteral("promo@shop.example"),
             QDateTime::currentDateTime().addDays(-3));
    QVERIFY(a > 0 && b > 0);
    auto page = openPage();
    QVERIFY(page);
    QVERIFY(!page->isEmptyStateShown());
    QCOMPARE(page->model()->rowCount(), 2);
    // Newest first.
    QCOMPARE(page->view()->model()->index(0, 0).data(QuarantineIdRole).toLongLong(), a);
    // The filter buttons are hidden while no filter service is connected.
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("releaseButton"))->isVisible());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("releaseAllowButton"))->isVisible());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("blockButton"))->isVisible());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("releaseButton"))->isEnabled());

    auto *search = page->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    search->setText(QStringLiteral("shop.example"));
    QCOMPARE(page->view()->model()->rowCount(), 1);
    QCOMPARE(page->view()->model()->index(0, 0).data(QuarantineIdRole).toLongLong(), b);
    search->clear();
    QCOMPARE(page->view()->model()->rowCount(), 2);

    auto *accounts = page->findChild<QComboBox *>(QStringLiteral("accountCombo"));
    QCOMPARE(accounts->count(), 3); // all, sales, user
    accounts->setCurrentIndex(accounts->findData(kUser));
    QCOMPARE(page->view()->model()->rowCount(), 1);
    QCOMPARE(page->view()->model()->index(0, 0).data(QuarantineIdRole).toLongLong(), a);
    accounts->setCurrentIndex(0);

    auto *reasons = page->findChild<QComboBox *>(QStringLiteral("reasonCombo"));
    reasons->setCurrentIndex(reasons->findData(QStringLiteral("filter")));
    QCOMPARE(page->view()->model()->rowCount(), 1);
    QCOMPARE(page->view()->model()->index(0, 0).data(QuarantineIdRole).toLongLong(), b);
    reasons->setCurrentIndex(0);

    auto *range = page->findChild<QCheckBox *>(QStringLiteral("dateRangeCheck"));
    page->findChild<QDateEdit *>(QStringLiteral("dateFromEdit"))
        ->setDate(QDate::currentDate().addDays(-1));
    page->findChild<QDateEdit *>(QStringLiteral("dateToEdit"))->setDate(QDate::currentDate());
    QCOMPARE(page->view()->model()->rowCount(), 2); // off until checked
    range->setChecked(true);
    QCOMPARE(page->view()->model()->rowCount(), 1);
    QCOMPARE(page->view()->model()->index(0, 0).data(QuarantineIdRole).toLongLong(), a);
    range->setChecked(false);
    QCOMPARE(page->view()->model()->rowCount(), 2);
}

void TestQuarantinePage::previewIsDecodedPlainText()
{
    const qint64 jp = hold(kUser, kJapanese, QStringLiteral("spam"));
    const qint64 html = hold(kUser, kHtml, QStringLiteral("spam"));
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy shown(page.get(), &QuarantinePage::previewShown);
    page->view()->selectRow(rowOf(page->view()->model(), jp));
    QTRY_COMPARE_WITH_TIMEOUT(page->previewedId(), jp, 20000);
    QVERIFY(page->previewText()->toPlainText().contains(u("①会議のお知らせ")));
    QVERIFY(page->previewText()->toPlainText().contains(u("㈱東京")));
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("previewSubject"))->text(), u("①会議"));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("previewFrom"))
                ->text()
                .contains(u("東京 <tokyo@example.jp>")));
    // Strangers' text is never rich text.
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("previewSubject"))->textFormat(),
             Qt::PlainText);

    page->view()->selectRow(rowOf(page->view()->model(), html));
    QTRY_COMPARE_WITH_TIMEOUT(page->previewedId(), html, 20000);
    QCOMPARE(page->previewText()->toPlainText(), QStringLiteral("Big & cheap"));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("previewNote"))->isVisibleTo(page.get()));

    // Two selected: no preview.
    page->view()->selectAll();
    QTRY_COMPARE(page->previewedId(), 0);
    QVERIFY(page->previewText()->toPlainText().isEmpty());
}

void TestQuarantinePage::releaseMovesIntoInbox()
{
    const qint64 id = hold(kUser, kJapanese, QStringLiteral("spam"));
    const QuarantinedMessage held = *QuarantineStore(m_store->db()).find(id);
    QFile file(Quarantine::directory(m_store->dir().path()) + QLatin1Char('/') + held.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);
    page->view()->selectRow(0);
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("releaseButton"))->isEnabled());
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("releaseButton")),
                      Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(1).value<QList<qint64>>(), QList<qint64>{id});
    QVERIFY(finished.first().at(2).value<QList<qint64>>().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 0, 20000);
    QTRY_VERIFY(page->isEmptyStateShown());
    const QStringList inbox = m_store->files(kUser, QStringLiteral("INBOX"));
    QCOMPARE(inbox.size(), 1);
    QFile delivered(inbox.first());
    QVERIFY(delivered.open(QIODevice::ReadOnly));
    QCOMPARE(delivered.readAll(), bytes);
    // Audited with the console's name.
    LogFilter f;
    f.limit = 50;
    const auto lines = *LogStore(m_store->db()).query(f);
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const LogEntry &e) {
        return e.result == QLatin1String("released") &&
               e.text.contains(QLatin1String("console (test)"));
    }));
}

void TestQuarantinePage::deleteAsksFirst()
{
    const qint64 id = hold(kSales, kHtml, QStringLiteral("filter"));
    const QString path = Quarantine::directory(m_store->dir().path()) + QLatin1Char('/') +
                         QuarantineStore(m_store->db()).find(id)->path;
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);
    page->view()->selectRow(0);

    page->deleteSelected();
    auto *box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    QCOMPARE(box->textFormat(), Qt::PlainText);
    auto *cancel = box->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QCOMPARE(box->defaultButton(), cancel);
    cancel->click();
    QTest::qWait(200);
    QCOMPARE(finished.count(), 0);
    QVERIFY(QuarantineStore(m_store->db()).find(id));

    page->deleteSelected();
    box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).value<QuarantinePage::Bulk>(), QuarantinePage::Bulk::Delete);
    QCOMPARE(finished.first().at(1).value<QList<qint64>>(), QList<qint64>{id});
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 0, 20000);
    QVERIFY(!QuarantineStore(m_store->db()).find(id));
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_store->files(kSales, QStringLiteral("INBOX")).isEmpty());
}

void TestQuarantinePage::bulkReleaseWithProgress()
{
    constexpr int kCount = 12;
    QList<qint64> ids;
    for (int i = 0; i < kCount; ++i)
        ids << hold(i % 2 ? kUser : kSales, kJapanese, QStringLiteral("spam"));
    QVERIFY(!ids.contains(0));
    auto page = openPage();
    QVERIFY(page);
    QCOMPARE(page->model()->rowCount(), kCount);
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);
    page->view()->selectAll();
    QCOMPARE(page->selectedIds().size(), kCount);
    page->releaseSelected();
    QVERIFY(page->isBusy());
    // More than a few: a progress dialog over the page.
    QVERIFY(page->findChild<QProgressDialog *>(QStringLiteral("bulkProgress")));
    QVERIFY(finished.wait(60000));
    QList<qint64> released = finished.first().at(1).value<QList<qint64>>();
    std::sort(released.begin(), released.end());
    QCOMPARE(released, ids);
    QVERIFY(finished.first().at(2).value<QList<qint64>>().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 0, 20000);
    QCOMPARE(m_store->files(kUser, QStringLiteral("INBOX")).size(), kCount / 2);
    QCOMPARE(m_store->files(kSales, QStringLiteral("INBOX")).size(), kCount / 2);
    QTRY_VERIFY(!page->findChild<QProgressDialog *>(QStringLiteral("bulkProgress")));
}

void TestQuarantinePage::failureIsNamedPerMessage()
{
    const qint64 gone = hold(kUser, kJapanese, QStringLiteral("spam"));
    const qint64 kept = hold(kUser, kHtml, QStringLiteral("spam"));
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectAll();
    // Someone else (fumibakoctl, the retention sweep) takes one away meanwhile.
    QVERIFY(m_services->quarantine().remove(gone, QStringLiteral("fumibakoctl")));
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);
    page->releaseSelected();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(1).value<QList<qint64>>(), QList<qint64>{kept});
    QCOMPARE(finished.first().at(2).value<QList<qint64>>(), QList<qint64>{gone});
    auto *box = waitForVisible<QMessageBox>(page.get(), "bulkFailuresBox");
    QVERIFY(box);
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(u("①会議"))); // the message named by its subject
    box->accept();
    QCOMPARE(m_store->files(kUser, QStringLiteral("INBOX")).size(), 1);
}

void TestQuarantinePage::stopSkipsTheRest()
{
    // The first message's filter call waits until the run has been stopped.
    QSemaphore first;
    std::atomic<int> calls{0};
    SenderFilterHooks hooks;
    hooks.blockSender = [&](const QString &, const QString &) -> Result<void> {
        if (calls.fetch_add(1) == 0)
            first.acquire();
        return {};
    };
    m_services->setSenderFilters(hooks);
    constexpr int kCount = 8;
    for (int i = 0; i < kCount; ++i)
        QVERIFY(hold(kUser, kHtml, QStringLiteral("spam"),
                     QStringLiteral("s%1@far.example").arg(i)) > 0);
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);
    page->view()->selectAll();
    page->blockSenderSelected();
    auto *progress = page->findChild<QProgressDialog *>(QStringLiteral("bulkProgress"));
    QVERIFY(progress);
    QTRY_COMPARE(calls.load(), 1);
    progress->findChild<QPushButton *>()->click(); // Stop
    first.release();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(1).value<QList<qint64>>().size(), 1);
    QVERIFY(finished.first().at(2).value<QList<qint64>>().isEmpty());
    QCOMPARE(finished.first().at(3).value<QList<qint64>>().size(), kCount - 1);
    QCOMPARE(calls.load(), 1);
}

void TestQuarantinePage::senderHooks()
{
    QStringList allowed, blocked;
    QMutex mutex;
    SenderFilterHooks hooks;
    hooks.allowSender = [&](const QString &account, const QString &sender) -> Result<void> {
        QMutexLocker lock(&mutex);
        allowed << account + QLatin1Char(' ') + sender;
        return {};
    };
    hooks.blockSender = [&](const QString &account, const QString &sender) -> Result<void> {
        QMutexLocker lock(&mutex);
        blocked << account + QLatin1Char(' ') + sender;
        if (sender.startsWith(QLatin1String("full")))
            return Error::limit(QStringLiteral("deny list full"));
        return {};
    };
    m_services->setSenderFilters(hooks);
    const QString s1 = QStringLiteral("one@far.example");
    const QString s2 = QStringLiteral("full@far.example");
    const qint64 a = hold(kUser, kJapanese, QStringLiteral("spam"), s1);
    const qint64 b = hold(kUser, kHtml, QStringLiteral("spam"), s1);
    const qint64 c = hold(kUser, kHtml, QStringLiteral("spam"), s2);
    auto page = openPage();
    QVERIFY(page);
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("releaseAllowButton"))->isVisible());
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("blockButton"))->isVisible());
    QSignalSpy finished(page.get(), &QuarantinePage::bulkFinished);

    page->view()->selectAll();
    page->blockSenderSelected();
    QVERIFY(finished.wait(20000));
    QCOMPARE(blocked.size(), 2); // once per account and sender
    QVERIFY(blocked.contains(kUser + QLatin1Char(' ') + s1));
    QList<qint64> ok = finished.last().at(1).value<QList<qint64>>();
    std::sort(ok.begin(), ok.end());
    QCOMPARE(ok, (QList<qint64>{a, b}));
    QCOMPARE(finished.last().at(2).value<QList<qint64>>(), QList<qint64>{c});
    auto *box = waitForVisible<QMessageBox>(page.get(), "bulkFailuresBox");
    QVERIFY(box);
    box->accept();
    QCOMPARE(page->model()->rowCount(), 3); // blocking keeps the held mail

    QTRY_VERIFY(!page->isBusy());
    page->view()->clearSelection();
    page->view()->selectRow(rowOf(page->view()->model(), a));
    page->view()->selectionModel()->select(
        page->view()->model()->index(rowOf(page->view()->model(), b), 0),
        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    page->releaseAndAllowSelected();
    QVERIFY(finished.wait(20000));
    QCOMPARE(allowed, QStringList{kUser + QLatin1Char(' ') + s1});
    QCOMPARE(finished.last().at(1).value<QList<qint64>>().size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 20000);
    QCOMPARE(m_store->files(kUser, QStringLiteral("INBOX")).size(), 2);
}

void TestQuarantinePage::dashboardCountsToday()
{
    const QDateTime now = QDateTime::currentDateTime();
    LogStore log(m_store->db());
    auto line = [&](LogEntry::Kind kind, const QString &result, const QString &text,
                    const QDateTime &time) {
        LogEntry e;
        e.time = time;
        e.kind = kind;
        e.result = result;
        e.text = text;
        QVERIFY(log.append(e));
    };
    using K = LogEntry::Kind;
    line(K::Delivery, QStringLiteral("quarantined"), QStringLiteral("held"), now);
    line(K::Delivery, QStringLiteral("quarantined"), QStringLiteral("held"), now);
    line(K::Delivery, QStringLiteral("delivered"), QStringLiteral("delivered to mailbox"), now);
    line(K::System, QStringLiteral("virus-removed"), QStringLiteral("infected parts removed"), now);
    line(K::SmtpReject, QStringLiteral("rejected"),
         QStringLiteral("id=X rejected by virus: virus found: Eicar-Signature"), now);
    line(K::SmtpReject, QStringLiteral("deferred"),
         QStringLiteral("id=Y deferred by virus: virus scanner: connection refused"), now);
    line(K::System, QStringLiteral("unscored"), QStringLiteral("no spam score"), now);
    // Yesterday's do not count.
    const QDateTime yesterday(now.date().addDays(-1), QTime(12, 0));
    line(K::Delivery, QStringLiteral("quarantined"), QStringLiteral("held"), yesterday);
    line(K::System, QStringLiteral("virus-removed"), QStringLiteral("old"), yesterday);

    const QDateTime midnight(now.date(), QTime(0, 0));
    const auto counts = m_services->quarantine().countsSince(midnight);
    QVERIFY(counts);
    QCOMPARE(counts->viruses, 2);
    QCOMPARE(counts->held, 2);
    QCOMPARE(counts->unscored, 1);

    MailServer::Options options;
    options.dataDir = m_store->dir().path();
    ServerController server(options); // never started: the figures come from the log
    DashboardPage page(*m_services, &server);
    QSignalSpy refreshed(&page, &DashboardPage::protectionRefreshed);
    page.show();
    QVERIFY(refreshed.wait(20000));
    QVERIFY(page.protectionCounts());
    QCOMPARE(page.protectionCounts()->viruses, 2);
    QCOMPARE(page.protectionCounts()->held, 2);
    QCOMPARE(page.protectionCounts()->unscored, 1);
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("spamValue"))->text(), QLocale().toString(2));
}

FUMIBAKO_UI_TEST(TestQuarantinePage);
#include "tst_quarantine_page.moc"
