// FilterPage: "迷惑メールフィルタ" — the editors of the common filter and of
// each account's own: allow and block lists by sender address, domain and a
// word in the subject, blocked languages, at most 100 entries a field; the
// common filter switched on or off and published or not; for an account,
// whether the common filter applies and how long its quarantined mail is
// kept. Every change goes through FilterService off the GUI thread (checked,
// audited); the running server sees it with the next message.
#pragma once

#include "consoleservices.h"
#include "pages/actionpage.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace fumibako
{

class FilterTableModel;

class FilterPage : public ActionPage
{
    Q_OBJECT
public:
    explicit FilterPage(const ConsoleServices &services, QWidget *parent = nullptr);

    FilterTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The filter being edited: "" for the common filter, else an account.
    QString scope() const;
    void setScope(const QString &address);

public Q_SLOTS:
    void refresh() override;
    void addEntry();
    void removeSelected();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateState() override;
    void showMessage(const QString &text, bool error, const QString &detail = QString()) override;
    void applyView(const AccountFilterView &view);
    void updateScopes(const QStringList &accounts);
    void updateCount();
    void setOption(std::function<Result<void>(const FilterService &)> change);

    const ConsoleServices &m_services;
    FilterTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    bool m_applying = false; // setting the option widgets from a load, not from a person
    int m_commonCount = 0;   // entries of the common filter, for an account's note

    QLabel *m_intro = nullptr;
    QLabel *m_scopeLabel = nullptr;
    QComboBox *m_scopeCombo = nullptr;
    QGroupBox *m_optionsBox = nullptr;
    QCheckBox *m_commonEnabled = nullptr; // common scope: for everyone; account: for it
    QCheckBox *m_published = nullptr;
    QLabel *m_retentionLabel = nullptr;
    QComboBox *m_retentionCombo = nullptr;
    QLabel *m_commonNote = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_addLabel = nullptr;
    QComboBox *m_listCombo = nullptr;
    QComboBox *m_fieldCombo = nullptr;
    QStackedWidget *m_valueStack = nullptr;
    QLineEdit *m_valueEdit = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace fumibako
