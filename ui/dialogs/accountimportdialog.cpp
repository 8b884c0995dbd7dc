#include "accountimportdialog.h"

#include "accountimportmodel.h"
#include "background.h"
#include "itemroles.h"
#include "widgets/errortext.h"
#include "widgets/formlabels.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace fumibako
{

namespace
{

// The service refuses a larger file; reading it whole first would only waste memory.
constexpr qint64 kMaxFileBytes = 10 * 1024 * 1024;

QTableView *makeTable(QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

} // namespace

AccountImportDialog::AccountImportDialog(const ConsoleServices &services, QWidget *parent)
    : QDialog(parent), m_services(services), m_model(new AccountImportModel(this)),
      m_passwords(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("accountImportDialog"));
    m_passwords->setSourceModel(m_model);
    m_passwords->setFilterRole(ImportPasswordRole);
    m_passwords->setFilterKeyColumn(AccountImportModel::AddressColumn);
    m_passwords->setFilterRegularExpression(QStringLiteral("."));

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    layout->addWidget(m_intro);

    m_view = makeTable(this, QStringLiteral("planView"));
    m_view->setModel(m_model);
    m_view->hideColumn(AccountImportModel::PasswordColumn);
    m_view->setColumnWidth(AccountImportModel::LineColumn, 50);
    m_view->setColumnWidth(AccountImportModel::AddressColumn, 230);
    m_view->setColumnWidth(AccountImportModel::ActionColumn, 110);
    layout->addWidget(m_view, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    layout->addWidget(m_summary);
    m_refusedLabel = makeWarningLabel(this, QStringLiteral("refusedLabel"));
    layout->addWidget(m_refusedLabel);
    m_errorLabel = makeErrorLabel(this);
    layout->addWidget(m_errorLabel);

    // The generated passwords: shown once, after the import.
    m_passwordPanel = new QWidget(this);
    m_passwordPanel->setObjectName(QStringLiteral("passwordPanel"));
    auto *panel = new QVBoxLayout(m_passwordPanel);
    panel->setContentsMargins(0, 0, 0, 0);
    m_passwordWarning = makeWarningLabel(m_passwordPanel, QStringLiteral("passwordWarning"));
    m_passwordWarning->show();
    panel->addWidget(m_passwordWarning);
    m_passwordView = makeTable(m_passwordPanel, QStringLiteral("passwordView"));
    m_passwordView->setModel(m_passwords);
    for (int c : {int(AccountImportModel::LineColumn), int(AccountImportModel::ActionColumn),
                  int(AccountImportModel::DetailColumn)})
        m_passwordView->hideColumn(c);
    m_passwordView->setColumnWidth(AccountImportModel::AddressColumn, 280);
    m_passwordView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    panel->addWidget(m_passwordView, 1);
    auto *copyRow = new QHBoxLayout;
    m_copyButton = new QPushButton(m_passwordPanel);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    copyRow->addWidget(m_copyButton);
    copyRow->addStretch(1);
    panel->addLayout(copyRow);
    m_passwordPanel->hide();
    layout->addWidget(m_passwordPanel, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_importButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    layout->addWidget(m_buttons);
    connect(m_importButton, &QPushButton::clicked, this, &AccountImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AccountImportDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this, &AccountImportDialog::copyPasswords);
    resize(940, 540);
    setState(State::Reading);
}

void AccountImportDialog::retranslateUi()
{
    setWindowTitle(tr("Import Accounts from CSV"));
    using Action = AccountImportLine::Action;
    const QString file = QFileInfo(m_path).fileName();
    m_intro->setToolTip(QDir::toNativeSeparators(m_path));
    switch (m_state) {
    case State::Reading:
        m_intro->setText(tr("Reading %1…").arg(file));
        break;
    case State::Failed:
        m_intro->setText(QDir::toNativeSeparators(m_path));
        break;
    case State::Preview:
        m_intro->setText(tr("What importing %1 will do, line by line. Nothing has been changed "
                            "yet.")
                             .arg(file));
        break;
    case State::Importing:
        m_intro->setText(tr("Importing the accounts of %1…").arg(file));
        break;
    case State::Imported:
        m_intro->setText(tr("The accounts of %1 have been imported.").arg(file));
        break;
    }
    //: The counts of an import preview: 作成 N件・更新 N件・変更なし N件・エラー N件.
    m_summary->setText(tr("Create: %1 · Update: %2 · Unchanged: %3 · Errors: %4")
                           .arg(m_model->count(Action::Create))
                           .arg(m_model->count(Action::Update))
                           .arg(m_model->count(Action::Unchanged))
                           .arg(m_model->count(Action::Refused)));
    m_summary->setVisible(m_state == State::Preview || m_state == State::Imported);
    m_refusedLabel->setText(
        tr("%n line(s) cannot be imported (shown in red). Nothing will be imported until the "
           "file is corrected and read again.",
           nullptr, m_model->count(Action::Refused)));
    m_passwordWarning->setText(
        tr("Passwords were generated for %n new account(s). Copy them now and hand them over "
           "safely: they will not be shown again. Ask each user to change the password.",
           nullptr, m_model->generatedPasswords()));
    m_copyButton->setText(tr("&Copy"));
    m_importButton->setText(tr("&Import"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setText(m_state == State::Imported || m_state == State::Failed ? tr("Close")
                                                                         : tr("Cancel"));
    m_model->retranslate();
    if (m_state == State::Failed)
        showError(m_errorLabel, m_failure);
}

void AccountImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AccountImportDialog::setState(State state)
{
    m_state = state;
    const bool refused = m_model->count(AccountImportLine::Action::Refused) > 0;
    m_buttons->setEnabled(!isBusy());
    m_importButton->setVisible(state != State::Imported && state != State::Failed);
    m_importButton->setEnabled(state == State::Preview && !refused && m_model->rowCount() > 0);
    m_refusedLabel->setVisible(refused && state != State::Imported);
    m_passwordPanel->setVisible(state == State::Imported && m_model->generatedPasswords() > 0);
    m_view->setVisible(state != State::Failed);
    if (state != State::Failed)
        showError(m_errorLabel, QString());
    setCursor(isBusy() ? Qt::BusyCursor : Qt::ArrowCursor);
    retranslateUi();
    Q_EMIT stateChanged(state);
}

void AccountImportDialog::showFailure(const QString &text, const QString &detail)
{
    m_failure = text;
    m_failureDetail = detail;
    m_errorLabel->setToolTip(detail);
    m_model->clear();
    setState(State::Failed);
}

void AccountImportDialog::loadFile(const QString &path)
{
    m_path = path;
    m_csv.clear();
    m_model->clear();
    setState(State::Reading);
    const ConsoleServices *services = &m_services;
    struct Read {
        bool opened = false;
        bool tooBig = false;
        QString fileError;
        QByteArray csv;
        std::optional<Result<AccountImportPlan>> plan;
    };
    runInBackground(
        this,
        [services, path] {
            Read r;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                r.fileError = file.errorString();
                return r;
            }
            r.opened = true;
            r.csv = file.read(kMaxFileBytes + 1);
            if (r.csv.size() > kMaxFileBytes) {
                r.tooBig = true;
                return r;
            }
            r.plan = services->accountCsv().plan(r.csv);
            return r;
        },
        [this](Read r) {
            if (!r.opened) {
                showFailure(tr("The file could not be opened. Check that it exists and that you "
                               "may read it."),
                            r.fileError);
                return;
            }
            if (r.tooBig) {
                showFailure(tr("The file is larger than 10 MB and cannot be imported."));
                return;
            }
            if (!*r.plan) {
                showFailure(ErrorText::describe(ErrorText::Action::ImportAccounts, r.plan->error()),
                            r.plan->error().message);
                return;
            }
            m_csv = std::move(r.csv);
            m_model->setLines((*r.plan)->lines);
            setState(State::Preview);
        });
}

void AccountImportDialog::startImport()
{
    if (m_state != State::Preview || m_model->count(AccountImportLine::Action::Refused) > 0)
        return;
    setState(State::Importing);
    const ConsoleServices *services = &m_services;
    runInBackground(
        this, [services, csv = m_csv] { return services->accountCsv().import(csv); },
        [this](Result<AccountImportPlan> r) {
            if (!r) {
                setState(State::Preview);
                m_errorLabel->setToolTip(r.error().message);
                showError(m_errorLabel,
                          ErrorText::describe(ErrorText::Action::ImportAccounts, r.error()));
                return;
            }
            m_model->setLines(r->lines);
            if (!r->applied) {
                // The accounts changed since the preview: this is the new plan.
                setState(State::Preview);
                return;
            }
            m_csv.clear();
            setState(State::Imported);
            Q_EMIT imported();
        });
}

void AccountImportDialog::copyPasswords()
{
    QStringList lines;
    for (const AccountImportLine &l : m_model->lines())
        if (!l.generatedPassword.isEmpty())
            lines << l.address + QLatin1Char('\t') + l.generatedPassword;
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void AccountImportDialog::reject()
{
    if (!isBusy())
        QDialog::reject();
}

void AccountImportDialog::done(int result)
{
    // The generated passwords are shown once: gone with the dialog.
    m_model->clear();
    m_csv.clear();
    QDialog::done(result);
}

} // namespace fumibako
