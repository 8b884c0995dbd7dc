#include "filterpage.h"

#include "background.h"
#include "filtertablemodel.h"
#include "itemroles.h"
#include "scan/spamfilter.h"
#include "service/settings.h"
#include "widgets/choicecombo.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/listview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace fumibako
{

namespace
{

// What one load brings: the filter shown, the accounts to choose from, and
// the server's retention for the "default" choice.
struct FilterPageData {
    AccountFilterView view;
    QStringList accounts;
    int defaultDays = 7;
};

} // namespace

FilterPage::FilterPage(const ConsoleServices &services, QWidget *parent)
    : ActionPage(parent), m_services(services), m_model(new FilterTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("filterPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto *scopeRow = new QHBoxLayout;
    m_scopeLabel = new QLabel(this);
    m_scopeCombo = new QComboBox(this);
    m_scopeCombo->setObjectName(QStringLiteral("scopeCombo"));
    m_scopeCombo->addItem(QString(), QString()); // the common filter
    m_scopeCombo->setMinimumWidth(260);
    m_scopeLabel->setBuddy(m_scopeCombo);
    scopeRow->addWidget(m_scopeLabel);
    scopeRow->addWidget(m_scopeCombo);
    scopeRow->addStretch(1);
    layout->addLayout(scopeRow);

    m_optionsBox = new QGroupBox(this);
    auto *options = new QGridLayout(m_optionsBox);
    m_commonEnabled = new QCheckBox(m_optionsBox);
    m_commonEnabled->setObjectName(QStringLiteral("commonEnabledCheck"));
    m_published = new QCheckBox(m_optionsBox);
    m_published->setObjectName(QStringLiteral("publishedCheck"));
    m_retentionLabel = new QLabel(m_optionsBox);
    m_retentionCombo = new QComboBox(m_optionsBox);
    m_retentionCombo->setObjectName(QStringLiteral("retentionCombo"));
    m_retentionCombo->addItem(QString(), 0); // the server's setting
    for (int days = 1; days <= 7; ++days)
        m_retentionCombo->addItem(QString(), days);
    m_retentionLabel->setBuddy(m_retentionCombo);
    m_commonNote = new QLabel(m_optionsBox);
    m_commonNote->setObjectName(QStringLiteral("commonNote"));
    m_commonNote->setWordWrap(true);
    options->addWidget(m_commonEnabled, 0, 0, 1, 3);
    options->addWidget(m_published, 1, 0, 1, 3);
    options->addWidget(m_retentionLabel, 2, 0);
    options->addWidget(m_retentionCombo, 2, 1);
    options->setColumnStretch(2, 1);
    options->addWidget(m_commonNote, 3, 0, 1, 3);
    layout->addWidget(m_optionsBox);

    m_view = makeListView(this, QStringLiteral("filterView"), m_proxy, FilterTableModel::ListColumn,
                          Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setColumnWidth(FilterTableModel::ListColumn, 110);
    m_view->setColumnWidth(FilterTableModel::FieldColumn, 200);
    layout->addWidget(m_view, 1);

    auto *add = new QHBoxLayout;
    m_addLabel = new QLabel(this);
    m_listCombo = new QComboBox(this);
    m_listCombo->setObjectName(QStringLiteral("listCombo"));
    for (FilterEntry::List l : {FilterEntry::List::Deny, FilterEntry::List::Allow})
        m_listCombo->addItem(QString(), int(l));
    m_fieldCombo = new QComboBox(this);
    m_fieldCombo->setObjectName(QStringLiteral("fieldCombo"));
    for (FilterEntry::Field f : {FilterEntry::Field::Sender, FilterEntry::Field::Domain,
                                 FilterEntry::Field::Subject, FilterEntry::Field::Language})
        m_fieldCombo->addItem(QString(), int(f));
    m_valueStack = new QStackedWidget(this);
    m_valueEdit = new QLineEdit(m_valueStack);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setMaxLength(200);
    m_languageCombo = new QComboBox(m_valueStack);
    m_languageCombo->setObjectName(QStringLiteral("languageCombo"));
    for (const QString &language : SpamFilter::languages())
        m_languageCombo->addItem(QString(), language);
    m_valueStack->addWidget(m_valueEdit);
    m_valueStack->addWidget(m_languageCombo);
    m_valueStack->setMinimumWidth(240);
    m_addButton = new QPushButton(this);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    m_removeButton = new QPushButton(this);
    m_removeButton->setObjectName(QStringLiteral("removeButton"));
    add->addWidget(m_addLabel);
    add->addWidget(m_listCombo);
    add->addWidget(m_fieldCombo);
    add->addWidget(m_valueStack, 1);
    add->addWidget(m_addButton);
    add->addSpacing(12);
    add->addWidget(m_removeButton);
    layout->addLayout(add);

    auto *status = new QHBoxLayout;
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    status->addWidget(m_messageLabel, 1);
    status->addWidget(m_countLabel);
    layout->addLayout(status);

    connect(m_scopeCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setEntries({});
        refresh();
    });
    connect(m_fieldCombo, &QComboBox::currentIndexChanged, this, [this] {
        const bool language =
            m_fieldCombo->currentData().toInt() == int(FilterEntry::Field::Language);
        m_valueStack->setCurrentIndex(language ? 1 : 0);
        // A language can only be blocked.
        if (language)
            m_listCombo->setCurrentIndex(0);
        updateState();
    });
    connect(m_listCombo, &QComboBox::currentIndexChanged, this, &FilterPage::updateState);
    connect(m_valueEdit, &QLineEdit::textChanged, this, &FilterPage::updateState);
    connect(m_valueEdit, &QLineEdit::returnPressed, this, &FilterPage::addEntry);
    connect(m_addButton, &QPushButton::clicked, this, &FilterPage::addEntry);
    connect(m_removeButton, &QPushButton::clicked, this, &FilterPage::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FilterPage::updateState);
    connect(m_commonEnabled, &QCheckBox::toggled, this, [this](bool on) {
        if (m_applying)
            return;
        const QString address = scope();
        setOption([address, on, who = m_services.operatorName()](const FilterService &f) {
            return f.setCommonEnabled(address, on, who);
        });
    });
    connect(m_published, &QCheckBox::toggled, this, [this](bool on) {
        if (m_applying)
            return;
        setOption([on, who = m_services.operatorName()](const FilterService &f) {
            return f.setCommonPublished(on, who);
        });
    });
    connect(m_retentionCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_applying || scope().isEmpty())
            return;
        const QString address = scope();
        const int days = m_retentionCombo->currentData().toInt();
        setOption([address, days, who = m_services.operatorName()](const FilterService &f) {
            return f.setRetention(address, days ? std::optional<int>(days) : std::nullopt, who);
        });
    });
    retranslateUi();
    updateState();
}

QString FilterPage::scope() const
{
    return m_scopeCombo->currentData().toString();
}

void FilterPage::setScope(const QString &address)
{
    int i = m_scopeCombo->findData(address);
    if (i < 0) {
        m_scopeCombo->addItem(address, address);
        i = m_scopeCombo->count() - 1;
    }
    m_scopeCombo->setCurrentIndex(i);
}

void FilterPage::retranslateUi()
{
    m_intro->setText(
        tr("Mail that a filter blocks is kept in the spam quarantine instead of the mailbox. "
           "Allow lists come before block lists, and both before the spam score. Mail that "
           "claims to come from your own domain but from an address that does not exist is "
           "always quarantined while a filter is in use."));
    m_scopeLabel->setText(tr("&Filter:"));
    m_scopeCombo->setItemText(0, tr("Common filter (all accounts)"));
    m_optionsBox->setTitle(tr("Options"));
    m_retentionLabel->setText(tr("Keep quarantined mail for:"));
    m_published->setText(tr("Show the common filter to users (they cannot change it)"));
    for (int i = 0; i < m_listCombo->count(); ++i)
        m_listCombo->setItemText(
            i, FilterTableModel::listText(FilterEntry::List(m_listCombo->itemData(i).toInt())));
    for (int i = 0; i < m_fieldCombo->count(); ++i)
        m_fieldCombo->setItemText(
            i, FilterTableModel::fieldText(FilterEntry::Field(m_fieldCombo->itemData(i).toInt())));
    for (int i = 0; i < m_languageCombo->count(); ++i)
        m_languageCombo->setItemText(
            i, FilterTableModel::languageText(m_languageCombo->itemData(i).toString()));
    m_addLabel->setText(tr("Add:"));
    m_valueEdit->setPlaceholderText(tr("Address, domain or word"));
    m_addButton->setText(tr("&Add"));
    m_removeButton->setText(tr("&Remove"));
    m_model->retranslate();
    updateState();
    refresh();
}

void FilterPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FilterPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void FilterPage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
}

void FilterPage::refresh()
{
    if (!isVisible() || !beginLoad())
        return;
    const ConsoleServices *services = &m_services;
    const QString address = scope();
    runInBackground(
        this,
        [services, address]() -> Result<FilterPageData> {
            FilterPageData d;
            auto view = services->filters().view(address);
            if (!view)
                return view.error();
            d.view = *view;
            auto accounts = services->accounts().list();
            if (!accounts)
                return accounts.error();
            for (const Account &a : std::as_const(*accounts))
                if (a.role != Account::Role::SendOnly)
                    d.accounts << a.address;
            if (auto settings = Settings::load(services->database()))
                d.defaultDays = int(settings->integer(QStringLiteral("scan.quarantine_days")));
            return d;
        },
        [this, address](Result<FilterPageData> r) {
            if (r && address == scope()) {
                updateScopes(r->accounts);
                m_retentionCombo->setItemText(
                    0, tr("Server setting (%n day(s))", nullptr, r->defaultDays));
                applyView(r->view);
            }
            endLoad(r ? nullptr : &r.error(), int(ErrorText::Action::LoadFilters));
        });
}

void FilterPage::updateScopes(const QStringList &accounts)
{
    refillChoices(m_scopeCombo, accounts);
}

void FilterPage::applyView(const AccountFilterView &v)
{
    const bool common = v.account.isEmpty();
    m_model->setEntries(common ? v.common : v.own);
    m_commonCount = int(v.common.size());
    m_applying = true;
    m_commonEnabled->setText(common ? tr("Use the common filter")
                                    : tr("Apply the common filter to this account"));
    m_commonEnabled->setChecked(common ? v.commonState.enabled : v.options.commonEnabled);
    m_published->setChecked(v.commonState.published);
    m_published->setVisible(common);
    m_retentionLabel->setVisible(!common);
    m_retentionCombo->setVisible(!common);
    m_retentionCombo->setCurrentIndex(
        qMax(0, m_retentionCombo->findData(v.options.quarantineDays.value_or(0))));
    m_applying = false;
    if (common) {
        m_commonNote->clear();
    } else if (!v.commonState.enabled) {
        m_commonNote->setText(tr("The common filter is turned off for all accounts."));
    } else {
        m_commonNote->setText(
            v.commonApplies()
                ? tr("The %n entry(s) of the common filter also apply to this account.", nullptr,
                     m_commonCount)
                : tr("The common filter does not apply to this account."));
    }
    m_commonNote->setVisible(!common);
    updateCount();
    updateState();
}

void FilterPage::updateCount()
{
    const auto list = FilterEntry::List(m_listCombo->currentData().toInt());
    const auto field = FilterEntry::Field(m_fieldCombo->currentData().toInt());
    //: How many entries the chosen list (%1) and field (%2) hold (%3), of the most allowed (%4).
    m_countLabel->setText(
        tr("%1 – %2: %3 / %4 entries")
            .arg(FilterTableModel::listText(list), FilterTableModel::fieldText(field))
            .arg(m_model->count(list, field))
            .arg(FilterStore::kMaxEntriesPerField));
}

void FilterPage::updateState()
{
    const bool language = m_fieldCombo->currentData().toInt() == int(FilterEntry::Field::Language);
    const bool full = m_model->count(FilterEntry::List(m_listCombo->currentData().toInt()),
                                     FilterEntry::Field(m_fieldCombo->currentData().toInt())) >=
                      FilterStore::kMaxEntriesPerField;
    // Languages are only blocked.
    const bool allowLanguage =
        language && m_listCombo->currentData().toInt() == int(FilterEntry::List::Allow);
    m_addButton->setEnabled(!m_busy && !full && !allowLanguage &&
                            (language || !m_valueEdit->text().trimmed().isEmpty()));
    m_removeButton->setEnabled(!m_busy && m_view->selectionModel()->hasSelection());
    m_scopeCombo->setEnabled(!m_busy);
    m_optionsBox->setEnabled(!m_busy);
    updateCount();
}

void FilterPage::setOption(std::function<Result<void>(const FilterService &)> change)
{
    if (m_busy)
        return;
    const ConsoleServices *services = &m_services;
    runAction([services, change] { return change(services->filters()); },
              int(ErrorText::Action::ChangeFilter),
              [this] { showMessage(tr("Saved. New mail is filtered this way."), false); });
}

void FilterPage::addEntry()
{
    if (m_busy || !m_addButton->isEnabled())
        return;
    const QString address = scope();
    const auto list = FilterEntry::List(m_listCombo->currentData().toInt());
    const auto field = FilterEntry::Field(m_fieldCombo->currentData().toInt());
    const QString value = field == FilterEntry::Field::Language
                              ? m_languageCombo->currentData().toString()
                              : m_valueEdit->text();
    const ConsoleServices *services = &m_services;
    runAction(
        [services, address, list, field, value]() -> Result<void> {
            auto e = services->filters().add(address, list, field, value, services->operatorName());
            if (!e)
                return e.error();
            return {};
        },
        int(ErrorText::Action::ChangeFilter),
        [this] {
            m_valueEdit->clear();
            showMessage(tr("Added. New mail is filtered this way."), false);
        });
}

void FilterPage::removeSelected()
{
    if (m_busy)
        return;
    QList<FilterEntry> chosen;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        const QModelIndex source = m_proxy->mapToSource(i);
        chosen << m_model->entries().at(source.row());
    }
    if (chosen.isEmpty())
        return;
    const QString address = scope();
    const ConsoleServices *services = &m_services;
    runAction(
        [services, address, chosen]() -> Result<void> {
            const FilterService filters = services->filters();
            for (const FilterEntry &e : chosen)
                if (auto r =
                        filters.remove(address, e.list, e.field, e.value, services->operatorName());
                    !r && r.error().kind != Error::Kind::NotFound)
                    return r;
            return {};
        },
        int(ErrorText::Action::ChangeFilter),
        [this, n = chosen.size()] {
            showMessage(tr("%n entry(s) removed.", nullptr, int(n)), false);
        });
}

} // namespace fumibako
