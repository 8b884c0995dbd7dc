// ScannerExchange: one request and its reply over a fresh connection to a
// scanner daemon (clamd, spamd), TCP or a Unix socket, never blocking: the
// request streams out as the socket drains (a big message is not copied whole
// into the socket's buffer), reply bytes go to the protocol's pure parser as
// they come, and one deadline covers connect, send and answer. What differs
// between the daemons is a ScannerRequest; ClamdClient and SpamdClient make them.
#pragma once

#include "common/result.h"
#include "scanneraddress.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>
#include <optional>

class QObject;

namespace fumibako
{

// A parser's answer (STYLE.md): the reply is whole, more bytes are needed, or it is not a reply.
enum class ReplyStatus { Complete, NeedMore, Error };

class ScannerRequest
{
public:
    virtual ~ScannerRequest() = default;
    // The next bytes to send, or empty once the request is all out. Asked for again
    // whenever the socket's unsent bytes fall below a window.
    virtual QByteArray nextChunk() = 0;
    // Reply bytes as they arrive (perhaps before the request is all out: clamd
    // refuses an over-long stream early). Complete ends the exchange.
    virtual ReplyStatus feed(QByteArrayView bytes) = 0;
    // The daemon closed the connection: is what came a whole reply?
    virtual ReplyStatus finish() = 0;
    // Why the reply could not be read, for the log.
    virtual QString parseError() const = 0;
    // Called once: nullopt when the reply is complete (read it from the parser),
    // else why there is none (refused, timed out, closed early, unreadable).
    virtual void done(std::optional<Error> failure) = 0;
};

struct ScannerExchangeOptions {
    QString daemon; // "clamd", "spamd": for the messages
    ScannerAddress address;
    int timeoutMs = 60000; // connect, send and reply together
};

// Runs `request` on `context`'s thread, which must run an event loop; with no
// context, on the calling thread's. Callable from any thread (a worker
// included) while `context` is alive. request->done() runs on that thread,
// after this returns, exactly once — or never, if `context` is destroyed first.
void startScannerExchange(ScannerExchangeOptions options, std::unique_ptr<ScannerRequest> request,
                          QObject *context);

// Runs `then` on `context`'s thread from its event loop (the calling thread's
// with no context), unless `context` is destroyed first: an answer known
// before any connection (a message over a size limit) still arrives as the
// exchange's would.
void postToContext(QObject *context, std::function<void()> then);

// A message over a client's size limit (when `limit` > 0) gets TooBig through
// postToContext, with no connection made; true when it did.
template <typename T>
bool refuseOverLimit(const QString &where, qint64 size, qint64 limit, const QString &limitName,
                     QObject *context, std::function<void(Result<T>)> &done)
{
    if (limit <= 0 || size <= limit)
        return false;
    Error error{Error::Kind::TooBig,
                QStringLiteral("%1: the message (%2 bytes) is longer than %3 (%4 bytes)")
                    .arg(where)
                    .arg(size)
                    .arg(limitName)
                    .arg(limit),
                {}};
    postToContext(context, [done = std::move(done), error] { done(error); });
    return true;
}

// A verdict read from a reply, its error (if any) saying which daemon said so.
template <typename T> Result<T> fromDaemon(Result<T> result, const QString &where)
{
    if (result)
        return result;
    Error error = result.error();
    error.message = QStringLiteral("%1: %2").arg(where, error.message);
    return error;
}

} // namespace fumibako
