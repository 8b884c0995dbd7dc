// ImapCommandParser: the incremental, socket-free parser of IMAP client commands
// (RFC 3501 section 9: tag SP command *(SP argument) CRLF) with quoted strings,
// literals {n} / {n+} (RFC 7888 LITERAL+) / ~{n} (RFC 3516 literal8) and nested
// lists. It never sees a socket: the session feeds bytes, answers "+" when asked
// and replies to errors. Every size is capped here (line, literal, depth,
// element count), so memory stays bounded whatever a client sends.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace fumibako
{

struct ImapValue {
    enum class Type { Atom, String, Nil, List };
    Type type = Type::Atom;
    QByteArray text; // Atom text, or String bytes (quoted string unescaped, or literal content)
    QList<ImapValue> list; // List elements
    bool literal = false;  // String came as a literal ({n}, {n+} or ~{n})
};

struct ImapCommand {
    QByteArray tag;
    // Upper-cased. For "UID FETCH ..." name is "UID" and args[0] is the sub-command
    // atom as the client wrote it (not upper-cased).
    QByteArray name;
    QList<ImapValue> args;
};

class ImapCommandParser
{
public:
    struct Limits {
        qsizetype maxLine =
            64 * 1024; // all bytes of one command except literal contents and line ends
        qsizetype maxLiteral = 64 * 1024;
        qsizetype maxAppendLiteral = 20 * 1024 * 1024; // when the command name is APPEND
        int maxDepth = 16;                             // nested parenthesized lists
        int maxElements = 100000;                      // values in one command, lists included
    };
    enum class Status { Complete, NeedMore, NeedContinuation, Error };

    ImapCommandParser() : ImapCommandParser(Limits()) {} // (a "= {}" default argument
    explicit ImapCommandParser(Limits limits);           //  cannot see Limits' initializers)
    void setLimits(Limits limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    // Consumes bytes from the front of `input` (what it consumed is removed) and stops
    // at the first event:
    //  NeedMore          all of input consumed, the command is not finished.
    //  NeedContinuation  a synchronizing literal {n} was announced and accepted: send
    //                    "+ ..." (RFC 3501 7.5) and call feed() again with more input.
    //  Complete          take() the command; input may already hold the next one.
    //  Error             reply with errorTag() errorResponse(); if errorIsFatal() close
    //                    the connection, else keep feeding: the parser discards the rest
    //                    of the bad line (and any {n+} literal it announces) by itself.
    // The literals of one command count together against the literal limit.
    Status feed(QByteArray &input);
    ImapCommand take();

    QByteArray errorTag() const { return m_errorTag; }           // the tag if it was read, else "*"
    QByteArray errorResponse() const { return m_errorResponse; } // "BAD ..." or "NO [TOOBIG] ..."
    bool errorIsFatal() const { return m_errorFatal; }

    // Discards any partial command, a pending skip and a fatal state.
    void reset();
    // Bytes the parser holds for the command being parsed (bounded by the limits).
    qsizetype bufferedBytes() const;

private:
    enum class State {
        Start,
        Tag,
        NameStart,
        Name,
        ValueStart,
        ValueEnd,
        Atom,
        Bracket,
        BracketQuoted,
        BracketQuotedEscape,
        Quoted,
        QuotedEscape,
        LiteralTilde,
        LiteralSize,
        LiteralPlus,
        LiteralEnd,
        LiteralEndCr,
        LiteralData,
        LineCr,
        Skip,
        SkipLiteral,
        Fatal
    };
    // Recognises "{digits[+]}" at the end of a line, so that a line that is being
    // skipped after an error still has its non-synchronizing literal skipped too.
    struct LiteralTail {
        enum class St { None, Open, Digits, Plus, Close } st = St::None;
        quint64 size = 0;
        bool plus = false;
        void update(char c);
    };

    Status step(char c);
    Status valueStart(char c);
    Status valueEnd(char c);
    Status atom(char c);
    Status endOfLine(char c);
    Status literalAnnounced(char c);
    Status literalLineEnd();
    Status fail(char c, const char *response, bool fatal = false);
    Status pushValue(ImapValue value, char c);
    void finishLiteral();
    void endSkippedLine();
    void resetCommand();
    qsizetype literalLimit() const;

    Limits m_limits;
    State m_state = State::Start;

    // the command being parsed
    QByteArray m_tag;
    bool m_tagDone = false;
    QByteArray m_name;
    QByteArray m_token;              // atom / quoted string / literal being read
    QList<QList<ImapValue>> m_stack; // [0] = arguments, then one per open list
    qsizetype m_heldValues = 0;      // text bytes already stored in m_stack
    qsizetype m_lineBytes = 0;       // counted against maxLine
    int m_elements = 0;
    quint64 m_literalSize = 0;
    int m_literalDigits = 0;
    bool m_literalPlus = false;
    qsizetype m_literalTotal = 0; // literal bytes of this command so far
    qsizetype m_remaining = 0;    // literal bytes still to read or skip
    LiteralTail m_tail;
    qsizetype m_skipLiteralLimit = 0; // while skipping a bad line

    ImapCommand m_ready;

    QByteArray m_errorTag;
    QByteArray m_errorResponse;
    bool m_errorFatal = false;
};

// RFC 3501 9 sequence-set: "1:*,5,7:9". '*' stands for `star`; each range comes back
// as (low, high). nullopt on a syntax error (including 0, leading zeros, numbers over
// 2^32-1) or when there are more than maxRanges ranges.
std::optional<QList<QPair<quint32, quint32>>> parseSequenceSet(QByteArrayView atom, quint32 star,
                                                               int maxRanges = 100000);

} // namespace fumibako
