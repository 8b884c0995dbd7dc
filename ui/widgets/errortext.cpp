#include "errortext.h"

#include "listenertablemodel.h"
#include "service/accountservice.h"
#include "service/forwardingservice.h"

#include <QRegularExpression>

namespace fumibako
{

QString ErrorText::describe(Action action, const Error &error)
{
    using K = Error::Kind;
    using A = Action;
    // A busy database (another program, a long write) is worth retrying.
    if (error.kind == K::Temporary)
        return tr(
            "The database is busy or cannot be opened right now. Please try again in a moment.");

    switch (action) {
    case A::AddAccount:
        if (error.kind == K::Exists)
            return tr("This address is already registered.");
        if (error.kind == K::Invalid)
            return tr("This address cannot be used for an account. Check that it is spelled "
                      "correctly and belongs "
                      "to this server's domain.");
        return tr("The account could not be added.");
    case A::EditAccount:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        if (error.kind == K::Invalid)
            return tr("These changes cannot be made to this account (the role of the built-in "
                      "send-only account "
                      "cannot change).");
        return tr("The changes could not be saved.");
    case A::SetPassword:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        if (error.kind == K::Invalid)
            return tr("This password cannot be used. Use at least 8 characters and no control "
                      "characters.");
        return tr("The password could not be reset.");
    case A::DeleteAccount:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        if (error.kind == K::Invalid)
            return tr("This account is built in and cannot be deleted.");
        return tr("The account could not be deleted.");
    case A::SuspendAccount:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The state of the account could not be changed.");
    case A::LoadAccounts:
        return tr("The account list could not be read.");
    case A::LoadMailboxes:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The folders of this account could not be read.");
    case A::EmptyInbox:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The mailbox could not be emptied. Check the folder list and try again.");
    case A::LoadLog:
        return tr("The log could not be read.");
    case A::LoadSettings:
        return tr("The settings could not be read.");
    case A::SaveSettings:
        if (error.kind == K::Invalid)
            return tr("A value is outside the allowed range. Check the settings and save again.");
        return tr("The settings could not be saved.");
    case A::ImportCertificate:
        if (error.kind == K::Invalid)
            return tr("The certificate could not be imported. Check that both files are in PEM "
                      "format, that the "
                      "private key belongs to the certificate and that the key is not "
                      "password-protected.");
        return tr("The certificate could not be saved to the data folder.");
    case A::LoadQueue:
        return tr("The send queue could not be read.");
    case A::RetryQueued:
    case A::DeleteQueued:
    case A::ShowHeaders:
        if (error.kind == K::NotFound)
            return tr("This message is no longer in the send queue (it may have been sent or "
                      "deleted meanwhile). The list will be refreshed.");
        if (action == A::RetryQueued)
            return tr("The message could not be scheduled for sending now.");
        if (action == A::DeleteQueued)
            return tr("The message could not be deleted from the send queue.");
        return tr("The headers of the message could not be read.");
    case A::LoadDkimKeys:
        return tr("The DKIM keys could not be read. Check that the data folder's dkim folder "
                  "can be read.");
    case A::GenerateDkimKey:
        if (error.kind == K::Invalid)
            return tr("A DKIM key cannot be made for this domain name.");
        return tr("The DKIM key could not be made. Check that the data folder can be written "
                  "to.");
    case A::ActivateDkimKey:
    case A::RetireDkimKey:
    case A::DeleteDkimKey:
        if (error.kind == K::NotFound)
            return tr("This DKIM key no longer exists or no longer signs. The list will be "
                      "refreshed.");
        if (action == A::ActivateDkimKey)
            return tr("The DKIM key could not be activated. It may be damaged; make a new one.");
        if (action == A::RetireDkimKey)
            return tr("Signing with this DKIM key could not be stopped.");
        if (error.kind == K::Invalid)
            return tr("This DKIM key still signs mail. Stop signing with it first.");
        return tr("The DKIM key could not be deleted.");
    case A::StartServer:
        if (error.kind == K::NotFound)
            return tr("The data folder has not been set up.");
        if (error.kind == K::Invalid)
            return tr("The listening address in the settings is not valid.");
        {
            // MailServer names the listener that failed: "cannot listen on ADDR port N (NAME):
            // why".
            static const QRegularExpression listen(
                QStringLiteral("cannot listen on \\S+ port (\\d+) \\((\\w+)\\)"));
            const QRegularExpressionMatch m = listen.match(error.message);
            if (m.hasMatch())
                return tr("Port %1 for %2 cannot be used; another program may already be using it. "
                          "Change the port "
                          "in Settings or stop the other program, then start the server again.")
                    .arg(m.captured(1), ListenerTableModel::serviceText(m.captured(2)));
        }
        return tr(
            "The mail server could not start. Another program may already be using one of its "
            "ports; "
            "change the ports in Settings or stop the other program, then restart the server.");
    case A::Setup:
        if (error.kind == K::Exists)
            return tr("The data folder already contains files. Choose an empty folder.");
        if (error.kind == K::Invalid)
            return tr("The domain name or the administrator address was not accepted. Check them "
                      "and try again.");
        return tr("The initial setup could not be completed. Check that the data folder can be "
                  "written to.");
    case A::LoadFilters:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The spam filters could not be read.");
    case A::ChangeFilter:
        if (error.kind == K::Limit)
            return tr("This list already holds 100 entries. Remove one before adding another.");
        if (error.kind == K::Exists)
            return tr("This entry is already in the list.");
        if (error.kind == K::Invalid)
            return tr("This value cannot be used here. Check the address, domain or word.");
        if (error.kind == K::NotFound)
            return tr("This account or entry no longer exists. The list will be refreshed.");
        return tr("The filter could not be changed.");
    case A::LoadForwarding:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The forwarding and auto-reply settings of this account could not be read.");
    case A::SaveForwarding:
        if (error.kind == K::Limit)
            return tr("Mail can be forwarded to at most %1 addresses.")
                .arg(ForwardRule::kMaxDestinations);
        if (error.kind == K::Invalid)
            return tr("The forwarding settings were not accepted. Check the forwarding "
                      "addresses (not this account's own) and the conditions (no line breaks "
                      "or special characters).");
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The forwarding settings could not be saved.");
    case A::ClearForwarding:
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("Forwarding could not be stopped.");
    case A::SaveAutoReply:
        if (error.kind == K::Invalid)
            return tr("The auto-reply was not accepted. Check that the text is not empty, the "
                      "end date is not before the start date, and the subject and sender name "
                      "hold no special characters.");
        if (error.kind == K::NotFound)
            return tr("This account no longer exists. The list will be refreshed.");
        return tr("The auto-reply could not be saved.");
    case A::LoadAliases:
        return tr("The aliases and group addresses could not be read.");
    case A::ChangeAlias:
    case A::ChangeGroup:
        if (error.kind == K::Exists)
            return tr("This address is already used by an account, an alias or a group.");
        if (error.kind == K::Limit)
            return tr("A group can have at most %1 members.")
                .arg(ForwardingService::kMaxGroupMembers);
        if (error.kind == K::NotFound)
            return action == A::ChangeAlias
                       ? tr("This account, domain or alias no longer exists. The list will be "
                            "refreshed.")
                       : tr("This group no longer exists. The list will be refreshed.");
        if (error.kind == K::Invalid)
            return action == A::ChangeAlias
                       ? tr("This address cannot be used as an alias. It must belong to this "
                            "server's domain and not be a reserved name, and a send-only "
                            "account cannot receive mail.")
                       : tr("These addresses cannot be used. Check the group address (of this "
                            "server's domain, not a reserved name) and each member's "
                            "spelling.");
        return action == A::ChangeAlias ? tr("The alias could not be changed.")
                                        : tr("The group could not be changed.");
    case A::LoadArchiveSettings:
        return tr("The archive settings could not be read.");
    case A::KeepReceived:
        if (error.kind == K::NotFound)
            return tr("This domain no longer exists. The list will be refreshed.");
        return tr("The archive setting of this domain could not be changed.");
    case A::AddSearchUser:
        if (error.kind == K::Exists)
            return tr("This name cannot be used: it is already registered, or it is reserved "
                      "for the system (admin, provadmin). Choose another name.");
        if (error.kind == K::Invalid)
            return tr("The search user was not accepted. Use a name of letters, digits, '.', "
                      "'_' or '-' (up to 64, starting with a letter or digit), a password of "
                      "at least %1 characters, and accounts that still exist.")
                .arg(AccountService::kMinPasswordLength);
        return tr("The search user could not be added.");
    case A::RemoveSearchUser:
        if (error.kind == K::NotFound)
            return tr("This search user no longer exists. The list will be refreshed.");
        return tr("The search user could not be deleted.");
    case A::ExportAccounts:
        return tr("The account list could not be exported.");
    case A::ImportAccounts:
        if (error.kind == K::Invalid)
            return tr("This file cannot be imported: it is not a CSV file of accounts. Line 1 "
                      "must name the columns, one of them メールアドレス (address), and the file "
                      "must be UTF-8 text of at most 10 MB and 10,000 lines.");
        return tr("The accounts could not be imported. Nothing has been changed.");
    }
    return tr("The operation could not be completed.");
}

} // namespace fumibako
