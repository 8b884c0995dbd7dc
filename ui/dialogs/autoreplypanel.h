// AutoReplyPanel: the 自動返信 tab of the account details — on or off, an
// optional first and last day, the subject, the sender name shown (送信者名),
// the text, how often one sender is answered (days, 7 by default) and
// ISO-2022-JP for old mobile phones. It says briefly why two accounts that
// answer each other do not fill their mailboxes (the FAQ's 同じメールが
// 大量に届きます): one reply per sender per period, none to automatic mail.
// A line says whether the stored reply answers today (off, not yet, over).
// The dialog's Save stores the form; turned off, the text is kept for next time.
#pragma once

#include "dialogs/rulepanel.h"

#include <optional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace fumibako
{

class OptionalDateEdit;

class AutoReplyPanel : public RulePanel
{
    Q_OBJECT
public:
    AutoReplyPanel(const ConsoleServices &services, const QString &address,
                   QWidget *parent = nullptr);

    // The form as a rule (enabled: the on/off switch).
    AutoReplyRule rule() const;
    bool isModified() const;
    // What is wrong in words before saving, or an empty string.
    QString checkFields() const;
    void markSaved();

public Q_SLOTS:
    void load();

private:
    void retranslateUi() override;
    void updateState() override;
    void apply(const std::optional<AutoReplyRule> &rule);
    void updateStatus(); // whether the stored reply is answering today

    std::optional<AutoReplyRule> m_stored;

    QCheckBox *m_enabled = nullptr;
    QLabel *m_stateLabel = nullptr;
    QGroupBox *m_box = nullptr;
    QLabel *m_periodLabel = nullptr;
    OptionalDateEdit *m_start = nullptr;
    QLabel *m_periodDash = nullptr;
    OptionalDateEdit *m_end = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QLineEdit *m_subjectEdit = nullptr;
    QLabel *m_fromNameLabel = nullptr;
    QLineEdit *m_fromNameEdit = nullptr;
    QLabel *m_bodyLabel = nullptr;
    QPlainTextEdit *m_bodyEdit = nullptr;
    QLabel *m_daysLabel = nullptr;
    QSpinBox *m_daysSpin = nullptr;
    QCheckBox *m_iso2022jp = nullptr;
    QLabel *m_loopNote = nullptr;
};

} // namespace fumibako
