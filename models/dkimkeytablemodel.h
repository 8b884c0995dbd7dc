// DkimKeyTableModel: the DKIM keys of every domain as a table (domain,
// selector, algorithm, signing or not, created), fed whole snapshots from
// DkimKeyStore::list(). Rows are matched by domain and selector, so a refresh
// after generating, activating or removing a key updates rows in place and a
// view keeps its selection. The DNS record of each key is in a role, for the
// page that shows what to publish. The store knows two states only: a key
// signs (it is in dkim.selectors) or it does not (new, or retired).
#pragma once

#include "service/dkimkeys.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class DkimKeyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DomainColumn,
        SelectorColumn,
        AlgorithmColumn,
        StateColumn,
        CreatedColumn,
        ColumnCount
    };

    explicit DkimKeyTableModel(QObject *parent = nullptr);

    void setKeys(const QList<DkimKeyInfo> &keys);
    const QList<DkimKeyInfo> &keys() const { return m_keys; }
    int rowOf(const QString &domain, const QString &selector) const; // -1 when absent
    QStringList domains() const;                                     // sorted, each once

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString algorithmText(DkimKey::Algorithm algorithm); // RSA, Ed25519
    static QString stateText(bool active);                      // 署名中, 署名していない

public Q_SLOTS:
    void retranslate();

private:
    static bool sameRow(const DkimKeyInfo &a, const DkimKeyInfo &b);

    QList<DkimKeyInfo> m_keys;
};

} // namespace fumibako
