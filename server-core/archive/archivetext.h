// archivetext: what the archive's search index is made of, and how what a
// user types becomes an FTS5 query over it. SQLite's tokenizers cannot find a
// Japanese word shorter than three characters (trigram) or split Japanese at
// all (unicode61), so the index gets tokens made here and FTS5's `ascii`
// tokenizer, which keeps every non-ASCII character, only splits them at spaces.
// Text is folded first as IMAP SEARCH folds it (mimetext's foldForSearch:
// case, full-/half-width); then runs of Latin, Greek or Cyrillic letters and
// digits are words, and runs of other letters, numbers and symbols (kanji,
// kana, ①, ㈱) are "gram runs", indexed as overlapping pairs (bigrams: 請求書
// → 請求 求書, as Lucene's CJK analyzer and Groonga do) in the text columns
// and one by one in a column of their own. A query word of one character asks
// that column, of two one bigram, of more the phrase of its bigrams in order.
#pragma once

#include <QList>
#include <QString>

namespace fumibako::archivetext
{

// The token stream of `text` for a text column: words and bigrams in the
// order they occur, separated by spaces. A gram run of one character is that
// character. Bounded by `maxTokens` (the rest of a huge body is not indexed).
QString textTokens(const QString &text, qsizetype maxTokens = 200000);
// Every character of every gram run of `text`, in order, separated by spaces:
// the unigram column, which one-character queries ask.
QString unigramTokens(const QString &text, qsizetype maxTokens = 200000);

// One thing to find: a word as typed (no spaces) or a quoted phrase.
struct QueryTerm {
    QString text;
    bool phrase = false;
};
// The query as typed: words apart at white space (the ideographic space too)
// are ANDed; "..." (straight or 「」-free typographic quotes “”) is a phrase
// that must match in order. Nothing in it is syntax besides the quotes: *,
// NEAR, OR, -, parentheses and SQL characters are text like any other. An
// unbalanced quote runs to the end. A term given twice counts once. Bounded:
// 256 characters a term, and no more than kMaxQueryTerms + 1 are returned —
// more than kMaxQueryTerms is a query to refuse, not to cut short.
constexpr int kMaxQueryTerms = 32;
QList<QueryTerm> parseQuery(const QString &query);

// The FTS5 MATCH expression for `terms`, every one required, searched in the
// text columns `columns` (e.g. "subject sender rcpt body") and, for one
// character, in `unigramColumn`. Each token is a quoted FTS5 string, so no
// input changes the expression's meaning. Empty when the terms hold nothing
// searchable (only punctuation): the caller then matches nothing.
QString matchExpression(const QList<QueryTerm> &terms, const QString &columns,
                        const QString &unigramColumn);

} // namespace fumibako::archivetext
