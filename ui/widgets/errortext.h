// ErrorText: what the console says when a service call fails. The services'
// Error::message is English for logs and the CLI; the console shows its own
// translated sentence chosen by Error::Kind and by what the person was doing,
// and keeps the English text only as a detail for support.
#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QString>

namespace fumibako
{

class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    enum class Action {
        AddAccount,
        EditAccount,
        SetPassword,
        DeleteAccount,
        SuspendAccount,
        LoadAccounts,
        LoadMailboxes,
        EmptyInbox,
        LoadLog,
        LoadSettings,
        SaveSettings,
        ImportCertificate,
        LoadQueue,
        RetryQueued,
        DeleteQueued,
        ShowHeaders,
        LoadDkimKeys,
        GenerateDkimKey,
        ActivateDkimKey,
        RetireDkimKey,
        DeleteDkimKey,
        StartServer,
        Setup,
        LoadFilters,
        ChangeFilter,
        LoadForwarding,
        SaveForwarding,
        ClearForwarding,
        SaveAutoReply,
        LoadAliases,
        ChangeAlias,
        ChangeGroup,
        LoadArchiveSettings,
        KeepReceived,
        AddSearchUser,
        RemoveSearchUser,
        ExportAccounts,
        ImportAccounts
    };

    static QString describe(Action action, const Error &error);
};

} // namespace fumibako
