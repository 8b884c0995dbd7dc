#include "messagepreviewpane.h"

#include "accounttablemodel.h"
#include "queuetablemodel.h"
#include "widgets/formlabels.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace fumibako
{

MessagePreviewPane::MessagePreviewPane(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("previewPane"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    // A grid rather than a form: its second column takes the spare width, so a
    // value never widens the window and a long one wraps.
    m_headers = new QWidget(this);
    m_grid = new QGridLayout(m_headers);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 1);
    m_grid->setVerticalSpacing(2);
    m_subjectLabel = new QLabel(this);
    m_subjectValue = makeValueLabel(this, QStringLiteral("previewSubject"));
    QFont bold = m_subjectValue->font();
    bold.setBold(true);
    m_subjectValue->setFont(bold);
    m_fromLabel = new QLabel(this);
    m_fromValue = makeValueLabel(this, QStringLiteral("previewFrom"));
    m_toLabel = new QLabel(this);
    m_toValue = makeValueLabel(this, QStringLiteral("previewTo"));
    m_dateLabel = new QLabel(this);
    m_dateValue = makeValueLabel(this, QStringLiteral("previewDate"));
    m_attachmentsLabel = new QLabel(this);
    m_attachmentsValue = makeValueLabel(this, QStringLiteral("previewAttachments"), true);
    int row = 0;
    for (auto [title, value] : {std::pair{m_subjectLabel, m_subjectValue},
                                {m_fromLabel, m_fromValue},
                                {m_toLabel, m_toValue},
                                {m_dateLabel, m_dateValue},
                                {m_attachmentsLabel, m_attachmentsValue}})
        placeRow(title, value, row++);
    layout->addWidget(m_headers);
    m_note = makeNote(this);
    m_note->setObjectName(QStringLiteral("previewNote"));
    layout->addWidget(m_note);
    // Plain text only: no HTML is rendered and nothing is fetched from the web.
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("previewText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    layout->addWidget(m_text, 1);
    retranslateUi();
    clear(QString());
}

QLabel *MessagePreviewPane::makeValueLabel(QWidget *parent, const QString &objectName, bool wrap)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Mail is written by strangers: never read as rich text.
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The field's whole width whatever the text's length: a 300-character
    // subject must not widen the window (the tooltip has it all).
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setMinimumWidth(1);
    label->setWordWrap(wrap);
    return label;
}

void MessagePreviewPane::setValue(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setToolTip(
        text.isEmpty()
            ? QString()
            : QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped()));
}

QString MessagePreviewPane::sentences(const QStringList &list)
{
    QString out;
    for (const QString &s : list)
        //: Two sentences in a row: English puts a space between them, Japanese does not.
        out = out.isEmpty() ? s : tr("%1 %2").arg(out, s);
    return out;
}

void MessagePreviewPane::placeRow(QLabel *title, QLabel *value, int row)
{
    m_grid->addWidget(title, row, 0, Qt::AlignLeft | Qt::AlignTop);
    m_grid->addWidget(value, row, 1);
}

void MessagePreviewPane::addRow(QLabel *title, QLabel *value)
{
    title->setParent(this);
    value->setParent(this);
    m_extraTitles << title;
    m_extraValues << value;
    // After Date (row 3), the attachments last.
    const int row = 3 + int(m_extraTitles.size());
    m_grid->removeWidget(m_attachmentsLabel);
    m_grid->removeWidget(m_attachmentsValue);
    placeRow(title, value, row);
    placeRow(m_attachmentsLabel, m_attachmentsValue, row + 1);
}

void MessagePreviewPane::clear(const QString &placeholder)
{
    for (QLabel *l : {m_fromValue, m_toValue, m_dateValue, m_subjectValue, m_attachmentsValue})
        setValue(l, QString());
    for (QLabel *l : std::as_const(m_extraValues))
        setValue(l, QString());
    m_attachmentsLabel->hide();
    m_attachmentsValue->hide();
    m_note->hide();
    m_headers->hide(); // no empty "From:" and "Subject:" lines
    m_text->clear();
    m_text->setPlaceholderText(placeholder);
}

void MessagePreviewPane::showPreview(const MessagePreview &p)
{
    m_headers->show();
    setValue(m_subjectValue, p.subject.isEmpty() ? tr("(no subject)") : p.subject);
    setValue(m_fromValue, p.from);
    setValue(m_toValue, p.to + (p.cc.isEmpty() ? QString() : tr(" (Cc: %1)").arg(p.cc)));
    setValue(m_dateValue, p.date.isValid() ? QueueTableModel::timeText(p.date) : p.dateText);
    QStringList attachments;
    for (const MessagePreview::Attachment &a : p.attachments)
        //: An attachment: its file name (or type), then its size.
        attachments << tr("%1 (%2)").arg(a.name.isEmpty() ? a.contentType : a.name,
                                         AccountTableModel::humanSize(a.size));
    setValue(m_attachmentsValue, attachments.join(QStringLiteral(", ")));
    m_attachmentsLabel->setVisible(!attachments.isEmpty());
    m_attachmentsValue->setVisible(!attachments.isEmpty());
    QStringList notes;
    if (p.textFromHtml)
        notes << tr("This message has only an HTML version. It is shown as plain text: "
                    "no pictures are loaded and no links can be opened.");
    if (!p.attachments.isEmpty())
        notes << tr("Attachments are never opened here.");
    if (p.textTruncated)
        notes << tr("The text is long; only its beginning is shown.");
    m_note->setText(sentences(notes));
    m_note->setVisible(!notes.isEmpty());
    m_text->setPlaceholderText(tr("(no text)"));
    m_text->setPlainText(p.text);
}

void MessagePreviewPane::retranslateUi()
{
    m_fromLabel->setText(tr("From:"));
    m_toLabel->setText(tr("To:"));
    m_dateLabel->setText(tr("Date:"));
    m_subjectLabel->setText(tr("Subject:"));
    m_attachmentsLabel->setText(tr("Attachments:"));
}

void MessagePreviewPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

} // namespace fumibako
