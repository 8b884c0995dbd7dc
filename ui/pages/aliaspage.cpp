#include "aliaspage.h"

#include "aliastablemodel.h"
#include "background.h"
#include "dialogs/confirmbox.h"
#include "grouptablemodel.h"
#include "itemroles.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"
#include "widgets/listview.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace fumibako
{

namespace
{

// What one load brings.
struct AliasPageData {
    QList<AliasEntry> aliases;
    QList<GroupAddress> groups;
    QStringList accounts; // those that receive mail
    QStringList domains;
};

// `values` as the combo's items (data = text; `prefix` shown before each),
// keeping the chosen one chosen while it is still there.
void setChoices(QComboBox *combo, const QStringList &values, const QString &prefix = QString())
{
    QStringList shown;
    for (int i = 0; i < combo->count(); ++i)
        shown << combo->itemData(i).toString();
    if (shown == values)
        return;
    const QString current = combo->currentData().toString();
    const QSignalBlocker block(combo);
    combo->clear();
    for (const QString &v : values)
        combo->addItem(prefix + v, v);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

QComboBox *makeCombo(QWidget *parent, const char *name, int minimumWidth)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QLatin1String(name));
    combo->setMinimumWidth(minimumWidth);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return combo;
}

QLineEdit *makeLocalPartEdit(QWidget *parent, const char *name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setMaxLength(64);
    edit->setMinimumWidth(140);
    return edit;
}

// The table rows chosen in `view`, by a role of the source model.
QStringList chosen(QTableView *view, QSortFilterProxyModel *proxy, int role)
{
    QStringList out;
    for (const QModelIndex &i : view->selectionModel()->selectedRows())
        out << proxy->mapToSource(i).data(role).toString();
    return out;
}

} // namespace

AliasPage::AliasPage(const ConsoleServices &services, QWidget *parent)
    : ActionPage(parent), m_services(services), m_aliasModel(new AliasTableModel(this)),
      m_aliasProxy(new QSortFilterProxyModel(this)), m_groupModel(new GroupTableModel(this)),
      m_groupProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("aliasPage"));
    // The catch-alls have their own box: the alias table lists the named aliases.
    m_aliasProxy->setSourceModel(m_aliasModel);
    m_aliasProxy->setSortRole(SortRole);
    m_aliasProxy->setFilterRole(AliasCatchAllRole);
    m_aliasProxy->setFilterFixedString(QStringLiteral("false"));
    m_aliasProxy->setFilterKeyColumn(AliasTableModel::AliasColumn);
    m_groupProxy->setSourceModel(m_groupModel);
    m_groupProxy->setSortRole(SortRole);

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    // 別名
    m_aliasBox = new QGroupBox(this);
    auto *aliases = new QVBoxLayout(m_aliasBox);
    m_aliasNote = makeNote(m_aliasBox);
    aliases->addWidget(m_aliasNote);
    m_aliasView = makeListView(m_aliasBox, QStringLiteral("aliasView"), m_aliasProxy,
                               AliasTableModel::AliasColumn, Qt::AscendingOrder);
    m_aliasView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_aliasView->setColumnWidth(AliasTableModel::AliasColumn, 320);
    aliases->addWidget(m_aliasView, 1);
    auto *aliasRow = new QHBoxLayout;
    m_aliasLabel = new QLabel(m_aliasBox);
    m_aliasLocalEdit = makeLocalPartEdit(m_aliasBox, "aliasLocalEdit");
    m_aliasLabel->setBuddy(m_aliasLocalEdit);
    m_aliasDomainCombo = makeCombo(m_aliasBox, "aliasDomainCombo", 120);
    m_aliasAccountLabel = new QLabel(m_aliasBox);
    m_aliasAccountCombo = makeCombo(m_aliasBox, "aliasAccountCombo", 220);
    m_aliasAccountLabel->setBuddy(m_aliasAccountCombo);
    m_addAliasButton = new QPushButton(m_aliasBox);
    m_addAliasButton->setObjectName(QStringLiteral("addAliasButton"));
    m_removeAliasButton = new QPushButton(m_aliasBox);
    m_removeAliasButton->setObjectName(QStringLiteral("removeAliasButton"));
    aliasRow->addWidget(m_aliasLabel);
    aliasRow->addWidget(m_aliasLocalEdit, 1);
    aliasRow->addWidget(m_aliasDomainCombo);
    aliasRow->addSpacing(12);
    aliasRow->addWidget(m_aliasAccountLabel);
    aliasRow->addWidget(m_aliasAccountCombo, 1);
    aliasRow->addWidget(m_addAliasButton);
    aliasRow->addSpacing(12);
    aliasRow->addWidget(m_removeAliasButton);
    aliases->addLayout(aliasRow);
    layout->addWidget(m_aliasBox, 2);

    // すべての宛先を受け取る (the catch-all)
    m_catchAllBox = new QGroupBox(this);
    auto *catchAll = new QVBoxLayout(m_catchAllBox);
    m_catchAllStatus = new QLabel(m_catchAllBox);
    m_catchAllStatus->setObjectName(QStringLiteral("catchAllStatus"));
    m_catchAllStatus->setWordWrap(true);
    m_catchAllStatus->setTextFormat(Qt::PlainText);
    catchAll->addWidget(m_catchAllStatus);
    auto *catchAllRow = new QHBoxLayout;
    m_catchAllDomainLabel = new QLabel(m_catchAllBox);
    m_catchAllDomainCombo = makeCombo(m_catchAllBox, "catchAllDomainCombo", 160);
    m_catchAllDomainLabel->setBuddy(m_catchAllDomainCombo);
    m_catchAllAccountLabel = new QLabel(m_catchAllBox);
    m_catchAllAccountCombo = makeCombo(m_catchAllBox, "catchAllAccountCombo", 220);
    m_catchAllAccountLabel->setBuddy(m_catchAllAccountCombo);
    m_catchAllOnButton = new QPushButton(m_catchAllBox);
    m_catchAllOnButton->setObjectName(QStringLiteral("catchAllOnButton"));
    m_catchAllOffButton = new QPushButton(m_catchAllBox);
    m_catchAllOffButton->setObjectName(QStringLiteral("catchAllOffButton"));
    catchAllRow->addWidget(m_catchAllDomainLabel);
    catchAllRow->addWidget(m_catchAllDomainCombo);
    catchAllRow->addSpacing(12);
    catchAllRow->addWidget(m_catchAllAccountLabel);
    catchAllRow->addWidget(m_catchAllAccountCombo, 1);
    catchAllRow->addWidget(m_catchAllOnButton);
    catchAllRow->addSpacing(12);
    catchAllRow->addWidget(m_catchAllOffButton);
    catchAll->addLayout(catchAllRow);
    m_catchAllNote = makeNote(m_catchAllBox);
    catchAll->addWidget(m_catchAllNote);
    layout->addWidget(m_catchAllBox);

    // グループアドレス
    m_groupBox = new QGroupBox(this);
    auto *groups = new QVBoxLayout(m_groupBox);
    m_groupNote = makeNote(m_groupBox);
    groups->addWidget(m_groupNote);
    m_groupView = makeListView(m_groupBox, QStringLiteral("groupView"), m_groupProxy,
                               GroupTableModel::GroupColumn, Qt::AscendingOrder);
    m_groupView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_groupView->setColumnWidth(GroupTableModel::GroupColumn, 320);
    m_groupView->setColumnWidth(GroupTableModel::CountColumn, 110);
    groups->addWidget(m_groupView, 1);
    auto *groupRow = new QHBoxLayout;
    m_groupLabel = new QLabel(m_groupBox);
    m_groupLocalEdit = makeLocalPartEdit(m_groupBox, "groupLocalEdit");
    m_groupLabel->setBuddy(m_groupLocalEdit);
    m_groupDomainCombo = makeCombo(m_groupBox, "groupDomainCombo", 120);
    m_membersLabel = new QLabel(m_groupBox);
    m_membersEdit = new QLineEdit(m_groupBox);
    m_membersEdit->setObjectName(QStringLiteral("membersEdit"));
    m_membersEdit->setMaxLength(10000);
    m_membersLabel->setBuddy(m_membersEdit);
    m_addGroupButton = new QPushButton(m_groupBox);
    m_addGroupButton->setObjectName(QStringLiteral("addGroupButton"));
    m_removeGroupButton = new QPushButton(m_groupBox);
    m_removeGroupButton->setObjectName(QStringLiteral("removeGroupButton"));
    groupRow->addWidget(m_groupLabel);
    groupRow->addWidget(m_groupLocalEdit);
    groupRow->addWidget(m_groupDomainCombo);
    groupRow->addSpacing(12);
    groupRow->addWidget(m_membersLabel);
    groupRow->addWidget(m_membersEdit, 2);
    groupRow->addWidget(m_addGroupButton);
    groupRow->addSpacing(12);
    groupRow->addWidget(m_removeGroupButton);
    groups->addLayout(groupRow);
    layout->addWidget(m_groupBox, 2);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    layout->addWidget(m_messageLabel);

    connect(m_aliasLocalEdit, &QLineEdit::textChanged, this, &AliasPage::updateState);
    connect(m_aliasLocalEdit, &QLineEdit::returnPressed, this, &AliasPage::addAlias);
    connect(m_addAliasButton, &QPushButton::clicked, this, &AliasPage::addAlias);
    connect(m_removeAliasButton, &QPushButton::clicked, this, &AliasPage::removeSelectedAliases);
    connect(m_aliasView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AliasPage::updateState);
    connect(m_catchAllDomainCombo, &QComboBox::currentIndexChanged, this,
            &AliasPage::updateCatchAll);
    connect(m_catchAllAccountCombo, &QComboBox::currentIndexChanged, this, &AliasPage::updateState);
    connect(m_catchAllOnButton, &QPushButton::clicked, this, &AliasPage::setCatchAll);
    connect(m_catchAllOffButton, &QPushButton::clicked, this, &AliasPage::clearCatchAll);
    connect(m_groupLocalEdit, &QLineEdit::textChanged, this, &AliasPage::updateState);
    connect(m_groupDomainCombo, &QComboBox::currentIndexChanged, this, &AliasPage::updateState);
    connect(m_membersEdit, &QLineEdit::textChanged, this, &AliasPage::updateState);
    connect(m_membersEdit, &QLineEdit::returnPressed, this, &AliasPage::addGroup);
    connect(m_addGroupButton, &QPushButton::clicked, this, &AliasPage::addGroup);
    connect(m_removeGroupButton, &QPushButton::clicked, this, &AliasPage::removeSelectedGroups);
    connect(m_groupView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        // A chosen group is the one members are added to.
        const QStringList groups = chosen(m_groupView, m_groupProxy, GroupAddressRole);
        if (groups.size() == 1) {
            m_groupLocalEdit->setText(groups.first().section(QLatin1Char('@'), 0, -2));
            const int d =
                m_groupDomainCombo->findData(groups.first().section(QLatin1Char('@'), -1));
            if (d >= 0)
                m_groupDomainCombo->setCurrentIndex(d);
        }
        updateState();
    });
    connect(m_aliasModel, &QAbstractItemModel::modelReset, this, &AliasPage::updateCatchAll);
    connect(m_aliasModel, &QAbstractItemModel::rowsInserted, this, &AliasPage::updateCatchAll);
    connect(m_aliasModel, &QAbstractItemModel::rowsRemoved, this, &AliasPage::updateCatchAll);
    connect(m_aliasModel, &QAbstractItemModel::dataChanged, this, &AliasPage::updateCatchAll);
    retranslateUi();
}

void AliasPage::retranslateUi()
{
    m_intro->setText(tr("Extra addresses that deliver to accounts already set up: an alias "
                        "for one account, a group address for several people at once. They "
                        "need no password and no mailbox of their own."));
    //: The FAQ's 別名: another address whose mail one account receives.
    m_aliasBox->setTitle(tr("Aliases"));
    m_aliasNote->setText(tr("Mail to an alias arrives in the mailbox of its account, e.g. "
                            "info@ to the person who answers enquiries."));
    m_aliasLabel->setText(tr("&Alias:"));
    m_aliasLocalEdit->setPlaceholderText(tr("e.g. info"));
    m_aliasAccountLabel->setText(tr("Deli&ver to:"));
    m_addAliasButton->setText(tr("Add A&lias"));
    m_removeAliasButton->setText(tr("Remove Alias"));
    m_catchAllBox->setTitle(tr("Receive mail for any address"));
    m_catchAllDomainLabel->setText(tr("Domain:"));
    m_catchAllAccountLabel->setText(tr("Deliver to:"));
    m_catchAllOffButton->setText(tr("Turn Off"));
    m_catchAllNote->setText(
        tr("When on, mail to any address of the domain that is not an account, alias or group "
           "(for example a misspelt name) goes to the chosen account instead of back to the "
           "sender as an error. It also brings in spam sent to made-up addresses, so leave it "
           "off unless it is needed."));
    m_groupBox->setTitle(tr("Group addresses"));
    m_groupNote->setText(
        tr("Mail to a group address goes to each of its members: accounts, aliases, other "
           "groups or outside addresses. Separate the members with commas or spaces; a name "
           "without @ is an address of the group's domain. Choose a group in the list to add "
           "members to it."));
    m_groupLabel->setText(tr("&Group:"));
    m_groupLocalEdit->setPlaceholderText(tr("e.g. sales"));
    m_membersLabel->setText(tr("&Members:"));
    m_membersEdit->setPlaceholderText(tr("e.g. yamada, suzuki@example.com"));
    m_removeGroupButton->setText(tr("Remove Group"));
    m_aliasModel->retranslate();
    m_groupModel->retranslate();
    updateCatchAll();
    updateState();
}

void AliasPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AliasPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void AliasPage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void AliasPage::refresh()
{
    if (!isVisible() || !beginLoad())
        return;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services]() -> Result<AliasPageData> {
            AliasPageData d;
            const ForwardingService forwarding = services->forwarding();
            auto aliases = forwarding.aliases();
            if (!aliases)
                return aliases.error();
            d.aliases = *aliases;
            auto groups = forwarding.groups();
            if (!groups)
                return groups.error();
            d.groups = *groups;
            const AccountService accounts = services->accounts();
            auto list = accounts.list();
            if (!list)
                return list.error();
            for (const Account &a : std::as_const(*list))
                if (a.role != Account::Role::SendOnly)
                    d.accounts << a.address;
            d.accounts.sort();
            auto domains = accounts.domains();
            if (!domains)
                return domains.error();
            d.domains = *domains;
            return d;
        },
        [this](Result<AliasPageData> r) {
            if (r) {
                m_domains = r->domains;
                const QString at = QStringLiteral("@");
                setChoices(m_aliasDomainCombo, r->domains, at);
                setChoices(m_groupDomainCombo, r->domains, at);
                setChoices(m_catchAllDomainCombo, r->domains);
                setChoices(m_aliasAccountCombo, r->accounts);
                setChoices(m_catchAllAccountCombo, r->accounts);
                m_aliasModel->setAliases(r->aliases);
                m_groupModel->setGroups(r->groups);
                updateCatchAll();
            }
            endLoad(r ? nullptr : &r.error(), int(ErrorText::Action::LoadAliases));
        });
}

void AliasPage::updateCatchAll()
{
    QStringList lines;
    for (const QString &domain : std::as_const(m_domains)) {
        const QString account = m_aliasModel->catchAll(domain);
        lines
            << (account.isEmpty()
                    //: Catch-all state of a domain (%1): off.
                    ? tr("%1: off — mail to an address that does not exist is returned to "
                         "the sender.")
                          .arg(domain)
                    //: Catch-all state of a domain (%1): on, delivered to an account (%2).
                    : tr("%1: on — mail to any other address arrives at %2.").arg(domain, account));
    }
    m_catchAllStatus->setText(lines.join(QLatin1Char('\n')));
    const QString domain = m_catchAllDomainCombo->currentData().toString();
    const QString target = m_aliasModel->catchAll(domain);
    // The account shown is the one receiving now, whenever that changes (another
    // domain chosen, a change saved); in between it is the person's choice.
    if (domain + QLatin1Char(' ') + target != m_catchAllShown) {
        m_catchAllShown = domain + QLatin1Char(' ') + target;
        const int i = m_catchAllAccountCombo->findData(target);
        if (i >= 0)
            m_catchAllAccountCombo->setCurrentIndex(i);
    }
    m_catchAllOnButton->setText(target.isEmpty() ? tr("Turn On") : tr("Change"));
    m_catchAllStatus->setStyleSheet(
        std::any_of(m_domains.cbegin(), m_domains.cend(),
                    [this](const QString &d) { return !m_aliasModel->catchAll(d).isEmpty(); })
            ? QStringLiteral("font-weight: bold; color: #8a5a00;")
            : QString());
    updateState();
}

void AliasPage::updateState()
{
    const bool ready = !m_busy;
    const bool haveAccounts = m_aliasAccountCombo->count() > 0;
    m_addAliasButton->setEnabled(ready && haveAccounts &&
                                 !m_aliasLocalEdit->text().trimmed().isEmpty());
    m_removeAliasButton->setEnabled(ready && m_aliasView->selectionModel()->hasSelection());
    const QString domain = m_catchAllDomainCombo->currentData().toString();
    const QString current = m_aliasModel->catchAll(domain);
    const QString target = m_catchAllAccountCombo->currentData().toString();
    m_catchAllOnButton->setEnabled(ready && !domain.isEmpty() && !target.isEmpty() &&
                                   current != target);
    m_catchAllOffButton->setEnabled(ready && !current.isEmpty());
    const QString group = groupAddress();
    const bool exists = !group.isEmpty() && m_groupModel->rowOf(group) >= 0;
    m_addGroupButton->setText(exists ? tr("Add Members") : tr("Add Gro&up"));
    m_addGroupButton->setEnabled(ready && !m_groupLocalEdit->text().trimmed().isEmpty() &&
                                 !m_membersEdit->text().trimmed().isEmpty());
    m_removeGroupButton->setEnabled(ready && m_groupView->selectionModel()->hasSelection());
}

void AliasPage::addAlias()
{
    if (m_busy || !m_addAliasButton->isEnabled())
        return;
    const QString local = InputCheck::normalizeLocalPart(m_aliasLocalEdit->text());
    if (const QString p = InputCheck::localPartProblem(local); !p.isEmpty())
        return showMessage(p, true);
    const QString alias = local + QLatin1Char('@') + m_aliasDomainCombo->currentData().toString();
    const QString account = m_aliasAccountCombo->currentData().toString();
    const ConsoleServices *services = &m_services;
    runAction(
        [services, alias, account] {
            return services->forwarding().addAlias(alias, account, services->operatorName());
        },
        int(ErrorText::Action::ChangeAlias),
        [this, alias, account] {
            m_aliasLocalEdit->clear();
            showMessage(tr("Added: mail to %1 now arrives at %2.").arg(alias, account), false);
        });
}

void AliasPage::setCatchAll()
{
    const QString domain = m_catchAllDomainCombo->currentData().toString();
    const QString account = m_catchAllAccountCombo->currentData().toString();
    if (m_busy || domain.isEmpty() || account.isEmpty())
        return;
    const bool replace = !m_aliasModel->catchAll(domain).isEmpty();
    const ConsoleServices *services = &m_services;
    runAction(
        [services, domain, account, replace]() -> Result<void> {
            const ForwardingService f = services->forwarding();
            const QString key = QLatin1Char('@') + domain;
            if (replace)
                if (auto r = f.removeAlias(key, services->operatorName());
                    !r && r.error().kind != Error::Kind::NotFound)
                    return r;
            return f.addAlias(key, account, services->operatorName());
        },
        int(ErrorText::Action::ChangeAlias),
        [this, domain, account] {
            showMessage(tr("Mail to any other address @%1 now arrives at %2.").arg(domain, account),
                        false);
        });
}

void AliasPage::clearCatchAll()
{
    const QString domain = m_catchAllDomainCombo->currentData().toString();
    if (m_busy || m_aliasModel->catchAll(domain).isEmpty())
        return;
    const ConsoleServices *services = &m_services;
    runAction(
        [services, domain] {
            return services->forwarding().removeAlias(QLatin1Char('@') + domain,
                                                      services->operatorName());
        },
        int(ErrorText::Action::ChangeAlias),
        [this, domain] {
            showMessage(tr("Turned off: mail to addresses @%1 that do not exist is returned to "
                           "the sender.")
                            .arg(domain),
                        false);
        });
}

QString AliasPage::groupAddress() const
{
    const QString local = InputCheck::normalizeLocalPart(m_groupLocalEdit->text());
    if (local.isEmpty())
        return {};
    return local + QLatin1Char('@') + m_groupDomainCombo->currentData().toString();
}

QStringList AliasPage::groupMembers(QString *problem) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;、，]+"));
    const QString domain = m_groupDomainCombo->currentData().toString();
    QStringList out;
    for (const QString &part : m_membersEdit->text().split(separators, Qt::SkipEmptyParts)) {
        QString member = InputCheck::normalizeAddress(part);
        // A name alone is an address of the group's own domain.
        if (!member.contains(QLatin1Char('@')))
            member += QLatin1Char('@') + domain;
        if (const QString p = InputCheck::addressProblem(member); !p.isEmpty()) {
            *problem = p;
            return {};
        }
        if (!out.contains(member))
            out << member;
    }
    if (out.isEmpty())
        *problem = tr("Enter at least one member.");
    return out;
}

void AliasPage::addGroup()
{
    if (m_busy || !m_addGroupButton->isEnabled())
        return;
    const QString local = InputCheck::normalizeLocalPart(m_groupLocalEdit->text());
    if (const QString p = InputCheck::localPartProblem(local); !p.isEmpty())
        return showMessage(p, true);
    QString problem;
    const QStringList members = groupMembers(&problem);
    if (!problem.isEmpty())
        return showMessage(problem, true);
    const QString group = groupAddress();
    const bool exists = m_groupModel->rowOf(group) >= 0;
    const ConsoleServices *services = &m_services;
    runAction(
        [services, group, members] {
            return services->forwarding().addGroup(group, members, services->operatorName());
        },
        int(ErrorText::Action::ChangeGroup),
        [this, group, exists, n = members.size()] {
            m_membersEdit->clear();
            showMessage(exists
                            ? tr("%n member(s) added to %1.", nullptr, int(n)).arg(group)
                            : tr("Group %1 added with %n member(s).", nullptr, int(n)).arg(group),
                        false);
        });
}

void AliasPage::removeSelectedAliases()
{
    removeChosen(false);
}

void AliasPage::removeSelectedGroups()
{
    removeChosen(true);
}

void AliasPage::removeChosen(bool groups)
{
    const QStringList addresses = groups ? chosen(m_groupView, m_groupProxy, GroupAddressRole)
                                         : chosen(m_aliasView, m_aliasProxy, AliasAddressRole);
    if (m_busy || addresses.isEmpty())
        return;
    const QString list = addresses.join(tr(", "));
    askToConfirm(
        this,
        groups ? QStringLiteral("confirmRemoveGroupBox") : QStringLiteral("confirmRemoveAliasBox"),
        QMessageBox::Question, groups ? tr("Remove Group") : tr("Remove Alias"),
        groups ? tr("Remove %1 and its list of members?\n\nMail sent to it afterwards is "
                    "returned to the sender as an error. The members' own accounts are not "
                    "affected.")
                     .arg(list)
               : tr("Remove %1?\n\nMail sent to it afterwards is returned to the sender as "
                    "an error. The account and its mail are not affected.")
                     .arg(list),
        tr("Remove"), ConfirmDefault::Cancel, [this, groups, addresses] {
            const ConsoleServices *services = &m_services;
            runAction(
                [services, groups, addresses]() -> Result<void> {
                    const ForwardingService f = services->forwarding();
                    const QString who = services->operatorName();
                    for (const QString &a : addresses)
                        if (auto r = groups ? f.removeGroup(a, who) : f.removeAlias(a, who);
                            !r && r.error().kind != Error::Kind::NotFound)
                            return r;
                    return {};
                },
                int(groups ? ErrorText::Action::ChangeGroup : ErrorText::Action::ChangeAlias),
                [this, groups, n = int(addresses.size())] {
                    showMessage(groups ? tr("%n group(s) removed.", nullptr, n)
                                       : tr("%n alias(es) removed.", nullptr, n),
                                false);
                });
        });
}

} // namespace fumibako
