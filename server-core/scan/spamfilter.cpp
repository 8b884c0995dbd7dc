#include "spamfilter.h"

#include "common/mailaddress.h"
#include "delivery/recipientpolicy.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "quarantine.h"
#include "store/mailstorage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>

namespace fumibako
{

namespace
{

struct Language {
    const char *name;
    QList<QByteArray> charsets; // as messages declare them, lower case
};

// Each language the filter knows by charset, with the MIME charsets (IANA
// names and the aliases mailers write) that declare it. "english" has none:
// it is judged by the subject, as the FAQ's examples are.
const QList<Language> &charsetLanguages()
{
    static const QList<Language> languages = {
        {"chinese",
         {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "hz-gb-2312", "big5",
          "big5-hkscs", "x-big5", "cp950", "iso-2022-cn", "iso-2022-cn-ext", "euc-tw", "euc-cn"}},
        {"korean",
         {"euc-kr", "ks_c_5601-1987", "ks_c_5601", "iso-2022-kr", "cp949", "windows-949", "uhc",
          "johab"}},
        {"cyrillic",
         {"koi8-r", "koi8-u", "windows-1251", "cp1251", "iso-8859-5", "cp866", "ibm866",
          "x-mac-cyrillic"}},
        {"thai", {"tis-620", "windows-874", "cp874", "iso-8859-11"}},
        {"vietnamese", {"windows-1258", "cp1258", "viscii"}},
        {"arabic", {"iso-8859-6", "windows-1256", "cp1256"}},
        {"hebrew", {"iso-8859-8", "iso-8859-8-i", "windows-1255", "cp1255"}},
        {"greek", {"iso-8859-7", "windows-1253", "cp1253"}},
        {"turkish", {"iso-8859-9", "windows-1254", "cp1254"}},
    };
    return languages;
}

const QString kEnglish = QStringLiteral("english");

// The domain part of an address, lower case; "" when there is none.
QString domainOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).toLower();
}

bool inDomain(const QString &domain, const QString &entry)
{
    return !domain.isEmpty() &&
           (domain == entry ||
            (domain.endsWith(entry) && domain.at(domain.size() - entry.size() - 1) == u'.'));
}

FilterDecision held(QString kind, QString reason, std::optional<FilterEntry> entry = {})
{
    FilterDecision d;
    d.hold = true;
    d.reasonKind = std::move(kind);
    d.reason = std::move(reason);
    d.entry = std::move(entry);
    return d;
}

} // namespace

// ---- FilterFacts ------------------------------------------------------------

FilterFacts FilterFacts::of(const PipelineMessage &message)
{
    FilterFacts f;
    f.envelopeSender = message.envelope.sender.toLower();
    // The header as the store gets it: the steps' fields (a replaced Subject)
    // before the message's own; only the header is parsed for the fields.
    const MimeMessage mime(message.addedFields + message.message);
    f.fromAddress = mime.addresses("From").value(0).toLower();
    f.subject = mime.decodedHeader("Subject");
    f.charsets = mime.charsets();
    f.spamScore = message.spamScore;
    f.spamRules = message.spamRules;
    return f;
}

// ---- SpamFilter -------------------------------------------------------------

QStringList SpamFilter::languages()
{
    QStringList names{kEnglish};
    for (const Language &l : charsetLanguages())
        names << QLatin1String(l.name);
    return names;
}

bool SpamFilter::isLanguage(const FilterFacts &facts, const QString &language)
{
    if (language == kEnglish) {
        // The FAQ: "TestMail" and "mailing-list:1234 test" (half-width only, a
        // letter among them) are English; "ＴｅｓｔＭａｉｌ" and
        // "mailing-list:1234 テスト" are not. No subject: nothing to judge.
        const QString subject = facts.subject.trimmed();
        bool letter = false;
        for (QChar c : subject) {
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                return false;
            letter = letter || (c.isLetter());
        }
        return letter;
    }
    for (const Language &l : charsetLanguages())
        if (language == QLatin1String(l.name))
            for (const QByteArray &charset : facts.charsets)
                if (l.charsets.contains(charset))
                    return true;
    return false;
}

bool SpamFilter::matches(const FilterEntry &e, const FilterFacts &f)
{
    switch (e.field) {
    case FilterEntry::Field::Sender:
        return e.value == f.envelopeSender || e.value == f.fromAddress;
    case FilterEntry::Field::Domain:
        return inDomain(domainOf(f.envelopeSender), e.value) ||
               inDomain(domainOf(f.fromAddress), e.value);
    case FilterEntry::Field::Subject:
        // As search compares: case and the half/full-width forms folded, so
        // "セール" also finds ｾｰﾙ and "SALE" finds ＳＡＬＥ.
        return !f.subject.isEmpty() &&
               mimetext::foldForSearch(f.subject).contains(mimetext::foldForSearch(e.value));
    case FilterEntry::Field::Language:
        return isLanguage(f, e.value);
    }
    return false;
}

FilterDecision SpamFilter::judge(const FilterFacts &facts, const AccountFilters &filters,
                                 bool spoofed, const Policy &policy)
{
    // 1. The FAQ's spoofing rule comes before the allow lists: a forged
    //    colleague's address would otherwise pass every list naming our domain.
    if (filters.any() && spoofed)
        return held(QStringLiteral("spoofing"),
                    QStringLiteral("sender claims this domain but is no address here"));
    // 2. Allow lists before deny lists: a mistaken catch is released by
    //    adding the sender (除外リスト), whatever else matches.
    for (const QList<FilterEntry> *list : {&filters.own, &filters.common})
        for (const FilterEntry &e : *list)
            if (e.list == FilterEntry::List::Allow && matches(e, facts)) {
                FilterDecision allowed;
                allowed.reason = e.describe();
                allowed.entry = e;
                return allowed;
            }
    // 3. Deny lists, the language filter among them.
    for (const QList<FilterEntry> *list : {&filters.own, &filters.common})
        for (const FilterEntry &e : *list)
            if (e.list == FilterEntry::List::Deny && matches(e, facts))
                return held(e.field == FilterEntry::Field::Language ? QStringLiteral("language")
                                                                    : QStringLiteral("filter"),
                            e.describe(), e);
    // 4. The score, when spam is held rather than tagged.
    if (policy.quarantineSpam && facts.spamScore && *facts.spamScore >= policy.threshold) {
        const Verdict v = spamQuarantine(*facts.spamScore, facts.spamRules, policy.threshold);
        return held(v.reasonKind, v.reason);
    }
    return {};
}

Result<QString> SpamFilter::normalizedValue(FilterEntry::List list, FilterEntry::Field field,
                                            const QString &raw)
{
    const QString value = raw.trimmed();
    if (value.isEmpty())
        return Error::invalid(QStringLiteral("an entry needs a value"));
    switch (field) {
    case FilterEntry::Field::Sender: {
        auto address = MailAddress::parse(value);
        if (!address || address->domain.isEmpty())
            return Error::invalid(QStringLiteral("\"%1\" is not a mail address").arg(value));
        return address->normalized();
    }
    case FilterEntry::Field::Domain: {
        QString domain = value.toLower();
        if (domain.startsWith(QLatin1Char('@')))
            domain.remove(0, 1);
        else if (domain.startsWith(QLatin1String("*.")))
            domain.remove(0, 2);
        // A domain as written in addresses; Unicode (IDN) labels are fine.
        const QByteArray ascii = domain.toUtf8();
        bool ok = !domain.isEmpty() && domain.size() <= 253 && !domain.startsWith(u'.') &&
                  !domain.endsWith(u'.') && !domain.contains(QLatin1String(".."));
        for (QChar c : std::as_const(domain))
            ok = ok && (c.unicode() >= 0x80 || c.isLetterOrNumber() || c == u'-' || c == u'.');
        if (!ok)
            return Error::invalid(QStringLiteral("\"%1\" is not a domain").arg(value));
        return domain;
    }
    case FilterEntry::Field::Subject:
        if (value.size() > 200)
            return Error::invalid(QStringLiteral("a subject word has at most 200 characters"));
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')))
            return Error::invalid(QStringLiteral("a subject word is one line"));
        return value;
    case FilterEntry::Field::Language: {
        if (list == FilterEntry::List::Allow)
            return Error::invalid(QStringLiteral("a language can only be denied"));
        const QString language = value.toLower();
        if (!languages().contains(language))
            return Error::invalid(QStringLiteral("unknown language \"%1\" (one of %2)")
                                      .arg(value, languages().join(QStringLiteral(", "))));
        return language;
    }
    }
    return Error::invalid(QStringLiteral("unknown field"));
}

// ---- SpamFilterStep ---------------------------------------------------------

SpamFilterStep::SpamFilterStep(const MailStorage &storage, SpamFilter::Policy policy)
    : m_storage(storage), m_policy(policy)
{
}

namespace
{

qint64 steadyMs()
{
    static const QElapsedTimer started = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return started.elapsed();
}

} // namespace

void SpamFilterStep::run(const PipelineMessage &message, std::function<void(Verdict)> done)
{
    const bool scoreHolds =
        m_policy.quarantineSpam && message.spamScore && *message.spamScore >= m_policy.threshold;
    if (!scoreHolds && steadyMs() < m_noEntriesUntil.load())
        return done(Verdict::accept());
    // No context: the answer comes on the worker; the pipeline takes it back
    // to the session's thread.
    m_storage.read<Verdict>(
        nullptr,
        [this, message, policy = m_policy](const Database &db) {
            bool anyEntry = true;
            auto verdict = decide(db, message, policy, &anyEntry);
            m_noEntriesUntil.store(verdict && !anyEntry ? steadyMs() + 1000 : 0);
            return verdict;
        },
        [done](Result<Verdict> v) {
            if (!v)
                return done(Verdict::defer(451, "4.3.0",
                                           "Temporary failure reading the spam filters",
                                           QStringLiteral("filters: ") + v.error().message));
            done(std::move(*v));
        });
}

Result<Verdict> SpamFilterStep::decide(const Database &db, const PipelineMessage &message,
                                       const SpamFilter::Policy &policy, bool *anyEntry)
{
    if (anyEntry) {
        auto q = db.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM filter_entries)"));
        if (!q)
            return q.error();
        *anyEntry = q->next() && q->value(0).toBool();
    }
    struct Recipient {
        Account account;
        QStringList rcpts; // as given, for the held verdict
        AccountFilters filters;
    };
    RecipientPolicy recipients(db);
    FilterStore store(db);
    auto common = store.common();
    if (!common)
        return common.error();
    std::optional<QList<FilterEntry>> commonEntries;
    QList<Recipient> local;
    QHash<qint64, qsizetype> byAccount;
    bool anyFilter = false;
    for (const QString &rcpt : message.envelope.recipients) {
        auto address = MailAddress::parse(rcpt);
        if (!address)
            continue;
        const RecipientDecision d = recipients.decide(*address, false);
        if (d.kind == RecipientDecision::Kind::TempFail)
            return Error::temporary(QStringLiteral("cannot look up %1").arg(rcpt));
        if (d.kind != RecipientDecision::Kind::Local)
            continue;
        if (byAccount.contains(d.account.id)) {
            local[byAccount[d.account.id]].rcpts << rcpt;
            continue;
        }
        Recipient r{d.account, {rcpt}, {}};
        auto own = store.entries(d.account.id);
        if (!own)
            return own.error();
        r.filters.own = *own;
        auto options = store.options(d.account.id);
        if (!options)
            return options.error();
        if (common->enabled && options->commonEnabled) {
            if (!commonEntries) {
                auto entries = store.entries(0);
                if (!entries)
                    return entries.error();
                commonEntries = *entries;
            }
            r.filters.common = *commonEntries;
        }
        anyFilter = anyFilter || r.filters.any();
        byAccount.insert(d.account.id, local.size());
        local << r;
    }
    const bool scoreHolds =
        policy.quarantineSpam && message.spamScore && *message.spamScore >= policy.threshold;
    if (local.isEmpty() || (!anyFilter && !scoreHolds))
        return Verdict::accept(); // nothing to judge: no MIME parse
    const FilterFacts facts = FilterFacts::of(message);
    // Whether the sender is an address of ours: what the spoofing rule asks
    // of a sender in the recipient's domain.
    const auto exists = [&](const QString &sender) -> Result<bool> {
        auto address = MailAddress::parse(sender);
        if (!address)
            return false;
        const RecipientDecision d = recipients.decide(*address, false);
        if (d.kind == RecipientDecision::Kind::TempFail)
            return Error::temporary(QStringLiteral("cannot look up %1").arg(sender));
        // Our SRS return addresses and group addresses are ours too: a
        // forwarded message comes from the one, a list's mail from the other.
        return d.kind == RecipientDecision::Kind::Local ||
               d.kind == RecipientDecision::Kind::Discard ||
               d.kind == RecipientDecision::Kind::Disabled ||
               d.kind == RecipientDecision::Kind::Return ||
               d.kind == RecipientDecision::Kind::Group;
    };
    Verdict verdict = Verdict::accept();
    for (const Recipient &r : std::as_const(local)) {
        bool spoofed = false;
        if (r.filters.any()) {
            const QString domain = domainOf(r.account.address);
            // Either sender the recipient sees: the envelope's or From:'s.
            for (const QString &sender : {facts.envelopeSender, facts.fromAddress}) {
                if (sender.isEmpty() || domainOf(sender) != domain)
                    continue;
                auto known = exists(sender);
                if (!known)
                    return known.error();
                spoofed = spoofed || !*known;
            }
        }
        const FilterDecision d = SpamFilter::judge(facts, r.filters, spoofed, policy);
        if (!d.hold)
            continue;
        Verdict hold = d.reasonKind == QLatin1String("spam")
                           ? spamQuarantine(*facts.spamScore, facts.spamRules, policy.threshold)
                           : Verdict::quarantine(d.reason);
        hold.reasonKind = d.reasonKind;
        hold.recipients = r.rcpts;
        verdict.held.push_back(std::move(hold));
    }
    return verdict;
}

} // namespace fumibako
