// ReleasePages: the HTML the release links answer with — the confirmation
// (GET, a form that POSTs the token back), the result, and one error page per
// way a link can fail — Japanese first, then English, UTF-8. Everything taken
// from a message is escaped; the pages load nothing from anywhere (no images,
// scripts or fonts; the server also sends a Content-Security-Policy saying so).
// Pure functions: the web server picks the page and its HTTP status.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace fumibako::ReleasePages
{

// What a page shows of the held message.
struct Message {
    QString account;
    QDateTime received; // shown in the server's local time
    QString sender;     // envelope sender; "" for <>
    QString subject;    // decoded
};

enum class Failure {
    Invalid,     // tampered, truncated, not ours: 400
    Expired,     // past the retention: 410
    Gone,        // released, deleted or swept already (or the id was reused): 410
    Unavailable, // the store failed; try again: 503
    NotFound,    // no such page: 404
};

// The confirmation: the message and a form posting `token` to /release.
QByteArray confirmation(const Message &m, const QString &token);
// After the release.
QByteArray released(const Message &m);
QByteArray failure(Failure why);
int failureStatus(Failure why);

} // namespace fumibako::ReleasePages
