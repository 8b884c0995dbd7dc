// Pop3Command: the pure parser of a POP3 command line (RFC 1939 3):
// a keyword of 3-4 letters and up to two arguments (255 octets with CRLF,
// RFC 2449 4). No socket, no state.
#pragma once

#include <QByteArray>
#include <QList>

namespace fumibako
{

struct Pop3Command {
    enum class Verb {
        User,
        Pass,
        Auth,
        Stls,
        Capa,
        Stat,
        List,
        Uidl,
        Retr,
        Top,
        Dele,
        Rset,
        Noop,
        Quit,
        Unknown
    };
    Verb verb = Verb::Unknown;
    QList<QByteArray> args;
    QByteArray rest; // everything after the keyword (PASS allows spaces)

    static Pop3Command parse(QByteArrayView line);
    // A message number argument: 1..count, else 0.
    static int messageNumber(const QByteArray &arg);
};

} // namespace fumibako
