#include "pageregistry.h"

#include "pages/accountspage.h"
#include "pages/aliaspage.h"
#include "pages/archivesearchpage.h"
#include "pages/dashboardpage.h"
#include "pages/dkimpage.h"
#include "pages/filterpage.h"
#include "pages/logpage.h"
#include "pages/quarantinepage.h"
#include "pages/queuepage.h"
#include "pages/settingspage.h"
#include "pages/smarthostpage.h"

namespace fumibako
{

const QList<PageDescriptor> &PageRegistry::pages()
{
    static const QList<PageDescriptor> list = {
        {QStringLiteral("dashboard"), [] { return tr("Dashboard"); }, nullptr,
         QStyle::SP_ComputerIcon,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new DashboardPage(c.services, c.server, parent);
         }},
        {QStringLiteral("accounts"), [] { return tr("Accounts"); }, nullptr, QStyle::SP_DirHomeIcon,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new AccountsPage(c.services, parent);
         }},
        {QStringLiteral("aliases"),
         //: Navigation: aliases (別名) and group addresses; short, the list is narrow.
         [] { return tr("Aliases & Groups"); },
         [] { return tr("Aliases, group addresses and receiving mail for any address"); },
         QStyle::SP_FileDialogListView,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new AliasPage(c.services, parent);
         }},
        {QStringLiteral("quarantine"),
         //: Navigation: the quarantine of held spam (迷惑メール), for support staff.
         [] { return tr("Spam"); },
         [] { return tr("Mail held as spam or by the spam filters, for every account"); },
         QStyle::SP_MessageBoxWarning,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new QuarantinePage(c.services, parent);
         }},
        {QStringLiteral("archive"),
         //: Navigation: the mail archive's search (アーカイブ検索); short, the list is narrow.
         [] { return tr("Archive Search"); },
         [] { return tr("Search and export the archive of sent (and received) mail"); },
         QStyle::SP_DialogSaveButton,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new ArchiveSearchPage(c.services, c.server, parent);
         }},
        {QStringLiteral("queue"), [] { return tr("Send Queue"); }, nullptr, QStyle::SP_ArrowForward,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new QueuePage(c.services, c.server, parent);
         }},
        {QStringLiteral("smarthost"), [] { return tr("Sending Server"); }, nullptr,
         QStyle::SP_DriveNetIcon,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new SmarthostPage(c.services, c.server, parent);
         }},
        {QStringLiteral("dkim"),
         //: Navigation: the DKIM, SPF and DMARC page (送信ドメイン認証); short, the list is narrow.
         [] { return tr("DKIM / SPF"); }, [] { return tr("DKIM, SPF and DMARC: records for DNS"); },
         QStyle::SP_DialogApplyButton,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new DkimPage(c.services, c.server, parent);
         }},
        {QStringLiteral("filters"),
         //: Navigation: the spam filter editors (迷惑メールフィルタ).
         [] { return tr("Spam Filters"); },
         [] { return tr("Allow and block lists, the common filter, quarantine retention"); },
         QStyle::SP_DialogNoButton,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new FilterPage(c.services, parent);
         }},
        {QStringLiteral("settings"), [] { return tr("Settings"); }, nullptr,
         QStyle::SP_FileDialogDetailedView,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new SettingsPage(c.services, c.server, parent);
         }},
        {QStringLiteral("log"), [] { return tr("Log"); }, nullptr,
         QStyle::SP_FileDialogContentsView,
         [](const PageContext &c, QWidget *parent) -> QWidget * {
             return new LogPage(c.services, parent);
         }},
    };
    return list;
}

qsizetype PageRegistry::indexOf(const QString &id)
{
    const QList<PageDescriptor> &list = pages();
    for (qsizetype i = 0; i < list.size(); ++i)
        if (list[i].id == id)
            return i;
    return -1;
}

} // namespace fumibako
