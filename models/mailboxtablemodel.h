// MailboxTableModel: one account's folders as a table (folder, messages,
// used space) for the account details. It is fed whole snapshots from
// MailboxService::mailboxes(); a refresh with the same folders updates the
// rows in place. INBOX and the special-use folders are shown by their
// Japanese names with the name the mail program uses beside them; the
// semantic values (raw name, counts, bytes) are in itemroles.h.
#pragma once

#include "service/mailboxservice.h"

#include <QAbstractTableModel>
#include <QList>

namespace fumibako
{

class MailboxTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FolderColumn, MessagesColumn, SizeColumn, ColumnCount };

    explicit MailboxTableModel(QObject *parent = nullptr);

    void setMailboxes(const QList<MailboxSummary> &mailboxes);
    const QList<MailboxSummary> &mailboxes() const { return m_mailboxes; }
    int inboxRow() const; // -1 when there is none
    qint64 totalMessages() const;
    qint64 totalBytes() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "受信トレイ（INBOX）", "送信済み（Sent）", or the user's own folder name.
    static QString folderText(const MailboxSummary &mailbox);

public Q_SLOTS:
    void retranslate();

private:
    QList<MailboxSummary> m_mailboxes;
};

} // namespace fumibako
