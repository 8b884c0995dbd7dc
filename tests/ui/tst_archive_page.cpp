// The アーカイブ検索 page: ArchiveTableModel under QAbstractItemModelTester
// (pages set and appended, fetchMore asking for the page before the last id,
// duplicates skipped), and ArchiveSearchPage over a real data dir whose
// messages were archived by ArchiveJob as a delivery archives them — the
// search box and the direction, sender, recipient and attachment filters,
// paging as the list is fetched, the safe preview of an ISO-2022-JP message,
// export of the selection and of every result as mbox and .eml byte for byte,
// a cancelled export that leaves no file, and the usage line. Assertions are
// on roles, object names and files, never on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "archivetablemodel.h"
#include "consoleservices.h"
#include "itemroles.h"
#include "pages/archivesearchpage.h"
#include "widgets/messagepreviewpane.h"

#include "archive/archivestore.h"
#include "store/quarantinestore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("user@example.co.jp");
const QString kSales = QStringLiteral("sales@example.co.jp");
const QString kPartner = QStringLiteral("tanaka@partner.example");

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

// An mbox has LF line ends: the message as it is in one.
QByteArray lf(QByteArray s)
{
    return s.replace("\r\n", "\n");
}

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// ① (JIS 0x2D21) and ㈱ (0x2D6A) are NEC row 13: CP50220 reads them.
const QByteArray kMeeting = crlf("From: user@example.co.jp\n"
                                 "To: =?ISO-2022-JP?B?GyRCRWw1fhsoQg==?= <tanaka@partner.example>\n"
                                 "Subject: =?ISO-2022-JP?B?GyRCLSEycTVEGyhC?=\n"
                                 "Date: Mon, 7 Dec 2026 09:30:00 +0900\n"
                                 "Message-ID: <meeting@example.co.jp>\n"
                                 "Content-Type: text/plain; charset=ISO-2022-JP\n"
                                 "\n"
                                 "\x1b$B-!2q5D$N$*CN$i$;\x1b(B\n"
                                 "\x1b$B-jEl5~\x1b(B\n");
const QByteArray kInvoice = crlf("From: tanaka@partner.example\n"
                                 "To: sales@example.co.jp\n"
                                 "Subject: =?UTF-8?B?6KuL5rGC5pu4?=\n" // 請求書
                                 "Date: Mon, 7 Dec 2026 10:00:00 +0900\n"
                                 "Message-ID: <invoice@partner.example>\n"
                                 "Content-Type: text/plain; charset=UTF-8\n"
                                 "\n"
                                 "Please find the invoice.\n");
const QByteArray kQuote = crlf("From: sales@example.co.jp\n"
                               "To: buyer@client.example\n"
                               "Subject: Quotation\n"
                               "Date: Mon, 7 Dec 2026 11:00:00 +0900\n"
                               "Message-ID: <quote@example.co.jp>\n"
                               "MIME-Version: 1.0\n"
                               "Content-Type: multipart/mixed; boundary=\"b1\"\n"
                               "\n"
                               "--b1\n"
                               "Content-Type: text/plain; charset=UTF-8\n"
                               "\n"
                               "Our quotation is attached.\n"
                               "From our price list, as agreed.\n" // quoted in an mbox (mboxrd)
                               "--b1\n"
                               "Content-Type: application/pdf; name=\"quote.pdf\"\n"
                               "Content-Disposition: attachment; filename=\"quote.pdf\"\n"
                               "Content-Transfer-Encoding: base64\n"
                               "\n"
                               "JVBERi0xLjQKJcfsj6IK\n"
                               "--b1--\n");

QByteArray numbered(int n)
{
    return crlf("From: user@example.co.jp\n"
                "To: someone@far.example\n"
                "Subject: Report " +
                QByteArray::number(n) +
                "\n"
                "Message-ID: <report" +
                QByteArray::number(n) +
                "@example.co.jp>\n"
                "\n"
                "Weekly report number " +
                QByteArray::number(n) + ".\n");
}

ArchiveEntry entry(qint64 id, ArchiveDirection direction, const QString &subject)
{
    ArchiveEntry e;
    e.id = id;
    e.receivedAt = QDateTime::currentSecsSinceEpoch() - id;
    e.direction = direction;
    e.sender = kUser;
    e.recipients = {kPartner};
    e.accounts = {kUser};
    e.from = kUser;
    e.to = kPartner;
    e.subject = subject;
    e.size = 1234;
    return e;
}

QList<qint64> idsShown(const QAbstractItemModel *model)
{
    QList<qint64> out;
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, 0).data(ArchiveIdRole).toLongLong();
    return out;
}

int rowOf(const QAbstractItemModel *model, qint64 id)
{
    return int(idsShown(model).indexOf(id));
}

// The messages of an mbox file, "From " lines (mboxrd) unquoted.
QList<QByteArray> mboxMessages(const QByteArray &mbox)
{
    QList<QByteArray> out;
    const QList<QByteArray> lines = mbox.split('\n');
    QByteArray current;
    bool started = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.startsWith("From ")) {
            if (started)
                out << current;
            current.clear();
            started = true;
            continue;
        }
        if (i == lines.size() - 1 && line.isEmpty())
            break; // the file's final newline
        QByteArray l = line;
        if (l.startsWith('>') && l.mid(l.indexOf("From ")).startsWith("From ") &&
            l.left(l.indexOf("From ")).count('>') == l.indexOf("From "))
            l.remove(0, 1);
        current += l + '\n';
    }
    if (started)
        out << current;
    // Each message is followed by an empty line in the file.
    for (QByteArray &m : out)
        if (m.endsWith("\n\n"))
            m.chop(1);
    return out;
}

} // namespace

class TestArchivePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void modelPages();
    void searchAndFilters();
    void pagingFetchesMore();
    void previewIsDecodedPlainText();
    void exportSelected();
    void exportAllResults();
    void cancelLeavesNoFile();
    void usageLine();

private:
    // Archives `message` as a delivery would (ArchiveJob, committed); its entry id.
    qint64 archive(const QByteArray &message, ArchiveDirection direction, const QString &sender,
                   const QStringList &recipients, const QString &account, qint64 when = 0);
    void archiveThree();
    std::unique_ptr<ArchiveSearchPage> openPage(int pageSize = 0);
    QByteArray raw(qint64 id) const;
    // Searches with the page's search box (Enter) and waits for the results.
    bool searchFor(ArchiveSearchPage *page, const QString &text);

    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
    qint64 m_meeting = 0, m_invoice = 0, m_quote = 0;
};

void TestArchivePage::init()
{
    m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.co.jp"));
    QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    QVERIFY(m_store->addAccount(kUser));
    QVERIFY(m_store->addAccount(kSales));
    m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
    m_services->setOperatorName(QStringLiteral("console (test)"));
}

void TestArchivePage::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
    m_services.reset();
    m_store.reset();
}

qint64 TestArchivePage::archive(const QByteArray &message, ArchiveDirection direction,
                                const QString &sender, const QStringList &recipients,
                                const QString &account, qint64 when)
{
    ArchiveRecord record;
    record.direction = direction;
    record.sender = sender;
    record.recipients = recipients;
    record.accounts = {account};
    record.receivedAt = when ? when : QDateTime::currentSecsSinceEpoch();
    record.trackingId = QStringLiteral("T%1").arg(QDateTime::currentMSecsSinceEpoch());
    ArchiveJob job(record, message);
    if (const auto r = runStoreJobNow(m_store->db(), job); !r) {
        qWarning("archive: %s", qPrintable(r.error().message));
        return 0;
    }
    return job.entryId();
}

void TestArchivePage::archiveThree()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_meeting = archive(kMeeting, ArchiveDirection::Sent, kUser, {kPartner, kSales}, kUser,
                        now - 3 * 86400);
    m_invoice =
        archive(kInvoice, ArchiveDirection::Received, kPartner, {kSales}, kSales, now - 3600);
    m_quote = archive(kQuote, ArchiveDirection::Sent, kSales,
                      {QStringLiteral("buyer@client.example")}, kSales, now);
    QVERIFY(m_meeting > 0 && m_invoice > 0 && m_quote > 0);
}

std::unique_ptr<ArchiveSearchPage> TestArchivePage::openPage(int pageSize)
{
    auto page = std::make_unique<ArchiveSearchPage>(*m_services);
    if (pageSize > 0)
        page->setPageSize(pageSize);
    QSignalSpy refreshed(page.get(), &ArchiveSearchPage::refreshed);
    page->resize(1100, 700);
    page->show();
    if (!refreshed.wait(20000))
        return nullptr;
    return page;
}

QByteArray TestArchivePage::raw(qint64 id) const
{
    const auto r = m_services->archive().raw(id, ArchiveService::Searcher::admin());
    return r ? *r : QByteArray();
}

bool TestArchivePage::searchFor(ArchiveSearchPage *page, const QString &text)
{
    QSignalSpy refreshed(page, &ArchiveSearchPage::refreshed);
    auto *edit = page->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    edit->setText(text);
    QTest::keyClick(edit, Qt::Key_Return);
    return refreshed.wait(20000);
}

void TestArchivePage::modelPages()
{
    ArchiveTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy asked(&model, &ArchiveTableModel::fetchMoreRequested);
    QVERIFY(!model.canFetchMore(QModelIndex()));

    ArchivePage first;
    first.entries = {entry(9, ArchiveDirection::Sent, u("①会議")),
                     entry(7, ArchiveDirection::Received, QString())};
    first.entries[1].hasAttachments = true;
    first.more = true;
    model.setPage(first);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ArchiveTableModel::ColumnCount));
    const QModelIndex a = model.index(0, 0);
    QCOMPARE(a.data(ArchiveIdRole).toLongLong(), 9);
    QCOMPARE(a.data(ArchiveDirectionRole).toInt(), int(ArchiveDirection::Sent));
    QCOMPARE(a.data(ArchiveSubjectRole).toString(), u("①会議"));
    QCOMPARE(a.data(ArchiveFromRole).toString(), kUser);
    QCOMPARE(a.data(ArchiveToRole).toString(), kPartner);
    QCOMPARE(a.data(ArchiveSenderRole).toString(), kUser);
    QCOMPARE(a.data(ArchiveRecipientsRole).toStringList(), QStringList{kPartner});
    QCOMPARE(a.data(ArchiveAccountsRole).toStringList(), QStringList{kUser});
    QCOMPARE(a.data(ArchiveSizeRole).toLongLong(), 1234);
    QCOMPARE(a.data(ArchiveHasAttachmentsRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(ArchiveHasAttachmentsRole).toBool(), true);
    QCOMPARE(a.data(ArchiveDateRole).toDateTime().toSecsSinceEpoch(), first.entries[0].receivedAt);
    // Sent and received read differently; an empty subject still says something.
    QVERIFY(model.index(0, ArchiveTableModel::DirectionColumn).data().toString() !=
            model.index(1, ArchiveTableModel::DirectionColumn).data().toString());
    QVERIFY(!model.index(1, ArchiveTableModel::SubjectColumn).data().toString().isEmpty());
    for (int c = 0; c < model.columnCount(); ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    // A tooltip reads HTML: a stranger's text in it is escaped.
    ArchivePage tagged;
    tagged.entries = {entry(1, ArchiveDirection::Sent, QString())};
    tagged.entries[0].recipients = {QStringLiteral("<img src=http://x.example/t.gif>")};
    ArchiveTableModel taggedModel;
    taggedModel.setPage(tagged);
    const QString tip = taggedModel.index(0, 0).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(QLatin1String("&lt;img")));
    QVERIFY(!tip.contains(QLatin1String("<img")));

    // The next page: asked for before the last id, once until it comes (the
    // tester may have asked already, as a view would).
    QVERIFY(model.hasMore());
    if (!model.isFetching())
        model.fetchMore(QModelIndex());
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.first().at(0).toLongLong(), 7);
    QVERIFY(model.isFetching());
    QVERIFY(!model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(asked.count(), 1);
    ArchivePage second;
    second.entries = {entry(7, ArchiveDirection::Received, QString()), // already listed
                      entry(4, ArchiveDirection::Sent, QStringLiteral("third"))};
    second.more = true;
    model.appendPage(second);
    QCOMPARE(idsShown(&model), (QList<qint64>{9, 7, 4}));
    if (!model.isFetching())
        model.fetchMore(QModelIndex());
    QCOMPARE(asked.count(), 2);
    QCOMPARE(asked.last().at(0).toLongLong(), 4);
    ArchivePage last;
    last.entries = {entry(2, ArchiveDirection::Sent, QStringLiteral("fourth"))};
    model.appendPage(last);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(!model.hasMore());
    QVERIFY(!model.canFetchMore(QModelIndex()));

    // A failed page stops the asking; a new search starts over.
    model.setPage(first);
    QCOMPARE(model.rowCount(), 2);
    model.fetchMore(QModelIndex());
    model.fetchFailed();
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QVERIFY(model.entry(9));
    QVERIFY(!model.entry(4));
    model.retranslate();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestArchivePage::searchAndFilters()
{
    archiveThree();
    auto page = openPage();
    QVERIFY(page);
    QAbstractItemModelTester tester(page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!page->isEmptyStateShown());
    // Newest first.
    QCOMPARE(idsShown(page->model()), (QList<qint64>{m_quote, m_invoice, m_meeting}));
    QCOMPARE(
        page->model()->index(rowOf(page->model(), m_invoice), 0).data(ArchiveDirectionRole).toInt(),
        int(ArchiveDirection::Received));
    QCOMPARE(page->model()
                 ->index(rowOf(page->model(), m_meeting), 0)
                 .data(ArchiveSubjectRole)
                 .toString(),
             u("①会議"));

    // Words: a two-character Japanese word, then one in the body.
    QVERIFY(searchFor(page.get(), u("請求")));
    QCOMPARE(idsShown(page->model()), QList<qint64>{m_invoice});
    QVERIFY(searchFor(page.get(), QStringLiteral("quotation")));
    QCOMPARE(idsShown(page->model()), QList<qint64>{m_quote});
    QVERIFY(searchFor(page.get(), QStringLiteral("nothing-like-this")));
    QCOMPARE(page->model()->rowCount(), 0);
    QVERIFY(page->isEmptyStateShown());
    QVERIFY(searchFor(page.get(), QString()));
    QCOMPARE(page->model()->rowCount(), 3);

    // Direction: the search runs by itself after the choice.
    QSignalSpy refreshed(page.get(), &ArchiveSearchPage::refreshed);
    auto *direction = page->findChild<QComboBox *>(QStringLiteral("directionCombo"));
    direction->setCurrentIndex(direction->findData(int(ArchiveDirection::Sent)));
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(idsShown(page->model()), (QList<qint64>{m_quote, m_meeting}));
    direction->setCurrentIndex(direction->findData(int(ArchiveDirection::Received)));
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(idsShown(page->model()), QList<qint64>{m_invoice});
    direction->setCurrentIndex(0);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(page->model()->rowCount(), 3);

    // Sender and recipient (the envelope's too: the meeting went to sales by Bcc).
    auto *sender = page->findChild<QLineEdit *>(QStringLiteral("senderEdit"));
    sender->setText(kPartner);
    QTest::keyClick(sender, Qt::Key_Return);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(idsShown(page->model()), QList<qint64>{m_invoice});
    sender->clear();
    auto *recipient = page->findChild<QLineEdit *>(QStringLiteral("recipientEdit"));
    recipient->setText(kSales);
    QTest::keyClick(recipient, Qt::Key_Return);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(idsShown(page->model()), (QList<qint64>{m_invoice, m_meeting}));
    recipient->clear();

    // Attachments.
    page->findChild<QCheckBox *>(QStringLiteral("attachmentCheck"))->setChecked(true);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(idsShown(page->model()), QList<qint64>{m_quote});
    page->findChild<QCheckBox *>(QStringLiteral("attachmentCheck"))->setChecked(false);
    QVERIFY(refreshed.wait(20000));

    // Dates: from two days ago leaves the meeting out.
    page->findChild<QDateEdit *>(QStringLiteral("sinceEdit"))
        ->setDate(QDate::currentDate().addDays(-1));
    page->findChild<QCheckBox *>(QStringLiteral("sinceCheck"))->setChecked(true);
    QVERIFY(refreshed.wait(20000));
    QVERIFY(!idsShown(page->model()).contains(m_meeting));
    QCOMPARE(page->shownQuery().since,
             QDate::currentDate().addDays(-1).startOfDay().toSecsSinceEpoch());
}

void TestArchivePage::pagingFetchesMore()
{
    QList<qint64> ids;
    for (int i = 0; i < 7; ++i)
        ids.prepend(archive(numbered(i), ArchiveDirection::Sent, kUser, {kPartner}, kUser));
    QVERIFY(!ids.contains(0));
    auto page = std::make_unique<ArchiveSearchPage>(*m_services);
    page->setPageSize(3);
    QSignalSpy asked(page->model(), &ArchiveTableModel::fetchMoreRequested);
    QSignalSpy refreshed(page.get(), &ArchiveSearchPage::refreshed);
    page->resize(1100, 700);
    page->show();
    QVERIFY(refreshed.wait(20000));
    // The view asks for more while its last row shows; ask too until the end.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (page->model()->canFetchMore(QModelIndex()))
                page->model()->fetchMore(QModelIndex());
            return !page->model()->hasMore() && !page->model()->isFetching();
        }(),
        20000);
    QCOMPARE(idsShown(page->model()), ids);
    // Seven in pages of three: two more pages, each before the last id listed then.
    QCOMPARE(asked.count(), 2);
    QCOMPARE(asked.at(0).at(0).toLongLong(), ids.at(2));
    QCOMPARE(asked.at(1).at(0).toLongLong(), ids.at(5));
}

void TestArchivePage::previewIsDecodedPlainText()
{
    archiveThree();
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy shown(page.get(), &ArchiveSearchPage::previewShown);
    page->view()->selectRow(rowOf(page->model(), m_meeting));
    QTRY_COMPARE_WITH_TIMEOUT(page->previewedId(), m_meeting, 20000);
    auto *text = page->findChild<QPlainTextEdit *>(QStringLiteral("previewText"));
    QVERIFY(text->toPlainText().contains(u("①会議のお知らせ")));
    QVERIFY(text->toPlainText().contains(u("㈱東京")));
    auto *subject = page->findChild<QLabel *>(QStringLiteral("previewSubject"));
    QCOMPARE(subject->text(), u("①会議"));
    QCOMPARE(subject->textFormat(), Qt::PlainText);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("previewTo"))
                ->text()
                .contains(u("東京 <tanaka@partner.example>")));
    // The envelope: the Bcc copy to sales shows.
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("previewEnvelope"))->text().contains(kSales));

    page->view()->selectRow(rowOf(page->model(), m_quote));
    QTRY_COMPARE_WITH_TIMEOUT(page->previewedId(), m_quote, 20000);
    auto *attachments = page->findChild<QLabel *>(QStringLiteral("previewAttachments"));
    QVERIFY(attachments->isVisibleTo(page.get()));
    QVERIFY(attachments->text().contains(QLatin1String("quote.pdf")));
    QVERIFY(!text->toPlainText().contains(QLatin1String("JVBERi0")));

    page->view()->selectAll();
    QTRY_COMPARE(page->previewedId(), 0);
    QVERIFY(text->toPlainText().isEmpty());
}

void TestArchivePage::exportSelected()
{
    archiveThree();
    auto page = openPage();
    QVERIFY(page);
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QSignalSpy finished(page.get(), &ArchiveSearchPage::exportFinished);
    page->view()->selectRow(rowOf(page->model(), m_meeting));
    page->view()->selectionModel()->select(page->model()->index(rowOf(page->model(), m_quote), 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(page->selectedIds(), (QList<qint64>{m_quote, m_meeting}));
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("exportSelectedButton"))->isEnabled());

    const QString mbox = out.filePath(QStringLiteral("selected.mbox"));
    page->exportSelected(ArchiveSearchPage::ExportFormat::Mbox, mbox);
    QVERIFY(page->isBusy());
    QVERIFY(page->findChild<QProgressDialog *>(QStringLiteral("exportProgress")));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(2).value<ArchiveSearchPage::ExportOutcome>(),
             ArchiveSearchPage::ExportOutcome::Done);
    QCOMPARE(finished.last().at(1).value<qsizetype>(), qsizetype(2));
    QFile file(mbox);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("\n>From our price list")); // mboxrd quoting
    // Line ends aside (an mbox has LF), each message as it was sent.
    const QList<QByteArray> messages = mboxMessages(bytes);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.contains(lf(kMeeting)));
    QVERIFY(messages.contains(lf(kQuote)));
    QCOMPARE(crlf(messages.at(messages.indexOf(lf(kMeeting)))), kMeeting);
    QTRY_VERIFY(!page->findChild<QProgressDialog *>(QStringLiteral("exportProgress")));

    const QString folder = out.filePath(QStringLiteral("eml"));
    page->exportSelected(ArchiveSearchPage::ExportFormat::Eml, folder);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(2).value<ArchiveSearchPage::ExportOutcome>(),
             ArchiveSearchPage::ExportOutcome::Done);
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 2);
    for (auto [id, bytes] : {std::pair{m_meeting, kMeeting}, {m_quote, kQuote}}) {
        QFile eml(QDir(folder).filePath(QStringLiteral("%1.eml").arg(id)));
        QVERIFY2(eml.open(QIODevice::ReadOnly), qPrintable(eml.fileName()));
        QCOMPARE(eml.readAll(), bytes); // byte for byte as sent
    }
}

void TestArchivePage::exportAllResults()
{
    QList<qint64> ids;
    QList<QByteArray> sent;
    for (int i = 0; i < 5; ++i) {
        sent << numbered(i);
        ids << archive(sent.last(), ArchiveDirection::Sent, kUser, {kPartner}, kUser);
    }
    archive(kInvoice, ArchiveDirection::Received, kPartner, {kSales}, kSales);
    auto page = openPage(2);
    QVERIFY(page);
    // Only the reports, and only the first page of them listed.
    page->findChild<QLineEdit *>(QStringLiteral("senderEdit"))->setText(kUser);
    QVERIFY(searchFor(page.get(), QStringLiteral("report")));
    QTemporaryDir out;
    QSignalSpy finished(page.get(), &ArchiveSearchPage::exportFinished);
    const QString mbox = out.filePath(QStringLiteral("all.mbox"));
    page->exportAll(ArchiveSearchPage::ExportFormat::Mbox, mbox);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(2).value<ArchiveSearchPage::ExportOutcome>(),
             ArchiveSearchPage::ExportOutcome::Done);
    QCOMPARE(finished.last().at(1).value<qsizetype>(), qsizetype(5));
    QFile file(mbox);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> messages = mboxMessages(file.readAll());
    QCOMPARE(messages.size(), 5);
    for (const QByteArray &m : std::as_const(sent))
        QVERIFY(messages.contains(lf(m)));

    const QString folder = out.filePath(QStringLiteral("eml"));
    page->exportAll(ArchiveSearchPage::ExportFormat::Eml, folder);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(2).value<ArchiveSearchPage::ExportOutcome>(),
             ArchiveSearchPage::ExportOutcome::Done);
    QStringList expected;
    for (qint64 id : std::as_const(ids))
        expected << QStringLiteral("%1.eml").arg(id);
    QStringList files = QDir(folder).entryList(QDir::Files);
    expected.sort();
    files.sort();
    QCOMPARE(files, expected);
}

void TestArchivePage::cancelLeavesNoFile()
{
    archiveThree();
    auto page = openPage();
    QVERIFY(page);
    page->view()->selectAll();
    QTemporaryDir out;
    QSignalSpy finished(page.get(), &ArchiveSearchPage::exportFinished);
    for (const auto format :
         {ArchiveSearchPage::ExportFormat::Mbox, ArchiveSearchPage::ExportFormat::Eml}) {
        // Every worker busy, so the export starts only once it has been cancelled:
        // the first message's progress report then stops it.
        QThreadPool *pool = QThreadPool::globalInstance();
        QSemaphore gate;
        const int workers = pool->maxThreadCount();
        for (int i = 0; i < workers; ++i)
            pool->start([&gate] { gate.acquire(); });
        const QString path = out.filePath(format == ArchiveSearchPage::ExportFormat::Mbox
                                              ? QStringLiteral("cancelled.mbox")
                                              : QStringLiteral("cancelled"));
        page->exportSelected(format, path);
        auto *progress = page->findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
        QVERIFY(progress);
        progress->findChild<QPushButton *>()->click(); // Cancel
        gate.release(workers);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.last().at(2).value<ArchiveSearchPage::ExportOutcome>(),
                 ArchiveSearchPage::ExportOutcome::Cancelled);
        QVERIFY(!QFileInfo::exists(path));
        // Nothing beside it either (no temporary file left).
        QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList());
        QTRY_VERIFY(!page->isBusy());
        QTRY_VERIFY(!page->findChild<QProgressDialog *>(QStringLiteral("exportProgress")));
    }
}

void TestArchivePage::usageLine()
{
    archiveThree();
    auto page = std::make_unique<ArchiveSearchPage>(*m_services);
    QSignalSpy usage(page.get(), &ArchiveSearchPage::usageShown);
    page->show();
    QVERIFY(usage.wait(20000));
    QVERIFY(page->usage());
    QCOMPARE(page->usage()->entries, qint64(3));
    QVERIFY(page->usage()->usedBytes() > 0);
    QVERIFY(page->usage()->oldest > 0);
    QCOMPARE(page->findChild<QProgressBar *>(QStringLiteral("usageBar"))->isVisible(),
             page->usage()->capBytes > 0);
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("usageLabel"))->text().isEmpty());
}

FUMIBAKO_UI_TEST(TestArchivePage);
#include "tst_archive_page.moc"
