// ArchivePages: the HTML of the archive's search pages for search users
// (検索ユーザー) — sign-in, the search form with its results, one message
// shown safely — Japanese first with the English beside it, UTF-8. Everything
// taken from a message or typed by the visitor is escaped; a message's HTML
// is shown as text (messagePreview), never rendered. Pure functions: the
// ArchiveSite picks the page and its HTTP status.
#pragma once

#include "archive/archivestore.h"
#include "mime/messagepreview.h"

#include <QByteArray>
#include <QString>

namespace fumibako::ArchivePages
{

enum class SignInProblem {
    None,
    Wrong,       // wrong name or password (one text for both)
    Throttled,   // too many failures: try later
    Unavailable, // the server could not check
};

QByteArray signIn(SignInProblem problem);

// The search form as the visitor filled it (the query string's fields).
struct Form {
    QString q, since, until, from, to, dir;
    bool attachments = false;
};

// `results` null: the form alone. `nextUrl` "" when no page follows.
// `error` non-empty: the search was refused (shown in place of results).
QByteArray search(const QString &user, const Form &form, const ArchivePage *results,
                  const QString &nextUrl, const QString &error);

QByteArray message(const QString &user, qint64 id, const MessagePreview &preview);

} // namespace fumibako::ArchivePages
