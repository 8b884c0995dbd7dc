// DeliveryJob: one accepted message on its way to stable storage — a copy in
// each local recipient's Maildir (with its own Return-Path and Delivered-To)
// and, for other domains, a spool file plus queue rows. Quotas are checked
// here, against the committed usage, so concurrent deliveries cannot overrun.
#pragma once

#include "archive/archivestore.h"
#include "store/storewriter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace fumibako
{

struct DeliveryRules;

struct LocalTarget {
    qint64 accountId = 0;
    qint64 mailboxId = 0;
    QString maildir;     // absolute Maildir root
    QString deliveredTo; // the recipient as given in RCPT TO
    QString directory;   // folder within the Maildir ("" = INBOX, ".Sent", ...)
    QString flags;       // initial flags (IMAP APPEND/COPY)
    qint64 quotaBytes = 0;
    qint64 quotaMessages = 0;
    // The account's forwarding and auto-reply rules, when it has any
    // (RecipientExpansion applies them before the copy is written).
    std::shared_ptr<const DeliveryRules> rules;
    QString account;              // the account's address
    bool archiveReceived = false; // its domain keeps received mail in the archive
};

// A recipient with its RFC 3461 DSN parameters as given in RCPT TO.
struct DsnRecipient {
    QString address;
    QByteArray notify; // "" (not given), "NEVER" or e.g. "SUCCESS,FAILURE,DELAY"
    QString orcpt;     // original recipient, e.g. "rfc822;a@example.jp", or empty
};

// Whether a NOTIFY value asks for the `what` report. RFC 3461 4.1: no NOTIFY
// means FAILURE (and, at the server's choice, DELAY), as Postfix does.
bool dsnWants(const QByteArray &notify, QByteArrayView what);

// A report that came back to our SRS return address: what it says goes to
// `returnTo`, the original sender, rewritten (delivery/forwardreturn.h).
struct ReturnTarget {
    QString address;  // the SRS address, as given in RCPT TO
    QString returnTo; // what it stands for
};

struct DeliveryRequest {
    QString messageId;       // ours, made at acceptance: in the store, the queue and the log
    QString headerMessageId; // the message's Message-ID: field, for the queue's log lines
    QString sender;          // envelope sender; empty for <>
    QByteArray traceHeaders; // fields written before `message` (CRLF-terminated): those the
                             // pipeline's steps added (Received:, a missing Date:/Message-ID:)
    QByteArray message;      // the message as received, CRLF line ends
    QList<LocalTarget> local;
    QList<DsnRecipient> remote;  // recipients for the outbound queue
    QList<ReturnTarget> returns; // reports to our SRS addresses (nothing stored as is)
    qint64 notBefore = 0;        // the queue tries `remote` from this time on (0: now)

    // Anywhere to put it: a mailbox, the queue, or a report to retell.
    bool hasDestination() const
    {
        return !local.isEmpty() || !remote.isEmpty() || !returns.isEmpty();
    }
    // Local recipients whose NOTIFY asks for SUCCESS: Delivery commits an
    // RFC 3464 "delivered" report to the sender with the message (RFC 3461 6.2).
    QList<DsnRecipient> reportDelivered;
    QByteArray envid; // RFC 3461 ENVID and RET of the message, for its reports
    QByteArray ret;
    QString queueDir;            // absolute data/queue
    bool envelopeHeaders = true; // Return-Path + Delivered-To; false for IMAP APPEND/COPY
    qint64 internalDate = 0;     // 0: now
    // Kept in the archive with this commit (`message`, as the client sent it).
    std::optional<ArchiveRecord> archive;
};

// Whether the mailbox of `target` can take one more message of `size` bytes,
// by its committed usage: OverQuota when full, TooBig when the message alone
// exceeds the quota. Run inside the writer's transaction it is race-free.
Result<void> checkQuota(const Database &db, const LocalTarget &target, qint64 size);

class DeliveryJob : public StoreJob
{
public:
    explicit DeliveryJob(DeliveryRequest request) : m_req(std::move(request)) {}

    // The bytes the copy for `target` takes: the envelope headers, the trace
    // headers and the message.
    static qint64 storedSize(const DeliveryRequest &request, const LocalTarget &target);

    Result<void> prepare() override;
    bool hasPreparation() const override { return true; }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;
    QList<qint64> pendingRenameRows() const override { return m_pendingRows; }
    void rollback() override;

    // The UIDs given to the local copies, in target order (after record()).
    const QList<qint64> &assignedUids() const { return m_uids; }

private:
    static QByteArray localPrefix(const DeliveryRequest &request, const LocalTarget &target);

    struct Written {
        QString tmpPath;
        QString finalPath;
        QString relativePath; // within the Maildir, e.g. new/<name>
        qint64 size = 0;
        int target = -1;      // index into m_req.local, -1 for the spool file
        bool renamed = false; // at finalPath (record() renames before COMMIT)
    };
    void unrename(); // record() failed after some renames: back to tmp/
    DeliveryRequest m_req;
    QList<Written> m_written;
    QList<qint64> m_uids;
    QList<qint64> m_pendingRows;
};

} // namespace fumibako
