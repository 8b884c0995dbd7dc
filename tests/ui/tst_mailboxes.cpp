// The account details' Mailboxes tab: MailboxTableModel under
// QAbstractItemModelTester, the folders of a real data dir in the dialog,
// and "Empty Mailbox" — confirming deletes the INBOX (and only it), cancelling
// keeps the mail. The message boxes are found by object name and clicked;
// assertions are on roles and the store, not on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "accounttablemodel.h"
#include "consoleservices.h"
#include "dialogs/accountdialog.h"
#include "dialogs/mailboxpanel.h"
#include "itemroles.h"
#include "mailboxtablemodel.h"
#include "pages/accountspage.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("tanaka@example.co.jp");
const QString kInbox = QStringLiteral("INBOX");
const QString kSent = QStringLiteral("Sent");
const QString kFolder = QString::fromUtf8("取引先/見積");

MailboxSummary summary(qint64 id, const QString &name, qint64 messages, qint64 bytes,
                       const QString &specialUse = QString())
{
    MailboxSummary m;
    m.id = id;
    m.name = name;
    m.specialUse = specialUse;
    m.messages = messages;
    m.bytes = bytes;
    m.unseen = messages / 2;
    return m;
}

// The message box `name` the panel opened, once it is there.
QMessageBox *messageBox(QWidget *panel, const char *name)
{
    return test::waitForVisible<QMessageBox>(panel, name);
}

void click(QMessageBox *box, const char *button)
{
    auto *b = box->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY2(b, button);
    b->click();
}

} // namespace

class TestMailboxes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void modelSnapshots();
    void dialogShowsFolders();
    void cancelKeepsMail();
    void confirmEmptiesInbox();
    void pageOpensMailboxes();

private:
    void openPanel(AccountDialog &dialog);
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
};

void TestMailboxes::initTestCase()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    QVERIFY(m_store->addAccount(kUser));
    QVERIFY(m_store->createFolder(kUser, kFolder));
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_store->deliver(kUser, kInbox, "Subject: in\r\n\r\n" + QByteArray(2000 * i, 'x')));
    QVERIFY(
        m_store->deliver(kUser, kSent, "Subject: sent\r\n\r\nhello\r\n", QStringLiteral("\\Seen")));
    QVERIFY(m_store->deliver(kUser, kFolder, "Subject: quote\r\n\r\n" + QByteArray(40000, 'q')));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
}

void TestMailboxes::cleanupTestCase()
{
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_store.reset();
}

void TestMailboxes::modelSnapshots()
{
    MailboxTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    const QList<MailboxSummary> first = {summary(1, kInbox, 12, 3 * 1024 * 1024),
                                         summary(2, kSent, 4, 2048, QStringLiteral("\\Sent")),
                                         summary(7, kFolder, 0, 0)};
    model.setMailboxes(first);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(MailboxTableModel::ColumnCount));
    QCOMPARE(model.inboxRow(), 0);
    QCOMPARE(model.totalMessages(), 16);
    QCOMPARE(model.totalBytes(), 3 * 1024 * 1024 + 2048);
    const QModelIndex inbox = model.index(0, MailboxTableModel::SizeColumn);
    QCOMPARE(inbox.data(MailboxNameRole).toString(), kInbox);
    QCOMPARE(inbox.data(MailboxIsInboxRole).toBool(), true);
    QCOMPARE(inbox.data(MailboxMessagesRole).toLongLong(), 12);
    QCOMPARE(inbox.data(MailboxBytesRole).toLongLong(), 3 * 1024 * 1024);
    QCOMPARE(inbox.data(MailboxUnseenRole).toLongLong(), 6);
    QCOMPARE(inbox.data(SortRole).toLongLong(), 3 * 1024 * 1024);
    QCOMPARE(model.index(1, MailboxTableModel::MessagesColumn).data(SortRole).toLongLong(), 4);
    QCOMPARE(model.index(1, 0).data(MailboxSpecialUseRole).toString(), QStringLiteral("\\Sent"));
    QVERIFY(!inbox.data(Qt::DisplayRole).toString().isEmpty());
    // A user folder is shown by its own (Unicode, not modified UTF-7) name.
    QCOMPARE(model.index(2, MailboxTableModel::FolderColumn).data().toString(), kFolder);
    QCOMPARE(model.index(2, 0).data(MailboxIsInboxRole).toBool(), false);

    // Same folders, new counts: rows change in place.
    QList<MailboxSummary> second = first;
    second[0].messages = 0;
    second[0].bytes = 0;
    reset.clear();
    changed.clear();
    model.setMailboxes(second);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(MailboxMessagesRole).toLongLong(), 0);
    model.setMailboxes(second);
    QCOMPARE(changed.count(), 1); // nothing changed, nothing signalled

    // A folder appears: the list is replaced.
    second.insert(2, summary(9, QStringLiteral("Archive"), 1, 10));
    model.setMailboxes(second);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    model.setMailboxes({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.inboxRow(), -1);
    model.retranslate();
}

void TestMailboxes::openPanel(AccountDialog &dialog)
{
    QVERIFY(dialog.mailboxPanel());
    QSignalSpy refreshed(dialog.mailboxPanel(), &MailboxPanel::refreshed);
    dialog.showMailboxes();
    dialog.show(); // showing the tab reads the folders
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.mailboxPanel()->isBusy(), 20000);
}

void TestMailboxes::dialogShowsFolders()
{
    AccountDialog dialog(*m_services, *m_services->accounts().find(kUser));
    QAbstractItemModelTester tester(dialog.mailboxPanel()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    openPanel(dialog);
    auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("accountTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->currentWidget(), dialog.mailboxPanel());

    MailboxPanel *panel = dialog.mailboxPanel();
    QCOMPARE(panel->view()->model(), panel->model());
    const auto expected = *m_services->mailboxes().mailboxes(kUser);
    MailboxTableModel *model = panel->model();
    QCOMPARE(model->rowCount(), int(expected.size()));
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        names << index.data(MailboxNameRole).toString();
        QCOMPARE(index.data(MailboxMessagesRole).toLongLong(), expected.at(row).messages);
        QCOMPARE(index.data(MailboxBytesRole).toLongLong(), expected.at(row).bytes);
    }
    QCOMPARE(names.first(), kInbox);
    QVERIFY(names.contains(kFolder));
    QCOMPARE(model->index(model->inboxRow(), 0).data(MailboxMessagesRole).toLongLong(), 3);
    QCOMPARE(model->totalMessages(), 5);
    QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("emptyInboxButton"))->isEnabled());
}

void TestMailboxes::cancelKeepsMail()
{
    const QStringList before = m_store->files(kUser, kInbox);
    QCOMPARE(before.size(), 3);
    AccountDialog dialog(*m_services, *m_services->accounts().find(kUser));
    openPanel(dialog);
    MailboxPanel *panel = dialog.mailboxPanel();
    QSignalSpy emptied(panel, &MailboxPanel::inboxEmptied);
    panel->findChild<QPushButton *>(QStringLiteral("emptyInboxButton"))->click();
    QMessageBox *box = messageBox(panel, "confirmEmptyBox");
    QVERIFY(box);
    // The question names the account and the number of messages; No is the default.
    QVERIFY(box->text().contains(kUser));
    QVERIFY(box->text().contains(QString::number(before.size())));
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("cancelButton"));
    QCOMPARE(box->escapeButton()->objectName(), QStringLiteral("cancelButton"));
    click(box, "cancelButton");
    QVERIFY(!panel->isBusy()); // answering Yes would have started the removal at once
    QTest::qWait(50);
    QCOMPARE(emptied.count(), 0);
    QCOMPARE(m_store->files(kUser, kInbox), before);
    for (const QString &f : before)
        QVERIFY(QFile::exists(f));

    // Enter on the question answers No as well.
    panel->findChild<QPushButton *>(QStringLiteral("emptyInboxButton"))->click();
    box = messageBox(panel, "confirmEmptyBox");
    QVERIFY(box);
    QTest::keyClick(box, Qt::Key_Return);
    QVERIFY(!panel->isBusy());
    QTest::qWait(50);
    QCOMPARE(emptied.count(), 0);
    QCOMPARE(m_store->files(kUser, kInbox), before);
}

void TestMailboxes::confirmEmptiesInbox()
{
    const QStringList inboxFiles = m_store->files(kUser, kInbox);
    const QStringList kept = m_store->files(kUser, kSent) + m_store->files(kUser, kFolder);
    QCOMPARE(inboxFiles.size(), 3);
    AccountDialog dialog(*m_services, *m_services->accounts().find(kUser));
    QSignalSpy changed(&dialog, &AccountDialog::mailboxesChanged);
    openPanel(dialog);
    MailboxPanel *panel = dialog.mailboxPanel();
    QSignalSpy emptied(panel, &MailboxPanel::inboxEmptied);
    QSignalSpy refreshed(panel, &MailboxPanel::refreshed);
    panel->findChild<QPushButton *>(QStringLiteral("emptyInboxButton"))->click();
    QMessageBox *box = messageBox(panel, "confirmEmptyBox");
    QVERIFY(box);
    refreshed.clear();
    click(box, "confirmButton");
    QTRY_COMPARE_WITH_TIMEOUT(emptied.count(), 1, 20000);
    QCOMPARE(emptied.first().first().toLongLong(), 3);
    QCOMPARE(changed.count(), 1);
    QMessageBox *result = messageBox(panel, "emptyResultBox");
    QVERIFY(result);
    QCOMPARE(result->icon(), QMessageBox::Information);
    result->accept();

    // The view shows the empty INBOX; the other folders are as they were.
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && !panel->isBusy(), 20000);
    MailboxTableModel *model = panel->model();
    QCOMPARE(model->index(model->inboxRow(), 0).data(MailboxMessagesRole).toLongLong(), 0);
    QCOMPARE(model->index(model->inboxRow(), 0).data(MailboxBytesRole).toLongLong(), 0);
    QCOMPARE(model->totalMessages(), 2);
    QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("emptyInboxButton"))->isEnabled());
    QVERIFY(m_store->files(kUser, kInbox).isEmpty());
    for (const QString &f : inboxFiles)
        QVERIFY(!QFile::exists(f));
    QCOMPARE(m_store->files(kUser, kSent) + m_store->files(kUser, kFolder), kept);
    for (const QString &f : kept)
        QVERIFY(QFile::exists(f));
    QCOMPARE(m_services->accounts().find(kUser)->usedMessages, 2);
}

void TestMailboxes::pageOpensMailboxes()
{
    AccountsPage page(*m_services);
    QSignalSpy refreshed(&page, &AccountsPage::refreshed);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 20000);
    auto *button = page.findChild<QPushButton *>(QStringLiteral("mailboxButton"));
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    page.view()->selectRow(
        page.proxy()->mapFromSource(page.model()->index(page.model()->rowOf(kUser), 0)).row());
    QVERIFY(button->isEnabled());
    button->click();
    auto *dialog = page.findChild<AccountDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QTabWidget *>(QStringLiteral("accountTabs"))->currentWidget(),
             dialog->mailboxPanel());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->mailboxPanel()->isBusy(), 20000);
    dialog->reject();
}

FUMIBAKO_UI_TEST(TestMailboxes);
#include "tst_mailboxes.moc"
