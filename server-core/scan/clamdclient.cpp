#include "clamdclient.h"

#include "scannertext.h"

#include <QtEndian>

namespace fumibako
{

ReplyStatus ClamdReplyParser::feed(QByteArrayView bytes)
{
    if (m_complete)
        return ReplyStatus::Complete;
    if (!m_error.isEmpty())
        return ReplyStatus::Error;
    const qsizetype nul = bytes.indexOf('\0');
    m_reply.append(nul >= 0 ? bytes.first(nul) : bytes);
    if (m_reply.size() > kMaxReply) {
        m_error = QStringLiteral("a reply longer than %1 bytes").arg(kMaxReply);
        return ReplyStatus::Error;
    }
    if (nul < 0)
        return ReplyStatus::NeedMore;
    m_complete = true; // anything after the NUL is not ours to read
    return ReplyStatus::Complete;
}

ReplyStatus ClamdReplyParser::finish()
{
    if (m_complete)
        return ReplyStatus::Complete;
    if (m_error.isEmpty()) {
        m_error = m_reply.isEmpty()
                      ? QStringLiteral("the connection closed without a reply")
                      : QStringLiteral("the connection closed inside the reply \"%1\"")
                            .arg(printableExcerpt(m_reply));
    }
    return ReplyStatus::Error;
}

Result<VirusScan> ClamdReplyParser::verdict() const
{
    if (!m_complete)
        return Error::temporary(QStringLiteral("no complete answer"), m_error);
    // clamd's conn_reply forms for a stream: "stream: OK", "stream: <name> FOUND",
    // "stream: <text> ERROR", and "<text> ERROR" for a refused stream.
    const QByteArray line = m_reply.trimmed();
    const QByteArrayView stream = "stream: ";
    if (line == "stream: OK")
        return VirusScan{};
    if (line.startsWith(stream) && line.endsWith(" FOUND")) {
        const QByteArray name = line.mid(stream.size(), line.size() - stream.size() - 6);
        if (isPrintableWord(name))
            return VirusScan{true, QString::fromLatin1(name)};
    } else if (line.endsWith(" ERROR")) {
        if (line.contains("size limit exceeded")) {
            return Error{Error::Kind::TooBig,
                         QStringLiteral("the message is longer than clamd's StreamMaxLength"),
                         printableExcerpt(line)};
        }
        return Error::temporary(
            QStringLiteral("clamd could not scan the message: %1").arg(printableExcerpt(line)));
    }
    return Error::temporary(QStringLiteral("an answer that is not clamd's"),
                            QStringLiteral("\"%1\"").arg(printableExcerpt(line)));
}

namespace
{

// "zINSTREAM\0", the message in length-prefixed chunks, then a zero-length chunk.
class ClamdRequest : public ScannerRequest
{
public:
    ClamdRequest(PieceReader message, QString where, std::function<void(Result<VirusScan>)> done)
        : m_message(std::move(message)), m_where(std::move(where)), m_done(std::move(done))
    {
    }

    QByteArray nextChunk() override
    {
        if (!m_commandSent) {
            m_commandSent = true;
            return QByteArray("zINSTREAM", sizeof("zINSTREAM")); // with its NUL
        }
        if (const QByteArrayView slice = m_message.next(ClamdClient::kChunk); !slice.isEmpty()) {
            QByteArray chunk(4, Qt::Uninitialized);
            qToBigEndian<quint32>(quint32(slice.size()), chunk.data());
            chunk.append(slice);
            return chunk;
        }
        if (!m_terminated) {
            m_terminated = true;
            return QByteArray(4, '\0');
        }
        return {};
    }
    ReplyStatus feed(QByteArrayView bytes) override { return m_parser.feed(bytes); }
    ReplyStatus finish() override { return m_parser.finish(); }
    QString parseError() const override { return m_parser.error(); }
    void done(std::optional<Error> failure) override
    {
        if (failure) {
            // clamd closes a stream over its StreamMaxLength with an answer
            // saying so; over TCP the reset that follows can take the answer
            // with it while we still send.
            if (failure->kind == Error::Kind::Temporary && m_commandSent && !m_terminated)
                failure->message += QStringLiteral(
                    " before the end of the message: is it longer than clamd's StreamMaxLength?");
            m_done(std::move(*failure));
            return;
        }
        m_done(fromDaemon(m_parser.verdict(), m_where));
    }

private:
    PieceReader m_message;
    QString m_where;
    std::function<void(Result<VirusScan>)> m_done;
    ClamdReplyParser m_parser;
    bool m_commandSent = false;
    bool m_terminated = false;
};

} // namespace

ClamdClient::ClamdClient(ScannerAddress address, ClamdOptions options)
    : m_address(std::move(address)), m_options(options)
{
}

void ClamdClient::scan(QByteArrayList message, QObject *context,
                       std::function<void(Result<VirusScan>)> done) const
{
    const QString where = QStringLiteral("clamd (%1)").arg(m_address.toString());
    PieceReader reader(std::move(message));
    if (refuseOverLimit(where, reader.size(), m_options.streamMaxLength,
                        QStringLiteral("StreamMaxLength"), context, done))
        return;
    startScannerExchange({QStringLiteral("clamd"), m_address, m_options.timeoutMs},
                         std::make_unique<ClamdRequest>(std::move(reader), where, std::move(done)),
                         context);
}

} // namespace fumibako
