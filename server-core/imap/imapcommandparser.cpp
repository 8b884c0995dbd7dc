#include "imapcommandparser.h"

#include <algorithm>
#include <cstring>

namespace fumibako
{

namespace
{

// RFC 3501 9: ATOM-CHAR = any CHAR except atom-specials
//   atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
bool isAtomChar(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    return c > 0x20 && c < 0x7f && !std::strchr("(){%*\"\\]", c);
}

// tag = 1*<any ASTRING-CHAR except "+">; ASTRING-CHAR = ATOM-CHAR / resp-specials
bool isTagChar(char c)
{
    return (isAtomChar(c) || c == ']') && c != '+';
}

// An argument atom also takes what astring (resp-specials "]") and list-mailbox
// (list-wildcards "%" "*", and so sequence sets "1:*") allow.
bool isArgAtomChar(char c)
{
    return isAtomChar(c) || c == ']' || c == '%' || c == '*';
}

char upper(char c)
{
    return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr quint64 SizeCap = quint64(1) << 62; // saturate announced literal sizes here

} // namespace

void ImapCommandParser::LiteralTail::update(char c)
{
    if (c == '{') {
        st = St::Open;
        size = 0;
        plus = false;
    } else if (isDigit(c) && (st == St::Open || st == St::Digits)) {
        st = St::Digits;
        size = size > SizeCap / 10 ? SizeCap : size * 10 + quint64(c - '0');
    } else if (c == '+' && st == St::Digits) {
        st = St::Plus;
        plus = true;
    } else if (c == '}' && (st == St::Digits || st == St::Plus)) {
        st = St::Close;
    } else {
        st = St::None;
    }
}

ImapCommandParser::ImapCommandParser(Limits limits) : m_limits(limits)
{
    resetCommand();
}

void ImapCommandParser::reset()
{
    resetCommand();
    m_state = State::Start;
    m_ready = {};
    m_errorTag.clear();
    m_errorResponse.clear();
    m_errorFatal = false;
}

void ImapCommandParser::resetCommand()
{
    m_tag.clear();
    m_tagDone = false;
    m_name.clear();
    m_token.clear();
    m_stack.clear();
    m_stack.append(QList<ImapValue>());
    m_heldValues = 0;
    m_lineBytes = 0;
    m_elements = 0;
    m_literalTotal = 0;
    m_remaining = 0;
    m_tail = {};
}

qsizetype ImapCommandParser::bufferedBytes() const
{
    return m_tag.size() + m_name.size() + m_token.size() + m_heldValues;
}

qsizetype ImapCommandParser::literalLimit() const
{
    return m_name == "APPEND" ? m_limits.maxAppendLiteral : m_limits.maxLiteral;
}

ImapCommand ImapCommandParser::take()
{
    ImapCommand c = std::move(m_ready);
    m_ready = {};
    return c;
}

ImapCommandParser::Status ImapCommandParser::feed(QByteArray &input)
{
    if (m_state == State::Fatal)
        return Status::Error;
    const char *d = input.constData();
    const qsizetype n = input.size();
    qsizetype pos = 0;
    Status result = Status::NeedMore;
    while (pos < n && result == Status::NeedMore) {
        switch (m_state) {
        case State::LiteralData: {
            const qsizetype k = std::min(n - pos, m_remaining);
            m_token.append(d + pos, k);
            pos += k;
            m_remaining -= k;
            if (m_remaining == 0)
                finishLiteral();
            break;
        }
        case State::SkipLiteral: {
            const qsizetype k = std::min(n - pos, m_remaining);
            pos += k;
            m_remaining -= k;
            if (m_remaining == 0) {
                m_state = State::Skip;
                m_tail = {};
            }
            break;
        }
        case State::Skip:
            // The rest of a bad line: not buffered, only watched for a trailing {n+}.
            while (pos < n) {
                const char c = d[pos++];
                if (c == '\n') {
                    endSkippedLine();
                    break;
                }
                if (c != '\r')
                    m_tail.update(c);
            }
            if (m_state == State::Fatal)
                result = Status::Error;
            break;
        default:
            result = step(d[pos++]);
        }
    }
    input.remove(0, pos);
    return result;
}

ImapCommandParser::Status ImapCommandParser::fail(char c, const char *response, bool fatal)
{
    m_errorTag = m_tagDone ? m_tag : QByteArray("*");
    m_errorResponse = QByteArray(response);
    m_errorFatal = fatal;
    // The partial command is dropped now; only its literal limit is kept for the
    // rest of the line.
    m_skipLiteralLimit = literalLimit();
    m_tag.clear();
    m_name.clear();
    m_token.clear();
    m_stack.clear();
    m_stack.append(QList<ImapValue>());
    m_heldValues = 0;
    if (fatal)
        m_state = State::Fatal;
    else if (c == '\n')
        endSkippedLine();
    else
        m_state = State::Skip;
    return Status::Error;
}

// The end of a line being skipped. RFC 7888 4: a client sends a non-synchronizing
// literal without waiting for us, so its bytes must be skipped as well; one over the
// limit means skipping more than we accept: the connection cannot be framed -> fatal.
// A synchronizing literal needs no care: the client waits for "+", gets our error.
void ImapCommandParser::endSkippedLine()
{
    const LiteralTail tail = m_tail;
    m_tail = {};
    if (tail.st == LiteralTail::St::Close && tail.plus) {
        if (tail.size > quint64(m_skipLiteralLimit)) {
            // m_errorTag is still the tag of the line being skipped
            m_errorResponse = QByteArray("BAD Literal too large");
            m_errorFatal = true;
            m_state = State::Fatal;
            return;
        }
        m_remaining = qsizetype(tail.size);
        m_state = m_remaining > 0 ? State::SkipLiteral : State::Skip;
        return;
    }
    resetCommand();
    m_state = State::Start;
}

// `c` is the byte that ended the value: when it is the LF, the line is over and
// nothing is left to skip.
ImapCommandParser::Status ImapCommandParser::pushValue(ImapValue value, char c)
{
    if (++m_elements > m_limits.maxElements)
        return fail(c, "BAD Too many arguments");
    m_heldValues += value.text.size();
    m_stack.last().append(std::move(value));
    return Status::NeedMore;
}

void ImapCommandParser::finishLiteral()
{
    ImapValue v;
    v.type = ImapValue::Type::String;
    v.text = std::move(m_token);
    v.literal = true;
    m_token = QByteArray();
    m_state = State::ValueEnd;
    pushValue(std::move(v), 0); // cannot fail: literalAnnounced() checked maxElements
}

ImapCommandParser::Status ImapCommandParser::endOfLine(char c)
{
    if (m_stack.size() > 1)
        return fail(c, "BAD Missing ')'");
    m_ready.tag = std::move(m_tag);
    m_ready.name = std::move(m_name);
    m_ready.args = std::move(m_stack.first());
    resetCommand();
    m_state = State::Start;
    return Status::Complete;
}

ImapCommandParser::Status ImapCommandParser::step(char c)
{
    if (c != '\r' && c != '\n') {
        m_tail.update(c);
        if (++m_lineBytes > m_limits.maxLine)
            return fail(c, "BAD Command line too long");
    }

    switch (m_state) {
    case State::Start:
        if (isTagChar(c)) {
            m_tag.append(c);
            m_state = State::Tag;
            return Status::NeedMore;
        }
        if (c == '\r' || c == '\n')
            return fail(c, "BAD Empty command line");
        return fail(c, "BAD Invalid tag");

    case State::Tag:
        if (isTagChar(c)) {
            m_tag.append(c);
        } else if (c == ' ') {
            m_tagDone = true;
            m_state = State::NameStart;
        } else if (c == '\r' || c == '\n') {
            m_tagDone = true;
            return fail(c, "BAD Missing command");
        } else {
            return fail(c, "BAD Invalid tag");
        }
        return Status::NeedMore;

    case State::NameStart:
        if (isAtomChar(c)) {
            m_name.append(upper(c));
            m_state = State::Name;
        } else if (c == '\r' || c == '\n') {
            return fail(c, "BAD Missing command");
        } else if (c != ' ') {
            return fail(c, "BAD Invalid command name");
        }
        return Status::NeedMore;

    case State::Name:
        if (isAtomChar(c)) {
            m_name.append(upper(c));
            return Status::NeedMore;
        }
        if (c == ' ') {
            m_state = State::ValueStart;
            return Status::NeedMore;
        }
        if (c == '\r') {
            m_state = State::LineCr;
            return Status::NeedMore;
        }
        if (c == '\n')
            return endOfLine(c);
        return fail(c, "BAD Invalid command name");

    case State::ValueStart:
        return valueStart(c);
    case State::ValueEnd:
        return valueEnd(c);
    case State::Atom:
        return atom(c);

    case State::Bracket:
        // Inside "[...]" of a fetch attribute: BODY[HEADER.FIELDS (FROM TO)] (RFC 3501
        // 6.4.5); kept verbatim for the FETCH code.
        if (c == ']') {
            m_token.append(c);
            m_state = State::Atom;
        } else if (c == '"') {
            m_token.append(c);
            m_state = State::BracketQuoted;
        } else if (c == '\r' || c == '\n') {
            // '[' is an ATOM-CHAR (RFC 3501 9): "foo[bar" with nothing but atom
            // characters after it is an atom (a mailbox name, imaptest's atoms group).
            if (std::all_of(m_token.cbegin(), m_token.cend(),
                            [](char t) { return t == '[' || isArgAtomChar(t); }))
                return atom(c);
            return fail(c, "BAD Missing ']'");
        } else if (c >= 0x20 && c < 0x7f && c != '[') {
            m_token.append(c);
        } else {
            return fail(c, "BAD Invalid characters in atom");
        }
        return Status::NeedMore;

    case State::BracketQuoted:
        if (c == '\r' || c == '\n' || c == '\0')
            return fail(c, "BAD Unterminated quoted string");
        m_token.append(c);
        if (c == '\\')
            m_state = State::BracketQuotedEscape;
        else if (c == '"')
            m_state = State::Bracket;
        return Status::NeedMore;

    case State::BracketQuotedEscape:
        if (c != '"' && c != '\\')
            return fail(c, "BAD Invalid escape in quoted string");
        m_token.append(c);
        m_state = State::BracketQuoted;
        return Status::NeedMore;

    case State::Quoted:
        // RFC 3501 9: quoted = DQUOTE *QUOTED-CHAR DQUOTE; 8-bit bytes are let through
        // for UTF8=ACCEPT clients (RFC 6855 3).
        if (c == '"') {
            ImapValue v;
            v.type = ImapValue::Type::String;
            v.text = std::move(m_token);
            m_token = QByteArray();
            m_state = State::ValueEnd;
            return pushValue(std::move(v), c);
        }
        if (c == '\\') {
            m_state = State::QuotedEscape;
            return Status::NeedMore;
        }
        if (c == '\r' || c == '\n')
            return fail(c, "BAD Unterminated quoted string");
        if (c == '\0')
            return fail(c, "BAD NUL in quoted string");
        m_token.append(c);
        return Status::NeedMore;

    case State::QuotedEscape:
        if (c != '"' && c != '\\')
            return fail(c, "BAD Invalid escape in quoted string");
        m_token.append(c);
        m_state = State::Quoted;
        return Status::NeedMore;

    case State::LiteralTilde:
        // Only "~{" opens a literal8; "~foo" is an atom like any other (ATOM-CHAR
        // includes '~', RFC 3501 9), e.g. the mailbox name in LIST "" ~foo.
        if (c != '{') {
            m_token = QByteArrayLiteral("~");
            m_state = State::Atom;
            return atom(c);
        }
        m_state = State::LiteralSize;
        return Status::NeedMore;

    case State::LiteralSize:
        if (isDigit(c)) {
            m_literalSize =
                m_literalSize > SizeCap / 10 ? SizeCap : m_literalSize * 10 + quint64(c - '0');
            ++m_literalDigits;
            return Status::NeedMore;
        }
        if (c == '+' && m_literalDigits > 0) {
            m_literalPlus = true;
            m_state = State::LiteralPlus;
            return Status::NeedMore;
        }
        if (c == '}' && m_literalDigits > 0)
            return literalAnnounced(c);
        return fail(c, "BAD Invalid literal");

    case State::LiteralPlus:
        if (c != '}')
            return fail(c, "BAD Invalid literal");
        return literalAnnounced(c);

    case State::LiteralEnd:
        if (c == '\r') {
            m_state = State::LiteralEndCr;
            return Status::NeedMore;
        }
        if (c == '\n')
            return literalLineEnd();
        return fail(c, "BAD Literal must end the line");

    case State::LiteralEndCr:
        if (c == '\n')
            return literalLineEnd();
        return fail(c, "BAD CR without LF");

    case State::LineCr:
        if (c == '\n')
            return endOfLine(c);
        return fail(c, "BAD CR without LF");

    case State::LiteralData:
    case State::SkipLiteral:
    case State::Skip:
    case State::Fatal:
        break; // handled in feed()
    }
    return Status::NeedMore;
}

ImapCommandParser::Status ImapCommandParser::valueStart(char c)
{
    switch (c) {
    case ' ':
        return Status::NeedMore; // lenient: extra spaces
    case '(':
        if (m_stack.size() > m_limits.maxDepth)
            return fail(c, "BAD Too deeply nested lists");
        if (++m_elements > m_limits.maxElements)
            return fail(c, "BAD Too many arguments");
        m_stack.append(QList<ImapValue>());
        return Status::NeedMore;
    case ')':
        return valueEnd(c);
    case '"':
        m_token.clear();
        m_state = State::Quoted;
        return Status::NeedMore;
    case '~': // literal8, RFC 3516 4.2
    case '{':
        m_literalSize = 0;
        m_literalDigits = 0;
        m_literalPlus = false;
        m_state = c == '~' ? State::LiteralTilde : State::LiteralSize;
        return Status::NeedMore;
    case '\r':
        m_state = State::LineCr;
        return Status::NeedMore;
    case '\n':
        return endOfLine(c);
    case '\\':
        // flag = "\Answered" / ... / flag-extension ("\" atom), RFC 3501 9
        m_token.clear();
        m_token.append(c);
        m_state = State::Atom;
        return Status::NeedMore;
    default:
        if (isArgAtomChar(c)) {
            m_token.clear();
            m_state = State::Atom;
            return atom(c);
        }
        return fail(c, "BAD Unexpected character in arguments");
    }
}

ImapCommandParser::Status ImapCommandParser::valueEnd(char c)
{
    switch (c) {
    case ' ':
        m_state = State::ValueStart;
        return Status::NeedMore;
    case ')': {
        if (m_stack.size() < 2)
            return fail(c, "BAD Unexpected ')'");
        ImapValue v;
        v.type = ImapValue::Type::List;
        v.list = m_stack.takeLast();
        m_stack.last().append(std::move(v)); // counted when '(' opened it
        m_state = State::ValueEnd;
        return Status::NeedMore;
    }
    case '\r':
        m_state = State::LineCr;
        return Status::NeedMore;
    case '\n':
        return endOfLine(c);
    default:
        return fail(c, "BAD Missing space between arguments");
    }
}

ImapCommandParser::Status ImapCommandParser::atom(char c)
{
    if (c == '[') {
        m_token.append(c);
        m_state = State::Bracket;
        return Status::NeedMore;
    }
    if (isArgAtomChar(c)) {
        m_token.append(c);
        return Status::NeedMore;
    }
    if (c != ' ' && c != ')' && c != '\r' && c != '\n')
        return fail(c, "BAD Invalid characters in atom");
    ImapValue v;
    if (m_token.compare("NIL", Qt::CaseInsensitive) == 0) {
        v.type = ImapValue::Type::Nil;
    } else {
        v.type = ImapValue::Type::Atom;
        v.text = std::move(m_token);
    }
    m_token = QByteArray();
    m_state = State::ValueEnd;
    if (pushValue(std::move(v), c) == Status::Error)
        return Status::Error;
    return valueEnd(c);
}

// "{n}" / "{n+}" just closed. RFC 3501 7.5 / RFC 7888 4: a synchronizing literal we
// refuse gets "NO [TOOBIG]" (RFC 4469 5 response code) and the client sends nothing
// more of this command; a non-synchronizing one is coming anyway, so refusing it
// leaves bytes we cannot frame: close the connection.
ImapCommandParser::Status ImapCommandParser::literalAnnounced(char c)
{
    // Counted now, not when the data is in: a refused synchronizing literal must be
    // refused before the client waits for "+".
    if (m_elements >= m_limits.maxElements)
        return fail(c, "BAD Too many arguments");
    if (m_literalSize > quint64(std::max<qsizetype>(0, literalLimit() - m_literalTotal))) {
        if (m_literalPlus)
            return fail(c, "BAD Literal too large", true);
        return fail(c, "NO [TOOBIG] Literal too large");
    }
    m_state = State::LiteralEnd;
    return Status::NeedMore;
}

ImapCommandParser::Status ImapCommandParser::literalLineEnd()
{
    m_tail = {};
    m_remaining = qsizetype(m_literalSize);
    m_literalTotal += m_remaining;
    m_token.clear();
    m_state = State::LiteralData;
    if (m_remaining == 0)
        finishLiteral();
    return m_literalPlus ? Status::NeedMore : Status::NeedContinuation;
}

std::optional<QList<QPair<quint32, quint32>>> parseSequenceSet(QByteArrayView atom, quint32 star,
                                                               int maxRanges)
{
    // RFC 3501 9: sequence-set = (seq-number / seq-range) *("," sequence-set)
    //             seq-number = nz-number / "*"; nz-number = digit-nz *DIGIT (32 bits)
    const qsizetype n = atom.size();
    qsizetype i = 0;
    auto number = [&](quint32 &v) -> bool {
        if (i < n && atom[i] == '*') {
            v = star;
            ++i;
            return true;
        }
        if (i >= n || atom[i] < '1' || atom[i] > '9')
            return false;
        quint64 x = 0;
        while (i < n && isDigit(atom[i])) {
            x = x * 10 + quint64(atom[i] - '0');
            if (x > 0xffffffffu)
                return false;
            ++i;
        }
        v = quint32(x);
        return true;
    };
    QList<QPair<quint32, quint32>> out;
    for (;;) {
        quint32 a = 0;
        if (!number(a))
            return std::nullopt;
        quint32 b = a;
        if (i < n && atom[i] == ':') {
            ++i;
            if (!number(b))
                return std::nullopt;
        }
        if (out.size() >= maxRanges)
            return std::nullopt;
        out.append(qMakePair(std::min(a, b), std::max(a, b)));
        if (i == n)
            return out;
        if (atom[i] != ',')
            return std::nullopt;
        ++i;
    }
}

} // namespace fumibako
