#include "dkimpage.h"

#include "background.h"
#include "dialogs/confirmbox.h"
#include "dkimkeytablemodel.h"
#include "itemroles.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"
#include "widgets/listview.h"

#include "service/settings.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace fumibako
{

namespace
{

// What the page reads in one go, off the GUI thread.
struct Snapshot {
    Result<QList<DkimKeyInfo>> keys;
    Result<QStringList> domains;
    Result<Settings> settings;
};

QString fieldText(QWidget *field)
{
    if (auto *line = qobject_cast<QLineEdit *>(field))
        return line->text();
    if (auto *text = qobject_cast<QPlainTextEdit *>(field))
        return text->toPlainText();
    return QString();
}

void setFieldText(QWidget *field, const QString &value)
{
    if (auto *line = qobject_cast<QLineEdit *>(field)) {
        line->setText(value);
        line->setCursorPosition(0);
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(field)) {
        text->setPlainText(value);
    }
}

// SPF and DMARC values fit one character-string (RFC 1035 3.3.14).
QString zoneLine(const QString &name, const QString &value)
{
    return name + QStringLiteral(". IN TXT \"") + value + QLatin1Char('"');
}

} // namespace

QString DkimPage::sentences(const QStringList &parts)
{
    QString out;
    for (const QString &part : parts) {
        if (part.isEmpty())
            continue;
        //: Two sentences one after the other: a space in English, none after 。 in Japanese.
        out = out.isEmpty() ? part : tr("%1 %2").arg(out, part);
    }
    return out;
}

QList<int> DkimPage::algorithms()
{
    return {int(DkimKey::Algorithm::RsaSha256), int(DkimKey::Algorithm::Ed25519Sha256)};
}

DkimPage::DkimPage(const ConsoleServices &services, ServerController *server, QWidget *parent)
    : ActionPage(parent), m_services(services), m_server(server),
      m_model(new DkimKeyTableModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("dkimPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterRole(DkimDomainRole);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    m_intro = new QLabel(content);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_stepsNote = new QLabel(content);
    m_stepsNote->setObjectName(QStringLiteral("stepsNote"));
    m_stepsNote->setWordWrap(true);
    m_stepsNote->setStyleSheet(QStringLiteral("QLabel { background: #fdf6e3; border: 1px solid "
                                              "#e0c98a; border-radius: 4px; padding: 6px; }"));
    layout->addWidget(m_stepsNote);

    auto *domainRow = new QHBoxLayout;
    m_domainLabel = new QLabel(content);
    m_domainCombo = new QComboBox(content);
    m_domainCombo->setObjectName(QStringLiteral("domainCombo"));
    m_domainCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_domainCombo->setMinimumWidth(220);
    m_domainLabel->setBuddy(m_domainCombo);
    domainRow->addWidget(m_domainLabel);
    domainRow->addWidget(m_domainCombo);
    domainRow->addStretch(1);
    layout->addLayout(domainRow);

    m_keysBox = new QGroupBox(content);
    auto *keysLayout = new QVBoxLayout(m_keysBox);
    m_view = makeListView(m_keysBox, QStringLiteral("keyView"), m_proxy,
                          DkimKeyTableModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // The domain is chosen above the table; its column would repeat it on every row.
    m_view->setColumnHidden(DkimKeyTableModel::DomainColumn, true);
    m_view->setColumnWidth(DkimKeyTableModel::SelectorColumn, 170);
    m_view->setColumnWidth(DkimKeyTableModel::AlgorithmColumn, 110);
    m_view->setColumnWidth(DkimKeyTableModel::StateColumn, 150);
    // A domain has a few keys: room for four rows without scrolling.
    keysLayout->addWidget(m_view);

    auto *keyButtons = new QHBoxLayout;
    m_algorithmLabel = new QLabel(m_keysBox);
    m_algorithmCombo = new QComboBox(m_keysBox);
    m_algorithmCombo->setObjectName(QStringLiteral("algorithmCombo"));
    for (int a : algorithms())
        m_algorithmCombo->addItem(QString(), a);
    m_algorithmCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_algorithmLabel->setBuddy(m_algorithmCombo);
    m_generateButton = new QPushButton(m_keysBox);
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    m_activateButton = new QPushButton(m_keysBox);
    m_activateButton->setObjectName(QStringLiteral("activateButton"));
    m_retireButton = new QPushButton(m_keysBox);
    m_retireButton->setObjectName(QStringLiteral("retireButton"));
    m_deleteButton = new QPushButton(m_keysBox);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    keyButtons->addWidget(m_algorithmLabel);
    keyButtons->addWidget(m_algorithmCombo);
    keyButtons->addWidget(m_generateButton);
    keyButtons->addStretch(1);
    keyButtons->addWidget(m_activateButton);
    keyButtons->addWidget(m_retireButton);
    keyButtons->addWidget(m_deleteButton);
    keysLayout->addLayout(keyButtons);
    m_messageLabel = new QLabel(m_keysBox);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->hide();
    keysLayout->addWidget(m_messageLabel);
    layout->addWidget(m_keysBox);

    m_recordsBox = new QGroupBox(content);
    auto *recordsLayout = new QVBoxLayout(m_recordsBox);
    // The zone file button beside the note, not on a row of its own: the
    // records are what the page is for and should need little scrolling.
    auto *noteRow = new QHBoxLayout;
    m_recordsNote = makeNote(m_recordsBox);
    m_zoneButton = new QPushButton(m_recordsBox);
    m_zoneButton->setObjectName(QStringLiteral("zoneCopyButton"));
    noteRow->addWidget(m_recordsNote, 1);
    noteRow->addWidget(m_zoneButton, 0, Qt::AlignTop);
    recordsLayout->addLayout(noteRow);
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    m_dkim = addRecord(grid, 0, QStringLiteral("dkim"), true);
    m_noKeyLabel = makeNote(m_recordsBox);
    m_noKeyLabel->setObjectName(QStringLiteral("noKeyLabel"));
    grid->addWidget(m_noKeyLabel, 4, 1, 1, 2);
    m_spf = addRecord(grid, 5, QStringLiteral("spf"), false);
    m_dmarc = addRecord(grid, 9, QStringLiteral("dmarc"), false);
    recordsLayout->addLayout(grid);
    layout->addWidget(m_recordsBox);
    layout->addStretch(1);

    connect(m_domainCombo, &QComboBox::currentIndexChanged, this, &DkimPage::applyDomain);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DkimPage::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DkimPage::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DkimPage::fitTable);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DkimPage::fitTable);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DkimPage::fitTable);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &DkimPage::updateState);
    connect(m_generateButton, &QPushButton::clicked, this, &DkimPage::generateKey);
    connect(m_activateButton, &QPushButton::clicked, this, &DkimPage::activateSelected);
    connect(m_retireButton, &QPushButton::clicked, this, &DkimPage::retireSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &DkimPage::deleteSelected);
    for (const RecordFields *r : {&m_dkim, &m_spf, &m_dmarc}) {
        connect(r->copyName, &QPushButton::clicked, this,
                [this, r] { copy(r->copyName, r->name->text()); });
        connect(r->copyValue, &QPushButton::clicked, this,
                [this, r] { copy(r->copyValue, fieldText(r->value)); });
    }
    connect(m_zoneButton, &QPushButton::clicked, this, [this] {
        // Every key of the domain: new ones are published before they sign,
        // retired ones stay until deleted.
        QStringList lines;
        for (const DkimKeyInfo &k : m_model->keys())
            if (k.domain == domain())
                lines << QString::fromLatin1(k.zoneFileRecord);
        lines << zoneLine(m_spf.name->text(), fieldText(m_spf.value))
              << zoneLine(m_dmarc.name->text(), fieldText(m_dmarc.value));
        copy(m_zoneButton, lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    });
    connect(m_server, &ServerController::dkimKeysReloaded, this,
            [this](bool applied, const Error &error) {
                const auto [head, tail] = std::exchange(m_pendingSigning, {});
                if (head.isEmpty())
                    return;
                if (!applied && !error.message.isEmpty()) {
                    showMessage(tr("The change was saved, but the running mail server could not "
                                   "load the DKIM keys; it uses them after a restart."),
                                true, error.message);
                    return;
                }
                const QString when =
                    applied ? tr("The running mail server uses the change from now on.")
                            : tr("The mail server uses the change when it is started.");
                showMessage(sentences({head, when, tail}), false);
            });
    retranslateUi();
    fitTable();
}

DkimPage::RecordFields DkimPage::addRecord(QGridLayout *grid, int row, const QString &name,
                                           bool longValue)
{
    RecordFields r;
    QWidget *parent = m_recordsBox;
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    r.title = new QLabel(parent);
    r.title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    if (row > 0)
        r.title->setContentsMargins(0, 8, 0, 0);
    grid->addWidget(r.title, row, 0, 1, 3);
    r.nameLabel = new QLabel(parent);
    r.name = new QLineEdit(parent);
    r.name->setObjectName(name + QStringLiteral("NameEdit"));
    r.name->setReadOnly(true);
    r.name->setFont(fixed);
    r.nameLabel->setBuddy(r.name);
    r.copyName = new QPushButton(parent);
    r.copyName->setObjectName(name + QStringLiteral("NameCopyButton"));
    grid->addWidget(r.nameLabel, row + 1, 0);
    grid->addWidget(r.name, row + 1, 1);
    grid->addWidget(r.copyName, row + 1, 2);
    r.valueLabel = new QLabel(parent);
    if (longValue) {
        // An RSA key's record is some 400 characters: shown whole, wrapped.
        auto *text = new QPlainTextEdit(parent);
        text->setReadOnly(true);
        text->setFont(fixed);
        text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        text->setWordWrapMode(QTextOption::WrapAnywhere);
        text->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        // As high as the record: one line for Ed25519, five or so for RSA.
        connect(text->document()->documentLayout(),
                &QAbstractTextDocumentLayout::documentSizeChanged, text,
                [text](const QSizeF &size) {
                    // QPlainTextDocumentLayout measures its height in lines.
                    const int lines = qBound(1, int(size.height()), 8);
                    text->setFixedHeight(lines * text->fontMetrics().lineSpacing() +
                                         2 * int(text->document()->documentMargin()) +
                                         2 * text->frameWidth() + 4);
                });
        r.value = text;
    } else {
        auto *line = new QLineEdit(parent);
        line->setReadOnly(true);
        line->setFont(fixed);
        r.value = line;
    }
    r.value->setObjectName(name + QStringLiteral("ValueEdit"));
    r.valueLabel->setBuddy(r.value);
    r.copyValue = new QPushButton(parent);
    r.copyValue->setObjectName(name + QStringLiteral("ValueCopyButton"));
    grid->addWidget(r.valueLabel, row + 2, 0, longValue ? Qt::AlignTop : Qt::Alignment());
    grid->addWidget(r.value, row + 2, 1);
    grid->addWidget(r.copyValue, row + 2, 2, longValue ? Qt::AlignTop : Qt::Alignment());
    r.note = makeNote(parent);
    r.note->setObjectName(name + QStringLiteral("Note"));
    grid->addWidget(r.note, row + 3, 1, 1, 2);
    return r;
}

void DkimPage::retranslateUi()
{
    m_intro->setText(
        tr("DKIM, SPF and DMARC let receiving servers check that mail from your domain really "
           "comes from you, so it is less often taken for spam or a forgery. They work through "
           "records you publish in your domain's DNS."));
    m_stepsNote->setText(
        tr("A new DKIM key signs mail only after you publish its DNS record and then start "
           "signing with it. After you stop signing with a key, leave its record published a "
           "few more days before you delete the key. Changes here apply without restarting "
           "the mail server."));
    m_domainLabel->setText(tr("D&omain:"));
    m_keysBox->setTitle(tr("DKIM keys"));
    m_algorithmLabel->setText(tr("&Key type:"));
    for (int i = 0; i < m_algorithmCombo->count(); ++i)
        m_algorithmCombo->setItemText(i,
                                      DkimKey::Algorithm(m_algorithmCombo->itemData(i).toInt()) ==
                                              DkimKey::Algorithm::Ed25519Sha256
                                          ? tr("Ed25519 (newer; not every server checks it)")
                                          : tr("RSA 2048-bit (recommended)"));
    m_algorithmCombo->setToolTip(
        tr("Every receiving server can check RSA. Ed25519 is shorter and newer, but some "
           "servers cannot check it yet: use it only in addition to an RSA key."));
    m_generateButton->setText(tr("&New Key"));
    m_generateButton->setToolTip(
        tr("Make a new key for the chosen domain. It does not sign until you start signing "
           "with it."));
    m_activateButton->setText(tr("&Start Signing…"));
    m_retireButton->setText(tr("S&top Signing"));
    m_retireButton->setToolTip(tr("Stop signing with the selected key. Its DNS record should "
                                  "stay published a few more days."));
    m_deleteButton->setText(tr("&Delete…"));
    m_recordsBox->setTitle(tr("Records to publish in DNS (type TXT)"));
    for (RecordFields *r : {&m_dkim, &m_spf, &m_dmarc}) {
        r->nameLabel->setText(tr("Name:"));
        r->valueLabel->setText(tr("Value:"));
        for (QPushButton *b : {r->copyName, r->copyValue})
            b->setToolTip(tr("Copy to the clipboard"));
    }
    m_zoneButton->setToolTip(tr("For a DNS server you run yourself: every DKIM key of the "
                                "domain, SPF and DMARC as lines of a BIND zone file."));
    m_zoneButton->setMinimumWidth(m_zoneButton->sizeHint().width());
    updateCopyButtons();
    m_model->retranslate();
    updateState();
}

void DkimPage::updateCopyButtons()
{
    // A copy button says "Copied" for a moment: wide enough for both words.
    const QString copyText = tr("Copy");
    const QString copiedText = tr("Copied");
    for (QPushButton *b : {m_dkim.copyName, m_dkim.copyValue, m_spf.copyName, m_spf.copyValue,
                           m_dmarc.copyName, m_dmarc.copyValue}) {
        b->setText(b->property("copied").toBool() ? copiedText : copyText);
        const QFontMetrics fm(b->font());
        b->setMinimumWidth(qMax(fm.horizontalAdvance(copyText), fm.horizontalAdvance(copiedText)) +
                           32);
    }
    m_zoneButton->setText(
        m_zoneButton->property("copied").toBool() ? copiedText : tr("Copy All as Zone File Lines"));
}

void DkimPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DkimPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

QString DkimPage::domain() const
{
    return m_domainCombo->currentData().toString();
}

void DkimPage::setDomain(const QString &domain)
{
    const int i = m_domainCombo->findData(domain.trimmed().toLower());
    if (i >= 0)
        m_domainCombo->setCurrentIndex(i);
}

QString DkimPage::selectedSelector() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DkimSelectorRole).toString();
}

void DkimPage::showMessage(const QString &text, bool error, const QString &detail)
{
    showStatus(m_messageLabel, text, error, detail);
    m_messageLabel->setVisible(!text.isEmpty());
}

// A domain has a few keys: the table is as high as its rows (two to six), so
// the records below need less scrolling.
void DkimPage::fitTable()
{
    const int rows = qBound(2, m_proxy->rowCount(), 6);
    m_view->setFixedHeight(m_view->horizontalHeader()->sizeHint().height() +
                           rows * m_view->verticalHeader()->defaultSectionSize() +
                           2 * m_view->frameWidth());
}

void DkimPage::copy(QPushButton *button, const QString &text)
{
    if (text.isEmpty())
        return;
    QApplication::clipboard()->setText(text);
    button->setProperty("copied", true);
    updateCopyButtons();
    QTimer::singleShot(1500, button, [this, button] {
        button->setProperty("copied", false);
        updateCopyButtons();
    });
}

// Selects `selector`'s row in the chosen domain, else the first (newest) row:
// the record shown is always one the domain needs published.
void DkimPage::selectKey(const QString &selector)
{
    int wanted = m_proxy->rowCount() > 0 ? 0 : -1;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (m_proxy->index(row, 0).data(DkimSelectorRole).toString() == selector)
            wanted = row;
    if (wanted >= 0)
        m_view->selectRow(wanted);
    else
        m_view->clearSelection();
}

void DkimPage::applyDomain()
{
    const QString d = domain();
    m_proxy->setFilterRegularExpression(
        d.isEmpty() ? QRegularExpression(QStringLiteral("^$"))
                    : QRegularExpression(QLatin1Char('^') + QRegularExpression::escape(d) +
                                         QLatin1Char('$')));
    fitTable();
    selectKey(QString());
    updateState();
}

void DkimPage::updateDomains(const QStringList &serverDomains)
{
    m_serverDomains = serverDomains;
    // The server's domains first (the first is the primary one), then any
    // other domain that has keys (made with fumibakoctl).
    QStringList domains = serverDomains;
    for (const QString &d : m_model->domains())
        if (!domains.contains(d))
            domains << d;
    QStringList shown;
    for (int i = 0; i < m_domainCombo->count(); ++i)
        shown << m_domainCombo->itemData(i).toString();
    if (shown == domains)
        return;
    const QString current = domain();
    {
        const QSignalBlocker block(m_domainCombo);
        m_domainCombo->clear();
        for (const QString &d : std::as_const(domains))
            m_domainCombo->addItem(d, d);
        m_domainCombo->setCurrentIndex(qMax(0, m_domainCombo->findData(current)));
    }
    applyDomain();
}

void DkimPage::updateState()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selected = !rows.isEmpty();
    const bool active = selected && rows.first().data(DkimActiveRole).toBool();
    const bool hasDomain = !domain().isEmpty();
    m_generateButton->setEnabled(!m_busy && hasDomain);
    m_algorithmCombo->setEnabled(!m_busy && hasDomain);
    m_activateButton->setEnabled(!m_busy && selected && !active);
    m_retireButton->setEnabled(!m_busy && selected && active);
    m_deleteButton->setEnabled(!m_busy && selected && !active);
    m_deleteButton->setToolTip(active ? tr("A key that signs cannot be deleted: stop signing "
                                           "with it first.")
                                      : tr("Delete the selected key for good."));
    m_activateButton->setToolTip(
        tr("Sign outgoing mail of the domain with the selected key. Publish its DNS record "
           "first."));
    updateRecords();
}

void DkimPage::updateRecords()
{
    const QString d = domain();
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const QModelIndex key = rows.isEmpty() ? QModelIndex() : rows.first();
    const QString selector = key.data(DkimSelectorRole).toString();
    m_dkim.title->setText(
        selector.isEmpty()
            ? tr("DKIM")
            //: %1 is the key's selector, e.g. fb202611r.
            : tr("DKIM (key %1, %2)")
                  .arg(selector, DkimKeyTableModel::stateText(key.data(DkimActiveRole).toBool())));
    setFieldText(m_dkim.name, key.data(DkimDnsNameRole).toString());
    setFieldText(m_dkim.value, key.data(DkimTxtRecordRole).toString());
    for (QWidget *w : QWidgetList{m_dkim.nameLabel, m_dkim.name, m_dkim.copyName, m_dkim.valueLabel,
                                  m_dkim.value, m_dkim.copyValue})
        w->setVisible(key.isValid());
    m_dkim.note->setText(key.isValid()
                             ? tr("Publish the record of every key in the list, including new keys "
                                  "that do not sign yet and keys you stopped signing with.")
                             : QString());
    m_dkim.note->setVisible(key.isValid());
    m_noKeyLabel->setText(d.isEmpty() ? QString()
                          : m_proxy->rowCount() == 0
                              ? tr("%1 has no DKIM key yet. Make one with New Key above.").arg(d)
                              : tr("Select a key in the list to see its record."));
    m_noKeyLabel->setVisible(!key.isValid());

    m_recordsNote->setText(d.isEmpty() ? QString()
                                       : tr("Some DNS control panels want the name without "
                                            "\".%1\".")
                                             .arg(d));
    m_spf.title->setText(tr("SPF (which servers may send mail for the domain)"));
    m_dmarc.title->setText(tr("DMARC (what receivers do when the checks fail)"));
    setFieldText(m_spf.name, d);
    setFieldText(m_spf.value,
                 d.isEmpty() ? QString() : DkimKeyStore::spfRecord(d, m_hostname, m_relayHost));
    setFieldText(m_dmarc.name, d.isEmpty() ? QString() : QStringLiteral("_dmarc.") + d);
    setFieldText(m_dmarc.value, d.isEmpty() ? QString() : DkimKeyStore::dmarcRecord(d));
    const QString allows =
        !m_relayHost.trimmed().isEmpty()
            ? tr("Allows the domain's MX servers and your sending server (smarthost) %1. If your "
                 "provider documents an SPF entry (\"include:\"), use that instead.")
                  .arg(m_relayHost.trimmed())
        : !m_hostname.isEmpty()
            ? tr("Allows the domain's MX servers and this server (%1).").arg(m_hostname)
            : tr("Allows the domain's MX servers.");
    m_spf.note->setText(sentences({allows, tr("A domain has one SPF record: if it already has "
                                              "one, add to it instead of publishing a second.")}));
    m_dmarc.note->setText(
        d.isEmpty() ? QString()
                    : tr("p=none only asks for reports (sent to postmaster@%1); no mail is "
                         "refused. Once the reports show that all your mail passes, you can "
                         "change it to p=quarantine.")
                          .arg(d));
    for (QWidget *w : QWidgetList{m_zoneButton, m_spf.copyName, m_spf.copyValue, m_dmarc.copyName,
                                  m_dmarc.copyValue})
        w->setEnabled(!d.isEmpty());
}

void DkimPage::refresh()
{
    if (!beginLoad())
        return;
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services] {
            return Snapshot{services->dkimKeys().list(), services->accounts().domains(),
                            Settings::load(services->database())};
        },
        [this](Snapshot s) {
            const QString selected = m_selectAfterRefresh.isEmpty()
                                         ? selectedSelector()
                                         : std::exchange(m_selectAfterRefresh, QString());
            if (s.settings) {
                m_hostname = s.settings->value(QStringLiteral("server.hostname"));
                m_relayHost = s.settings->value(QStringLiteral("relay.host"));
            }
            if (s.keys)
                m_model->setKeys(*s.keys);
            updateDomains(s.domains ? *s.domains : m_serverDomains);
            selectKey(selected);
            const Error *error = !s.keys      ? &s.keys.error()
                                 : !s.domains ? &s.domains.error()
                                              : nullptr;
            endLoad(error, int(ErrorText::Action::LoadDkimKeys));
        });
}

void DkimPage::generateKey()
{
    const QString d = domain();
    if (m_busy || d.isEmpty())
        return;
    const auto algorithm = DkimKey::Algorithm(m_algorithmCombo->currentData().toInt());
    const ConsoleServices *services = &m_services;
    // RSA key generation takes a noticeable moment; it runs off the GUI thread.
    auto selector = std::make_shared<QString>();
    runAction(
        [services, d, algorithm, selector]() -> Result<void> {
            auto key = services->dkimKeys().generate(d, algorithm);
            if (!key)
                return key.error();
            *selector = key->selector();
            return {};
        },
        int(ErrorText::Action::GenerateDkimKey),
        [this, d, selector] {
            m_selectAfterRefresh = *selector;
            showMessage(tr("The key %1 was made. Publish its DNS record shown below, then start "
                           "signing with it.")
                            .arg(*selector),
                        false);
            Q_EMIT generated(d, *selector);
        });
}

void DkimPage::activateSelected()
{
    const QString d = domain();
    const QString selector = selectedSelector();
    if (m_busy || selector.isEmpty())
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // Reversible (stop signing again), so the action is the default; the
    // question is there because signing before the record is published fails.
    askToConfirm(
        this, QStringLiteral("confirmActivateBox"), QMessageBox::Question, tr("Start Signing"),
        tr("Sign mail from %1 with the key %2?\n\nPublish its DNS record first:\n%3\n\nA "
           "receiving server that cannot find the record counts the signature as failed. A "
           "new record can take a few hours to be seen everywhere.")
            .arg(d, selector, rows.first().data(DkimDnsNameRole).toString()),
        tr("Start Signing"), ConfirmDefault::Action, [this, d, selector] {
            if (m_busy)
                return;
            const ConsoleServices *services = &m_services;
            runAction(
                [services, d, selector] { return services->dkimKeys().activate(d, selector); },
                int(ErrorText::Action::ActivateDkimKey),
                [this, d, selector] {
                    m_pendingSigning = {
                        tr("The key %1 was set to sign mail from %2.").arg(selector, d), QString()};
                    showMessage(m_pendingSigning.first, false);
                    m_server->reloadDkimKeys();
                    Q_EMIT activated(d, selector);
                });
        });
}

void DkimPage::retireSelected()
{
    const QString d = domain();
    const QString selector = selectedSelector();
    if (m_busy || selector.isEmpty())
        return;
    const ConsoleServices *services = &m_services;
    runAction([services, d, selector] { return services->dkimKeys().retire(d, selector); },
              int(ErrorText::Action::RetireDkimKey),
              [this, d, selector] {
                  m_pendingSigning = {tr("The key %1 was set to stop signing.").arg(selector),
                                      tr("Keep its DNS record a few more days, then delete "
                                         "the key.")};
                  showMessage(sentences({m_pendingSigning.first, m_pendingSigning.second}), false);
                  m_server->reloadDkimKeys();
                  Q_EMIT retired(d, selector);
              });
}

void DkimPage::deleteSelected()
{
    const QString d = domain();
    const QString selector = selectedSelector();
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (m_busy || selector.isEmpty() || rows.first().data(DkimActiveRole).toBool())
        return;
    askToConfirm(
        this, QStringLiteral("confirmDeleteBox"), QMessageBox::Warning, tr("Delete DKIM Key"),
        tr("Delete the DKIM key %2 of %1?\n\nMail signed with it in the last few days may "
           "still be on its way; delete a key only some days after it stopped signing. Then "
           "remove its DNS record:\n%3\n\nThis cannot be undone.")
            .arg(d, selector, rows.first().data(DkimDnsNameRole).toString()),
        tr("Delete"), ConfirmDefault::Cancel, [this, d, selector] { runDelete(d, selector); });
}

void DkimPage::runDelete(const QString &domain, const QString &selector)
{
    if (m_busy)
        return;
    const ConsoleServices *services = &m_services;
    runAction(
        [services, domain, selector] { return services->dkimKeys().remove(domain, selector); },
        int(ErrorText::Action::DeleteDkimKey),
        [this, domain, selector] {
            showMessage(
                tr("The key %1 was deleted. Its DNS record can be removed now.").arg(selector),
                false);
            Q_EMIT deleted(domain, selector);
        });
}

} // namespace fumibako
