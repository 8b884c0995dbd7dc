// ForwardingPanel: the 転送設定 tab of the account details — up to 10
// forwarding addresses, 「サーバにコピーを残す」 or not, the conditions
// (条件の設定: sender or subject contains), 「添付を削除して転送」 or
// 「すべて転送」, not forwarding mail judged as spam, errors from a
// destination back to this account (only while a copy is kept), and
// 「転送を停止」. It warns where the FAQ says people are surprised: with no
// copy kept the mail is not in this mailbox, and a destination that forwards
// back here (mutual forwarding) stops mail at the loop check. The dialog's
// Save stores the form (rule()); 転送を停止 asks and acts at once.
#pragma once

#include "dialogs/rulepanel.h"

#include <optional>

class QButtonGroup;
class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace fumibako
{

class ForwardingPanel : public RulePanel
{
    Q_OBJECT
public:
    ForwardingPanel(const ConsoleServices &services, const QString &address,
                    QWidget *parent = nullptr);

    bool isStopping() const { return m_stopping; }
    // The form as a rule (errors come back only while a copy is kept).
    ForwardRule rule() const;
    QStringList destinations() const;
    // Differs from what is stored (nothing stored: anything entered).
    bool isModified() const;
    // Before the dialog saves: an address typed but not yet added is added;
    // then what is wrong in words, or an empty string.
    QString prepareSave();
    // The dialog saved rule(): it is what is stored now.
    void markSaved();
    // Destinations that forward back to this account, from the last check.
    const QStringList &mutualForwards() const { return m_mutual; }

public Q_SLOTS:
    void load();
    bool addDestination(); // the address in the edit; false: refused (said why)
    void removeSelected();
    void stopForwarding(); // asks, then clears the rule

Q_SIGNALS:
    void mutualChecked();
    void forwardingStopped();

private:
    void retranslateUi() override;
    void updateState() override;
    void apply(const std::optional<ForwardRule> &rule);
    void checkMutual();
    void showMutual(); // the warning for m_mutual, in the current language

    std::optional<ForwardRule> m_stored;
    QStringList m_mutual;
    int m_mutualRound = 0; // a newer check makes older answers stale
    bool m_stopping = false;

    QLabel *m_stateLabel = nullptr;
    QGroupBox *m_destinationBox = nullptr;
    QListWidget *m_destinationList = nullptr;
    QLineEdit *m_destinationEdit = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_mutualWarning = nullptr;
    QGroupBox *m_copyBox = nullptr;
    QButtonGroup *m_copyGroup = nullptr;
    QRadioButton *m_keepCopy = nullptr;
    QRadioButton *m_noCopy = nullptr;
    QLabel *m_noCopyWarning = nullptr;
    QCheckBox *m_errorsToMe = nullptr;
    QGroupBox *m_conditionBox = nullptr;
    QLabel *m_ifFromLabel = nullptr;
    QLineEdit *m_ifFromEdit = nullptr;
    QLabel *m_ifSubjectLabel = nullptr;
    QLineEdit *m_ifSubjectEdit = nullptr;
    QLabel *m_conditionNote = nullptr;
    QGroupBox *m_contentBox = nullptr;
    QButtonGroup *m_attachmentGroup = nullptr;
    QRadioButton *m_forwardAll = nullptr;
    QRadioButton *m_stripAttachments = nullptr;
    QCheckBox *m_skipSpam = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_stopButton = nullptr;
};

} // namespace fumibako
