// OptionalDateEdit: a date that may be left out — a check box ("from", "until")
// that turns a QDateEdit with a calendar on or off. Off, date() is a null
// QDate (no start, no end); on, the date shown. Used for the auto-reply's
// optional period. The check box is named objectName + "Check", the date
// edit objectName + "Edit", so tests find both.
#pragma once

#include <QDate>
#include <QWidget>

class QCheckBox;
class QDateEdit;

namespace fumibako
{

class OptionalDateEdit : public QWidget
{
    Q_OBJECT
public:
    explicit OptionalDateEdit(const QString &objectName, QWidget *parent = nullptr);

    QDate date() const;              // null: no date
    void setDate(const QDate &date); // null: no date (the edit keeps a date to start from)
    void setText(const QString &text);
    QCheckBox *checkBox() const { return m_check; }
    QDateEdit *dateEdit() const { return m_edit; }

Q_SIGNALS:
    void changed();

private:
    QCheckBox *m_check;
    QDateEdit *m_edit;
};

} // namespace fumibako
