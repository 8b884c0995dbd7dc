// AccountImportModel: what an accounts CSV import does, line by line (the
// preview of AccountCsv::plan() and the outcome of import()): the line, the
// address, the action and why — refused lines in red. After an import the
// generated passwords are in ImportPasswordRole and PasswordColumn, shown
// once: the dialog clears the model when it closes.
#pragma once

#include "service/accountcsv.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class AccountImportModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        LineColumn,
        AddressColumn,
        ActionColumn,
        DetailColumn,
        PasswordColumn,
        ColumnCount
    };

    explicit AccountImportModel(QObject *parent = nullptr);

    void setLines(const QList<AccountImportLine> &lines);
    void clear() { setLines({}); }
    const QList<AccountImportLine> &lines() const { return m_lines; }
    int count(AccountImportLine::Action action) const;
    int generatedPasswords() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString actionText(AccountImportLine::Action action);
    // The reason (a refusal) or the changes (an update) as people read them;
    // the service's English text as is when it is not one this model knows.
    static QString detailText(const AccountImportLine &line);

public Q_SLOTS:
    void retranslate();

private:
    QList<AccountImportLine> m_lines;
};

} // namespace fumibako
