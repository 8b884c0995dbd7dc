// ImapSearch: SEARCH criteria (RFC 3501 6.4.4, MODSEQ from RFC 7162 3.1.5)
// compiled once per command into a tree of tests that is then tried on every
// message of the mailbox. Compiling first means the strings are folded once
// rather than once per message, a syntax error is found before any file is
// read, and in an AND the tests that look only at the index (flags, UIDs,
// sizes, dates) run before those that need the message text.
#pragma once

#include "imapcommandparser.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>

namespace fumibako
{

class MessageSearchText;

class ImapSearch
{
public:
    // One message as the criteria see it; `text` is read only if a key needs it.
    struct Candidate {
        quint32 seq = 0;
        qint64 uid = 0;
        qint64 size = 0;
        qint64 internalDate = 0;
        qint64 modseq = 0;
        const QStringList *flags = nullptr;
        MessageSearchText *text = nullptr;
        bool recent = false; // \Recent in this session: kept by the session, not with the flags
    };

    // nullopt when the criteria do not parse. `messageCount` and `maxUid` are what
    // '*' stands for in message-number and UID sets; message numbers must exist.
    static std::optional<ImapSearch> compile(const QList<ImapValue> &criteria, quint32 messageCount,
                                             quint32 maxUid);

    bool readsText() const;  // some key needs the message file: run it off the I/O thread
    bool usesModseq() const; // answer the highest modseq of the hits (RFC 7162 3.1.5)
    bool matches(const Candidate &message) const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace fumibako
