// MessagePreviewPane: one message shown safely — the quarantine's and the
// archive's preview. Decoded Subject, From, To (with Cc), Date, rows the page
// adds (the quarantine's reason, the archive's envelope), attachments by name
// and size (never opened), notes on what was left out, and the text as plain
// text: no HTML is rendered and nothing is fetched. Every value is a
// stranger's text, so labels are plain text and tooltips escaped.
#pragma once

#include "mime/messagepreview.h"

#include <QFrame>
#include <QList>

class QGridLayout;
class QLabel;
class QPlainTextEdit;

namespace fumibako
{

class MessagePreviewPane : public QFrame
{
    Q_OBJECT
public:
    explicit MessagePreviewPane(QWidget *parent = nullptr);

    // A value label for a stranger's text: plain text, selectable, as wide as
    // its field whatever its length (the tooltip has it all).
    static QLabel *makeValueLabel(QWidget *parent, const QString &objectName, bool wrap = false);
    // `text` on a value label, all of it in the tooltip (escaped: tooltips read HTML).
    static void setValue(QLabel *label, const QString &text);
    // Sentences in a row, joined as the language joins them.
    static QString sentences(const QStringList &list);

    // A row of the page's own after Date and before the attachments; cleared with the rest.
    void addRow(QLabel *title, QLabel *value);
    // Nothing shown: no header lines, `placeholder` in the text's place.
    void clear(const QString &placeholder);
    // `preview`'s fields, attachments, notes and text (the page's own rows it fills itself).
    void showPreview(const MessagePreview &preview);
    QPlainTextEdit *textEdit() const { return m_text; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void placeRow(QLabel *title, QLabel *value, int row);

    QWidget *m_headers;
    QGridLayout *m_grid;
    QLabel *m_fromLabel, *m_fromValue;
    QLabel *m_toLabel, *m_toValue;
    QLabel *m_dateLabel, *m_dateValue;
    QLabel *m_subjectLabel, *m_subjectValue;
    QLabel *m_attachmentsLabel, *m_attachmentsValue;
    QList<QLabel *> m_extraTitles, m_extraValues;
    QLabel *m_note;
    QPlainTextEdit *m_text;
};

} // namespace fumibako
