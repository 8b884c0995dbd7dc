#include "spamdclient.h"

#include "scannertext.h"

#include <QRegularExpression>

namespace fumibako
{

QByteArray SpamdReply::header(QByteArrayView name) const
{
    for (const auto &[field, value] : headers) {
        if (field.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void SpamdReplyParser::fail(QString why)
{
    m_state = State::Error;
    m_error = std::move(why);
}

ReplyStatus SpamdReplyParser::status() const
{
    switch (m_state) {
    case State::Complete:
        return ReplyStatus::Complete;
    case State::Error:
        return ReplyStatus::Error;
    default:
        return ReplyStatus::NeedMore;
    }
}

ReplyStatus SpamdReplyParser::feed(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size() && (m_state != State::Complete && m_state != State::Error)) {
        if (m_state == State::Body) {
            qsizetype take = bytes.size() - i;
            if (m_contentLength >= 0)
                take = qMin(take, qsizetype(m_contentLength - m_reply.body.size()));
            m_reply.body.append(bytes.sliced(i, take));
            i += take;
            if (m_reply.body.size() > kMaxBody)
                fail(QStringLiteral("a body longer than %1 bytes").arg(kMaxBody));
            else if (m_reply.body.size() == m_contentLength)
                m_state = State::Complete;
            continue;
        }
        const qsizetype lf = bytes.indexOf('\n', i);
        const qsizetype end = lf < 0 ? bytes.size() : lf;
        m_line.append(bytes.sliced(i, end - i));
        i = end;
        if (m_line.size() > kMaxLine) {
            fail(QStringLiteral("a line longer than %1 bytes").arg(kMaxLine));
            break;
        }
        if (lf < 0)
            break;
        ++i; // the LF
        QByteArray line = std::exchange(m_line, {});
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(line);
    }
    return status();
}

void SpamdReplyParser::takeLine(QByteArrayView line)
{
    if (m_state == State::ResponseLine) {
        // "SPAMD/1.1 0 EX_OK" (the protocol's response line: version, code, message)
        static const QRegularExpression form(QStringLiteral("^SPAMD/(\\d{1,3}\\.\\d{1,3}) "
                                                            "(\\d{1,3})(?: (.*))?$"));
        const QRegularExpressionMatch m = form.match(QString::fromLatin1(line));
        if (!m.hasMatch()) {
            fail(QStringLiteral("not a spamd response line: \"%1\"").arg(printableExcerpt(line)));
            return;
        }
        m_reply.version = m.captured(1).toLatin1();
        m_reply.code = m.captured(2).toInt();
        m_reply.message =
            line.sliced(m.capturedStart(3) < 0 ? line.size() : m.capturedStart(3)).toByteArray();
        // spamd closes after a refusal; nothing that follows changes it.
        m_state = m_reply.code == 0 ? State::Headers : State::Complete;
        return;
    }
    if (line.isEmpty()) {
        m_state = m_contentLength == 0 ? State::Complete : State::Body;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView name = colon > 0 ? line.first(colon) : QByteArrayView();
    if (name.isEmpty() || !isPrintableWord(name)) {
        fail(QStringLiteral("not a header field: \"%1\"").arg(printableExcerpt(line)));
        return;
    }
    if (m_reply.headers.size() >= kMaxHeaders) {
        fail(QStringLiteral("more than %1 header fields").arg(kMaxHeaders));
        return;
    }
    const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
    if (name.compare("Content-length", Qt::CaseInsensitive) == 0) {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        if (!ok || length < 0 || length > kMaxBody || m_contentLength >= 0) {
            fail(QStringLiteral("a Content-length of \"%1\"").arg(printableExcerpt(value)));
            return;
        }
        m_contentLength = length;
    }
    m_reply.headers.append({name.toByteArray(), value});
}

ReplyStatus SpamdReplyParser::finish()
{
    switch (m_state) {
    case State::ResponseLine:
        fail(m_line.isEmpty() ? QStringLiteral("the connection closed without a reply")
                              : QStringLiteral("the connection closed inside the response line"));
        break;
    case State::Headers: // PING's answer is the response line alone
        if (m_line.isEmpty())
            m_state = State::Complete;
        else
            fail(QStringLiteral("the connection closed inside a header field"));
        break;
    case State::Body:
        if (m_contentLength < 0)
            m_state = State::Complete;
        else
            fail(QStringLiteral("the connection closed after %1 of %2 body bytes")
                     .arg(m_reply.body.size())
                     .arg(m_contentLength));
        break;
    default:
        break;
    }
    return status();
}

Result<SpamScore> spamScore(const SpamdReply &reply)
{
    if (reply.code != 0) {
        return Error::temporary(QStringLiteral("spamd refused the message: %1 %2")
                                    .arg(reply.code)
                                    .arg(printableExcerpt(reply.message)));
    }
    // "Spam: True ; 1000.0 / 5.0" (PROTOCOL, the Spam header)
    static const QRegularExpression form(
        QStringLiteral("^(True|False|Yes|No) *; *(-?\\d{1,9}(?:\\.\\d{1,9})?) */ "
                       "*(-?\\d{1,9}(?:\\.\\d{1,9})?)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QByteArray field = reply.header("Spam");
    const QRegularExpressionMatch m = form.match(QString::fromLatin1(field));
    if (!m.hasMatch()) {
        return Error::temporary(
            field.isEmpty() ? QStringLiteral("spamd's answer has no Spam: field")
                            : QStringLiteral("spamd's answer has an unreadable Spam: field"),
            printableExcerpt(field));
    }
    SpamScore score;
    const QString yes = m.captured(1).toLower();
    score.spam = yes == u"true" || yes == u"yes";
    score.score = m.captured(2).toDouble();
    score.threshold = m.captured(3).toDouble();
    score.rules = parseSpamReport(reply.body);
    return score;
}

QList<SpamRule> parseSpamReport(QByteArrayView report)
{
    const QList<QByteArrayView> lines = [report] {
        QList<QByteArrayView> out;
        qsizetype start = 0;
        while (start <= report.size()) {
            qsizetype lf = report.indexOf('\n', start);
            if (lf < 0)
                lf = report.size();
            QByteArrayView line = report.sliced(start, lf - start);
            if (line.endsWith('\r'))
                line.chop(1);
            out << line;
            start = lf + 1;
        }
        return out;
    }();
    // "---- ---------------------- ------...": the table's head.
    static const QRegularExpression dashes(QStringLiteral("^-+ -+ -+ *$"));
    qsizetype first = -1;
    for (qsizetype i = lines.size() - 1; i >= 0 && first < 0; --i) {
        if (dashes.match(QString::fromLatin1(lines[i])).hasMatch())
            first = i + 1;
    }
    if (first < 0)
        return {};
    // A row: the points right-aligned in four columns ("%4.1f", "%4.0f"), the
    // rule name, its description. A wrapped description continues indented.
    static const QRegularExpression row(QStringLiteral(
        "^ {0,3}(-?\\d{1,9}(?:\\.\\d{1,9})?) ([A-Za-z_][A-Za-z0-9_]{0,127})(?: +(.*))?$"));
    QList<SpamRule> rules;
    for (qsizetype i = first; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]);
        const QRegularExpressionMatch m = row.match(line);
        if (m.hasMatch()) {
            rules.append({m.captured(2), m.captured(1).toDouble(), m.captured(3).trimmed()});
            continue;
        }
        const QString text = line.trimmed();
        if (!rules.isEmpty() && line.startsWith(u' ') && !text.isEmpty() &&
            !text.startsWith(u'[')) {
            QString &description = rules.last().description;
            description += description.isEmpty() ? text : u' ' + text;
        }
    }
    return rules;
}

namespace
{

// One SPAMC request: the request head, then the message, if any.
class SpamdRequest : public ScannerRequest
{
public:
    using Then = std::function<void(std::optional<Error>, const SpamdReply &)>;

    SpamdRequest(QByteArray head, PieceReader message, Then then)
        : m_head(std::move(head)), m_message(std::move(message)), m_then(std::move(then))
    {
    }

    QByteArray nextChunk() override
    {
        if (!m_head.isEmpty())
            return std::exchange(m_head, {});
        return m_message.next(64 * 1024).toByteArray();
    }
    ReplyStatus feed(QByteArrayView bytes) override { return m_parser.feed(bytes); }
    ReplyStatus finish() override { return m_parser.finish(); }
    QString parseError() const override { return m_parser.error(); }
    void done(std::optional<Error> failure) override
    {
        m_then(std::move(failure), m_parser.reply());
    }

private:
    QByteArray m_head;
    PieceReader m_message;
    Then m_then;
    SpamdReplyParser m_parser;
};

} // namespace

SpamdClient::SpamdClient(ScannerAddress address, SpamdOptions options)
    : m_address(std::move(address)), m_options(options)
{
}

void SpamdClient::check(QByteArrayList message, QObject *context,
                        std::function<void(Result<SpamScore>)> done) const
{
    const QString where = QStringLiteral("spamd (%1)").arg(m_address.toString());
    PieceReader reader(std::move(message));
    const qint64 size = reader.size();
    if (refuseOverLimit(where, size, m_options.maxMessageSize,
                        QStringLiteral("the size sent to spamd"), context, done))
        return;
    // PROTOCOL: "REPORT SPAMC/1.5", Content-length (required), a blank line, the message.
    QByteArray head =
        "REPORT SPAMC/1.5\r\nContent-length: " + QByteArray::number(size) + "\r\n\r\n";
    auto then = [where, done = std::move(done)](std::optional<Error> failure,
                                                const SpamdReply &reply) {
        if (failure) {
            done(std::move(*failure));
            return;
        }
        done(fromDaemon(spamScore(reply), where));
    };
    startScannerExchange(
        {QStringLiteral("spamd"), m_address, m_options.timeoutMs},
        std::make_unique<SpamdRequest>(std::move(head), std::move(reader), std::move(then)),
        context);
}

void SpamdClient::ping(QObject *context, std::function<void(Result<void>)> done) const
{
    const QString where = QStringLiteral("spamd (%1)").arg(m_address.toString());
    auto then = [where, done = std::move(done)](std::optional<Error> failure,
                                                const SpamdReply &reply) {
        if (failure)
            done(std::move(*failure));
        else if (reply.code != 0 || reply.message != "PONG")
            done(Error::temporary(QStringLiteral("%1 did not answer PONG").arg(where),
                                  printableExcerpt(reply.message)));
        else
            done({});
    };
    startScannerExchange(
        {QStringLiteral("spamd"), m_address, m_options.timeoutMs},
        std::make_unique<SpamdRequest>("PING SPAMC/1.5\r\n\r\n", PieceReader({}), std::move(then)),
        context);
}

} // namespace fumibako
