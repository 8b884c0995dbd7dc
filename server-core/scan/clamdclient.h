// ClamdClient: asks ClamAV's clamd whether a message carries a virus, with the
// INSTREAM command (clamd(8), COMMANDS): "zINSTREAM\0", then the message in
// chunks each prefixed by its length as 4 bytes in network order, then a chunk
// of length 0; clamd answers "stream: OK", "stream: <name> FOUND" or "... ERROR",
// NUL-terminated. A failure (down, hung, garbage, over StreamMaxLength) is an
// Error, never a clean verdict: the caller defers the message (451 4.7.1).
#pragma once

#include "common/result.h"
#include "scanneraddress.h"
#include "scannerexchange.h"

#include <QByteArrayList>
#include <QString>

#include <functional>

class QObject;

namespace fumibako
{

struct VirusScan {
    bool infected = false;
    QString virus; // clamd's signature name when infected ("Win.Test.EICAR_HDB-1")
};

// Reads clamd's one-line reply to a z-command (up to its NUL) and never sees a
// socket. Bounded: a reply longer than kMaxReply is an Error.
class ClamdReplyParser
{
public:
    static constexpr qsizetype kMaxReply = 1024;

    ReplyStatus feed(QByteArrayView bytes);
    ReplyStatus finish(); // the connection closed
    QString error() const { return m_error; }
    // After Complete: the reply as a verdict. "INSTREAM size limit exceeded" is
    // Error::Kind::TooBig; any other ERROR or an unknown reply is Temporary.
    Result<VirusScan> verdict() const;
    QByteArray reply() const { return m_reply; }

private:
    QByteArray m_reply;
    QString m_error;
    bool m_complete = false;
};

struct ClamdOptions {
    int timeoutMs = 60000; // connect, send and answer together
    // clamd's StreamMaxLength when known: a longer message fails at once with
    // TooBig instead of being sent. 0: send anything; clamd refuses what is
    // over its limit ("INSTREAM size limit exceeded", also TooBig).
    qint64 streamMaxLength = 0;
};

class ClamdClient
{
public:
    static constexpr qsizetype kChunk = 64 * 1024;

    explicit ClamdClient(ScannerAddress address, ClamdOptions options = {});

    // Scans the message, given as consecutive pieces (the pipeline's added
    // fields, then the message as received) that are sent without being joined.
    // `done` runs once, on `context`'s thread (or the calling thread's, with no
    // context: it must run an event loop), never inside scan(), and not at all
    // if `context` is destroyed first. Thread-safe: the client is immutable.
    void scan(QByteArrayList message, QObject *context,
              std::function<void(Result<VirusScan>)> done) const;

    const ScannerAddress &address() const { return m_address; }
    const ClamdOptions &options() const { return m_options; }

private:
    ScannerAddress m_address;
    ClamdOptions m_options;
};

} // namespace fumibako
