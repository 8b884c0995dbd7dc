// JapaneseMailGenerator: realistic Japanese business mail for the archive
// benchmark (bench/archivebench.cpp) — never shipped data, made on the fly.
// Subjects and bodies are drawn from a word list with Zipf-like frequencies
// (some words everywhere, some in a few messages), bodies in ISO-2022-JP or
// UTF-8 (8bit or base64, some with an HTML alternative), RFC 2047 subjects
// and display names, about 10 % with a small base64 attachment whose Japanese
// file name is RFC 2231 or RFC 2047 encoded, 1–8 KB. Deterministic: message i
// of seed s is the same whatever else is generated (its own PRNG stream).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace fumibako::bench
{

// xoshiro256** seeded through splitmix64: the same numbers on every platform
// (std::mt19937 is, but the std distributions are not).
class Rng
{
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    double uniform(); // [0, 1)
    int below(int n); // [0, n)
    bool chance(double p) { return uniform() < p; }

private:
    std::uint64_t m_s[4];
};

// Sampling by rank with weight 1 / (rank + 1)^s.
class Zipf
{
public:
    Zipf(int n, double s);
    int draw(Rng &rng) const;

private:
    std::vector<double> m_cdf;
};

struct LocalAccount {
    QString address;
    QString displayName; // 山田 太郎
};

struct GeneratedMail {
    QByteArray raw;            // CRLF
    bool sent = true;          // from a local account (else received from outside)
    QString sender;            // envelope sender
    QStringList recipients;    // envelope recipients
    QList<int> accountIndexes; // the local accounts it belongs to (indexes into accounts())
    bool hasAttachment = false;
    bool iso2022jp = false;
};

class JapaneseMailGenerator
{
public:
    explicit JapaneseMailGenerator(std::uint64_t seed, int localAccounts = 100);

    // Message `index`, dated `time` (seconds since the epoch; the Date field
    // is written in JST).
    GeneratedMail message(std::uint64_t index, qint64 time) const;

    const QList<LocalAccount> &accounts() const { return m_accounts; }
    static QString localDomain();

    // Words for the benchmark's queries, by how often the generator uses them.
    static QStringList commonWords(); // the head of the Zipf list, 2+ characters
    static QStringList rareWords();   // in about 1 in 2,000 messages each
    // Single characters: common ones occur in the most frequent words, rare
    // ones only in rare words.
    static QStringList commonChars();
    static QStringList rareChars();
    // Words and characters the generator never writes (a search that finds
    // nothing: the whole archive is looked through by a scan).
    static QStringList absentWords();
    static QStringList absentChars();

private:
    struct Person {
        QString family, given, romajiFamily, romajiGiven;
        QString company, department, domain, address;
    };
    Person person(Rng &rng, bool local) const;
    static Person named(Rng &rng); // a family and a given name, nothing else
    QString noun(Rng &rng) const;
    QString sentence(Rng &rng, const Person &from, const Person &to) const;
    QString subject(Rng &rng) const;
    QString body(Rng &rng, const Person &from, const Person &to, bool internal,
                 int targetChars) const;

    std::uint64_t m_seed;
    QList<LocalAccount> m_accounts;
    std::vector<Person> m_localPeople;
    Zipf m_nounZipf;
    Zipf m_verbZipf;
    Zipf m_companyZipf;
};

} // namespace fumibako::bench
