#include "mimemessage.h"

#include "headerfields.h"

#include "mimetext.h"

#include <vector>

namespace fumibako
{

namespace
{

// QByteArrayView::mid arrived after Qt 6.4: a clamped slice.
QByteArrayView mid(QByteArrayView v, qsizetype pos, qsizetype len = -1)
{
    pos = qBound(qsizetype(0), pos, v.size());
    const qsizetype rest = v.size() - pos;
    return v.sliced(pos, len < 0 || len > rest ? rest : len);
}

struct Field {
    QByteArray name;  // as written
    QByteArray value; // raw, unfolded (CR and LF removed), not trimmed
    qsizetype begin = 0;
    qsizetype end = 0; // just past the field's last line end
};

struct Param {
    QByteArray name;  // as written
    QByteArray value; // unquoted
};

// The next line of raw[pos, end): returns the position after its line end and
// sets *contentEnd to where the line's text stops (before CR LF / LF).
qsizetype nextLine(const QByteArray &raw, qsizetype pos, qsizetype end, qsizetype *contentEnd)
{
    qsizetype nl = raw.indexOf('\n', pos);
    if (nl < 0 || nl >= end) {
        *contentEnd = end;
        return end;
    }
    qsizetype ce = nl;
    if (ce > pos && raw[ce - 1] == '\r')
        --ce;
    *contentEnd = ce;
    return nl + 1;
}

// RFC 2045 5.1 tspecials and white space end a token.
bool isTokenChar(char c)
{
    return c > ' ' && c < 127 && !QByteArrayView("()<>@,;:\\\"/[]?=").contains(c);
}

// Skips white space and (nested) comments (RFC 5322 3.2.2 CFWS).
qsizetype skipCfws(QByteArrayView s, qsizetype i)
{
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
        } else if (c == '(') {
            int depth = 0;
            for (; i < s.size(); ++i) {
                if (s[i] == '\\') {
                    ++i;
                } else if (s[i] == '(') {
                    ++depth;
                } else if (s[i] == ')' && --depth == 0) {
                    ++i;
                    break;
                }
            }
        } else {
            break;
        }
    }
    return i;
}

QByteArray readToken(QByteArrayView s, qsizetype &i)
{
    const qsizetype start = i;
    while (i < s.size() && isTokenChar(s[i]))
        ++i;
    return mid(s, start, i - start).toByteArray();
}

QByteArray readQuoted(QByteArrayView s, qsizetype &i) // at the opening quote
{
    QByteArray out;
    for (++i; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size()) {
            out += s[++i];
        } else if (c == '"') {
            ++i;
            break;
        } else {
            out += c;
        }
    }
    return out;
}

// ";" name "=" value pairs (RFC 2045 5.1), lenient: an unquoted value runs to the next ';'.
QList<Param> parseParams(QByteArrayView s, qsizetype i)
{
    QList<Param> params;
    while (i < s.size() && params.size() < 200) {
        i = skipCfws(s, i);
        if (i >= s.size())
            break;
        if (s[i] != ';') {
            const qsizetype semi = s.indexOf(';', i);
            if (semi < 0)
                break;
            i = semi;
        }
        i = skipCfws(s, i + 1);
        Param p;
        p.name = readToken(s, i);
        i = skipCfws(s, i);
        if (p.name.isEmpty() || i >= s.size() || s[i] != '=')
            continue;
        i = skipCfws(s, i + 1);
        if (i < s.size() && s[i] == '"') {
            p.value = readQuoted(s, i);
        } else {
            const qsizetype start = i;
            while (i < s.size() && s[i] != ';')
                ++i;
            p.value = mid(s, start, i - start).toByteArray().trimmed();
        }
        params << p;
    }
    return params;
}

QByteArray paramValue(const QList<Param> &params, QByteArrayView name)
{
    for (const Param &p : params)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return p.value;
    return {};
}

// ---- IMAP output ----------------------------------------------------------------------

QByteArray quoted(const QByteArray &text)
{
    bool safe = text.size() < 4096;
    for (char c : text)
        if (c == '\r' || c == '\n' || c == '\0' || static_cast<unsigned char>(c) >= 0x80)
            safe = false;
    if (!safe)
        return '{' + QByteArray::number(text.size()) + "}\r\n" + text; // RFC 3501 4.3 literal
    QByteArray q = text;
    q.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + q + '"';
}

QByteArray nstring(const QByteArray &text)
{
    return text.isNull() ? QByteArray("NIL") : quoted(text);
}

QByteArray paramList(const QList<Param> &params)
{
    if (params.isEmpty())
        return "NIL";
    QByteArrayList out;
    for (const Param &p : params)
        out << quoted(p.name.toUpper()) + ' ' + quoted(p.value);
    return '(' + out.join(' ') + ')';
}

// ---- addresses (RFC 5322 3.4, raw as RFC 3501 7.4.2 wants them) ----------------------

struct Token {
    enum class Kind { Word, Quoted, Comment, Special, Literal } kind = Kind::Word;
    QByteArray text;
    char special = 0;
};

QList<Token> tokenize(QByteArrayView s)
{
    QList<Token> toks;
    qsizetype i = 0;
    while (i < s.size() && toks.size() < 20000) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
        } else if (c == '(') {
            Token t{Token::Kind::Comment, {}, 0};
            int depth = 0;
            for (; i < s.size(); ++i) {
                const char d = s[i];
                if (d == '\\' && i + 1 < s.size()) {
                    t.text += s[++i];
                    continue;
                }
                if (d == '(' && depth++ == 0)
                    continue;
                if (d == ')' && --depth == 0) {
                    ++i;
                    break;
                }
                t.text += d;
            }
            t.text = t.text.trimmed();
            toks << t;
        } else if (c == '"') {
            toks << Token{Token::Kind::Quoted, readQuoted(s, i), 0};
        } else if (c == '[') {
            const qsizetype close = s.indexOf(']', i);
            const qsizetype stop = close < 0 ? s.size() : close + 1;
            toks << Token{Token::Kind::Literal, mid(s, i, stop - i).toByteArray(), 0};
            i = stop;
        } else if (QByteArrayView("<>@,;:").contains(c)) {
            toks << Token{Token::Kind::Special, QByteArray(1, c), c};
            ++i;
        } else {
            const qsizetype start = i;
            while (i < s.size() && !QByteArrayView(" \t\r\n()\"[<>@,;:").contains(s[i]))
                ++i;
            toks << Token{Token::Kind::Word, mid(s, start, i - start).toByteArray(), 0};
        }
    }
    return toks;
}

struct Address {
    enum class Kind { Mailbox, GroupStart, GroupEnd } kind = Kind::Mailbox;
    QByteArray name, adl, mailbox, host; // null: NIL
};

bool isSpecial(const Token &t, char c)
{
    return t.kind == Token::Kind::Special && t.special == c;
}

QByteArray phrase(const QList<Token> &toks, qsizetype from, qsizetype to)
{
    QByteArrayList words;
    for (qsizetype k = from; k < to; ++k)
        if (toks[k].kind == Token::Kind::Word || toks[k].kind == Token::Kind::Quoted ||
            toks[k].kind == Token::Kind::Literal)
            words << toks[k].text;
        else if (toks[k].kind == Token::Kind::Special && toks[k].special != '<' &&
                 toks[k].special != '>')
            words << toks[k].text; // obsolete phrases with stray specials
    return words.isEmpty() ? QByteArray() : words.join(' ');
}

// One mailbox from toks[i, stop): name-addr or addr-spec.
std::optional<Address> mailboxOf(const QList<Token> &toks, qsizetype i, qsizetype stop)
{
    qsizetype open = -1, close = stop;
    QByteArray comment;
    bool any = false;
    for (qsizetype k = i; k < stop; ++k) {
        if (toks[k].kind == Token::Kind::Comment) {
            if (comment.isEmpty())
                comment = toks[k].text;
            continue;
        }
        any = true;
        if (open < 0 && isSpecial(toks[k], '<'))
            open = k;
        else if (open >= 0 && isSpecial(toks[k], '>')) {
            close = k;
            break;
        }
    }
    if (!any)
        return std::nullopt;
    Address a;
    qsizetype from = i, to = stop;
    if (open >= 0) {
        a.name = phrase(toks, i, open);
        from = open + 1;
        to = close;
        // obs-route: "@a,@b:" before the addr-spec
        if (from < to && isSpecial(toks[from], '@')) {
            qsizetype colon = from;
            while (colon < to && !isSpecial(toks[colon], ':'))
                ++colon;
            if (colon < to) {
                QByteArray route;
                for (qsizetype k = from; k < colon; ++k)
                    if (toks[k].kind != Token::Kind::Comment)
                        route += toks[k].text;
                a.adl = route;
                from = colon + 1;
            }
        }
    }
    qsizetype at = -1;
    for (qsizetype k = from; k < to; ++k)
        if (isSpecial(toks[k], '@'))
            at = k;
    QByteArray local, domain;
    for (qsizetype k = from; k < (at < 0 ? to : at); ++k)
        if (toks[k].kind != Token::Kind::Comment)
            local += toks[k].text;
    if (at >= 0)
        for (qsizetype k = at + 1; k < to; ++k)
            if (toks[k].kind != Token::Kind::Comment)
                domain += toks[k].text;
    if (open < 0 && local.isEmpty() && domain.isEmpty())
        return std::nullopt;
    a.mailbox = local.isNull() ? QByteArray("") : local;
    a.host = domain.isNull() ? QByteArray("")
                             : domain; // "" not NIL: NIL host means a group (RFC 3501 7.4.2)
    if (a.name.isEmpty() && !comment.isEmpty())
        a.name = comment; // "user@host (Real Name)"
    if (a.name.isEmpty())
        a.name = QByteArray();
    return a;
}

QList<Address> parseAddressList(QByteArrayView value)
{
    const QList<Token> toks = tokenize(value);
    QList<Address> out;
    const qsizetype n = toks.size();
    // End of one mailbox: ',' or ';' outside angle brackets.
    auto mailboxEnd = [&](qsizetype k) {
        int angle = 0;
        for (; k < n; ++k) {
            if (isSpecial(toks[k], '<'))
                ++angle;
            else if (isSpecial(toks[k], '>'))
                angle = qMax(0, angle - 1);
            else if (angle == 0 && (isSpecial(toks[k], ',') || isSpecial(toks[k], ';')))
                break;
        }
        return k;
    };
    qsizetype i = 0;
    while (i < n && out.size() < 10000) {
        if (isSpecial(toks[i], ',') || isSpecial(toks[i], ';')) {
            ++i;
            continue;
        }
        // A group if ':' comes before any '<', '@', ',' or ';' (RFC 5322 3.4 group).
        qsizetype k = i;
        while (k < n && !(toks[k].kind == Token::Kind::Special &&
                          QByteArrayView("<@,;:").contains(toks[k].special)))
            ++k;
        if (k < n && isSpecial(toks[k], ':')) {
            Address start;
            start.kind = Address::Kind::GroupStart;
            start.mailbox = phrase(toks, i, k);
            if (start.mailbox.isNull())
                start.mailbox = "";
            out << start;
            i = k + 1;
            while (i < n && !isSpecial(toks[i], ';')) {
                if (isSpecial(toks[i], ',')) {
                    ++i;
                    continue;
                }
                const qsizetype end = mailboxEnd(i);
                if (auto a = mailboxOf(toks, i, end))
                    out << *a;
                i = end;
            }
            if (i < n)
                ++i; // ';'
            Address end;
            end.kind = Address::Kind::GroupEnd;
            out << end;
            continue;
        }
        const qsizetype end = mailboxEnd(i);
        if (auto a = mailboxOf(toks, i, end))
            out << *a;
        i = end;
    }
    return out;
}

QByteArray addressList(const QList<Address> &list)
{
    if (list.isEmpty())
        return "NIL";
    QByteArray out = "(";
    for (const Address &a : list) {
        switch (a.kind) {
        case Address::Kind::GroupStart:
            out += "(NIL NIL " + quoted(a.mailbox) + " NIL)";
            break;
        case Address::Kind::GroupEnd:
            out += "(NIL NIL NIL NIL)";
            break;
        case Address::Kind::Mailbox:
            out += '(' + nstring(a.name) + ' ' + nstring(a.adl) + ' ' + nstring(a.mailbox) + ' ' +
                   nstring(a.host) + ')';
            break;
        }
    }
    return out + ')';
}

} // namespace

// ---- the part tree -------------------------------------------------------------------

struct MimeMessage::Part {
    qsizetype begin = 0;     // first byte of the header
    qsizetype bodyBegin = 0; // just past the blank line (or where the body starts without one)
    qsizetype end = 0;       // just past the body
    std::vector<Field> fields;
    QByteArray type = "text"; // lower case
    QByteArray subtype = "plain";
    QList<Param> params;
    bool typeDefaulted = true;
    std::vector<Part> children;    // multipart
    std::unique_ptr<Part> message; // message/rfc822: the encapsulated message

    bool isMultipart() const { return type == "multipart"; }
    const Field *field(QByteArrayView name) const
    {
        for (const Field &f : fields)
            if (f.name.compare(name, Qt::CaseInsensitive) == 0)
                return &f;
        return nullptr;
    }
    QByteArray value(QByteArrayView name) const // trimmed raw value or null
    {
        const Field *f = field(name);
        return f ? f->value.trimmed() : QByteArray();
    }
};

namespace
{

using Part = MimeMessage::Part;

void parseHeader(const QByteArray &raw, Part &p)
{
    HeaderFieldScanner scanner(raw, p.begin, p.end);
    p.bodyBegin = p.end;
    for (;;) {
        const HeaderFieldScanner::Item item = scanner.next();
        switch (item.kind) {
        case HeaderFieldScanner::Kind::Field:
            if (p.fields.size() < 10000)
                p.fields.push_back(Field{scanner.name(item).toByteArray(),
                                         scanner.unfoldedValue(item), item.begin, item.next});
            continue;
        case HeaderFieldScanner::Kind::Blank:
            p.bodyBegin = item.next;
            return;
        case HeaderFieldScanner::Kind::NotAField:
            p.bodyBegin = item.begin; // not a header field: the body starts here (no blank line)
            return;
        case HeaderFieldScanner::Kind::End:
            return;
        }
    }
}

void parseEntity(const QByteArray &raw, Part &p, int depth, bool digestChild, int &budget)
{
    --budget;
    parseHeader(raw, p);
    if (digestChild) { // RFC 2046 5.1.5: in a digest the default is message/rfc822
        p.type = "message";
        p.subtype = "rfc822";
    }
    const Field *ct = p.field("Content-Type");
    if (ct) {
        const QByteArrayView v(ct->value);
        qsizetype i = skipCfws(v, 0);
        const QByteArray type = readToken(v, i).toLower();
        i = skipCfws(v, i);
        QByteArray subtype;
        if (i < v.size() && v[i] == '/') {
            i = skipCfws(v, i + 1);
            subtype = readToken(v, i).toLower();
        }
        if (!type.isEmpty() && !subtype.isEmpty()) {
            p.type = type;
            p.subtype = subtype;
            p.params = parseParams(v, i);
            p.typeDefaulted = false;
        } else {
            // RFC 2045 5.2: an invalid Content-Type means text/plain; charset=us-ascii.
            p.type = "text";
            p.subtype = "plain";
        }
    }
    if (depth >= MimeMessage::kMaxDepth || budget <= 0)
        return;
    if (p.isMultipart()) {
        const QByteArray boundary = paramValue(p.params, "boundary");
        if (boundary.isEmpty())
            return;
        const QByteArray delimiter = "--" + boundary;
        const bool digest = p.subtype == "digest";
        qsizetype pos = p.bodyBegin;
        qsizetype partStart = -1;
        auto addPart = [&](qsizetype begin, qsizetype end) {
            if (budget <= 0)
                return;
            Part child;
            child.begin = begin;
            child.end = end;
            p.children.push_back(std::move(child));
            parseEntity(raw, p.children.back(), depth + 1, digest, budget);
        };
        while (pos < p.end) {
            qsizetype contentEnd;
            const qsizetype next = nextLine(raw, pos, p.end, &contentEnd);
            // RFC 2046 5.1.1: "--" boundary, optional white space, or "--" boundary "--".
            if (contentEnd - pos >= delimiter.size() && raw.at(pos) == '-' &&
                mid(QByteArrayView(raw), pos, delimiter.size()) == delimiter) {
                const QByteArrayView rest = mid(QByteArrayView(raw), pos + delimiter.size(),
                                                contentEnd - pos - delimiter.size());
                const bool close = rest.startsWith("--");
                if (close || rest.trimmed().isEmpty()) {
                    if (partStart >= 0) {
                        // The line break before the delimiter belongs to the delimiter.
                        qsizetype end = pos;
                        if (end > partStart && raw[end - 1] == '\n')
                            --end;
                        if (end > partStart && raw[end - 1] == '\r')
                            --end;
                        addPart(partStart, end);
                    }
                    if (close) {
                        partStart = -1;
                        break;
                    }
                    partStart = next;
                }
            }
            pos = next;
        }
        if (partStart >= 0) // no close delimiter: the last part runs to the end
            addPart(partStart, p.end);
        return;
    }
    if (p.type == "message" && (p.subtype == "rfc822" || p.subtype == "global")) {
        const QByteArray cte = p.value("Content-Transfer-Encoding").toLower();
        if (cte == "base64" || cte == "quoted-printable")
            return; // not allowed by RFC 2046 5.2.1; keep it opaque
        p.message = std::make_unique<Part>();
        p.message->begin = p.bodyBegin;
        p.message->end = p.end;
        parseEntity(raw, *p.message, depth + 1, false, budget);
    }
}

qsizetype lineCount(const QByteArray &raw, qsizetype begin, qsizetype end)
{
    if (end <= begin)
        return 0;
    const qsizetype lines = mid(QByteArrayView(raw), begin, end - begin).count('\n');
    return raw[end - 1] == '\n' ? lines : lines + 1;
}

QByteArray envelope(const Part &m)
{
    auto str = [&](QByteArrayView name) { return nstring(m.value(name)); };
    auto addresses = [&](QByteArrayView name) {
        const Field *f = m.field(name);
        return f ? parseAddressList(f->value) : QList<Address>();
    };
    const QList<Address> from = addresses("From");
    QList<Address> sender = addresses("Sender");
    QList<Address> replyTo = addresses("Reply-To");
    // RFC 3501 7.4.2: absent or empty Sender / Reply-To are set to From.
    if (sender.isEmpty())
        sender = from;
    if (replyTo.isEmpty())
        replyTo = from;
    return '(' + str("Date") + ' ' + str("Subject") + ' ' + addressList(from) + ' ' +
           addressList(sender) + ' ' + addressList(replyTo) + ' ' + addressList(addresses("To")) +
           ' ' + addressList(addresses("Cc")) + ' ' + addressList(addresses("Bcc")) + ' ' +
           str("In-Reply-To") + ' ' + str("Message-ID") + ')';
}

QByteArray disposition(const Part &p)
{
    const Field *f = p.field("Content-Disposition");
    if (!f)
        return "NIL";
    const QByteArrayView v(f->value);
    qsizetype i = skipCfws(v, 0);
    const QByteArray type = readToken(v, i);
    if (type.isEmpty())
        return "NIL";
    return '(' + quoted(type.toUpper()) + ' ' + paramList(parseParams(v, i)) + ')';
}

QByteArray language(const Part &p)
{
    const Field *f = p.field("Content-Language");
    if (!f)
        return "NIL";
    QByteArrayList tags;
    for (const QByteArray &t : f->value.split(',')) {
        const QByteArray tag = t.trimmed();
        if (!tag.isEmpty())
            tags << quoted(tag);
    }
    if (tags.isEmpty())
        return "NIL";
    return tags.size() == 1 ? tags.first() : '(' + tags.join(' ') + ')';
}

QByteArray extensionTail(const Part &p)
{
    // body-fld-dsp SP body-fld-lang SP body-fld-loc (RFC 3501 9; RFC 2183, 3066, 2557)
    return ' ' + disposition(p) + ' ' + language(p) + ' ' + nstring(p.value("Content-Location"));
}

void bodyStructure(const QByteArray &raw, const Part &p, bool ext, QByteArray &out)
{
    out += '(';
    if (p.isMultipart()) {
        if (p.children.empty()) {
            // A multipart without parts (no boundary, or none found): IMAP needs one body.
            out += "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0";
            out += ext ? " NIL NIL NIL NIL)" : ")";
        }
        for (const Part &c : p.children)
            bodyStructure(raw, c, ext, out);
        out += ' ' + quoted(p.subtype.toUpper());
        if (ext)
            out += ' ' + paramList(p.params) + extensionTail(p);
        out += ')';
        return;
    }
    QList<Param> params = p.params;
    if (p.typeDefaulted && p.type == "text")
        params = {Param{"CHARSET", "US-ASCII"}}; // RFC 2045 5.2
    QByteArray encoding = p.value("Content-Transfer-Encoding").toUpper();
    if (encoding.isEmpty())
        encoding = "7BIT";
    out += quoted(p.type.toUpper()) + ' ' + quoted(p.subtype.toUpper()) + ' ' + paramList(params) +
           ' ' + nstring(p.value("Content-ID")) + ' ' + nstring(p.value("Content-Description")) +
           ' ' + quoted(encoding) + ' ' + QByteArray::number(p.end - p.bodyBegin);
    if (p.type == "message" && p.subtype == "rfc822") {
        // body-type-msg: envelope, body and lines of the encapsulated message. One
        // we do not open (too deep, or base64 against RFC 2046 5.2.1) gets an empty
        // envelope and an empty text body, so the response still parses.
        if (p.message) {
            out += ' ' + envelope(*p.message) + ' ';
            bodyStructure(raw, *p.message, ext, out);
        } else {
            out += " (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" (\"CHARSET\" "
                   "\"US-ASCII\") NIL NIL \"7BIT\" 0 0";
            out += ext ? " NIL NIL NIL NIL)" : ")";
        }
        out += ' ' + QByteArray::number(lineCount(raw, p.bodyBegin, p.end));
    } else if (p.type == "text") {
        out += ' ' + QByteArray::number(lineCount(raw, p.bodyBegin, p.end));
    }
    if (ext)
        out += " NIL" + extensionTail(p); // body-fld-md5: we do not compute one
    out += ')';
}

QString decodedFields(const Part &p)
{
    QString out;
    for (const Field &f : p.fields)
        out += QString::fromLatin1(f.name) + QLatin1String(": ") +
               mimetext::decodeHeaderText(f.value.trimmed()) + QLatin1Char('\n');
    return out;
}

void collectText(const QByteArray &raw, const Part &p, QStringList &out)
{
    if (p.isMultipart()) {
        for (const Part &c : p.children)
            collectText(raw, c, out);
    } else if (p.message) {
        out << decodedFields(*p.message);
        collectText(raw, *p.message, out);
    } else if (p.type == "text") {
        const QByteArray body =
            mimetext::decodeTransfer(mid(QByteArrayView(raw), p.bodyBegin, p.end - p.bodyBegin),
                                     p.value("Content-Transfer-Encoding"));
        out << mimetext::decodeCharset(body, paramValue(p.params, "charset"));
    }
}

void collectCharsets(const Part &p, QList<QByteArray> &out)
{
    if (p.isMultipart()) {
        for (const Part &c : p.children)
            collectCharsets(c, out);
    } else if (p.message) {
        collectCharsets(*p.message, out);
    } else if (p.type == "text") {
        const QByteArray charset = paramValue(p.params, "charset").trimmed().toLower();
        if (!charset.isEmpty() && !out.contains(charset))
            out << charset;
    }
}

// The charsets of the encoded-words in a raw header value: "=?charset?" (an
// RFC 2231 language after '*' dropped).
void collectWordCharsets(QByteArrayView value, QList<QByteArray> &out)
{
    for (qsizetype at = value.indexOf("=?"); at >= 0; at = value.indexOf("=?", at + 2)) {
        const qsizetype end = value.indexOf('?', at + 2);
        if (end < 0)
            return;
        QByteArray charset = value.sliced(at + 2, end - at - 2).toByteArray().toLower();
        charset = charset.left(charset.indexOf('*') < 0 ? charset.size() : charset.indexOf('*'));
        if (!charset.isEmpty() && charset.size() <= 40 && !out.contains(charset))
            out << charset;
    }
}

} // namespace

// ---- MimeMessage ---------------------------------------------------------------------

MimeMessage::MimeMessage(QByteArray raw) : m_raw(std::move(raw)), m_root(std::make_unique<Part>())
{
    m_root->begin = 0;
    m_root->end = m_raw.size();
    int budget = kMaxParts;
    parseEntity(m_raw, *m_root, 0, false, budget);
}

MimeMessage::~MimeMessage() = default;
MimeMessage::MimeMessage(MimeMessage &&) noexcept = default;
MimeMessage &MimeMessage::operator=(MimeMessage &&) noexcept = default;

QByteArray MimeMessage::imapEnvelope() const
{
    return envelope(*m_root);
}

QByteArray MimeMessage::imapBodyStructure(bool extensible) const
{
    QByteArray out;
    bodyStructure(m_raw, *m_root, extensible, out);
    return out;
}

Result<QByteArray> MimeMessage::section(const QList<int> &part, SectionText text,
                                        const QList<QByteArray> &fields) const
{
    // RFC 3501 6.4.5: parts of a multipart are numbered from 1; a message that
    // is not multipart has part 1, its body; the parts of a message/rfc822 part
    // are those of the message it encapsulates.
    const Part *cur = m_root.get();
    bool atMessage = true; // cur is a message (header = RFC 5322 header), not yet one of its parts
    for (int n : part) {
        if (!atMessage && cur->message) {
            cur = cur->message.get();
            atMessage = true;
        }
        if (cur->isMultipart()) {
            if (n < 1 || size_t(n) > cur->children.size())
                return Error::notFound(QStringLiteral("no such part"));
            cur = &cur->children[size_t(n - 1)];
            atMessage = false;
        } else if (atMessage && n == 1) {
            atMessage = false;
        } else {
            return Error::notFound(QStringLiteral("no such part"));
        }
    }
    auto bytes = [&](qsizetype begin, qsizetype end) { return m_raw.mid(begin, end - begin); };
    switch (text) {
    case SectionText::Whole:
        return part.isEmpty() ? m_raw : bytes(cur->bodyBegin, cur->end);
    case SectionText::Mime:
        if (part.isEmpty())
            return Error::invalid(QStringLiteral("MIME needs a part number"));
        return bytes(cur->begin, cur->bodyBegin);
    case SectionText::Header:
    case SectionText::HeaderFields:
    case SectionText::HeaderFieldsNot:
    case SectionText::Text:
        break;
    }
    const Part *msg = part.isEmpty() ? m_root.get() : cur->message.get();
    if (!msg)
        return Error::invalid(QStringLiteral("not a message/rfc822 part"));
    if (text == SectionText::Text)
        return bytes(msg->bodyBegin, msg->end);
    if (text == SectionText::Header)
        return bytes(msg->begin, msg->bodyBegin);
    // HEADER.FIELDS[.NOT]: whole fields, continuation lines included, in the
    // message's order, then the blank line.
    QByteArray out;
    for (const Field &f : msg->fields) {
        bool listed = false;
        for (const QByteArray &name : fields)
            if (f.name.compare(name, Qt::CaseInsensitive) == 0)
                listed = true;
        if (listed == (text == SectionText::HeaderFields))
            out += bytes(f.begin, f.end);
    }
    return out + "\r\n";
}

QByteArray MimeMessage::rawHeader(QByteArrayView name) const
{
    return m_root->value(name);
}

QStringList MimeMessage::decodedHeaders(QByteArrayView name) const
{
    QStringList out;
    for (const Field &f : m_root->fields)
        if (f.name.compare(name, Qt::CaseInsensitive) == 0)
            out << mimetext::decodeHeaderText(f.value.trimmed());
    return out;
}

QStringList MimeMessage::addresses(QByteArrayView name) const
{
    QStringList out;
    for (const Field &f : m_root->fields)
        if (f.name.compare(name, Qt::CaseInsensitive) == 0)
            for (const Address &a : parseAddressList(f.value))
                if (a.kind == Address::Kind::Mailbox && !a.mailbox.isEmpty())
                    out << QString::fromUtf8(a.host.isEmpty() ? a.mailbox
                                                              : a.mailbox + '@' + a.host);
    return out;
}

QString MimeMessage::decodedHeader(QByteArrayView name) const
{
    const QStringList all = decodedHeaders(name);
    return all.isEmpty() ? QString() : all.first();
}

QString MimeMessage::decodedHeaderText() const
{
    return decodedFields(*m_root);
}

QString MimeMessage::searchableText() const
{
    QStringList parts;
    collectText(m_raw, *m_root, parts);
    return parts.join(QLatin1Char('\n'));
}

QList<QByteArray> MimeMessage::charsets() const
{
    QList<QByteArray> out;
    for (const char *name : {"Subject", "From"})
        for (const Field &f : m_root->fields)
            if (f.name.compare(name, Qt::CaseInsensitive) == 0)
                collectWordCharsets(f.value, out);
    collectCharsets(*m_root, out);
    return out;
}

} // namespace fumibako
