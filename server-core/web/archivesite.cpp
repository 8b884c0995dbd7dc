#include "archivesite.h"

#include "archivepages.h"
#include "archivesearchaccess.h"
#include "auth/auththrottle.h"
#include "common/worker.h"
#include "httpreply.h"
#include "net/hostaddress.h"
#include "releasepages.h"
#include "store/eventlog.h"

#include <QDate>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <optional>
#include <type_traits>

namespace fumibako
{

namespace
{

using Method = QHttpServerRequest::Method;

constexpr QByteArrayView kCookie = "fumibako_archive";
// A sign-in form is a name and a password; a search's words fit in far less
// than this (archivetext refuses more than 32 words anyway).
constexpr qsizetype kMaxForm = 4096;
constexpr qsizetype kMaxField = 1000;
constexpr int kPageSize = 50;

QByteArray sessionCookie(const QByteArray &token)
{
    return kCookie.toByteArray() + '=' + token +
           "; Path=/archive; Secure; HttpOnly; SameSite=Strict";
}

QByteArray clearedCookie()
{
    return kCookie.toByteArray() + "=; Path=/archive; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
}

void failPage(HttpReply &reply, ReleasePages::Failure why)
{
    reply.send(ReleasePages::failureStatus(why), ReleasePages::failure(why));
}

// A form posted from a page of another site (login CSRF). Browsers say where
// a request comes from in Sec-Fetch-Site; Origin is checked too where it
// names a site (our pages' no-referrer policy makes a browser send "null").
bool foreignOrigin(const QHttpServerRequest &request)
{
    const QByteArray site = headerValue(request, "sec-fetch-site");
    if (!site.isEmpty() && site != "same-origin" && site != "none")
        return true;
    const QByteArray origin = headerValue(request, "origin");
    return !origin.isEmpty() && origin != "null" &&
           origin != "https://" + headerValue(request, "host");
}

QString field(const QUrlQuery &form, const QString &name)
{
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

ArchivePages::Form readForm(const QUrlQuery &q)
{
    ArchivePages::Form f;
    f.q = field(q, QStringLiteral("q"));
    f.since = field(q, QStringLiteral("since"));
    f.until = field(q, QStringLiteral("until"));
    f.from = field(q, QStringLiteral("from"));
    f.to = field(q, QStringLiteral("to"));
    f.dir = field(q, QStringLiteral("dir"));
    f.attachments = field(q, QStringLiteral("att")) == QLatin1String("1");
    return f;
}

// The form as an archive query; an error for the visitor when it is not one.
Result<ArchiveQuery> toQuery(const ArchivePages::Form &f, const QString &before)
{
    ArchiveQuery q;
    for (const QString *v : {&f.q, &f.since, &f.until, &f.from, &f.to, &f.dir})
        if (v->size() > kMaxField)
            return Error::invalid(QStringLiteral("a field is too long"));
    q.text = f.q;
    // Local dates, as the console and fumibakoctl take them; the end date is included.
    for (const auto &[text, out, plusDay] :
         {std::tuple{&f.since, &q.since, 0}, std::tuple{&f.until, &q.until, 1}}) {
        if (text->isEmpty())
            continue;
        const QDate d = QDate::fromString(*text, Qt::ISODate);
        if (!d.isValid())
            return Error::invalid(QStringLiteral("a date is written YYYY-MM-DD"));
        *out = d.addDays(plusDay).startOfDay().toSecsSinceEpoch();
    }
    q.from = f.from.trimmed();
    q.to = f.to.trimmed();
    if (f.dir == QLatin1String("sent"))
        q.direction = ArchiveDirection::Sent;
    else if (f.dir == QLatin1String("received"))
        q.direction = ArchiveDirection::Received;
    else if (!f.dir.isEmpty())
        return Error::invalid(QStringLiteral("the kind is sent or received"));
    if (f.attachments)
        q.hasAttachments = true;
    if (!before.isEmpty()) {
        bool ok = false;
        q.before = before.toLongLong(&ok);
        if (!ok || q.before <= 0)
            return Error::invalid(QStringLiteral("not a page of results"));
    }
    q.limit = kPageSize;
    return q;
}

// The next page's address: the same form, older than the last row.
QString nextUrl(const ArchivePages::Form &f, qint64 before)
{
    QByteArray query;
    auto add = [&query](const char *name, const QString &value) {
        if (value.isEmpty())
            return;
        query +=
            (query.isEmpty() ? "?" : "&") + QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
    };
    add("q", f.q);
    add("since", f.since);
    add("until", f.until);
    add("from", f.from);
    add("to", f.to);
    add("dir", f.dir);
    add("att", f.attachments ? QStringLiteral("1") : QString());
    add("before", QString::number(before));
    return QStringLiteral("/archive") + QString::fromLatin1(query);
}

} // namespace

ArchiveSite::ArchiveSite(QHttpServer &http, const ArchiveSearchAccess *access,
                         AuthThrottle *throttle, EventLog *log, const Clock *clock, QObject *parent)
    : QObject(parent), m_access(access), m_throttle(throttle), m_log(log), m_sessions(clock)
{
    auto on = [this, &http](const char *path, Method method, auto handler) {
        http.route(
            QString::fromLatin1(path), method,
            [this, handler](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                (this->*handler)(request, std::move(responder));
            });
    };
    on("/archive", Method::Get, &ArchiveSite::home);
    on("/archive/signin", Method::Post, &ArchiveSite::signIn);
    on("/archive/signout", Method::Post, &ArchiveSite::signOut);
    http.route(QStringLiteral("/archive/message"), Method::Get,
               [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   message(request, std::move(responder), false);
               });
    http.route(QStringLiteral("/archive/raw"), Method::Get,
               [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   message(request, std::move(responder), true);
               });
}

QByteArray ArchiveSite::token(const QHttpServerRequest &request)
{
    // "a=1; fumibako_archive=TOKEN; b=2"
    for (QByteArray part : headerValue(request, "cookie").split(';')) {
        part = part.trimmed();
        if (part.startsWith(kCookie) && part.size() > kCookie.size() && part[kCookie.size()] == '=')
            return part.mid(kCookie.size() + 1);
    }
    return QByteArray();
}

template <typename Work, typename Done>
void ArchiveSite::asUser(const QHttpServerRequest &request, std::shared_ptr<HttpReply> reply,
                         Work work, Done done)
{
    const QByteArray t = token(request);
    const QString user = t.isEmpty() ? QString() : m_sessions.user(t);
    if (user.isEmpty())
        return reply->redirect("/archive");
    using R = std::invoke_result_t<Work, const ArchiveSearchAccess &, const ArchiveSearcher &>;
    runOnWorker(this,
                [this, access = m_access, user, t, reply, work = std::move(work),
                 done = std::move(done)]() mutable -> std::function<void()> {
                    // Who the user is now: removed since, or limited to other accounts.
                    auto who = access->searchUser(user);
                    auto result = std::make_shared<std::optional<R>>();
                    if (who)
                        result->emplace(work(*access, *who));
                    return [this, who, t, reply, result, done]() {
                        if (!who) {
                            if (who.error().kind != Error::Kind::NotFound)
                                return failPage(*reply, ReleasePages::Failure::Unavailable);
                            m_sessions.close(t);
                            return reply->redirect("/archive", {{"Set-Cookie", clearedCookie()}});
                        }
                        done(*who, std::move(**result));
                    };
                });
}

void ArchiveSite::home(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    const QByteArray t = token(request);
    if (t.isEmpty() || m_sessions.user(t).isEmpty())
        return reply->send(200, ArchivePages::signIn(ArchivePages::SignInProblem::None));

    const QUrlQuery q = formFields(request.url().query(QUrl::FullyEncoded).toLatin1());
    const ArchivePages::Form form = readForm(q);
    bool asked = false;
    for (const char *name : {"q", "since", "until", "from", "to", "dir", "att", "before"})
        asked = asked || q.hasQueryItem(QString::fromLatin1(name));
    const Result<ArchiveQuery> query = asked ? toQuery(form, field(q, QStringLiteral("before")))
                                             : Result<ArchiveQuery>(ArchiveQuery());
    asUser(
        request, reply,
        [asked, query](const ArchiveSearchAccess &access,
                       const ArchiveSearcher &who) -> Result<ArchivePage> {
            if (!asked)
                return ArchivePage();
            if (!query)
                return query.error();
            return access.search(*query, who);
        },
        [reply, form, asked](const ArchiveSearcher &who, Result<ArchivePage> page) {
            if (!page && page.error().kind != Error::Kind::Invalid)
                return failPage(*reply, ReleasePages::Failure::Unavailable);
            if (!page)
                return reply->send(400, ArchivePages::search(who.name, form, nullptr, QString(),
                                                             page.error().message));
            const QString next = page->more && !page->entries.isEmpty()
                                     ? nextUrl(form, page->entries.last().id)
                                     : QString();
            reply->send(200, ArchivePages::search(who.name, form, asked ? &*page : nullptr, next,
                                                  QString()));
        });
}

void ArchiveSite::signIn(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    const QByteArray body = request.body();
    if (body.size() > kMaxForm || foreignOrigin(request))
        return failPage(*reply, ReleasePages::Failure::Invalid);
    const QUrlQuery form = formFields(body);
    const QString name = field(form, QStringLiteral("name")).trimmed();
    const QString password = field(form, QStringLiteral("password"));
    const QString ip = displayAddress(request.remoteAddress());
    // Apart from the mail accounts of the same name; the address counts for both.
    const QString throttled = QStringLiteral("archive:") + name;
    if (m_throttle && m_throttle->isLockedOut(ip, throttled))
        return reply->send(429, ArchivePages::signIn(ArchivePages::SignInProblem::Throttled));
    runOnWorker(
        this,
        [this, access = m_access, reply, name, password, ip, throttled]() -> std::function<void()> {
            Result<ArchiveSearcher> who = access->authenticate(name, password);
            return [this, reply, who, ip, name, throttled]() {
                if (!who && who.error().kind != Error::Kind::NotFound)
                    return reply->send(
                        503, ArchivePages::signIn(ArchivePages::SignInProblem::Unavailable));
                if (!who) {
                    if (m_throttle)
                        m_throttle->recordFailure(ip, throttled);
                    m_log->add(LogEntry::Kind::AuthFailure, name, ip,
                               QStringLiteral("archive search sign-in failed"));
                    return reply->send(401,
                                       ArchivePages::signIn(ArchivePages::SignInProblem::Wrong));
                }
                if (m_throttle)
                    m_throttle->recordSuccess(ip, throttled);
                m_log->add(LogEntry::Kind::System, who->name, ip,
                           QStringLiteral("archive search user %1 signed in").arg(who->name));
                reply->redirect("/archive",
                                {{"Set-Cookie", sessionCookie(m_sessions.open(who->name))}});
            };
        });
}

void ArchiveSite::signOut(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    if (foreignOrigin(request))
        return failPage(*reply, ReleasePages::Failure::Invalid);
    if (const QByteArray t = token(request); !t.isEmpty())
        m_sessions.close(t);
    reply->redirect("/archive", {{"Set-Cookie", clearedCookie()}});
}

void ArchiveSite::message(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                          bool raw)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    bool ok = false;
    qint64 id =
        field(formFields(request.url().query(QUrl::FullyEncoded).toLatin1()), QStringLiteral("id"))
            .toLongLong(&ok);
    if (!ok || id <= 0)
        id = 0; // answered as a message that is not there, once signed in
    auto failed = [reply](const Error &e) {
        failPage(*reply, e.kind == Error::Kind::NotFound ? ReleasePages::Failure::NotFound
                                                         : ReleasePages::Failure::Unavailable);
    };
    if (raw)
        return asUser(
            request, reply,
            [id](const ArchiveSearchAccess &access,
                 const ArchiveSearcher &who) -> Result<QByteArray> {
                if (id == 0)
                    return Error::notFound(QStringLiteral("no such message"));
                return access.raw(id, who);
            },
            [reply, id, failed](const ArchiveSearcher &, Result<QByteArray> bytes) {
                if (!bytes)
                    return failed(bytes.error());
                reply->download(*bytes, "message/rfc822", QByteArray::number(id) + ".eml");
            });
    asUser(
        request, reply,
        [id](const ArchiveSearchAccess &access,
             const ArchiveSearcher &who) -> Result<MessagePreview> {
            if (id == 0)
                return Error::notFound(QStringLiteral("no such message"));
            return access.preview(id, who);
        },
        [reply, id, failed](const ArchiveSearcher &who, Result<MessagePreview> preview) {
            if (!preview)
                return failed(preview.error());
            reply->send(200, ArchivePages::message(who.name, id, *preview));
        });
}

} // namespace fumibako
