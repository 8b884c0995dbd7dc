#include "pop3command.h"

namespace fumibako
{

Pop3Command Pop3Command::parse(QByteArrayView line)
{
    static const struct {
        const char *name;
        Verb verb;
    } verbs[] = {{"USER", Verb::User}, {"PASS", Verb::Pass}, {"AUTH", Verb::Auth},
                 {"STLS", Verb::Stls}, {"CAPA", Verb::Capa}, {"STAT", Verb::Stat},
                 {"LIST", Verb::List}, {"UIDL", Verb::Uidl}, {"RETR", Verb::Retr},
                 {"TOP", Verb::Top},   {"DELE", Verb::Dele}, {"RSET", Verb::Rset},
                 {"NOOP", Verb::Noop}, {"QUIT", Verb::Quit}};
    Pop3Command cmd;
    const qsizetype sp = line.indexOf(' ');
    const QByteArray word = (sp < 0 ? line : line.first(sp)).toByteArray().toUpper();
    for (const auto &v : verbs)
        if (word == v.name)
            cmd.verb = v.verb;
    if (sp >= 0) {
        cmd.rest = line.sliced(sp + 1).toByteArray();
        for (const QByteArray &a : cmd.rest.split(' '))
            if (!a.isEmpty())
                cmd.args << a;
    }
    return cmd;
}

int Pop3Command::messageNumber(const QByteArray &arg)
{
    bool ok = false;
    const int n = arg.toInt(&ok);
    return ok && n > 0 && arg.size() <= 9 ? n : 0;
}

} // namespace fumibako
