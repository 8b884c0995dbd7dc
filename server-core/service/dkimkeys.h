// DkimKeyStore: the DKIM keys of the domains we send for (issue 4). Each key is
// a private key file <data dir>/dkim/<domain>/<selector>.pem (folders 0700,
// files 0600, written durably); which keys sign is the setting dkim.selectors,
// "example.jp=fb202611e,fb202611r; other.jp=fb202611e", in the database like
// every setting. A new key does not sign until it is activated, so its TXT
// record can be published first; a retired key stops signing but its file
// stays (the record should stay published a few days more) until removed.
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "datadir.h"
#include "queue/dkimsigner.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace fumibako
{

class Database;

struct DkimKeyInfo {
    QString domain;
    QString selector;
    DkimKey::Algorithm algorithm = DkimKey::Algorithm::RsaSha256;
    bool active = false;
    QDateTime created;         // the key file's modification time (never rewritten)
    QString dnsName;           // "<selector>._domainkey.<domain>"
    QByteArray txtRecord;      // "v=DKIM1; k=...; p=..."
    QByteArray zoneFileRecord; // the same as a zone file line
};

class DkimKeyStore
{
public:
    DkimKeyStore(DataDir dir, const Database &db, const Clock *clock = Clock::system());

    // The setting that holds the signing selectors and its syntax:
    // "domain=selector[,selector]; domain=..." (';' or newline between domains).
    static QString selectorsSetting() { return QStringLiteral("dkim.selectors"); }
    static Result<QMap<QString, QStringList>> parseSelectors(const QString &setting);
    static QString formatSelectors(const QMap<QString, QStringList> &selectors);

    QString directory() const; // <data dir>/dkim
    QString keyFile(const QString &domain, const QString &selector) const;

    // A new, inactive key. An empty selector means DkimKey::rotationSelector
    // of now, with "-2", "-3", ... added when that name is taken.
    Result<DkimKey> generate(const QString &domain, DkimKey::Algorithm algorithm,
                             const QString &selector = QString());
    Result<void> activate(const QString &domain, const QString &selector);
    Result<void> retire(const QString &domain, const QString &selector);
    // Deletes the key file; an active key must be retired first.
    Result<void> remove(const QString &domain, const QString &selector);

    Result<QList<DkimKeyInfo>> list() const; // by domain, then selector
    Result<DkimKey> key(const QString &domain, const QString &selector) const;
    // The active keys of a domain, in the order they were activated.
    Result<QList<DkimKey>> signersFor(const QString &domain) const;
    // Every domain's active keys, keyed by lower-case domain (for the queue).
    // A key that cannot be loaded is an error: better refuse to start than
    // silently send unsigned mail.
    Result<QHash<QString, QList<DkimKey>>> signers() const;

    // Suggested records. SPF (RFC 7208): our MX hosts and this server's host
    // name ("v=spf1 mx a:mail.example.jp ~all"), or, when mail leaves through
    // a smarthost, that host instead of ours; ~all (softfail) until DMARC
    // reports show everything passes. DMARC (RFC 7489) at _dmarc.<domain>:
    // p=none with aggregate reports to postmaster@<domain>.
    static QString spfRecord(const QString &domain, const QString &hostname,
                             const QString &relayHost);
    static QString dmarcRecord(const QString &domain);

    static Result<QString> checkDomain(const QString &domain);     // lower-cased
    static Result<QString> checkSelector(const QString &selector); // lower-cased

private:
    Result<QMap<QString, QStringList>> activeSelectors() const;
    Result<void> storeSelectors(const QMap<QString, QStringList> &selectors) const;

    DataDir m_dir;
    const Database &m_db;
    const Clock *m_clock;
};

} // namespace fumibako
