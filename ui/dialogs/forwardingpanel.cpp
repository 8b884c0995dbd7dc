#include "forwardingpanel.h"

#include "dialogs/confirmbox.h"
#include "widgets/formlabels.h"
#include "widgets/inputcheck.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace fumibako
{

namespace
{

bool sameRule(const ForwardRule &a, const ForwardRule &b)
{
    return a.destinations == b.destinations && a.keepCopy == b.keepCopy &&
           a.stripAttachments == b.stripAttachments && a.ifFrom == b.ifFrom &&
           a.ifSubject == b.ifSubject && a.skipSpam == b.skipSpam && a.errorsToMe == b.errorsToMe;
}

} // namespace

ForwardingPanel::ForwardingPanel(const ConsoleServices &services, const QString &address,
                                 QWidget *parent)
    : RulePanel(services, address, QStringLiteral("forwardingPanel"), parent)
{
    QVBoxLayout *layout = column();
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("forwardingStateLabel"));
    m_stateLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_stopButton = new QPushButton(this);
    m_stopButton->setObjectName(QStringLiteral("stopForwardingButton"));
    auto *state = new QHBoxLayout;
    state->addWidget(m_stateLabel, 1);
    state->addWidget(m_stopButton);
    layout->addLayout(state);

    // Two columns: the addresses on the left, the options on the right; the
    // cautions under both, at the full width (a wrapped label in a column is
    // not always given the height its lines need).
    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    // 転送先: the list, an edit to add one, and the mutual forwarding warning.
    m_destinationBox = new QGroupBox(this);
    auto *dest = new QVBoxLayout(m_destinationBox);
    m_destinationList = new QListWidget(m_destinationBox);
    m_destinationList->setObjectName(QStringLiteral("destinationList"));
    m_destinationList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_destinationList->setMinimumHeight(m_destinationList->fontMetrics().height() * 6);
    dest->addWidget(m_destinationList, 1);
    auto *addRow = new QHBoxLayout;
    m_destinationEdit = new QLineEdit(m_destinationBox);
    m_destinationEdit->setObjectName(QStringLiteral("destinationEdit"));
    m_destinationEdit->setMaxLength(254);
    m_addButton = new QPushButton(m_destinationBox);
    m_addButton->setObjectName(QStringLiteral("addDestinationButton"));
    addRow->addWidget(m_destinationEdit, 1);
    addRow->addWidget(m_addButton);
    dest->addLayout(addRow);
    auto *listRow = new QHBoxLayout;
    m_removeButton = new QPushButton(m_destinationBox);
    m_removeButton->setObjectName(QStringLiteral("removeDestinationButton"));
    m_countLabel = new QLabel(m_destinationBox);
    m_countLabel->setObjectName(QStringLiteral("destinationCountLabel"));
    listRow->addWidget(m_removeButton);
    listRow->addStretch(1);
    listRow->addWidget(m_countLabel);
    dest->addLayout(listRow);
    left->addWidget(m_destinationBox, 1);

    // 保存設定: keep a copy or not, and where errors from a destination go.
    m_copyBox = new QGroupBox(this);
    auto *copy = new QVBoxLayout(m_copyBox);
    m_keepCopy = new QRadioButton(m_copyBox);
    m_keepCopy->setObjectName(QStringLiteral("keepCopyRadio"));
    m_noCopy = new QRadioButton(m_copyBox);
    m_noCopy->setObjectName(QStringLiteral("noCopyRadio"));
    m_copyGroup = new QButtonGroup(this);
    m_copyGroup->addButton(m_keepCopy);
    m_copyGroup->addButton(m_noCopy);
    m_keepCopy->setChecked(true);
    m_errorsToMe = new QCheckBox(m_copyBox);
    m_errorsToMe->setObjectName(QStringLiteral("errorsToMeCheck"));
    auto *errorsRow = new QHBoxLayout;
    errorsRow->addSpacing(20); // it belongs to 「サーバにコピーを残す」
    errorsRow->addWidget(m_errorsToMe, 1);
    copy->addWidget(m_keepCopy);
    copy->addLayout(errorsRow);
    copy->addWidget(m_noCopy);
    right->addWidget(m_copyBox);

    // What is forwarded: attachments, mail judged as spam.
    m_contentBox = new QGroupBox(this);
    auto *content = new QVBoxLayout(m_contentBox);
    m_forwardAll = new QRadioButton(m_contentBox);
    m_forwardAll->setObjectName(QStringLiteral("forwardAllRadio"));
    m_stripAttachments = new QRadioButton(m_contentBox);
    m_stripAttachments->setObjectName(QStringLiteral("stripAttachmentsRadio"));
    m_attachmentGroup = new QButtonGroup(this);
    m_attachmentGroup->addButton(m_forwardAll);
    m_attachmentGroup->addButton(m_stripAttachments);
    m_forwardAll->setChecked(true);
    m_skipSpam = new QCheckBox(m_contentBox);
    m_skipSpam->setObjectName(QStringLiteral("skipSpamCheck"));
    content->addWidget(m_forwardAll);
    content->addWidget(m_stripAttachments);
    content->addWidget(m_skipSpam);
    right->addWidget(m_contentBox);
    right->addStretch(1);

    // 条件の設定: both optional; both given, both must match.
    m_conditionBox = new QGroupBox(this);
    auto *conditions = new QFormLayout(m_conditionBox);
    conditions->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_ifFromLabel = new QLabel(m_conditionBox);
    m_ifFromEdit = new QLineEdit(m_conditionBox);
    m_ifFromEdit->setObjectName(QStringLiteral("ifFromEdit"));
    m_ifFromEdit->setMaxLength(ForwardingService::kMaxConditionLength);
    m_ifFromEdit->setClearButtonEnabled(true);
    m_ifFromLabel->setBuddy(m_ifFromEdit);
    m_ifSubjectLabel = new QLabel(m_conditionBox);
    m_ifSubjectEdit = new QLineEdit(m_conditionBox);
    m_ifSubjectEdit->setObjectName(QStringLiteral("ifSubjectEdit"));
    m_ifSubjectEdit->setMaxLength(ForwardingService::kMaxConditionLength);
    m_ifSubjectEdit->setClearButtonEnabled(true);
    m_ifSubjectLabel->setBuddy(m_ifSubjectEdit);
    m_conditionNote = makeNote(m_conditionBox);
    conditions->addRow(m_ifFromLabel, m_ifFromEdit);
    conditions->addRow(m_ifSubjectLabel, m_ifSubjectEdit);
    conditions->addRow(m_conditionNote);
    layout->addLayout(columns, 1);
    m_noCopyWarning = makeWarningLabel(this, QStringLiteral("noCopyWarning"));
    layout->addWidget(m_noCopyWarning);
    m_mutualWarning = makeWarningLabel(this, QStringLiteral("mutualWarning"));
    layout->addWidget(m_mutualWarning);
    layout->addWidget(m_conditionBox);

    m_note = makeNote(this);
    layout->addWidget(m_note);
    addErrorLine(QStringLiteral("forwardingErrorLabel"));

    connect(m_addButton, &QPushButton::clicked, this, &ForwardingPanel::addDestination);
    connect(m_destinationEdit, &QLineEdit::returnPressed, this, &ForwardingPanel::addDestination);
    connect(m_destinationEdit, &QLineEdit::textChanged, this, &ForwardingPanel::updateState);
    connect(m_removeButton, &QPushButton::clicked, this, &ForwardingPanel::removeSelected);
    connect(m_destinationList, &QListWidget::itemSelectionChanged, this,
            &ForwardingPanel::updateState);
    connect(m_keepCopy, &QRadioButton::toggled, this, [this](bool keep) {
        // The FAQ offers errors back to the account only with a copy kept: there is no
        // mailbox copy to make sense of them otherwise.
        if (!keep)
            m_errorsToMe->setChecked(false);
        updateState();
    });
    connect(m_stopButton, &QPushButton::clicked, this, &ForwardingPanel::stopForwarding);
    retranslateUi();
    load();
}

void ForwardingPanel::retranslateUi()
{
    m_intro->setText(tr("Mail that arrives for %1 can also be sent on to other addresses, for "
                        "example a mobile phone. Up to %2 addresses.")
                         .arg(m_address)
                         .arg(ForwardRule::kMaxDestinations));
    m_destinationBox->setTitle(tr("Forward to"));
    m_destinationEdit->setPlaceholderText(tr("e.g. taro@example.com"));
    m_addButton->setText(tr("&Add"));
    m_removeButton->setText(tr("&Remove"));
    //: The 保存設定 of the FAQ: whether forwarded mail also stays in this mailbox.
    m_copyBox->setTitle(tr("Copy on this server"));
    m_keepCopy->setText(tr("Keep a copy on the server"));
    m_noCopy->setText(tr("Do not keep a copy on the server"));
    m_errorsToMe->setText(tr("Send delivery errors from the forwarding addresses to this "
                             "address"));
    m_noCopyWarning->setText(
        tr("Forwarded mail will not be kept in this mailbox: it cannot be received at this "
           "address with a mail program, only at the forwarding addresses. Mail that is already "
           "here stays."));
    m_contentBox->setTitle(tr("What is forwarded"));
    m_forwardAll->setText(tr("Forward everything"));
    m_stripAttachments->setText(tr("Forward without attachments"));
    m_skipSpam->setText(tr("Do not forward mail judged as spam"));
    //: 条件の設定: forward only the mail that matches.
    m_conditionBox->setTitle(tr("Conditions (optional)"));
    m_ifFromLabel->setText(tr("Sender &contains:"));
    m_ifSubjectLabel->setText(tr("S&ubject contains:"));
    m_ifFromEdit->setPlaceholderText(tr("e.g. @customer.co.jp"));
    m_ifSubjectEdit->setPlaceholderText(tr("e.g. Urgent"));
    m_conditionNote->setText(tr("Empty: all mail is forwarded. With both filled in, only mail "
                                "that matches both is forwarded."));
    m_note->setText(
        tr("To prevent loops, mail from postmaster and mailer-daemon and mail held as spam is "
           "never forwarded. If a forwarding address cannot be reached, the error sent back "
           "does not show that address."));
    m_stopButton->setText(tr("&Stop Forwarding…"));
    m_errorsToMe->setToolTip(tr("Only while a copy is kept on the server."));
    showMutual();
    updateState();
}

QStringList ForwardingPanel::destinations() const
{
    QStringList out;
    for (int i = 0; i < m_destinationList->count(); ++i)
        out << m_destinationList->item(i)->text();
    return out;
}

ForwardRule ForwardingPanel::rule() const
{
    ForwardRule r;
    r.destinations = destinations();
    r.keepCopy = m_keepCopy->isChecked();
    r.stripAttachments = m_stripAttachments->isChecked();
    r.ifFrom = m_ifFromEdit->text().trimmed();
    r.ifSubject = m_ifSubjectEdit->text().trimmed();
    r.skipSpam = m_skipSpam->isChecked();
    r.errorsToMe = r.keepCopy && m_errorsToMe->isChecked();
    return r;
}

bool ForwardingPanel::isModified() const
{
    if (!m_loaded)
        return false;
    return !sameRule(rule(), m_stored.value_or(ForwardRule()));
}

QString ForwardingPanel::prepareSave()
{
    if (!m_destinationEdit->text().trimmed().isEmpty() && !addDestination())
        return m_errorLabel->text();
    if (isModified() && destinations().isEmpty())
        return m_stored ? tr("Add at least one forwarding address. To stop forwarding, use Stop "
                             "Forwarding.")
                        : tr("Add at least one forwarding address.");
    return {};
}

void ForwardingPanel::markSaved()
{
    m_stored = rule();
    showError(QString());
    updateState();
}

void ForwardingPanel::load()
{
    loadRule([](const ForwardingService &f, const QString &address) { return f.forward(address); },
             [this](const std::optional<ForwardRule> &rule) {
                 m_stored = rule;
                 apply(rule);
             });
}

void ForwardingPanel::apply(const std::optional<ForwardRule> &stored)
{
    const ForwardRule r = stored.value_or(ForwardRule());
    m_destinationList->clear();
    m_destinationList->addItems(r.destinations);
    (r.keepCopy ? m_keepCopy : m_noCopy)->setChecked(true);
    m_errorsToMe->setChecked(r.errorsToMe);
    (r.stripAttachments ? m_stripAttachments : m_forwardAll)->setChecked(true);
    m_skipSpam->setChecked(r.skipSpam);
    m_ifFromEdit->setText(r.ifFrom);
    m_ifSubjectEdit->setText(r.ifSubject);
    m_destinationEdit->clear();
    updateState();
    checkMutual();
}

bool ForwardingPanel::addDestination()
{
    if (!m_loaded)
        return false;
    const QString address = InputCheck::normalizeAddress(m_destinationEdit->text());
    QString problem = InputCheck::addressProblem(address);
    if (problem.isEmpty() && address == m_address.toLower())
        problem = tr("An account cannot forward to itself.");
    if (problem.isEmpty() && destinations().contains(address))
        problem = tr("%1 is already in the list.").arg(address);
    if (problem.isEmpty() && m_destinationList->count() >= ForwardRule::kMaxDestinations)
        problem =
            tr("Mail can be forwarded to at most %1 addresses.").arg(ForwardRule::kMaxDestinations);
    if (!problem.isEmpty()) {
        showError(problem);
        m_destinationEdit->setFocus();
        return false;
    }
    showError(QString());
    m_destinationList->addItem(address);
    m_destinationEdit->clear();
    updateState();
    checkMutual();
    return true;
}

void ForwardingPanel::removeSelected()
{
    const QList<QListWidgetItem *> chosen = m_destinationList->selectedItems();
    if (chosen.isEmpty())
        return;
    for (QListWidgetItem *item : chosen)
        delete item;
    updateState();
    checkMutual();
}

void ForwardingPanel::checkMutual()
{
    const int round = ++m_mutualRound;
    ForwardRule probe;
    probe.destinations = destinations();
    if (probe.destinations.isEmpty()) {
        m_mutual.clear();
        showMutual();
        Q_EMIT mutualChecked();
        return;
    }
    const ConsoleServices *services = &m_services;
    runInBackground(
        this,
        [services, address = m_address, probe] {
            return services->forwarding().mutualForwards(address, probe);
        },
        [this, round](Result<QStringList> r) {
            if (round != m_mutualRound)
                return;
            m_mutual = r ? *r : QStringList();
            showMutual();
            Q_EMIT mutualChecked();
        });
}

void ForwardingPanel::showMutual()
{
    if (!m_mutual.isEmpty())
        //: %1: the accounts (one or more, comma-separated) that forward back here.
        m_mutualWarning->setText(
            tr("%1 forwards mail back to %2 (mutual forwarding). Mail passed between them is "
               "stopped by the loop check and the sender gets an error. Remove one of the two "
               "forwardings if the mail should arrive.")
                .arg(m_mutual.join(tr(", ")), m_address));
    m_mutualWarning->setVisible(!m_mutual.isEmpty());
}

void ForwardingPanel::updateState()
{
    const bool ready = m_loaded && !m_busy;
    const int count = m_destinationList->count();
    const bool full = count >= ForwardRule::kMaxDestinations;
    m_destinationEdit->setEnabled(ready && !full);
    m_addButton->setEnabled(ready && !full && !m_destinationEdit->text().trimmed().isEmpty());
    m_removeButton->setEnabled(ready && !m_destinationList->selectedItems().isEmpty());
    m_countLabel->setText(tr("%1 / %2 addresses").arg(count).arg(ForwardRule::kMaxDestinations));
    const bool keep = m_keepCopy->isChecked();
    m_errorsToMe->setEnabled(ready && keep);
    m_noCopyWarning->setVisible(!keep);
    m_stopButton->setEnabled(ready && m_stored.has_value());
    if (!m_loaded)
        m_stateLabel->clear();
    else if (!m_stored)
        m_stateLabel->setText(tr("Forwarding is off."));
    else
        m_stateLabel->setText(
            tr("Forwarding to %n address(es).", nullptr, int(m_stored->destinations.size())));
    for (QWidget *w : {static_cast<QWidget *>(m_copyBox), static_cast<QWidget *>(m_contentBox),
                       static_cast<QWidget *>(m_conditionBox)})
        w->setEnabled(ready);
}

void ForwardingPanel::stopForwarding()
{
    if (m_busy || !m_stored)
        return;
    askToConfirm(this, QStringLiteral("confirmStopForwardingBox"), QMessageBox::Question,
                 tr("Stop Forwarding"),
                 tr("Stop forwarding the mail of %1?\n\nNew mail will only arrive in this "
                    "mailbox. The forwarding addresses and options are removed.")
                     .arg(m_address),
                 tr("Stop Forwarding"), ConfirmDefault::Cancel, [this] {
                     m_stopping = true;
                     setBusy(true);
                     const ConsoleServices *services = &m_services;
                     runInBackground(
                         this,
                         [services, address = m_address] {
                             return services->forwarding().clearForward(address,
                                                                        services->operatorName());
                         },
                         [this](Result<void> r) {
                             m_stopping = false;
                             setBusy(false);
                             if (!r) {
                                 showError(ErrorText::describe(ErrorText::Action::ClearForwarding,
                                                               r.error()),
                                           r.error().message);
                                 return;
                             }
                             showError(QString());
                             m_stored.reset();
                             apply(std::nullopt);
                             Q_EMIT forwardingStopped();
                         });
                 });
}

} // namespace fumibako
