#include "smtpcommand.h"

namespace fumibako
{

namespace
{

struct VerbName {
    const char *name;
    SmtpCommand::Verb verb;
};
constexpr VerbName kVerbs[] = {
    {"HELO", SmtpCommand::Verb::Helo},         {"EHLO", SmtpCommand::Verb::Ehlo},
    {"MAIL", SmtpCommand::Verb::Mail},         {"RCPT", SmtpCommand::Verb::Rcpt},
    {"DATA", SmtpCommand::Verb::Data},         {"BDAT", SmtpCommand::Verb::Bdat},
    {"RSET", SmtpCommand::Verb::Rset},         {"NOOP", SmtpCommand::Verb::Noop},
    {"QUIT", SmtpCommand::Verb::Quit},         {"VRFY", SmtpCommand::Verb::Vrfy},
    {"EXPN", SmtpCommand::Verb::Expn},         {"HELP", SmtpCommand::Verb::Help},
    {"STARTTLS", SmtpCommand::Verb::StartTls}, {"AUTH", SmtpCommand::Verb::Auth},
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 5322 3.6.8 ftext: printable US-ASCII except ":".
bool isFieldNameChar(char c)
{
    return c >= 33 && c <= 126 && c != ':';
}

// RFC 5321 4.1.2 esmtp-value = 1*(%d33-60 / %d62-126), and UTF-8 (RFC 6531 3.3).
bool isValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 33 && u <= 126 && u != '=') || u >= 0x80;
}

constexpr qsizetype kMaxParams = 16;

} // namespace

SmtpCommand SmtpCommand::parse(QByteArrayView line)
{
    SmtpCommand cmd;
    cmd.line = line;
    qsizetype i = 0;
    while (i < line.size() && isSpace(line[i]))
        ++i;
    if (i == line.size()) {
        cmd.verb = Verb::Empty;
        return cmd;
    }
    qsizetype end = i;
    while (end < line.size() && !isSpace(line[end]))
        ++end;
    const QByteArray word = line.sliced(i, end - i).toByteArray().toUpper();
    for (const VerbName &v : kVerbs)
        if (word == v.name)
            cmd.verb = v.verb;
    if (cmd.verb == Verb::Unknown) {
        qsizetype name = i;
        while (name < line.size() && isFieldNameChar(line[name]))
            ++name;
        const bool headerField = name > i && name < line.size() && line[name] == ':';
        if (headerField || word == "GET" || word == "POST" || word == "CONNECT" || word == "HEAD")
            cmd.verb = Verb::Forbidden;
    }
    if (end < line.size())
        ++end; // one separator
    cmd.argument = line.sliced(end).toByteArray();
    // Trailing blanks are common from sloppy clients; Postfix ignores them.
    while (!cmd.argument.isEmpty() && isSpace(cmd.argument.back()))
        cmd.argument.chop(1);
    return cmd;
}

std::optional<QByteArray> SmtpPath::param(const QByteArray &key) const
{
    for (const auto &p : params)
        if (p.first == key)
            return p.second;
    return std::nullopt;
}

std::optional<SmtpPath> SmtpPath::parse(QByteArrayView argument, QByteArrayView keyword)
{
    // keyword ":" — case-insensitive; Postfix tolerates spaces around the colon.
    qsizetype i = 0;
    while (i < argument.size() && isSpace(argument[i]))
        ++i;
    if (argument.size() - i < keyword.size() + 1)
        return std::nullopt;
    if (argument.sliced(i, keyword.size()).toByteArray().toUpper() != keyword)
        return std::nullopt;
    i += keyword.size();
    while (i < argument.size() && isSpace(argument[i]))
        ++i;
    if (i >= argument.size() || argument[i] != ':')
        return std::nullopt;
    ++i;
    while (i < argument.size() && isSpace(argument[i]))
        ++i;

    // The path: up to the closing '>' outside a quoted string.
    SmtpPath out;
    QByteArray path;
    const bool bracketed = i < argument.size() && argument[i] == '<';
    if (bracketed)
        ++i;
    bool inQuote = false, closed = false;
    for (; i < argument.size(); ++i) {
        const char c = argument[i];
        if (inQuote) {
            path.append(c);
            if (c == '\\' && i + 1 < argument.size())
                path.append(argument[++i]);
            else if (c == '"')
                inQuote = false;
            continue;
        }
        if (c == '"') {
            inQuote = true;
            path.append(c);
        } else if (bracketed && c == '>') {
            closed = true;
            ++i;
            break;
        } else if (!bracketed && isSpace(c)) {
            break;
        } else if (c == '<' || c == '>' || static_cast<unsigned char>(c) < 32 || c == 127 ||
                   isSpace(c)) {
            return std::nullopt;
        } else {
            path.append(c);
        }
    }
    if (inQuote || (bracketed && !closed))
        return std::nullopt;

    // Source route: "@one,@two:" before the mailbox (RFC 5321 4.1.2).
    if (path.startsWith('@')) {
        const qsizetype colon = path.indexOf(':');
        if (colon < 0)
            return std::nullopt;
        out.sourceRoute = true;
        path = path.mid(colon + 1);
    }
    if (path.isEmpty()) {
        if (out.sourceRoute || !bracketed)
            return std::nullopt;
        out.null = true;
    } else if (path.compare("postmaster", Qt::CaseInsensitive) == 0) {
        out.postmaster = true;
    } else {
        auto address = MailAddress::parse(QByteArrayView(path));
        if (!address)
            return std::nullopt;
        out.address = *address;
    }

    // Parameters: SP esmtp-keyword ["=" esmtp-value] (RFC 5321 4.1.2).
    while (i < argument.size()) {
        while (i < argument.size() && isSpace(argument[i]))
            ++i;
        if (i >= argument.size())
            break;
        qsizetype end = i;
        while (end < argument.size() && !isSpace(argument[end]))
            ++end;
        const QByteArrayView item = argument.sliced(i, end - i);
        const qsizetype eq = item.indexOf('=');
        QByteArray key = (eq < 0 ? item : item.first(eq)).toByteArray().toUpper();
        QByteArray value = eq < 0 ? QByteArray() : item.sliced(eq + 1).toByteArray();
        i = end;
        bool valid = !key.isEmpty() && (eq < 0 || !value.isEmpty()) &&
                     out.params.size() < kMaxParams && !out.param(key);
        for (char c : key)
            valid = valid && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
        for (char c : value)
            valid = valid && isValueChar(c);
        if (!valid) {
            out.badParams = true;
            continue;
        }
        out.params.append({key, value});
    }
    return out;
}

std::optional<QByteArray> decodeXtext(QByteArrayView xtext)
{
    QByteArray out;
    for (qsizetype i = 0; i < xtext.size(); ++i) {
        const char c = xtext[i];
        if (c < '!' || c > '~' || c == '=')
            return std::nullopt;
        if (c != '+') {
            out += c;
            continue;
        }
        // "+" and two upper-case hex digits (RFC 3461 4: hexchar)
        auto hex = [](char h) {
            return h >= '0' && h <= '9' ? h - '0' : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        };
        const int high = i + 2 < xtext.size() ? hex(xtext[i + 1]) : -1;
        const int low = i + 2 < xtext.size() ? hex(xtext[i + 2]) : -1;
        if (high < 0 || low < 0)
            return std::nullopt;
        out += char(high * 16 + low);
        i += 2;
    }
    return out;
}

std::optional<QByteArray> parseDsnNotify(QByteArrayView value)
{
    const QByteArray v = value.toByteArray().toUpper();
    if (v == "NEVER")
        return v;
    const QByteArrayList parts = v.split(',');
    for (const QByteArray &p : parts)
        if ((p != "SUCCESS" && p != "FAILURE" && p != "DELAY") || parts.count(p) > 1)
            return std::nullopt;
    return v;
}

} // namespace fumibako
