#include "screenshot.h"

#include "dialogs/archivesettingsdialog.h"
#include "dialogs/setupwizard.h"
#include "itemroles.h"
#include "mainwindow.h"
#include "pageregistry.h"
#include "pages/accountspage.h"
#include "pages/archivesearchpage.h"
#include "pages/dkimpage.h"
#include "pages/quarantinepage.h"
#include "pages/queuepage.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryFile>
#include <QTimer>

namespace fumibako
{

namespace
{

// The first-run wizard's steps, in order: the picture of the n-th is taken after n × Next.
const char *const kWizardSteps[] = {"wizard", "wizard-domain", "wizard-ports", "wizard-summary"};

// A picture that needs more than its page shown: `prepare` runs once the
// page's list has loaded (selects a row, opens a dialog); `dialog` pictures
// the dialog it opened rather than the window.
struct Shot {
    const char *name;
    const char *page; // a PageRegistry id
    void (*prepare)(MainWindow &window);
    bool dialog;
};

// The newest DKIM key that does not sign: the one the activate and delete dialogs are about.
DkimPage *selectInactiveKey(MainWindow &window)
{
    DkimPage *dkim = window.page<DkimPage>();
    for (int row = 0; row < dkim->filterModel()->rowCount(); ++row)
        if (!dkim->filterModel()->index(row, 0).data(DkimActiveRole).toBool()) {
            dkim->view()->selectRow(row);
            break;
        }
    return dkim;
}

QueuePage *selectFirstMessage(MainWindow &window)
{
    QueuePage *queue = window.page<QueuePage>();
    queue->view()->selectRow(0);
    return queue;
}

QuarantinePage *selectFirstHeld(MainWindow &window)
{
    QuarantinePage *quarantine = window.page<QuarantinePage>();
    quarantine->view()->selectRow(0);
    return quarantine;
}

// The details of the first account in the list, on `tab`.
void openFirstAccount(MainWindow &window, AccountDialog::Tab tab)
{
    AccountsPage *accounts = window.page<AccountsPage>();
    accounts->view()->selectRow(0);
    accounts->openDetails(tab);
}

// The import preview of a sample file: an update of the first account, two
// new ones, and two lines it refuses (an unknown role, a repeated address).
void previewSampleImport(MainWindow &window)
{
    AccountsPage *accounts = window.page<AccountsPage>();
    const QString domain = accounts->domains().value(0, QStringLiteral("example.co.jp"));
    QString first = QStringLiteral("soumu@%1").arg(domain);
    for (int row = 0; row < accounts->proxy()->rowCount(); ++row)
        if (!accounts->proxy()->index(row, 0).data(AccountBuiltInRole).toBool()) {
            first = accounts->proxy()->index(row, 0).data(AccountAddressRole).toString();
            break;
        }
    // Removed with the page.
    auto *file =
        new QTemporaryFile(QDir::temp().filePath(QStringLiteral("accounts-XXXXXX.csv")), accounts);
    if (!file->open())
        return;
    const QString csv = QStringLiteral("\"メールアドレス\",\"表示名\",\"権限\"\r\n"
                                       "\"%1\",\"総務部 受付\",\"\"\r\n"
                                       "\"tanaka@%2\",\"田中 一郎\",\"一般\"\r\n"
                                       "\"kimura@%2\",\"木村 花子\",\"管理者\"\r\n"
                                       "\"yoshida@%2\",\"吉田 次郎\",\"社長\"\r\n"
                                       "\"tanaka@%2\",\"田中\",\"一般\"\r\n")
                            .arg(first, domain);
    file->write(csv.toUtf8());
    file->flush();
    accounts->importFrom(file->fileName());
}

const Shot kShots[] = {
    {"add-account", "accounts", [](MainWindow &w) { w.page<AccountsPage>()->addAccount(); }, true},
    {"account-forwarding", "accounts",
     [](MainWindow &w) { openFirstAccount(w, AccountDialog::Tab::Forwarding); }, true},
    {"account-autoreply", "accounts",
     [](MainWindow &w) { openFirstAccount(w, AccountDialog::Tab::AutoReply); }, true},
    {"password", "accounts",
     [](MainWindow &w) {
         AccountsPage *accounts = w.page<AccountsPage>();
         accounts->view()->selectRow(0);
         accounts->resetPassword();
     },
     true},
    {"account-import", "accounts", previewSampleImport, true},
    // A selected row shows its details.
    {"queue", "queue", [](MainWindow &w) { selectFirstMessage(w); }, false},
    {"queue-delete", "queue", [](MainWindow &w) { selectFirstMessage(w)->deleteSelected(); }, true},
    {"queue-headers", "queue", [](MainWindow &w) { selectFirstMessage(w)->showHeaders(); }, true},
    // The first held message with its preview.
    {"quarantine-preview", "quarantine", [](MainWindow &w) { selectFirstHeld(w); }, false},
    {"quarantine-delete", "quarantine",
     [](MainWindow &w) {
         QuarantinePage *q = w.page<QuarantinePage>();
         q->view()->selectAll();
         q->deleteSelected();
     },
     true},
    // The newest archived message with its preview.
    {"archive-preview", "archive",
     [](MainWindow &w) { w.page<ArchiveSearchPage>()->view()->selectRow(0); }, false},
    // Received mail per domain and the search users.
    {"archive-settings", "archive",
     [](MainWindow &w) { w.page<ArchiveSearchPage>()->openSettings(); }, true},
    // The add dialog over it, once the settings have loaded.
    {"archive-search-user", "archive",
     [](MainWindow &w) {
         ArchiveSettingsDialog *settings = w.page<ArchiveSearchPage>()->openSettings();
         QObject::connect(
             settings, &ArchiveSettingsDialog::loaded, settings,
             [settings] { settings->addSearchUser(); }, Qt::SingleShotConnection);
     },
     true},
    {"dkim-activate", "dkim", [](MainWindow &w) { selectInactiveKey(w)->activateSelected(); },
     true},
    {"dkim-delete", "dkim", [](MainWindow &w) { selectInactiveKey(w)->deleteSelected(); }, true},
};

const Shot *findShot(const QString &name)
{
    for (const Shot &shot : kShots)
        if (name == QLatin1String(shot.name))
            return &shot;
    return nullptr;
}

// Time for a page's first query before `prepare`; for the dialog's own load
// before its picture.
constexpr int kLoadMs = 1500;
constexpr int kDialogMs = 3000;

void save(QWidget *widget, const QString &file)
{
    if (!widget->grab().save(file))
        qWarning("fumibako: cannot write %s", qPrintable(file));
}

void fillWizardSample(SetupWizard &wizard)
{
    auto set = [&wizard](const char *name, const QString &text) {
        if (auto *edit = wizard.findChild<QLineEdit *>(QLatin1String(name)))
            edit->setText(text);
    };
    set("domainEdit", QStringLiteral("example.co.jp"));
    set("adminLocalEdit", QStringLiteral("soumu"));
    set("adminNameEdit", QString::fromUtf8("総務部 山田"));
    set("passwordEdit", QStringLiteral("correct-horse"));
    set("confirmEdit", QStringLiteral("correct-horse"));
}

} // namespace

ScreenshotRunner::ScreenshotRunner(QString page, QString file)
    : m_page(std::move(page)), m_file(std::move(file))
{
}

QStringList ScreenshotRunner::names()
{
    QStringList out;
    for (const char *step : kWizardSteps)
        out << QLatin1String(step);
    for (const PageDescriptor &page : PageRegistry::pages()) {
        out << page.id;
        for (const Shot &shot : kShots)
            if (page.id == QLatin1String(shot.page) && page.id != QLatin1String(shot.name))
                out << QLatin1String(shot.name);
    }
    return out;
}

bool ScreenshotRunner::isWizardStep() const
{
    for (const char *step : kWizardSteps)
        if (m_page == QLatin1String(step))
            return true;
    return false;
}

void ScreenshotRunner::runWizard(SetupWizard &wizard) const
{
    fillWizardSample(wizard);
    wizard.show();
    for (const char *step : kWizardSteps) {
        if (m_page == QLatin1String(step))
            break;
        wizard.next();
    }
    QTimer::singleShot(800, &wizard, [&wizard, file = m_file] {
        save(&wizard, file);
        wizard.reject();
    });
    wizard.exec();
}

void ScreenshotRunner::run(MainWindow &window, std::function<void()> done) const
{
    const Shot *shot = findShot(m_page);
    window.showPage(shot ? QString::fromLatin1(shot->page) : m_page);
    if (shot)
        QTimer::singleShot(kLoadMs, &window,
                           [&window, prepare = shot->prepare] { prepare(window); });
    const bool dialog = shot && shot->dialog;
    // A page waits for the server's first status round and its first query.
    const int saveMs = dialog ? kDialogMs : ServerController::kStatusIntervalMs + kLoadMs;
    QTimer::singleShot(saveMs, &window, [&window, dialog, file = m_file, done = std::move(done)] {
        QWidget *modal = dialog ? QApplication::activeModalWidget() : nullptr;
        save(modal ? modal : &window, file);
        done();
    });
}

} // namespace fumibako
