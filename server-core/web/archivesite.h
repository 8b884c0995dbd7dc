// ArchiveSite: the archive's search pages for search users (検索ユーザー, the
// FAQ's メールアーカイブ), on the server's HTTPS listener:
//   GET  /archive               sign-in, or (signed in) the search form and results
//   POST /archive/signin        name, password → a session cookie, 303 to /archive
//   POST /archive/signout       the session ends, 303 to /archive
//   GET  /archive/message?id=N  one message shown safely (text only, parts listed)
//   GET  /archive/raw?id=N      the message as sent, to save (.eml); audited
// A search user sees only its accounts' mail, and is looked up again at every
// request, so one removed or narrowed by the administrator is out at once.
// Sign-in failures count in the server's AuthThrottle like any login. The
// cookie is SameSite=Strict and the forms check Origin, so another site can
// neither ride a session nor sign a visitor in or out. The archive's work runs
// on workers; this object lives on the web server's thread.
#pragma once

#include "websessions.h"

#include <QObject>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace fumibako
{

class ArchiveSearchAccess;
class AuthThrottle;
class Clock;
class EventLog;
class HttpReply;

class ArchiveSite : public QObject
{
    Q_OBJECT
public:
    ArchiveSite(QHttpServer &http, const ArchiveSearchAccess *access, AuthThrottle *throttle,
                EventLog *log, const Clock *clock, QObject *parent = nullptr);

private:
    void home(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void signIn(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void signOut(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void message(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool raw);

    // The session cookie's token; "" when there is none.
    static QByteArray token(const QHttpServerRequest &request);
    // Runs `work` on a worker as the signed-in search user, then `done` here;
    // a visitor not (or no longer) signed in is sent to the sign-in page.
    template <typename Work, typename Done>
    void asUser(const QHttpServerRequest &request, std::shared_ptr<HttpReply> reply, Work work,
                Done done);

    const ArchiveSearchAccess *m_access;
    AuthThrottle *m_throttle;
    EventLog *m_log;
    WebSessions m_sessions;
};

} // namespace fumibako
