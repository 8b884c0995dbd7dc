// AliasPage: 別名・グループ — the aliases (別名: another address whose mail an
// account receives), each domain's catch-all (すべての宛先を受け取る: mail
// for any name there that is no account, alias or group; off unless set) and
// the group addresses (one address that delivers to several accounts or
// outside addresses). Lists are read and changes made through
// ForwardingService off the GUI thread, audited with the console's operator.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fumibako
{

class AliasTableModel;
class GroupTableModel;

class AliasPage : public ActionPage
{
    Q_OBJECT
public:
    explicit AliasPage(const ConsoleServices &services, QWidget *parent = nullptr);

    AliasTableModel *aliasModel() const { return m_aliasModel; }
    GroupTableModel *groupModel() const { return m_groupModel; }
    QTableView *aliasView() const { return m_aliasView; }
    QTableView *groupView() const { return m_groupView; }

public Q_SLOTS:
    void refresh() override;
    void addAlias();
    void removeSelectedAliases();
    void setCatchAll();   // the chosen domain's catch-all to the chosen account
    void clearCatchAll(); // the chosen domain's catch-all off
    void addGroup();      // a new group, or more members for one
    // Both ask first (mail to a removed address is returned as an error).
    void removeSelectedGroups();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateState() override;
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;
    void updateCatchAll();
    void removeChosen(bool groups); // asks, then removes the chosen aliases or groups
    QString groupAddress() const;   // from the group fields, normalized
    QStringList groupMembers(QString *problem) const;

    const ConsoleServices &m_services;
    AliasTableModel *m_aliasModel;
    QSortFilterProxyModel *m_aliasProxy;
    GroupTableModel *m_groupModel;
    QSortFilterProxyModel *m_groupProxy;
    QStringList m_domains;
    QString m_catchAllShown; // "domain account" the catch-all account combo was last set to

    QLabel *m_intro = nullptr;
    QGroupBox *m_aliasBox = nullptr;
    QLabel *m_aliasNote = nullptr;
    QTableView *m_aliasView = nullptr;
    QLabel *m_aliasLabel = nullptr;
    QLineEdit *m_aliasLocalEdit = nullptr;
    QComboBox *m_aliasDomainCombo = nullptr;
    QLabel *m_aliasAccountLabel = nullptr;
    QComboBox *m_aliasAccountCombo = nullptr;
    QPushButton *m_addAliasButton = nullptr;
    QPushButton *m_removeAliasButton = nullptr;
    QGroupBox *m_catchAllBox = nullptr;
    QLabel *m_catchAllStatus = nullptr;
    QLabel *m_catchAllDomainLabel = nullptr;
    QComboBox *m_catchAllDomainCombo = nullptr;
    QLabel *m_catchAllAccountLabel = nullptr;
    QComboBox *m_catchAllAccountCombo = nullptr;
    QPushButton *m_catchAllOnButton = nullptr;
    QPushButton *m_catchAllOffButton = nullptr;
    QLabel *m_catchAllNote = nullptr;
    QGroupBox *m_groupBox = nullptr;
    QLabel *m_groupNote = nullptr;
    QTableView *m_groupView = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLineEdit *m_groupLocalEdit = nullptr;
    QComboBox *m_groupDomainCombo = nullptr;
    QLabel *m_membersLabel = nullptr;
    QLineEdit *m_membersEdit = nullptr;
    QPushButton *m_addGroupButton = nullptr;
    QPushButton *m_removeGroupButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace fumibako
