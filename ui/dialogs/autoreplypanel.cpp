#include "autoreplypanel.h"

#include "widgets/formlabels.h"
#include "widgets/optionaldateedit.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fumibako
{

namespace
{

bool sameRule(const AutoReplyRule &a, const AutoReplyRule &b)
{
    if (a.enabled != b.enabled)
        return false;
    if (!a.enabled)
        return true; // off: the text is not saved, so it does not count
    return a.start == b.start && a.end == b.end && a.subject == b.subject && a.body == b.body &&
           a.fromName == b.fromName && a.days == b.days && a.charset == b.charset;
}

} // namespace

AutoReplyPanel::AutoReplyPanel(const ConsoleServices &services, const QString &address,
                               QWidget *parent)
    : RulePanel(services, address, QStringLiteral("autoReplyPanel"), parent)
{
    QVBoxLayout *layout = column();
    m_enabled = new QCheckBox(this);
    m_enabled->setObjectName(QStringLiteral("autoReplyCheck"));
    m_enabled->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("autoReplyStateLabel"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_enabled);
    top->addStretch(1);
    top->addWidget(m_stateLabel);
    layout->addLayout(top);

    m_box = new QGroupBox(this);
    auto *form = new QFormLayout(m_box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_periodLabel = new QLabel(m_box);
    auto *period = new QHBoxLayout;
    m_start = new OptionalDateEdit(QStringLiteral("startDate"), m_box);
    m_periodDash = new QLabel(QStringLiteral("〜"), m_box);
    m_end = new OptionalDateEdit(QStringLiteral("endDate"), m_box);
    period->addWidget(m_start);
    period->addWidget(m_periodDash);
    period->addWidget(m_end);
    period->addStretch(1);
    form->addRow(m_periodLabel, period);

    m_subjectLabel = new QLabel(m_box);
    m_subjectEdit = new QLineEdit(m_box);
    m_subjectEdit->setObjectName(QStringLiteral("autoReplySubjectEdit"));
    m_subjectEdit->setMaxLength(ForwardingService::kMaxSubjectLength);
    m_subjectLabel->setBuddy(m_subjectEdit);
    form->addRow(m_subjectLabel, m_subjectEdit);
    m_fromNameLabel = new QLabel(m_box);
    m_fromNameEdit = new QLineEdit(m_box);
    m_fromNameEdit->setObjectName(QStringLiteral("fromNameEdit"));
    m_fromNameEdit->setMaxLength(ForwardingService::kMaxNameLength);
    m_fromNameLabel->setBuddy(m_fromNameEdit);
    form->addRow(m_fromNameLabel, m_fromNameEdit);
    m_bodyLabel = new QLabel(m_box);
    m_bodyEdit = new QPlainTextEdit(m_box);
    m_bodyEdit->setObjectName(QStringLiteral("autoReplyBodyEdit"));
    m_bodyEdit->setTabChangesFocus(true);
    m_bodyEdit->setMinimumHeight(m_bodyEdit->fontMetrics().height() * 6);
    m_bodyLabel->setBuddy(m_bodyEdit);
    form->addRow(m_bodyLabel, m_bodyEdit);
    m_daysLabel = new QLabel(m_box);
    m_daysSpin = new QSpinBox(m_box);
    m_daysSpin->setObjectName(QStringLiteral("daysSpin"));
    m_daysSpin->setRange(1, 365);
    m_daysSpin->setValue(7);
    m_daysSpin->setMinimumWidth(140);
    m_daysLabel->setBuddy(m_daysSpin);
    auto *daysRow = new QHBoxLayout;
    daysRow->addWidget(m_daysSpin);
    daysRow->addStretch(1);
    form->addRow(m_daysLabel, daysRow);
    m_iso2022jp = new QCheckBox(m_box);
    m_iso2022jp->setObjectName(QStringLiteral("iso2022jpCheck"));
    form->addRow(QString(), m_iso2022jp);
    layout->addWidget(m_box, 1);

    m_loopNote = makeNote(this);
    m_loopNote->setObjectName(QStringLiteral("autoReplyLoopNote"));
    layout->addWidget(m_loopNote);
    addErrorLine(QStringLiteral("autoReplyErrorLabel"));

    connect(m_enabled, &QCheckBox::toggled, this, &AutoReplyPanel::updateState);
    connect(m_daysSpin, &QSpinBox::valueChanged, this, &AutoReplyPanel::retranslateUi);
    retranslateUi();
    load();
}

void AutoReplyPanel::retranslateUi()
{
    m_intro->setText(tr("Answers mail to %1 automatically with the text below, for example "
                        "while its user is on holiday.")
                         .arg(m_address));
    m_enabled->setText(tr("&Reply automatically"));
    m_box->setTitle(tr("Reply"));
    m_periodLabel->setText(tr("Period:"));
    m_start->setText(tr("From"));
    m_end->setText(tr("Until"));
    m_start->setToolTip(tr("Without a date the replies start at once."));
    m_end->setToolTip(tr("Without a date the replies go on until they are turned off."));
    m_subjectLabel->setText(tr("&Subject:"));
    m_subjectEdit->setPlaceholderText(tr("Empty: \"Re: \" and the subject of the mail"));
    //: The 送信者名 of the FAQ: the name the auto-reply shows as its sender.
    m_fromNameLabel->setText(tr("Sender &name:"));
    m_fromNameEdit->setPlaceholderText(tr("e.g. Sales Department, Taro Yamada"));
    m_bodyLabel->setText(tr("&Text:"));
    m_daysLabel->setText(tr("Reply to a sender once every:"));
    m_daysSpin->setSuffix(tr(" day(s)", nullptr, m_daysSpin->value()));
    m_iso2022jp->setText(tr("Send in ISO-2022-JP (JIS) for older mobile phones"));
    updateStatus();
    m_loopNote->setText(
        tr("Each sender gets one reply in %n day(s), however much they write. Automatic mail "
           "(other auto-replies, mailing lists, delivery errors) is never answered, so two "
           "addresses that reply to each other automatically do not fill each other's mailbox.",
           nullptr, m_daysSpin->value()));
}

AutoReplyRule AutoReplyPanel::rule() const
{
    AutoReplyRule r;
    r.enabled = m_enabled->isChecked();
    r.start = m_start->date();
    r.end = m_end->date();
    r.subject = m_subjectEdit->text().trimmed();
    r.fromName = m_fromNameEdit->text().trimmed();
    r.body = m_bodyEdit->toPlainText();
    r.days = m_daysSpin->value();
    r.charset =
        m_iso2022jp->isChecked() ? AutoReplyRule::Charset::Iso2022Jp : AutoReplyRule::Charset::Utf8;
    return r;
}

bool AutoReplyPanel::isModified() const
{
    if (!m_loaded)
        return false;
    return !sameRule(rule(), m_stored.value_or(AutoReplyRule()));
}

QString AutoReplyPanel::checkFields() const
{
    if (!isModified() || !m_enabled->isChecked())
        return {};
    const AutoReplyRule r = rule();
    if (r.body.trimmed().isEmpty())
        return tr("Enter the text of the reply.");
    if (r.body.size() > ForwardingService::kMaxBodyLength)
        return tr("The text can be at most %1 characters long.")
            .arg(ForwardingService::kMaxBodyLength);
    if (r.start.isValid() && r.end.isValid() && r.end < r.start)
        return tr("The last day is before the first day.");
    return {};
}

void AutoReplyPanel::markSaved()
{
    AutoReplyRule saved = rule();
    if (!saved.enabled && m_stored) {
        // Turned off: the stored text stays as it was.
        saved = *m_stored;
        saved.enabled = false;
    }
    m_stored = saved;
    showError(QString());
    updateStatus();
}

void AutoReplyPanel::load()
{
    loadRule(
        [](const ForwardingService &f, const QString &address) { return f.autoReply(address); },
        [this](const std::optional<AutoReplyRule> &rule) {
            m_stored = rule;
            apply(rule);
        });
}

void AutoReplyPanel::apply(const std::optional<AutoReplyRule> &stored)
{
    const AutoReplyRule r = stored.value_or(AutoReplyRule());
    m_enabled->setChecked(r.enabled);
    m_start->setDate(r.start);
    m_end->setDate(r.end);
    m_subjectEdit->setText(r.subject);
    m_fromNameEdit->setText(r.fromName);
    m_bodyEdit->setPlainText(r.body);
    m_daysSpin->setValue(r.days);
    m_iso2022jp->setChecked(r.charset == AutoReplyRule::Charset::Iso2022Jp);
    updateState();
    updateStatus();
}

void AutoReplyPanel::updateStatus()
{
    if (!m_loaded) {
        m_stateLabel->clear();
        return;
    }
    // The dates are the server's local days, as delivery compares them.
    const QDate today = m_services.clock()->now().toLocalTime().date();
    const AutoReplyRule r = m_stored.value_or(AutoReplyRule());
    const QString format = QStringLiteral("yyyy/MM/dd");
    QString text;
    bool answering = false;
    if (!r.enabled)
        text = tr("Auto-reply is off.");
    else if (r.start.isValid() && today < r.start)
        text = tr("Replies start on %1.").arg(r.start.toString(format));
    else if (r.end.isValid() && r.end < today)
        text = tr("The last day (%1) has passed: no replies are sent.").arg(r.end.toString(format));
    else {
        answering = true;
        text = r.end.isValid() ? tr("Replying now, until %1.").arg(r.end.toString(format))
                               : tr("Replying now.");
    }
    m_stateLabel->setText(text);
    m_stateLabel->setProperty("replying", answering); // for tests: not the words
    m_stateLabel->setStyleSheet(answering ? QStringLiteral("color: #1b7f3b; font-weight: bold;")
                                          : QStringLiteral("font-weight: bold;"));
}

void AutoReplyPanel::updateState()
{
    m_enabled->setEnabled(m_loaded && !m_busy);
    m_box->setEnabled(m_loaded && !m_busy && m_enabled->isChecked());
}

} // namespace fumibako
