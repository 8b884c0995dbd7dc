// The Send Queue page: QueueTableModel and QueueFilterModel under
// QAbstractItemModelTester (snapshots updated in place, filters by state and
// domain), and QueuePage over a real data dir with queued mail — the live
// list, the filters, "Retry Now", "Show Headers", and "Delete" whose
// confirmation names the recipient and the sender (Cancel keeps the mail, the
// default; Delete removes the rows and the spool file). Assertions are on
// roles, object names and the store, never on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "consoleservices.h"
#include "itemroles.h"
#include "pages/queuepage.h"
#include "queuetablemodel.h"
#include "servercontroller.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;
using fumibako::test::waitForVisible;

namespace
{

const QString kSender = QStringLiteral("yamada@example.co.jp");
const QString kBob = QStringLiteral("bob@example.net");
const QString kCarol = QStringLiteral("carol@example.org");
const QString kDave = QStringLiteral("dave@example.net");

const qint64 kNow = QDateTime::currentSecsSinceEpoch();

QueueEntry entry(qint64 queueId, qint64 id, const QString &recipient, QueueEntry::State state,
                 int attempts = 0)
{
    QueueEntry e;
    e.queueId = queueId;
    e.recipientId = id;
    e.recipient = recipient;
    e.domain = recipient.mid(recipient.indexOf(QLatin1Char('@')) + 1);
    e.sender = kSender;
    e.state = state;
    e.attempts = attempts;
    e.nextTry = kNow + 600;
    e.createdAt = kNow - 60;
    e.size = 1234;
    return e;
}

int rowOf(QTableView *view, const QString &recipient)
{
    for (int row = 0; row < view->model()->rowCount(); ++row)
        if (view->model()->index(row, 0).data(QueueRecipientRole).toString() == recipient)
            return row;
    return -1;
}

} // namespace

class TestQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void modelSnapshots();
    void filterModel();
    void pageShowsEmptyState();
    void pageListsAndFilters();
    void retryNow();
    void showHeaders();
    void deleteCancelKeepsMail();
    void deleteConfirmRemovesMessage();

private:
    std::unique_ptr<QueuePage> openPage();
    QStringList spoolFiles() const
    {
        return QDir(m_store->dir().queueDir()).entryList(QDir::Files);
    }
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<ServerController> m_server;
};

void TestQueue::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    MailServer::Options options;
    options.dataDir = m_store->dir().path();
    m_server = std::make_unique<ServerController>(options); // never started here
}

void TestQueue::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_server.reset();
    m_services.reset();
    m_store.reset();
}

std::unique_ptr<QueuePage> TestQueue::openPage()
{
    auto page = std::make_unique<QueuePage>(*m_services, m_server.get());
    QSignalSpy refreshed(page.get(), &QueuePage::refreshed);
    page->resize(900, 500);
    page->show();
    if (!refreshed.wait(20000))
        return nullptr;
    return page;
}

void TestQueue::modelSnapshots()
{
    QueueTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.setEntries({entry(1, 10, kBob, QueueEntry::State::Queued),
                      entry(1, 11, kCarol, QueueEntry::State::Deferred, 2),
                      entry(2, 12, kDave, QueueEntry::State::Bounced, 1)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(QueueTableModel::ColumnCount));
    QCOMPARE(model.index(1, 0).data(QueueRecipientRole).toString(), kCarol);
    QCOMPARE(model.index(1, 0).data(QueueIdRole).toLongLong(), 1);
    QCOMPARE(model.index(1, 0).data(QueueStateRole).toInt(), int(QueueEntry::State::Deferred));
    QCOMPARE(model.index(1, 0).data(QueueAttemptsRole).toInt(), 2);
    QCOMPARE(model.index(1, 0).data(QueueDomainRole).toString(), QStringLiteral("example.org"));
    QCOMPARE(model.index(0, 0).data(QueueSenderRole).toString(), kSender);
    QVERIFY(model.index(0, 0).data(QueueNextTryRole).toDateTime().isValid());
    QVERIFY(!model.index(2, 0).data(QueueNextTryRole).toDateTime().isValid()); // nothing waits
    QCOMPARE(model.domains(),
             (QStringList{QStringLiteral("example.net"), QStringLiteral("example.org")}));
    QCOMPARE(model.message(1).size(), 2);
    for (int c = 0; c < model.columnCount(); ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());

    // The same rows, one changed: updated in place, no reset.
    changed.clear();
    model.setEntries({entry(1, 10, kBob, QueueEntry::State::Deferred, 1),
                      entry(1, 11, kCarol, QueueEntry::State::Deferred, 2),
                      entry(2, 12, kDave, QueueEntry::State::Bounced, 1)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(model.index(0, 0).data(QueueAttemptsRole).toInt(), 1);

    // One left, one arrived: a removal and an insertion, the others keep their rows.
    removed.clear();
    inserted.clear();
    model.setEntries({entry(1, 11, kCarol, QueueEntry::State::Deferred, 2),
                      entry(2, 12, kDave, QueueEntry::State::Bounced, 1),
                      entry(3, 13, kBob, QueueEntry::State::Queued)});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data(QueueRecipientIdRole).toLongLong(), 13);

    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
    model.retranslate();
}

void TestQueue::filterModel()
{
    QueueTableModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({entry(1, 10, kBob, QueueEntry::State::Queued),
                      entry(1, 11, kCarol, QueueEntry::State::Deferred, 2),
                      entry(2, 12, kDave, QueueEntry::State::Deferred, 1)});
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setStateFilter(int(QueueEntry::State::Deferred));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setDomainFilter(QStringLiteral("Example.NET"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(QueueRecipientRole).toString(), kDave);
    proxy.setStateFilter(-1);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setDomainFilter(QString());
    QCOMPARE(proxy.rowCount(), 3);
    // Sorting by next retry (the page's default) uses the sort role.
    proxy.sort(QueueTableModel::AttemptsColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(QueueAttemptsRole).toInt(), 2);
}

void TestQueue::pageShowsEmptyState()
{
    auto page = openPage();
    QVERIFY(page);
    QVERIFY(page->isEmptyStateShown());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("deleteButton"))->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("retryButton"))->isEnabled());

    // Mail arrives while the page is shown: the next poll lists it.
    QVERIFY(m_store->queue(kSender, {kBob}, "Subject: later\r\n\r\nx\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 20000);
    QVERIFY(!page->isEmptyStateShown());
}

void TestQueue::pageListsAndFilters()
{
    QVERIFY(m_store->queue(kSender, {kBob, kCarol}, "Subject: one\r\n\r\nx\r\n"));
    QVERIFY(m_store->queue(kSender, {kDave}, "Subject: two\r\n\r\nx\r\n"));
    auto page = openPage();
    QVERIFY(page);
    QAbstractItemModelTester tester(page->filterModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page->model()->rowCount(), 3);
    QVERIFY(!page->isEmptyStateShown());

    auto *domains = page->findChild<QComboBox *>(QStringLiteral("domainCombo"));
    QCOMPARE(domains->count(), 3); // all, example.net, example.org
    domains->setCurrentIndex(domains->findData(QStringLiteral("example.net")));
    QCOMPARE(page->filterModel()->rowCount(), 2);
    auto *states = page->findChild<QComboBox *>(QStringLiteral("stateCombo"));
    states->setCurrentIndex(states->findData(int(QueueEntry::State::Deferred)));
    QCOMPARE(page->filterModel()->rowCount(), 0);
    QVERIFY(!page->isEmptyStateShown()); // the queue is not empty, only the filter is
    states->setCurrentIndex(states->findData(int(QueueEntry::State::Queued)));
    QCOMPARE(page->filterModel()->rowCount(), 2);

    // The selection survives the live refresh.
    QTableView *view = page->view();
    view->selectRow(rowOf(view, kDave));
    const qint64 id = page->selectedQueueId();
    QVERIFY(id > 0);
    QSignalSpy refreshed(page.get(), &QueuePage::refreshed);
    QVERIFY(refreshed.wait(20000));
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(page->selectedQueueId(), id);
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("deleteButton"))->isEnabled());
}

void TestQueue::retryNow()
{
    QVERIFY(m_store->queue(kSender, {kBob}, "Subject: one\r\n\r\nx\r\n"));
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectRow(0);
    QSignalSpy retried(page.get(), &QueuePage::retried);
    auto *retry = page->findChild<QPushButton *>(QStringLiteral("retryButton"));
    QVERIFY(retry->isEnabled());
    retry->click();
    QVERIFY(retried.wait(20000));
    auto l = m_services->queue().list();
    QVERIFY(l);
    QVERIFY(l->first().nextTry <= QDateTime::currentSecsSinceEpoch()); // due now
}

void TestQueue::showHeaders()
{
    QVERIFY(m_store->queue(kSender, {kBob},
                           "Subject: =?UTF-8?B?6KaL56mN5pu4?=\r\nX-Test: 1\r\n\r\nbody text\r\n"));
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectRow(0);
    page->findChild<QPushButton *>(QStringLiteral("headersButton"))->click();
    auto *dialog = waitForVisible<QDialog>(page.get(), "headersDialog");
    QVERIFY(dialog);
    auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("headersText"));
    QVERIFY(text->isReadOnly());
    QVERIFY(text->toPlainText().contains(QString::fromUtf8("Subject: 見積書")));
    QVERIFY(text->toPlainText().contains(QStringLiteral("X-Test: 1")));
    QVERIFY(!text->toPlainText().contains(QStringLiteral("body text")));
    dialog->reject();
}

void TestQueue::deleteCancelKeepsMail()
{
    QVERIFY(m_store->queue(kSender, {kBob}, "Subject: keep\r\n\r\nx\r\n"));
    const QStringList files = spoolFiles();
    QCOMPARE(files.size(), 1);
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectRow(0);
    QSignalSpy deleted(page.get(), &QueuePage::deleted);
    page->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click();
    auto *box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    QVERIFY(box->text().contains(kBob));
    QVERIFY(box->text().contains(kSender));
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("cancelButton"));
    QCOMPARE(box->escapeButton()->objectName(), QStringLiteral("cancelButton"));
    QTest::keyClick(box, Qt::Key_Return); // Enter answers Cancel
    QVERIFY(!page->isBusy());
    QTest::qWait(100);
    QCOMPARE(deleted.count(), 0);
    QCOMPARE(spoolFiles(), files);
    QCOMPARE(m_services->queue().list()->size(), 1);

    page->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click();
    box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
    QTest::qWait(100);
    QCOMPARE(deleted.count(), 0);
    QCOMPARE(spoolFiles(), files);
}

void TestQueue::deleteConfirmRemovesMessage()
{
    QVERIFY(m_store->queue(kSender, {kBob, kCarol}, "Subject: gone\r\n\r\nx\r\n"));
    QVERIFY(m_store->queue(kSender, {kDave}, "Subject: kept\r\n\r\nx\r\n"));
    QCOMPARE(spoolFiles().size(), 2);
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectRow(rowOf(page->view(), kCarol));
    QSignalSpy deleted(page.get(), &QueuePage::deleted);
    page->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click();
    auto *box = waitForVisible<QMessageBox>(page.get(), "confirmDeleteBox");
    QVERIFY(box);
    // Deleting a message affects all its recipients: the question names them all.
    QVERIFY(box->text().contains(kBob));
    QVERIFY(box->text().contains(kCarol));
    QVERIFY(!box->text().contains(kDave));
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QVERIFY(deleted.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 20000);
    QCOMPARE(page->model()->index(0, 0).data(QueueRecipientRole).toString(), kDave);
    QCOMPARE(spoolFiles().size(), 1);
    QCOMPARE(m_services->queue().list()->size(), 1);
}

FUMIBAKO_UI_TEST(TestQueue);
#include "tst_queue.moc"
