// SmtpDataReader: turns the bytes after DATA into the message (RFC 5321
// 4.1.1.4 and 4.5.2): finds the end <CRLF>.<CRLF>, undoes dot-stuffing, and
// keeps at most `limit` bytes. Only CRLF ends a line: a bare LF or bare CR
// never starts a line, so "<LF>.<LF>", "<CR>.<CR>" and "<LF>.<CR><LF>" are
// not an end of data (the SMTP smuggling defence). Such input is flagged and
// the session rejects the whole message, as Postfix's
// smtpd_forbid_bare_newline does.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace fumibako
{

class SmtpDataReader
{
public:
    explicit SmtpDataReader(qsizetype limit) : m_limit(limit) {}

    enum class Status { NeedMore, Complete };
    // Consumes from `input`; on Complete, *consumed tells how much (the rest
    // is the next command, pipelined).
    Status feed(QByteArrayView input, qsizetype *consumed);

    // Keep scanning for the end but store nothing more (memory budget spent).
    void stopStoring() { m_limit = m_message.size(); }
    qsizetype storedSize() const { return m_message.size(); }
    bool bareNewline() const { return m_bareNewline; }
    bool overflow() const { return m_overflow; }
    qsizetype size() const { return m_size; } // full size, even past the limit
    QByteArray takeMessage() { return std::move(m_message); }

private:
    enum class State { LineStart, InLine, SawCr, Dot, DotCr };
    void put(char c);
    void put(QByteArrayView s);

    State m_state = State::LineStart;
    QByteArray m_message;
    qsizetype m_limit;
    qsizetype m_size = 0;
    bool m_bareNewline = false;
    bool m_overflow = false;
};

} // namespace fumibako
