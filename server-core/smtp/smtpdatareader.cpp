#include "smtpdatareader.h"

namespace fumibako
{

void SmtpDataReader::put(char c)
{
    ++m_size;
    if (m_message.size() < m_limit)
        m_message.append(c);
    else
        m_overflow = true;
}

void SmtpDataReader::put(QByteArrayView s)
{
    m_size += s.size();
    const qsizetype room = m_limit - m_message.size();
    if (s.size() <= room) {
        m_message.append(s);
    } else {
        if (room > 0)
            m_message.append(s.first(room));
        m_overflow = true;
    }
}

SmtpDataReader::Status SmtpDataReader::feed(QByteArrayView in, qsizetype *consumed)
{
    qsizetype i = 0;
    const qsizetype n = in.size();
    while (i < n) {
        switch (m_state) {
        case State::InLine: {
            // Fast path: copy up to the next CR or LF in one go.
            qsizetype j = i;
            while (j < n && in[j] != '\r' && in[j] != '\n')
                ++j;
            if (j > i)
                put(in.sliced(i, j - i));
            i = j;
            if (i == n)
                break;
            if (in[i] == '\r') {
                m_state = State::SawCr;
            } else {
                m_bareNewline = true; // bare LF: stays inside the line
                put('\n');
            }
            ++i;
            break;
        }
        case State::LineStart:
            if (in[i] == '.') {
                m_state = State::Dot;
                ++i;
            } else {
                m_state = State::InLine;
            }
            break;
        case State::SawCr:
            if (in[i] == '\n') {
                put("\r\n");
                m_state = State::LineStart;
                ++i;
            } else {
                m_bareNewline = true; // bare CR
                put('\r');
                m_state = State::InLine;
            }
            break;
        case State::Dot:
            if (in[i] == '\r') {
                m_state = State::DotCr;
                ++i;
            } else {
                m_state = State::InLine; // dot-stuffing: the leading dot goes
            }
            break;
        case State::DotCr:
            if (in[i] == '\n') {
                *consumed = i + 1;
                m_state = State::LineStart;
                return Status::Complete;
            }
            // ".<CR>x": the dot was data (unstuffed) and the CR is bare.
            m_bareNewline = true;
            put('\r');
            m_state = State::InLine;
            break;
        }
    }
    *consumed = n;
    return Status::NeedMore;
}

} // namespace fumibako
