#include "archivetext.h"

#include "mime/mimetext.h"

#include <QChar>

#include <vector>

namespace fumibako::archivetext
{

namespace
{

enum class CharClass { Separator, Word, Gram };

CharClass classify(char32_t c)
{
    if (c < 0x80) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return alnum ? CharClass::Word : CharClass::Separator;
    }
    // Private use: never in a token, so nothing typed can ask for what is not text.
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
        return CharClass::Separator;
    const QChar::Category cat = QChar::category(c);
    const bool letterOrNumber = QChar::isLetterOrNumber(c);
    const bool mark = QChar::isMark(c);
    if (!letterOrNumber && !mark && cat != QChar::Symbol_Other)
        return CharClass::Separator;
    switch (QChar::script(c)) {
    case QChar::Script_Latin:
    case QChar::Script_Greek:
    case QChar::Script_Cyrillic:
    case QChar::Script_Armenian:
    case QChar::Script_Inherited: // combining accents stay with their letter
        return CharClass::Word;
    default:
        return CharClass::Gram;
    }
}

struct Run {
    CharClass kind;
    std::u32string chars;
};

std::vector<Run> runsOf(const QString &text)
{
    std::vector<Run> runs;
    const QString folded = mimetext::foldForSearch(text);
    const QList<uint> ucs4 = folded.toUcs4();
    CharClass current = CharClass::Separator;
    for (uint u : ucs4) {
        const char32_t c = char32_t(u);
        CharClass k = classify(c);
        if (k == CharClass::Word && current == CharClass::Gram && QChar::isMark(c))
            k = CharClass::Gram; // a dakuten or other mark on kana stays with it
        if (k == CharClass::Separator) {
            current = k;
            continue;
        }
        if (k != current || runs.empty())
            runs.push_back({k, {}});
        runs.back().chars.push_back(c);
        current = k;
    }
    return runs;
}

QString fromUcs4(const char32_t *p, qsizetype n)
{
    return QString::fromUcs4(p, n);
}

// The tokens of a run in a text column: the word, or the bigrams (one
// character alone for a run of one).
void appendRunTokens(const Run &run, QStringList &out)
{
    const auto &s = run.chars;
    if (run.kind == CharClass::Word || s.size() == 1) {
        out << fromUcs4(s.data(), qsizetype(s.size()));
        return;
    }
    for (size_t i = 0; i + 1 < s.size(); ++i)
        out << fromUcs4(s.data() + i, 2);
}

QString quoted(const QString &token)
{
    QString t = token;
    t.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

constexpr int kMaxTermChars = 256;

} // namespace

QString textTokens(const QString &text, qsizetype maxTokens)
{
    QStringList tokens;
    for (const Run &run : runsOf(text)) {
        appendRunTokens(run, tokens);
        if (tokens.size() >= maxTokens) {
            tokens.resize(maxTokens);
            break;
        }
    }
    return tokens.join(QLatin1Char(' '));
}

QString unigramTokens(const QString &text, qsizetype maxTokens)
{
    QString out;
    qsizetype count = 0;
    for (const Run &run : runsOf(text)) {
        if (run.kind != CharClass::Gram)
            continue;
        for (char32_t c : run.chars) {
            if (count++ >= maxTokens)
                return out;
            if (!out.isEmpty())
                out += QLatin1Char(' ');
            out += fromUcs4(&c, 1);
        }
    }
    return out;
}

QList<QueryTerm> parseQuery(const QString &query)
{
    QList<QueryTerm> terms;
    QString current;
    bool inQuote = false;
    auto flush = [&](bool phrase) {
        const QString t = current.trimmed();
        current.clear();
        if (t.isEmpty() || terms.size() > kMaxQueryTerms)
            return;
        const QueryTerm term{t.left(kMaxTermChars), phrase};
        for (const QueryTerm &seen : std::as_const(terms))
            if (seen.text == term.text && seen.phrase == term.phrase)
                return;
        terms << term;
    };
    for (QChar c : query) {
        const bool quote = c == QLatin1Char('"') || c == QChar(0x201C) || c == QChar(0x201D);
        if (quote) {
            flush(inQuote);
            inQuote = !inQuote;
        } else if (!inQuote && (c.isSpace() || c == QChar(0x3000))) {
            flush(false);
        } else {
            current += c;
        }
    }
    flush(inQuote);
    return terms;
}

QString matchExpression(const QList<QueryTerm> &terms, const QString &columns,
                        const QString &unigramColumn)
{
    const QString textColumns = QLatin1Char('{') + columns + QLatin1String("} : ");
    QStringList parts;
    for (const QueryTerm &term : terms) {
        const std::vector<Run> runs = runsOf(term.text);
        if (runs.empty())
            continue;
        bool lone = false; // a run of one gram character: only the unigram column has it
        for (const Run &r : runs)
            lone = lone || (r.kind == CharClass::Gram && r.chars.size() == 1);
        if (lone) {
            // Each run on its own, ANDed: order is given up for the one
            // character only the unigram column holds wherever it stands.
            for (const Run &r : runs) {
                if (r.kind == CharClass::Gram && r.chars.size() == 1) {
                    parts << unigramColumn + QLatin1String(" : ") +
                                 quoted(fromUcs4(r.chars.data(), 1));
                    continue;
                }
                QStringList tokens;
                appendRunTokens(r, tokens);
                QStringList q;
                for (const QString &t : std::as_const(tokens))
                    q << t;
                parts << textColumns + quoted(q.join(QLatin1Char(' ')));
            }
            continue;
        }
        QStringList tokens;
        for (const Run &r : runs)
            appendRunTokens(r, tokens);
        // A typed word of three letters or more also finds longer words it
        // begins (invoice → invoices); a quoted phrase is exact.
        const bool prefix =
            !term.phrase && runs.back().kind == CharClass::Word && runs.back().chars.size() >= 3;
        parts << textColumns + quoted(tokens.join(QLatin1Char(' '))) +
                     (prefix ? QLatin1String(" *") : QLatin1String());
    }
    return parts.join(QLatin1String(" AND "));
}

} // namespace fumibako::archivetext
