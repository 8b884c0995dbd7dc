// ItemRoles: the data roles of every Fumibako item model in one place
// (Trojitá's ItemRoles.h habit). Views and tests ask for these semantic
// values; Qt::DisplayRole carries translated text for people only, so tests
// assert on roles and never on Japanese or English wording.
#pragma once

#include <Qt>

namespace fumibako
{

enum ItemRole {
    // Any column: a value that sorts right (numbers, dates, case-folded text).
    SortRole = Qt::UserRole + 1,

    // AccountTableModel (one row per account)
    AccountAddressRole = Qt::UserRole + 100, // QString, normalized
    AccountDisplayNameRole,                  // QString
    AccountRoleRole,                         // int(Account::Role)
    AccountEnabledRole,                      // bool
    AccountUsedBytesRole,                    // qint64
    AccountUsedMessagesRole,                 // qint64
    AccountQuotaBytesRole,                   // qint64, 0 = unlimited
    AccountQuotaMessagesRole,                // qint64, 0 = unlimited
    AccountBuiltInRole,                      // bool: noreply@ (cannot be deleted, role fixed)

    // LogTableModel (one row per log entry, newest first as queried)
    LogTimeRole = Qt::UserRole + 200, // QDateTime
    LogKindRole,                      // int(LogEntry::Kind)
    LogAddressRole,                   // QString
    LogPeerRole,                      // QString
    LogTextRole,                      // QString, as the server wrote it

    // ListenerTableModel (one row per protocol listener)
    ListenerNameRole = Qt::UserRole + 300, // QString: smtp, submission, smtps, pop3, pop3s
    ListenerAddressRole,                   // QString
    ListenerPortRole,                      // int
    ListenerListeningRole,                 // bool
    ListenerErrorRole,                     // QString

    // MailboxTableModel (one row per folder of one account)
    MailboxIdRole = Qt::UserRole + 400, // qint64
    MailboxNameRole,       // QString: the stored Unicode name ("INBOX", "取引先/見積")
    MailboxSpecialUseRole, // QString: "\\Sent", ... or empty
    MailboxIsInboxRole,    // bool
    MailboxMessagesRole,   // qint64
    MailboxBytesRole,      // qint64
    MailboxUnseenRole,     // qint64

    // QueueTableModel (one row per recipient in the outbound queue)
    QueueIdRole = Qt::UserRole + 500, // qint64: the message (retry, delete, headers act on it)
    QueueRecipientIdRole,             // qint64: the row's own id
    QueueRecipientRole,               // QString
    QueueDomainRole,                  // QString, lower-case: the filter by domain
    QueueSenderRole,                  // QString, "" = null sender (a delivery report)
    QueueStateRole,                   // int(QueuedRecipient::State): the filter by state
    QueueAttemptsRole,                // int
    QueueNextTryRole,                 // QDateTime, invalid when nothing waits
    QueueLastAttemptRole,             // QDateTime, invalid before the first try
    QueueLastReplyRole,               // QString, as the peer (or the server) said it
    QueueRemoteMtaRole,               // QString
    QueueSizeRole,                    // qint64 bytes
    QueueCreatedRole,                 // QDateTime: when the message was accepted

    // DkimKeyTableModel (one row per DKIM key of any domain)
    DkimDomainRole = Qt::UserRole + 600, // QString, lower-case
    DkimSelectorRole,                    // QString, lower-case
    DkimAlgorithmRole,                   // int(DkimKey::Algorithm)
    DkimActiveRole,                      // bool: signs outgoing mail (in dkim.selectors)
    DkimCreatedRole,                     // QDateTime
    DkimDnsNameRole,                     // QString: "<selector>._domainkey.<domain>"
    DkimTxtRecordRole,                   // QString: the TXT value, "v=DKIM1; k=...; p=..."
    DkimZoneFileRecordRole,              // QString: the same as a zone file line

    // QuarantineTableModel (one row per held copy, every account)
    QuarantineIdRole = Qt::UserRole + 700, // qint64: release, delete and preview act on it
    QuarantineAccountRole,                 // QString: the account's address (the filter)
    QuarantineRecipientRole,               // QString: as given in RCPT TO
    QuarantineSenderRole,                  // QString: envelope sender, "" = null sender
    QuarantineSubjectRole,                 // QString, decoded
    QuarantineReceivedRole,                // QDateTime
    QuarantineReasonKindRole,              // QString as stored: "spam", "filter", "spoofing", ...
    QuarantineReasonRole,                  // QString: the reason as the server wrote it
    QuarantineScoreRole,                   // double; invalid QVariant when not scored
    QuarantineRulesRole,                   // QStringList: "GTUBE 1000.0", highest points first
    QuarantineSizeRole,                    // qint64 bytes
    QuarantineMessageIdRole,               // QString: the Message-ID field, no angle brackets

    // FilterTableModel (one row per entry of one spam filter)
    FilterEntryIdRole = Qt::UserRole + 800, // qint64
    FilterListRole,                         // int(FilterEntry::List)
    FilterFieldRole,                        // int(FilterEntry::Field)
    FilterValueRole,                        // QString, as stored (a language by its name)

    // AliasTableModel (one row per alias, the domains' catch-alls included)
    AliasAddressRole = Qt::UserRole + 900, // QString: "info@example.jp", or "@example.jp"
    AliasAccountRole,                      // QString: the account it delivers to
    AliasCatchAllRole,                     // bool: "@domain", all unknown names of the domain
    AliasDomainRole,                       // QString, lower-case

    // GroupTableModel (one row per group address)
    GroupIdRole = Qt::UserRole + 1000, // qint64
    GroupAddressRole,                  // QString
    GroupMembersRole,                  // QStringList, as entered
    GroupMemberCountRole,              // int

    // ArchiveTableModel (one row per archived delivery, newest first as searched)
    ArchiveIdRole = Qt::UserRole + 1100, // qint64: preview and export act on it
    ArchiveDateRole,                     // QDateTime: when it was archived (sent or received)
    ArchiveDirectionRole,                // int(ArchiveDirection): 0 sent, 1 received
    ArchiveFromRole,                     // QString: the From field, decoded
    ArchiveToRole,                       // QString: the To field, decoded
    ArchiveSubjectRole,                  // QString: the Subject field, decoded
    ArchiveSenderRole,                   // QString: envelope sender, "" = null sender
    ArchiveRecipientsRole,               // QStringList: every envelope recipient (Bcc too)
    ArchiveAccountsRole,                 // QStringList: the accounts it belongs to
    ArchiveSizeRole,                     // qint64 bytes of the message as sent
    ArchiveHasAttachmentsRole,           // bool
    ArchiveMessageIdRole,                // QString: the Message-ID field

    // ArchiveSearchUserModel (one row per search user, 検索ユーザー)
    SearchUserIdRole = Qt::UserRole + 1200, // qint64
    SearchUserNameRole,                     // QString: the login name
    SearchUserAccountsRole,                 // QStringList: the accounts it may search; empty: all
    SearchUserAllAccountsRole,              // bool: it may search every account
    SearchUserCreatedRole,                  // QDateTime

    // ArchiveSettingsDialog's domain list (one row per local domain)
    ArchiveDomainRole = Qt::UserRole + 1300, // QString, lower-case; its check state:
                                             // received mail is kept

    // AccountImportModel (one row per data line of an accounts CSV file)
    ImportLineRole = Qt::UserRole + 1400, // int: the line in the file (the header is line 1)
    ImportAddressRole,                    // QString: the address, normalized when valid
    ImportActionRole,                     // int(AccountImportLine::Action)
    ImportReasonRole,                     // QString: the service's reason, English, as is
    ImportPasswordRole,                   // QString: a generated password, after an import
};

} // namespace fumibako
