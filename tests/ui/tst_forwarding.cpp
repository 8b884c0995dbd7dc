// The account dialog's 転送設定 and 自動返信 tabs over a real data dir: a
// forwarding rule and an auto-reply entered in the dialog are what
// ForwardingService returns afterwards; "errors to me" cannot be chosen
// without a copy kept, and the no-copy caution shows; a destination that
// forwards back brings the mutual-forwarding warning; a refusal of the
// service stays in the dialog on its tab; 転送を停止 clears the rule; the
// account list's button opens the forwarding tab. Assertions
// are on widget state, object names and the service, never on translated text.
#include "testregistry.h"
#include "uitest.h"

#include "../support/testmailstore.h"

#include "common/clock.h"
#include "consoleservices.h"
#include "dialogs/accountdialog.h"
#include "dialogs/autoreplypanel.h"
#include "dialogs/forwardingpanel.h"
#include "languagemanager.h"
#include "pages/accountspage.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace fumibako;

namespace
{

const QString kAlice = QStringLiteral("alice@example.test");
const QString kBob = QStringLiteral("bob@example.test");
const QString kPhone = QStringLiteral("alice.phone@mobile.example");

template <typename T> T *child(QWidget *parent, const char *name)
{
    auto *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

void addDestination(ForwardingPanel *panel, const QString &address)
{
    child<QLineEdit>(panel, "destinationEdit")->setText(address);
    child<QPushButton>(panel, "addDestinationButton")->click();
}

void save(AccountDialog &dialog)
{
    dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok)
        ->click();
}

} // namespace

class TestForwarding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.test"));
        QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
        QVERIFY(m_store->addAccount(kAlice));
        QVERIFY(m_store->addAccount(kBob));
        m_services = std::make_unique<ConsoleServices>(m_store->db(), m_store->dir());
        m_services->setOperatorName(QStringLiteral("tester"));
    }
    void cleanup()
    {
        // Reads a dialog started may still run on the pool; they use the services.
        QThreadPool::globalInstance()->waitForDone();
        m_services.reset();
        m_store.reset();
    }

    void dialogSavesForwarding()
    {
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.showTab(AccountDialog::Tab::Forwarding);
        dialog.show();
        ForwardingPanel *panel = dialog.forwardingPanel();
        QVERIFY(panel);
        auto *tabs = child<QTabWidget>(&dialog, "accountTabs");
        QCOMPARE(tabs->currentWidget(), panel);
        QTRY_VERIFY(panel->isLoaded());
        QVERIFY(!panel->isModified());

        auto *keep = child<QRadioButton>(panel, "keepCopyRadio");
        auto *noCopy = child<QRadioButton>(panel, "noCopyRadio");
        auto *errorsToMe = child<QCheckBox>(panel, "errorsToMeCheck");
        auto *noCopyWarning = child<QLabel>(panel, "noCopyWarning");
        QVERIFY(keep->isChecked()); // the default keeps a copy
        QVERIFY(errorsToMe->isEnabled());
        QVERIFY(!noCopyWarning->isVisible());

        // Without a copy: errors cannot come back to the account, and the caution shows.
        errorsToMe->setChecked(true);
        noCopy->setChecked(true);
        QVERIFY(!errorsToMe->isEnabled());
        QVERIFY(!errorsToMe->isChecked());
        QVERIFY(noCopyWarning->isVisible());
        QVERIFY(!panel->rule().errorsToMe);
        keep->setChecked(true);
        QVERIFY(errorsToMe->isEnabled());
        QVERIFY(!noCopyWarning->isVisible());

        // Destinations: normalized, no duplicates, not the account itself.
        addDestination(panel, QStringLiteral(" Alice.Phone@Mobile.Example "));
        addDestination(panel, kPhone);
        addDestination(panel, kAlice);
        QCOMPARE(panel->destinations(), QStringList{kPhone});
        QVERIFY(child<QLabel>(panel, "forwardingErrorLabel")->isVisible());
        addDestination(panel, kBob);
        QCOMPARE(panel->destinations(), (QStringList{kPhone, kBob}));
        QVERIFY(!child<QLabel>(panel, "forwardingErrorLabel")->isVisible());
        auto *list = child<QListWidget>(panel, "destinationList");
        list->setCurrentRow(1);
        child<QPushButton>(panel, "removeDestinationButton")->click();
        QCOMPARE(panel->destinations(), QStringList{kPhone});

        errorsToMe->setChecked(true);
        child<QRadioButton>(panel, "stripAttachmentsRadio")->setChecked(true);
        child<QCheckBox>(panel, "skipSpamCheck")->setChecked(true);
        child<QLineEdit>(panel, "ifSubjectEdit")->setText(QStringLiteral("至急"));
        // An address typed but not added is added by Save.
        child<QLineEdit>(panel, "destinationEdit")->setText(QStringLiteral("boss@outside.example"));
        QVERIFY(panel->isModified());

        QSignalSpy saved(&dialog, &AccountDialog::accountSaved);
        save(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 1);
        auto stored = m_services->forwarding().forward(kAlice);
        QVERIFY(stored);
        QVERIFY(stored->has_value());
        const ForwardRule &r = **stored;
        QCOMPARE(r.destinations, (QStringList{kPhone, QStringLiteral("boss@outside.example")}));
        QVERIFY(r.keepCopy);
        QVERIFY(r.errorsToMe);
        QVERIFY(r.stripAttachments);
        QVERIFY(r.skipSpam);
        QCOMPARE(r.ifSubject, QStringLiteral("至急"));
        QVERIFY(r.ifFrom.isEmpty());
        // Audited with the console's operator.
        auto log = m_services->log().query({});
        QVERIFY(log);
        bool audited = false;
        for (const LogEntry &e : std::as_const(*log))
            audited = audited || (e.text.contains(QLatin1String("forwarding of")) &&
                                  e.text.contains(QLatin1String("tester")));
        QVERIFY(audited);
    }

    void storedRuleIsShownAndStopped()
    {
        ForwardRule rule;
        rule.destinations = {kPhone};
        rule.keepCopy = false;
        QVERIFY(m_services->forwarding().setForward(kAlice, rule, QStringLiteral("t")));
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.show();
        ForwardingPanel *panel = dialog.forwardingPanel();
        QTRY_VERIFY(panel->isLoaded());
        QCOMPARE(panel->destinations(), QStringList{kPhone});
        QVERIFY(child<QRadioButton>(panel, "noCopyRadio")->isChecked());
        dialog.showTab(AccountDialog::Tab::Forwarding);
        QVERIFY(child<QLabel>(panel, "noCopyWarning")->isVisible());
        QVERIFY(!child<QCheckBox>(panel, "errorsToMeCheck")->isEnabled());
        QVERIFY(!panel->isModified());

        // Removing every destination and saving is refused on the tab, not lost.
        dialog.showTab(AccountDialog::Tab::General);
        child<QListWidget>(panel, "destinationList")->setCurrentRow(0);
        child<QPushButton>(panel, "removeDestinationButton")->click();
        save(dialog);
        QCOMPARE(child<QTabWidget>(&dialog, "accountTabs")->currentWidget(), panel);
        QVERIFY(child<QLabel>(panel, "forwardingErrorLabel")->isVisible());
        QVERIFY(dialog.isVisible());
        QVERIFY((*m_services->forwarding().forward(kAlice)).has_value());

        // 転送を停止: asks, then clears.
        QSignalSpy stopped(panel, &ForwardingPanel::forwardingStopped);
        auto *stop = child<QPushButton>(panel, "stopForwardingButton");
        QVERIFY(stop->isEnabled());
        stop->click();
        auto *box = test::waitForVisible<QMessageBox>(panel, "confirmStopForwardingBox");
        QVERIFY(box);
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE(stopped.count(), 1);
        QVERIFY(!(*m_services->forwarding().forward(kAlice)).has_value());
        QVERIFY(panel->destinations().isEmpty());
        QVERIFY(!stop->isEnabled());
        QVERIFY(!panel->isModified());
    }

    void mutualForwardingWarns()
    {
        ForwardRule back;
        back.destinations = {kAlice};
        QVERIFY(m_services->forwarding().setForward(kBob, back, QStringLiteral("t")));
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.showTab(AccountDialog::Tab::Forwarding);
        dialog.show();
        ForwardingPanel *panel = dialog.forwardingPanel();
        QTRY_VERIFY(panel->isLoaded());
        auto *warning = child<QLabel>(panel, "mutualWarning");
        QVERIFY(!warning->isVisible());
        QSignalSpy checked(panel, &ForwardingPanel::mutualChecked);
        addDestination(panel, kPhone);
        QTRY_VERIFY(checked.count() >= 1);
        QVERIFY(!warning->isVisible());
        checked.clear();
        addDestination(panel, kBob.toUpper());
        QTRY_VERIFY(checked.count() >= 1);
        QTRY_VERIFY(warning->isVisible());
        QCOMPARE(panel->mutualForwards(), QStringList{kBob});
        QVERIFY(warning->text().contains(kBob));
        // A language switch says it again in the new language, still naming bob.
        {
            QTemporaryDir tmp;
            LanguageManager language(tmp.filePath(QStringLiteral("console.ini")));
            language.apply(QStringLiteral("en"));
            const QString before = warning->text();
            language.apply(QStringLiteral("ja"));
            QTRY_VERIFY(warning->text() != before); // LanguageChange is a posted event
            QVERIFY(warning->text().contains(kBob));
            QVERIFY(warning->isVisible());
            language.apply(QStringLiteral("en"));
        }
        // Removing bob takes the warning away.
        checked.clear();
        child<QListWidget>(panel, "destinationList")->setCurrentRow(1);
        child<QPushButton>(panel, "removeDestinationButton")->click();
        QTRY_VERIFY(checked.count() >= 1);
        QVERIFY(!warning->isVisible());
        QVERIFY(panel->mutualForwards().isEmpty());
    }

    void serviceRefusalStaysInDialog()
    {
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.show();
        ForwardingPanel *panel = dialog.forwardingPanel();
        QTRY_VERIFY(panel->isLoaded());
        addDestination(panel, kPhone);
        // A control character in a condition: only the service refuses it (Invalid).
        child<QLineEdit>(panel, "ifFromEdit")->setText(QStringLiteral("a\tb"));
        save(dialog);
        auto *error = child<QLabel>(panel, "forwardingErrorLabel");
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!error->toolTip().isEmpty()); // the service's own words, for support
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(child<QTabWidget>(&dialog, "accountTabs")->currentWidget(), panel);
        QVERIFY(!(*m_services->forwarding().forward(kAlice)).has_value());
        // Corrected, it saves.
        child<QLineEdit>(panel, "ifFromEdit")->setText(QStringLiteral("@customer.example"));
        save(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE((*m_services->forwarding().forward(kAlice))->ifFrom,
                 QStringLiteral("@customer.example"));
    }

    void tenDestinationsAtMost()
    {
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.show();
        ForwardingPanel *panel = dialog.forwardingPanel();
        QTRY_VERIFY(panel->isLoaded());
        for (int i = 0; i < ForwardRule::kMaxDestinations; ++i)
            addDestination(panel, QStringLiteral("d%1@outside.example").arg(i));
        QCOMPARE(panel->destinations().size(), ForwardRule::kMaxDestinations);
        QVERIFY(!child<QLineEdit>(panel, "destinationEdit")->isEnabled());
        QVERIFY(!child<QPushButton>(panel, "addDestinationButton")->isEnabled());
        child<QListWidget>(panel, "destinationList")->setCurrentRow(0);
        child<QPushButton>(panel, "removeDestinationButton")->click();
        QVERIFY(child<QLineEdit>(panel, "destinationEdit")->isEnabled());
    }

    void dialogSavesAutoReply()
    {
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.showTab(AccountDialog::Tab::AutoReply);
        dialog.show();
        AutoReplyPanel *panel = dialog.autoReplyPanel();
        QVERIFY(panel);
        QTRY_VERIFY(panel->isLoaded());
        auto *on = child<QCheckBox>(panel, "autoReplyCheck");
        auto *days = child<QSpinBox>(panel, "daysSpin");
        QVERIFY(!on->isChecked());
        QCOMPARE(days->value(), 7); // the default period
        QVERIFY(!child<QPlainTextEdit>(panel, "autoReplyBodyEdit")->isEnabled());
        QVERIFY(child<QLabel>(panel, "autoReplyLoopNote")->isVisible());

        on->setChecked(true);
        QVERIFY(child<QPlainTextEdit>(panel, "autoReplyBodyEdit")->isEnabled());
        // No text: refused on the tab before any service call.
        save(dialog);
        QVERIFY(child<QLabel>(panel, "autoReplyErrorLabel")->isVisible());
        QVERIFY(dialog.isVisible());

        const QDate start(2026, 12, 26), end(2027, 1, 4);
        auto *startCheck = child<QCheckBox>(panel, "startDateCheck");
        auto *startEdit = child<QDateEdit>(panel, "startDateEdit");
        QVERIFY(!startCheck->isChecked()); // no date unless chosen
        QVERIFY(!startEdit->isEnabled());
        startCheck->setChecked(true);
        QVERIFY(startEdit->isEnabled());
        startEdit->setDate(start);
        child<QCheckBox>(panel, "endDateCheck")->setChecked(true);
        child<QDateEdit>(panel, "endDateEdit")->setDate(end);
        child<QLineEdit>(panel, "autoReplySubjectEdit")->setText(QStringLiteral("休業のお知らせ"));
        child<QLineEdit>(panel, "fromNameEdit")->setText(QStringLiteral("営業部"));
        child<QPlainTextEdit>(panel, "autoReplyBodyEdit")
            ->setPlainText(
                QStringLiteral("年末年始は休業しております。\n1月5日より順次ご返信します。"));
        days->setValue(3);
        child<QCheckBox>(panel, "iso2022jpCheck")->setChecked(true);
        save(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        auto stored = m_services->forwarding().autoReply(kAlice);
        QVERIFY(stored);
        QVERIFY(stored->has_value());
        const AutoReplyRule &r = **stored;
        QVERIFY(r.enabled);
        QCOMPARE(r.start, start);
        QCOMPARE(r.end, end);
        QCOMPARE(r.subject, QStringLiteral("休業のお知らせ"));
        QCOMPARE(r.fromName, QStringLiteral("営業部"));
        QVERIFY(r.body.contains(QLatin1String("\n")));
        QCOMPARE(r.days, 3);
        QCOMPARE(r.charset, AutoReplyRule::Charset::Iso2022Jp);
        // Nothing was forwarded by saving the auto-reply.
        QVERIFY(!(*m_services->forwarding().forward(kAlice)).has_value());
    }

    void autoReplyTurnsOffAndKeepsText()
    {
        AutoReplyRule rule;
        rule.body = QStringLiteral("不在です。");
        QVERIFY(m_services->forwarding().setAutoReply(kAlice, rule, QStringLiteral("t")));
        AccountDialog dialog(*m_services, *m_services->accounts().find(kAlice));
        dialog.show();
        AutoReplyPanel *panel = dialog.autoReplyPanel();
        QTRY_VERIFY(panel->isLoaded());
        auto *on = child<QCheckBox>(panel, "autoReplyCheck");
        QVERIFY(on->isChecked());
        QVERIFY(!child<QCheckBox>(panel, "startDateCheck")->isChecked());
        QCOMPARE(child<QPlainTextEdit>(panel, "autoReplyBodyEdit")->toPlainText(), rule.body);
        on->setChecked(false);
        save(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        auto stored = m_services->forwarding().autoReply(kAlice);
        QVERIFY(stored && stored->has_value());
        QVERIFY(!(*stored)->enabled);
        QCOMPARE((*stored)->body, rule.body);
    }

    void autoReplyStateFollowsThePeriod_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::addColumn<bool>("replying");
        QTest::newRow("before") << QDate(2026, 12, 27) << false;
        QTest::newRow("first day") << QDate(2026, 12, 28) << true;
        QTest::newRow("last day") << QDate(2027, 1, 4) << true;
        QTest::newRow("after") << QDate(2027, 1, 5) << false;
    }
    void autoReplyStateFollowsThePeriod()
    {
        QFETCH(QDate, today);
        QFETCH(bool, replying);
        AutoReplyRule rule;
        rule.body = QStringLiteral("休業中です。");
        rule.start = QDate(2026, 12, 28);
        rule.end = QDate(2027, 1, 4);
        QVERIFY(m_services->forwarding().setAutoReply(kAlice, rule, QStringLiteral("t")));
        // Noon local time: the day is the same in any zone the test runs in.
        TestClock clock(QDateTime(today, QTime(12, 0)).toUTC());
        ConsoleServices services(m_store->db(), m_store->dir(), &clock);
        AccountDialog dialog(services, *services.accounts().find(kAlice));
        dialog.show();
        QTRY_VERIFY(dialog.autoReplyPanel()->isLoaded());
        auto *state = child<QLabel>(dialog.autoReplyPanel(), "autoReplyStateLabel");
        QCOMPARE(state->property("replying").toBool(), replying);
        QVERIFY(!state->text().isEmpty());
        // Turned off (and saved), it is not replying whatever the day.
        child<QCheckBox>(dialog.autoReplyPanel(), "autoReplyCheck")->setChecked(false);
        save(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!state->property("replying").toBool());
        QThreadPool::globalInstance()->waitForDone(); // before `services` goes
    }

    void sendOnlyAccountHasNoForwardingTabs()
    {
        const auto accounts = m_services->accounts().list();
        QVERIFY(accounts);
        Account noreply;
        for (const Account &a : *accounts)
            if (a.role == Account::Role::SendOnly)
                noreply = a;
        QVERIFY(!noreply.address.isEmpty());
        AccountDialog dialog(*m_services, noreply);
        QVERIFY(!dialog.forwardingPanel());
        QVERIFY(!dialog.autoReplyPanel());
        QVERIFY(dialog.mailboxPanel());
    }

    void accountsPageOpensForwardingTab()
    {
        AccountsPage page(*m_services);
        QSignalSpy refreshed(&page, &AccountsPage::refreshed);
        page.show();
        QTRY_VERIFY(refreshed.count() >= 1);
        auto *button = child<QPushButton>(&page, "forwardingButton");
        QVERIFY(!button->isEnabled()); // nothing chosen
        auto *filter = child<QLineEdit>(&page, "filterEdit");
        filter->setText(QStringLiteral("noreply"));
        page.view()->selectRow(0);
        QVERIFY(!button->isEnabled()); // send-only: nothing to forward
        filter->setText(QStringLiteral("alice"));
        page.view()->selectRow(0);
        QVERIFY(button->isEnabled());
        button->click();
        auto *dialog = test::waitForVisible<AccountDialog>(&page, "accountDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->address(), kAlice);
        QCOMPARE(child<QTabWidget>(dialog, "accountTabs")->currentWidget(),
                 dialog->forwardingPanel());
        dialog->reject();
    }

private:
    std::unique_ptr<test::TestMailStore> m_store;
    std::unique_ptr<ConsoleServices> m_services;
};

FUMIBAKO_UI_TEST(TestForwarding);
#include "tst_forwarding.moc"
