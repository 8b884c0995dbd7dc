// LogPage: the server's event log — receptions, sends, deliveries, POP3
// logins, authentication failures — filtered by address, type and date
// range. The query runs off the GUI thread; the newest entries come first.
#pragma once

#include "consoleservices.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace fumibako
{

class LogTableModel;

class LogPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogPage(const ConsoleServices &services, QWidget *parent = nullptr);

    LogTableModel *model() const { return m_model; }
    LogFilter filter() const;
    static constexpr int kLimit = 1000;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateCount();

    const ConsoleServices &m_services;
    LogTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    bool m_busy = false;
    bool m_refreshPending = false;

    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_addressEdit = nullptr;
    QLabel *m_kindLabel = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QLabel *m_periodLabel = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QPushButton *m_searchButton = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_countLabel = nullptr;
};

} // namespace fumibako
