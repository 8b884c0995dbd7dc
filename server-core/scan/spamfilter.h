// The spam filters (迷惑メールフィルタ, issue 13): what each account's allow
// and deny lists, the common filter, the language filter and the spoofing
// rule decide for a message received by MX. SpamFilter::judge is the one
// place that holds the order they are applied in (docs/filters.md):
//   1. the spoofing rule, while any filter is on for the account;
//   2. the allow lists (the account's, then the common filter's);
//   3. the deny lists, the language filter among them;
//   4. the spam score, when scan.spam_action = quarantine.
// SpamFilterStep runs it for each local recipient account after the spam
// scanner has scored the message, and holds what it says to hold.
#pragma once

#include "delivery/messagepipeline.h"
#include "store/filterstore.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace fumibako
{

class MailStorage;

// What the filters look at in one message, read from it once.
struct FilterFacts {
    QString envelopeSender;     // lower case; "" for <>
    QString fromAddress;        // the first address of From:, lower case; "" when none
    QString subject;            // decoded (RFC 2047, ISO-2022-JP included); null when absent
    QList<QByteArray> charsets; // declared by the message (MimeMessage::charsets)
    std::optional<double> spamScore;
    QList<QPair<QString, double>> spamRules;

    static FilterFacts of(const PipelineMessage &message);
};

// The entries that apply to one account: its own, and the common filter's
// when the common filter is on and not switched off for it.
struct AccountFilters {
    QList<FilterEntry> own;
    QList<FilterEntry> common;
    bool any() const { return !own.isEmpty() || !common.isEmpty(); }
};

struct FilterDecision {
    bool hold = false;
    QString reasonKind;               // "spoofing", "filter", "language", "spam"
    QString reason;                   // for people and the quarantine: the entry, or the score
    std::optional<FilterEntry> entry; // the entry that decided (allow or deny)
};

class SpamFilter
{
public:
    struct Policy {
        double threshold = 5.0;
        bool quarantineSpam = false; // scan.spam_action = quarantine
    };

    // `spoofed`: the sender claims the recipient's own domain and is no
    // address there (the FAQ's なりすまし rule); judged only while a filter is on.
    static FilterDecision judge(const FilterFacts &facts, const AccountFilters &filters,
                                bool spoofed, const Policy &policy);
    static bool matches(const FilterEntry &entry, const FilterFacts &facts);

    // A value as an entry keeps and compares it, or Invalid with why: an
    // address, a domain, a subject word, a language of languages(). A
    // language can only be denied.
    static Result<QString> normalizedValue(FilterEntry::List list, FilterEntry::Field field,
                                           const QString &value);
    // The language filter's names: "english" (the FAQ's rule on subjects:
    // half-width characters only, at least one letter) and those judged by
    // the charsets a message declares ("chinese", "korean", "cyrillic", ...).
    static QStringList languages();
    static bool isLanguage(const FilterFacts &facts, const QString &language);
};

// Runs the filters on MX mail for each local recipient account, on a worker
// (the entries, the accounts and the message's MIME are read there): a
// recipient whose filters hold the message gets a quarantined copy and no
// delivery; the others get the message (MessagePipeline's held verdicts).
class SpamFilterStep : public PipelineStep
{
public:
    SpamFilterStep(const MailStorage &storage, SpamFilter::Policy policy);
    QString name() const override { return QStringLiteral("filter"); }
    bool appliesTo(Envelope::Source source) const override
    {
        return source == Envelope::Source::Mx;
    }
    void run(const PipelineMessage &message, std::function<void(Verdict)> done) override;

    // The decision for every local recipient, grouped into held verdicts (one
    // per account held): what run() answers, here for tests.
    // `anyEntry`, when given, is set to whether any filter has an entry.
    static Result<Verdict> decide(const Database &db, const PipelineMessage &message,
                                  const SpamFilter::Policy &policy, bool *anyEntry = nullptr);

private:
    const MailStorage &m_storage;
    SpamFilter::Policy m_policy;
    // A server with no filter entry at all (the default) spares each message
    // the worker read: every full read notes whether any entry exists, and for
    // a second after one that found none, messages the score does not hold
    // pass at once. An entry added by fumibakoctl in that second is used from
    // the next message after it.
    std::atomic<qint64> m_noEntriesUntil{0}; // steady-clock milliseconds
};

} // namespace fumibako
