#include "logpage.h"

#include "background.h"
#include "itemroles.h"
#include "logtablemodel.h"
#include "widgets/errortext.h"
#include "widgets/listview.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace fumibako
{

LogPage::LogPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_services(services), m_model(new LogTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("logPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);

    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_addressLabel = new QLabel(this);
    m_addressEdit = new QLineEdit(this);
    m_addressEdit->setObjectName(QStringLiteral("addressEdit"));
    m_addressEdit->setClearButtonEnabled(true);
    m_addressLabel->setBuddy(m_addressEdit);
    m_kindLabel = new QLabel(this);
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    m_kindCombo->addItem(QString(), -1);
    for (LogEntry::Kind k : LogTableModel::kinds())
        m_kindCombo->addItem(QString(), int(k));
    m_kindCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kindLabel->setBuddy(m_kindCombo);
    m_periodLabel = new QLabel(this);
    m_fromEdit = new QDateEdit(QDate::currentDate().addDays(-6), this);
    m_fromEdit->setObjectName(QStringLiteral("fromEdit"));
    m_toEdit = new QDateEdit(QDate::currentDate(), this);
    m_toEdit->setObjectName(QStringLiteral("toEdit"));
    for (QDateEdit *d : {m_fromEdit, m_toEdit}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy/MM/dd"));
    }
    m_periodLabel->setBuddy(m_fromEdit);
    m_toLabel = new QLabel(QString::fromUtf8("〜"), this);
    m_searchButton = new QPushButton(this);
    m_searchButton->setObjectName(QStringLiteral("searchButton"));
    m_searchButton->setDefault(true);
    filters->addWidget(m_addressLabel);
    filters->addWidget(m_addressEdit, 1);
    filters->addSpacing(8);
    filters->addWidget(m_kindLabel);
    filters->addWidget(m_kindCombo);
    filters->addSpacing(8);
    filters->addWidget(m_periodLabel);
    filters->addWidget(m_fromEdit);
    filters->addWidget(m_toLabel);
    filters->addWidget(m_toEdit);
    filters->addSpacing(8);
    filters->addWidget(m_searchButton);
    layout->addLayout(filters);

    m_view = makeListView(this, QStringLiteral("logView"), m_proxy, LogTableModel::TimeColumn,
                          Qt::DescendingOrder);
    m_view->setColumnWidth(LogTableModel::TimeColumn, 150);
    m_view->setColumnWidth(LogTableModel::KindColumn, 100);
    m_view->setColumnWidth(LogTableModel::AddressColumn, 200);
    m_view->setColumnWidth(LogTableModel::PeerColumn, 100);
    layout->addWidget(m_view, 1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    layout->addWidget(m_countLabel);

    connect(m_searchButton, &QPushButton::clicked, this, &LogPage::refresh);
    connect(m_addressEdit, &QLineEdit::returnPressed, this, &LogPage::refresh);
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &LogPage::refresh);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, [this](QDate d) {
        if (m_toEdit->date() < d)
            m_toEdit->setDate(d);
    });
    connect(m_toEdit, &QDateEdit::dateChanged, this, [this](QDate d) {
        if (m_fromEdit->date() > d)
            m_fromEdit->setDate(d);
    });
    retranslateUi();
}

void LogPage::retranslateUi()
{
    m_addressLabel->setText(tr("&Address:"));
    m_addressEdit->setPlaceholderText(tr("All addresses"));
    m_kindLabel->setText(tr("&Type:"));
    for (int i = 0; i < m_kindCombo->count(); ++i) {
        const int k = m_kindCombo->itemData(i).toInt();
        m_kindCombo->setItemText(i, k < 0 ? tr("All types")
                                          : LogTableModel::kindText(LogEntry::Kind(k)));
    }
    m_periodLabel->setText(tr("&Period:"));
    m_searchButton->setText(tr("&Search"));
    m_model->retranslate();
    updateCount();
}

void LogPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Keep the period ending today when the console runs for days.
    if (m_toEdit->date() == QDate::currentDate().addDays(-1))
        m_toEdit->setDate(QDate::currentDate());
    refresh();
}

LogFilter LogPage::filter() const
{
    LogFilter f;
    f.address = m_addressEdit->text().trimmed();
    if (const int k = m_kindCombo->currentData().toInt(); k >= 0)
        f.kind = LogEntry::Kind(k);
    f.from = QDateTime(m_fromEdit->date(), QTime(0, 0));
    f.to = QDateTime(m_toEdit->date().addDays(1), QTime(0, 0)); // exclusive: the whole last day
    f.limit = kLimit;
    return f;
}

void LogPage::updateCount()
{
    const int n = m_model->rowCount();
    if (n >= kLimit)
        m_countLabel->setText(
            tr("Showing the newest %n entries. Narrow the search to see older ones.", nullptr, n));
    else
        m_countLabel->setText(tr("%n entries", nullptr, n));
}

void LogPage::refresh()
{
    if (m_busy) {
        m_refreshPending = true;
        return;
    }
    m_busy = true;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, f = filter()] { return services->log().query(f); },
        [this](Result<QList<LogEntry>> r) {
            m_busy = false;
            if (r) {
                m_model->setEntries(*r);
                updateCount();
            } else {
                m_countLabel->setText(ErrorText::describe(ErrorText::Action::LoadLog, r.error()));
                m_countLabel->setToolTip(r.error().message);
            }
            if (m_refreshPending) {
                m_refreshPending = false;
                refresh();
                return;
            }
            Q_EMIT refreshed();
        });
}

} // namespace fumibako
