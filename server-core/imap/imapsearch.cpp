#include "imapsearch.h"

#include "mime/mimetext.h"
#include "searchtextcache.h"
#include "store/messageflags.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <vector>

namespace fumibako
{

struct ImapSearch::Node {
    enum class Kind {
        All,
        Not,
        And,
        Or,
        Flag,
        Recent,
        Larger,
        Smaller,
        Modseq,
        Uid,
        Seq,
        Date,
        SentDate,
        Header,
        Text,
        Body
    };
    enum class DateOp { Before, On, Since };
    // What a test costs: 0 reads the index only, 1 the cached address and subject
    // fields, 2 any header field, 3 the body.
    int cost() const
    {
        switch (kind) {
        case Kind::SentDate:
            return 1;
        case Kind::Header:
            return cachedField >= 0 ? 1 : 2;
        case Kind::Text:
        case Kind::Body:
            return 3;
        case Kind::Not:
        case Kind::And:
        case Kind::Or: {
            int c = 0;
            for (const Node &child : children)
                c = std::max(c, child.cost());
            return c;
        }
        default:
            return 0;
        }
    }

    Kind kind = Kind::All;
    std::vector<Node> children; // Not: one, Or: two, And: any
    QString flag;
    qint64 number = 0;
    QList<QPair<quint32, quint32>> ranges;
    DateOp dateOp = DateOp::Since;
    QDate date;
    QByteArray field;     // lower case
    int cachedField = -1; // SearchTextCache::cachedFieldIndex(field)
    QByteArray needle;
    bool needleHasNul = false; // then it could match across two values of a field
};

namespace
{

using Node = ImapSearch::Node;
using Kind = Node::Kind;

bool contains(const Node &n, QByteArrayView haystack)
{
    return mimetext::containsBytes(haystack, n.needle);
}

// `values` as MessageSearchText gives a field: each followed by a NUL.
bool anyValueContains(const Node &n, QByteArrayView values)
{
    // A needle without a NUL cannot match across two values, so all are one text;
    // an empty one matches if the field is there.
    if (!n.needleHasNul)
        return n.needle.isEmpty() ? !values.isEmpty() : contains(n, values);
    while (!values.isEmpty()) {
        const qsizetype end = values.indexOf('\0');
        if (contains(n, end < 0 ? values : values.first(end)))
            return true;
        values = end < 0 ? QByteArrayView() : values.sliced(end + 1);
    }
    return false;
}

QDate parseSearchDate(const QByteArray &text)
{
    // date = day "-" month "-" year, e.g. 1-Feb-1994 (RFC 3501 9)
    return QLocale::c().toDate(QString::fromLatin1(text), QStringLiteral("d-MMM-yyyy"));
}

std::optional<qint64> parseNumber(const QByteArray &text, int maxDigits)
{
    if (text.isEmpty() || text.size() > maxDigits)
        return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9')
            return std::nullopt;
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

class Compiler
{
public:
    Compiler(quint32 messageCount, quint32 maxUid) : m_count(messageCount), m_maxUid(maxUid) {}

    // search-key *(SP search-key), all of which must hold.
    std::optional<Node> all(const QList<ImapValue> &list)
    {
        if (list.isEmpty())
            return std::nullopt;
        Node n;
        n.kind = Kind::And;
        int pos = 0;
        while (pos < list.size()) {
            auto k = key(list, pos);
            if (!k)
                return std::nullopt;
            n.children.push_back(std::move(*k));
        }
        if (n.children.size() == 1)
            return std::move(n.children.front());
        std::stable_sort(n.children.begin(), n.children.end(),
                         [](const Node &a, const Node &b) { return a.cost() < b.cost(); });
        return n;
    }

private:
    std::optional<QByteArray> arg(const QList<ImapValue> &list, int &pos)
    {
        if (pos >= list.size() || list[pos].type == ImapValue::Type::List)
            return std::nullopt;
        const ImapValue &v = list[pos++];
        // The parser reads an unquoted NIL as nil; as a search string it is the word.
        return v.type == ImapValue::Type::Nil ? QByteArray("NIL") : v.text;
    }

    std::optional<Node> text(Kind kind, const QByteArray &field,
                             const std::optional<QByteArray> &needle)
    {
        if (!needle)
            return std::nullopt;
        // SEARCH strings are UTF-8 (US-ASCII is a subset), folded like the message
        // text (case, full-/half-width) so ＡＢＣ finds ABC and ｶﾀｶﾅ finds カタカナ.
        Node n;
        n.kind = kind;
        n.field = field.toLower();
        n.cachedField = SearchTextCache::cachedFieldIndex(n.field);
        n.needle = SearchTextCache::fold(QString::fromUtf8(*needle));
        n.needleHasNul = n.needle.contains('\0');
        return n;
    }

    // Each key nested in another (a list, NOT, OR) is a level of recursion here and
    // when matching: bounded, or "NOT NOT NOT ..." on one 64 KiB line would exhaust
    // the stack.
    std::optional<Node> key(const QList<ImapValue> &list, int &pos)
    {
        if (m_depth >= kMaxDepth)
            return std::nullopt;
        ++m_depth;
        auto k = keyAt(list, pos);
        --m_depth;
        return k;
    }

    std::optional<Node> keyAt(const QList<ImapValue> &list, int &pos)
    {
        if (pos >= list.size())
            return std::nullopt;
        const ImapValue &v = list[pos++];
        if (v.type == ImapValue::Type::List) {
            if (++m_lists > kMaxLists) // as the parser bounds the nesting of lists
                return std::nullopt;
            auto inner = all(v.list);
            --m_lists;
            return inner;
        }
        if (v.type != ImapValue::Type::Atom)
            return std::nullopt;
        const QByteArray k = v.text.toUpper();
        Node n;
        auto flag = [&](const char *name, bool set) -> std::optional<Node> {
            Node f;
            f.kind = Kind::Flag;
            f.flag = QLatin1String(name);
            if (set)
                return f;
            n.kind = Kind::Not;
            n.children.push_back(std::move(f));
            return n;
        };
        static const struct {
            const char *key;
            const char *flag;
            bool set;
        } kFlagKeys[] = {
            {"ANSWERED", "\\Answered", true}, {"UNANSWERED", "\\Answered", false},
            {"DELETED", "\\Deleted", true},   {"UNDELETED", "\\Deleted", false},
            {"DRAFT", "\\Draft", true},       {"UNDRAFT", "\\Draft", false},
            {"FLAGGED", "\\Flagged", true},   {"UNFLAGGED", "\\Flagged", false},
            {"SEEN", "\\Seen", true},         {"UNSEEN", "\\Seen", false},
        };
        for (const auto &f : kFlagKeys)
            if (k == f.key)
                return flag(f.flag, f.set);
        if (k == "ALL")
            return n; // Kind::All
        if (k == "RECENT" || k == "NEW" || k == "OLD") {
            // RFC 3501 6.4.4: NEW is RECENT UNSEEN, OLD is NOT RECENT.
            Node recent;
            recent.kind = Kind::Recent;
            if (k == "RECENT")
                return recent;
            if (k == "OLD") {
                n.kind = Kind::Not;
                n.children.push_back(std::move(recent));
                return n;
            }
            Node seen;
            seen.kind = Kind::Flag;
            seen.flag = QStringLiteral("\\Seen");
            Node unseen;
            unseen.kind = Kind::Not;
            unseen.children.push_back(std::move(seen));
            n.kind = Kind::And;
            n.children.push_back(std::move(recent));
            n.children.push_back(std::move(unseen));
            return n;
        }
        if (k == "KEYWORD" || k == "UNKEYWORD") {
            const auto name = arg(list, pos);
            if (!name)
                return std::nullopt;
            Node f;
            f.kind = Kind::Flag;
            f.flag = QString::fromUtf8(*name);
            if (k == "KEYWORD")
                return f;
            n.kind = Kind::Not;
            n.children.push_back(std::move(f));
            return n;
        }
        if (k == "LARGER" || k == "SMALLER") {
            const auto number = parseNumber(arg(list, pos).value_or(QByteArray()), 10);
            if (!number || *number > 0xffffffffLL) // number = 32 bits (RFC 3501 9)
                return std::nullopt;
            n.kind = k == "LARGER" ? Kind::Larger : Kind::Smaller;
            n.number = *number;
            return n;
        }
        if (k == "MODSEQ") {
            // MODSEQ [entry-name entry-type-req] mod-sequence-value; one modseq is kept
            // per message, so the entry (a flag's or "all") does not narrow it.
            if (pos + 2 < list.size() && list[pos].type == ImapValue::Type::String) {
                const QByteArray type = list[pos + 1].text.toLower(); // entry-type-req
                if (list[pos + 1].type != ImapValue::Type::Atom ||
                    (type != "priv" && type != "shared" && type != "all"))
                    return std::nullopt;
                pos += 2;
            }
            const auto value = pos < list.size() && list[pos].type == ImapValue::Type::Atom
                                   ? parseNumber(list[pos++].text, 19)
                                   : std::nullopt;
            if (!value)
                return std::nullopt;
            n.kind = Kind::Modseq;
            n.number = *value;
            return n;
        }
        if (k == "NOT") {
            auto inner = key(list, pos);
            if (!inner)
                return std::nullopt;
            n.kind = Kind::Not;
            n.children.push_back(std::move(*inner));
            return n;
        }
        if (k == "OR") {
            auto a = key(list, pos);
            auto b = a ? key(list, pos) : std::nullopt;
            if (!b)
                return std::nullopt;
            n.kind = Kind::Or;
            n.children.push_back(std::move(*a));
            n.children.push_back(std::move(*b));
            return n;
        }
        if (k == "UID") {
            const auto set = arg(list, pos);
            auto ranges = set ? parseSequenceSet(*set, m_maxUid) : std::nullopt;
            if (!ranges)
                return std::nullopt;
            n.kind = Kind::Uid;
            n.ranges = std::move(*ranges);
            return n;
        }
        if (k == "BEFORE" || k == "ON" || k == "SINCE" || k == "SENTBEFORE" || k == "SENTON" ||
            k == "SENTSINCE") {
            n.date = parseSearchDate(arg(list, pos).value_or(QByteArray()));
            if (!n.date.isValid())
                return std::nullopt;
            const QByteArray op = k.startsWith("SENT") ? k.mid(4) : k;
            n.kind = k.startsWith("SENT") ? Kind::SentDate : Kind::Date;
            n.dateOp = op == "BEFORE" ? Node::DateOp::Before
                       : op == "ON"   ? Node::DateOp::On
                                      : Node::DateOp::Since;
            return n;
        }
        // RFC 3501 6.4.4: the strings match decoded header values and body text.
        if (k == "FROM" || k == "TO" || k == "CC" || k == "BCC" || k == "SUBJECT")
            return text(Kind::Header, k, arg(list, pos));
        if (k == "HEADER") {
            const auto field = arg(list, pos);
            return field ? text(Kind::Header, *field, arg(list, pos)) : std::nullopt;
        }
        if (k == "BODY" || k == "TEXT")
            return text(k == "BODY" ? Kind::Body : Kind::Text, QByteArray(), arg(list, pos));
        // A set of message numbers (RFC 3501 6.4.4). RFC 3501 9 makes a number past the
        // last (and any number in an empty mailbox) invalid; as Dovecot, such a number
        // only matches nothing: a client that searches "1:*" or "RETURN () 1000" before
        // it knows the count gets an empty answer rather than BAD.
        auto ranges = parseSequenceSet(v.text, m_count);
        if (!ranges)
            return std::nullopt;
        n.kind = Kind::Seq;
        n.ranges = std::move(*ranges);
        return n;
    }

    static constexpr int kMaxDepth = 64;
    static constexpr int kMaxLists = 16;
    quint32 m_count;
    quint32 m_maxUid;
    int m_depth = 0;
    int m_lists = 0;
};

bool inRanges(const QList<QPair<quint32, quint32>> &ranges, quint32 value)
{
    for (const auto &r : ranges)
        if (value >= r.first && value <= r.second)
            return true;
    return false;
}

bool evaluate(const Node &n, const ImapSearch::Candidate &m)
{
    switch (n.kind) {
    case Kind::All:
        return true;
    case Kind::Not:
        return !evaluate(n.children.front(), m);
    case Kind::And:
        for (const Node &child : n.children)
            if (!evaluate(child, m))
                return false;
        return true;
    case Kind::Or:
        return evaluate(n.children[0], m) || evaluate(n.children[1], m);
    case Kind::Flag:
        return MessageFlags::has(*m.flags, n.flag);
    case Kind::Recent:
        return m.recent;
    case Kind::Larger:
        return m.size > n.number;
    case Kind::Smaller:
        return m.size < n.number;
    case Kind::Modseq:
        return m.modseq >= n.number;
    case Kind::Uid:
        return inRanges(n.ranges, quint32(m.uid));
    case Kind::Seq:
        return inRanges(n.ranges, m.seq);
    case Kind::Date:
    case Kind::SentDate: {
        QDate date;
        if (n.kind == Kind::SentDate) {
            const QString sent = QLatin1StringView(m.text->date()).toString();
            date = QDateTime::fromString(sent.section(QLatin1String(" ("), 0, 0), Qt::RFC2822Date)
                       .date();
            if (!date.isValid())
                return false;
        } else {
            date = QDateTime::fromSecsSinceEpoch(m.internalDate).toLocalTime().date();
        }
        switch (n.dateOp) {
        case Node::DateOp::Before:
            return date < n.date;
        case Node::DateOp::On:
            return date == n.date;
        case Node::DateOp::Since:
            return date >= n.date;
        }
        return false;
    }
    case Kind::Header:
        // An empty string matches every message that has the field.
        return anyValueContains(n, n.cachedField >= 0 ? m.text->cachedField(n.cachedField)
                                                      : m.text->field(n.field));
    case Kind::Body:
        return contains(n, m.text->body());
    case Kind::Text:
        return contains(n, m.text->headers()) ||
               contains(n, m.text->body()); // in the order they are kept
    }
    return false;
}

bool anyNode(const Node &n, const std::function<bool(const Node &)> &test)
{
    if (test(n))
        return true;
    for (const Node &child : n.children)
        if (anyNode(child, test))
            return true;
    return false;
}

} // namespace

std::optional<ImapSearch> ImapSearch::compile(const QList<ImapValue> &criteria,
                                              quint32 messageCount, quint32 maxUid)
{
    Compiler compiler(messageCount, maxUid);
    auto root = compiler.all(criteria);
    if (!root)
        return std::nullopt;
    ImapSearch search;
    search.m_root = std::make_shared<const Node>(std::move(*root));
    return search;
}

bool ImapSearch::readsText() const
{
    return m_root->cost() > 0;
}

bool ImapSearch::usesModseq() const
{
    return anyNode(*m_root, [](const Node &n) { return n.kind == Kind::Modseq; });
}

bool ImapSearch::matches(const Candidate &message) const
{
    return evaluate(*m_root, message);
}

} // namespace fumibako
