// fumibakoctl: administration from the shell, on a data dir whether or not
// the server is running (SQLite WAL lets both work at once).
//   fumibakoctl --data-dir DIR init --domain DOMAIN [--hostname NAME]
//   fumibakoctl --data-dir DIR account add|list|passwd|disable|enable|del|quota ...
//   fumibakoctl --data-dir DIR config list|get|set ...
//   fumibakoctl --data-dir DIR log [--kind KIND] [--address TEXT] [--id MESSAGE-ID] [--limit N]
//   fumibakoctl --data-dir DIR tls import CERT.pem KEY.pem
//   fumibakoctl --data-dir DIR relay passwd --password-stdin
//   fumibakoctl --data-dir DIR dkim generate|activate|retire|remove|list|dns ...
//   fumibakoctl --data-dir DIR queue list | retry ID | delete ID | show ID
//   fumibakoctl --data-dir DIR mailbox list ADDR | empty ADDR
//   fumibakoctl --data-dir DIR quarantine list [ADDR] [--json] | show ID | release ID... | delete
//   ID... | summary --now
//   fumibakoctl --data-dir DIR filter add|remove|list|common|retention ...
//   fumibakoctl --data-dir DIR forward set|show|clear ADDR ...
//   fumibakoctl --data-dir DIR autoreply set|show|off ADDR ...
//   fumibakoctl --data-dir DIR alias add|del|list ... | group add|del|list ...
// Exit 0 on success; a message on stderr and 1 on error, 2 on bad usage.
#include "common/clock.h"
#include "common/durablefile.h"
#include "service/accountcsv.h"
#include "service/accountservice.h"
#include "service/archiveservice.h"
#include "service/datadir.h"
#include "service/dkimkeys.h"
#include "service/filterservice.h"
#include "service/forwardingservice.h"
#include "service/mailboxservice.h"
#include "service/messagetracking.h"
#include "service/quarantineservice.h"
#include "service/queueservice.h"
#include "service/settings.h"
#include "store/database.h"
#include "store/logstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

using namespace fumibako;

namespace
{

void out(const QString &text)
{
    const QByteArray b = text.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

// Text a sender wrote (a subject, a name) for a terminal: control characters
// (ESC sequences, BEL, NUL, a line break that would forge a line) as U+FFFD.
QString printable(QString text)
{
    for (QChar &c : text)
        if (c.category() == QChar::Other_Control)
            c = QChar::ReplacementCharacter;
    return text;
}

int fail(const QString &text, int code = 1)
{
    const QByteArray b = "fumibakoctl: " + text.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    return code;
}

int usage()
{
    return fail(
        QStringLiteral(
            "usage: fumibakoctl [--data-dir DIR] COMMAND\n"
            "  init --domain DOMAIN [--hostname NAME]\n"
            "  account add ADDR [--admin] [--password-stdin] [--display-name NAME]\n"
            "              [--quota-bytes N] [--quota-messages N]\n"
            "  account list\n"
            "  account passwd ADDR --password-stdin\n"
            "  account disable|enable|del ADDR\n"
            "  account quota ADDR --bytes N --messages N   (0 = unlimited)\n"
            "  account export FILE             (CSV for Excel: UTF-8 with BOM; - for stdout)\n"
            "  account import FILE [--dry-run] (the same columns, plus パスワード; all or "
            "nothing)\n"
            "  config list | config get KEY | config set KEY VALUE\n"
            "  log [--kind KIND] [--address TEXT] [--id ID] [--limit N]\n"
            "  track ID|QUEUE-ID|MESSAGE-ID|ADDRESS [--since YYYY-MM-DD]   (a message's whole "
            "path)\n"
            "  tls import CERT.pem KEY.pem\n"
            "  dkim generate DOMAIN [--algorithm rsa|ed25519] [--selector S]   (inactive until "
            "activated)\n"
            "  dkim activate|retire|remove DOMAIN SELECTOR\n"
            "  dkim list | dkim dns DOMAIN   (DKIM TXT records, suggested SPF and DMARC)\n"
            "  relay passwd --password-stdin   (smarthost password; relay.* settings)\n"
            "  queue list                      (ID, recipient, sender, state, attempts, next try, "
            "last reply)\n"
            "  queue retry ID | queue delete ID | queue show ID   (show: the message's headers)\n"
            "  mailbox list ADDR               (folder, messages, bytes, unseen)\n"
            "  mailbox empty ADDR              (removes every message in the account's INBOX)\n"
            "  quarantine list [ADDR] [--json] (ID, received, account, sender, subject, reason)\n"
            "  quarantine show ID              (the held message, raw)\n"
            "  quarantine release ID...        (into the account's INBOX, unchanged)\n"
            "  quarantine delete ID...\n"
            "  quarantine summary --now        (the Spam Summaries due, sent at once)\n"

            "  filter add|remove (ADDR|--common) (allow|deny) (sender|domain|subject|language) "
            "VALUE\n"
            "  filter list [ADDR|--common] [--json]   (an account's entries and the common ones)\n"
            "  filter common                   (whether the common filter is on and published)\n"
            "  filter common publish|unpublish | filter common on|off [ADDR]\n"
            "  filter retention ADDR DAYS|default   (days its quarantined mail is kept, 1-7)\n"
            "  forward set ADDR --to DEST[,DEST...] (--keep-copy|--no-copy) [--strip-attachments]\n"
            "              [--if-from TEXT] [--if-subject TEXT] [--skip-spam] [--errors-to-me]\n"
            "  forward show ADDR [--json] | forward clear ADDR\n"
            "  autoreply set ADDR --subject TEXT (--body-stdin|--body-file FILE) [--from-name "
            "NAME]\n"
            "              [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--days N] [--charset "
            "utf-8|iso-2022-jp]\n"
            "  autoreply show ADDR [--json] | autoreply off ADDR\n"
            "  alias add ALIAS ACCOUNT | alias del ALIAS | alias list [--json]   (ALIAS @DOMAIN: "
            "catch-all)\n"
            "  group add GROUP MEMBER... | group del GROUP | group list [--json]\n"
            "  archive search QUERY [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--from A] [--to A]\n"
            "              [--direction sent|received] [--account ADDR] [--attachments]\n"
            "              [--limit N] [--before ID] [--json] [--user NAME --password P]\n"
            "  archive show ID | archive export ID... (--mbox FILE | --eml DIR)\n"
            "  archive usage [--json] | archive sweep | archive received DOMAIN on|off\n"
            "  archive user add NAME --password P [--accounts A,B] | user del NAME | user list "
            "[--json]"),
        2);
}

// Options after the subcommand: --flag or --key VALUE.
struct Args {
    QStringList positional;
    QMap<QString, QString> options;
    QSet<QString> flags;
    QString error;
};

Args parseArgs(const QStringList &in, const QSet<QString> &flagNames,
               const QSet<QString> &valueNames)
{
    Args a;
    for (int i = 0; i < in.size(); ++i) {
        const QString &s = in[i];
        if (s.startsWith(QLatin1String("--"))) {
            const QString name = s.mid(2);
            if (flagNames.contains(name)) {
                a.flags.insert(name);
            } else if (valueNames.contains(name)) {
                if (i + 1 >= in.size()) {
                    a.error = QStringLiteral("%1 needs a value").arg(s);
                    return a;
                }
                a.options.insert(name, in[++i]);
            } else {
                a.error = QStringLiteral("unknown option %1").arg(s);
                return a;
            }
        } else {
            a.positional << s;
        }
    }
    return a;
}

QByteArray readPasswordFromStdin()
{
    std::string line;
    std::getline(std::cin, line);
    QByteArray p = QByteArray::fromStdString(line);
    while (p.endsWith('\n') || p.endsWith('\r'))
        p.chop(1);
    return p;
}

// An option's local date; an invalid QDate when the option is absent, nullopt
// (and `error` set) when it is not YYYY-MM-DD.
std::optional<QDate> dateArgument(const Args &a, const QString &name, QString *error)
{
    const QString text = a.options.value(name);
    if (text.isEmpty())
        return QDate();
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid()) {
        *error = QStringLiteral("--%1: expected a date YYYY-MM-DD, got \"%2\"").arg(name, text);
        return std::nullopt;
    }
    return d;
}

bool parseCount(const QString &s, qint64 *value)
{
    bool ok = false;
    *value = s.toLongLong(&ok);
    return ok && *value >= 0;
}

// `account export FILE` and `account import FILE [--dry-run]`.
int accountCsvCommand(const AccountCsv &csv, bool import, const QString &path, bool dryRun)
{
    if (!import) {
        auto bytes = csv.exportAccounts();
        if (!bytes)
            return fail(bytes.error().message);
        if (path == QLatin1String("-")) {
            std::fwrite(bytes->constData(), 1, size_t(bytes->size()), stdout);
            return 0;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() ||
            !file.commit())
            return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return 0;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.read(10 * 1024 * 1024 + 1);
    auto plan = dryRun ? csv.plan(data) : csv.import(data);
    if (!plan)
        return fail(plan.error().message);
    int counts[4] = {};
    for (const AccountImportLine &l : std::as_const(plan->lines)) {
        using Action = AccountImportLine::Action;
        ++counts[int(l.action)];
        switch (l.action) {
        case Action::Create:
            out(QStringLiteral("line %1: create %2%3")
                    .arg(l.line)
                    .arg(printable(l.address),
                         l.generatedPassword.isEmpty()
                             ? QString()
                             : QStringLiteral("\tpassword: ") + l.generatedPassword));
            break;
        case Action::Update:
            out(QStringLiteral("line %1: update %2 (%3)")
                    .arg(l.line)
                    .arg(printable(l.address), l.reason));
            break;
        case Action::Unchanged:
            out(QStringLiteral("line %1: unchanged %2").arg(l.line).arg(printable(l.address)));
            break;
        case Action::Refused:
            out(QStringLiteral("line %1: refused %2: %3")
                    .arg(l.line)
                    .arg(printable(l.address), printable(l.reason)));
            break;
        }
    }
    out(QStringLiteral("%1 to create, %2 to update, %3 unchanged, %4 refused")
            .arg(counts[0])
            .arg(counts[1])
            .arg(counts[2])
            .arg(counts[3]));
    if (plan->refused() > 0) {
        out(QStringLiteral("nothing changed: correct the refused lines and import again"));
        return 1;
    }
    if (!plan->applied) {
        out(QStringLiteral("nothing changed (dry run)"));
        return 0;
    }
    bool generated = false;
    for (const AccountImportLine &l : std::as_const(plan->lines))
        generated = generated || !l.generatedPassword.isEmpty();
    out(generated ? QStringLiteral("imported; the generated passwords are shown only this once")
                  : QStringLiteral("imported"));
    return 0;
}

int accountCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(
        rest.mid(1),
        {QStringLiteral("admin"), QStringLiteral("password-stdin"), QStringLiteral("dry-run")},
        {QStringLiteral("display-name"), QStringLiteral("quota-bytes"),
         QStringLiteral("quota-messages"), QStringLiteral("bytes"), QStringLiteral("messages")});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    AccountService accounts(db, dir.mailRoot());

    if (verb == QLatin1String("list")) {
        auto list = accounts.list();
        if (!list)
            return fail(list.error().message);
        for (const Account &acc : *list)
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                    .arg(acc.address, Account::roleName(acc.role),
                         acc.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"))
                    .arg(acc.usedBytes)
                    .arg(acc.quotaBytes));
        return 0;
    }
    if (verb == QLatin1String("export") || verb == QLatin1String("import")) {
        if (a.positional.size() != 1)
            return usage();
        return accountCsvCommand(AccountCsv(db, dir.mailRoot()), verb == QLatin1String("import"),
                                 a.positional.first(), a.flags.contains(QStringLiteral("dry-run")));
    }
    if (a.positional.size() != 1)
        return usage();
    const QString address = a.positional.first();
    Result<void> r;
    if (verb == QLatin1String("add")) {
        AccountService::NewAccount n;
        n.address = address;
        n.role =
            a.flags.contains(QStringLiteral("admin")) ? Account::Role::Admin : Account::Role::User;
        n.displayName = a.options.value(QStringLiteral("display-name"));
        if (a.options.contains(QStringLiteral("quota-bytes")) &&
            !parseCount(a.options.value(QStringLiteral("quota-bytes")), &n.quotaBytes))
            return fail(QStringLiteral("--quota-bytes needs a whole number"), 2);
        if (a.options.contains(QStringLiteral("quota-messages")) &&
            !parseCount(a.options.value(QStringLiteral("quota-messages")), &n.quotaMessages))
            return fail(QStringLiteral("--quota-messages needs a whole number"), 2);
        if (a.flags.contains(QStringLiteral("password-stdin"))) {
            n.password = readPasswordFromStdin();
            if (auto p = AccountService::checkPassword(n.password); !p)
                return fail(p.error().message);
        }
        auto added = accounts.add(n);
        if (!added)
            return fail(added.error().message);
        if (n.password.isEmpty())
            out(QStringLiteral("%1 added without a password; set one with: fumibakoctl account "
                               "passwd %1 --password-stdin")
                    .arg(added->address));
        return 0;
    } else if (verb == QLatin1String("passwd")) {
        if (!a.flags.contains(QStringLiteral("password-stdin")))
            return fail(
                QStringLiteral("give the new password on standard input with --password-stdin"), 2);
        r = accounts.setPassword(address, readPasswordFromStdin());
    } else if (verb == QLatin1String("disable") || verb == QLatin1String("enable")) {
        r = accounts.setEnabled(address, verb == QLatin1String("enable"));
    } else if (verb == QLatin1String("del")) {
        r = accounts.remove(address);
    } else if (verb == QLatin1String("quota")) {
        qint64 bytes = 0, messages = 0;
        if (!a.options.contains(QStringLiteral("bytes")) &&
            !a.options.contains(QStringLiteral("messages")))
            return fail(QStringLiteral("account quota needs --bytes N and/or --messages N"), 2);
        auto current = accounts.find(address);
        if (!current)
            return fail(current.error().message);
        bytes = current->quotaBytes;
        messages = current->quotaMessages;
        if (a.options.contains(QStringLiteral("bytes")) &&
            !parseCount(a.options.value(QStringLiteral("bytes")), &bytes))
            return fail(QStringLiteral("--bytes needs a whole number"), 2);
        if (a.options.contains(QStringLiteral("messages")) &&
            !parseCount(a.options.value(QStringLiteral("messages")), &messages))
            return fail(QStringLiteral("--messages needs a whole number"), 2);
        r = accounts.setQuota(address, bytes, messages);
    } else {
        return usage();
    }
    return r ? 0 : fail(r.error().message);
}

int configCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    const QString verb = rest.first();
    if (verb == QLatin1String("list") && rest.size() == 1) {
        auto s = Settings::load(db);
        if (!s)
            return fail(s.error().message);
        for (const SettingSpec &spec : Settings::specs())
            out(spec.key + QLatin1Char('\t') + s->value(spec.key));
        return 0;
    }
    if (verb == QLatin1String("get") && rest.size() == 2) {
        if (!Settings::spec(rest[1]))
            return fail(QStringLiteral("unknown setting: %1").arg(rest[1]));
        auto s = Settings::load(db);
        if (!s)
            return fail(s.error().message);
        out(s->value(rest[1]));
        return 0;
    }
    if (verb == QLatin1String("set") && rest.size() == 3) {
        auto r = Settings::store(db, rest[1], rest[2]);
        return r ? 0 : fail(r.error().message);
    }
    return usage();
}

int logCommand(const DataDir &dir, const QStringList &rest)
{
    Args a = parseArgs(rest, {},
                       {QStringLiteral("kind"), QStringLiteral("address"), QStringLiteral("id"),
                        QStringLiteral("limit")});
    if (!a.error.isEmpty() || !a.positional.isEmpty())
        return a.error.isEmpty() ? usage() : fail(a.error, 2);
    Database db(dir.databaseFile());
    LogFilter f;
    f.address = a.options.value(QStringLiteral("address"));
    f.messageId = a.options.value(QStringLiteral("id"));
    if (a.options.contains(QStringLiteral("kind"))) {
        f.kind = LogEntry::kindFromName(a.options.value(QStringLiteral("kind")));
        if (!f.kind)
            return fail(
                QStringLiteral("unknown log kind: %1").arg(a.options.value(QStringLiteral("kind"))),
                2);
    }
    if (a.options.contains(QStringLiteral("limit")))
        f.limit = a.options.value(QStringLiteral("limit")).toInt();
    auto entries = LogStore(db).query(f);
    if (!entries)
        return fail(entries.error().message);
    for (auto it = entries->crbegin(); it != entries->crend(); ++it)
        out(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                .arg(it->time.toLocalTime().toString(Qt::ISODate), LogEntry::kindName(it->kind),
                     it->peer, printable(it->address), printable(it->text)));
    return 0;
}

// `track WHAT [--since D]`: each message WHAT names, then the copies it
// became, every line from its receipt to its last delivery attempt.
int trackCommand(const DataDir &dir, const QStringList &rest)
{
    Args a = parseArgs(rest, {}, {QStringLiteral("since")});
    if (!a.error.isEmpty() || a.positional.size() != 1)
        return a.error.isEmpty() ? usage() : fail(a.error, 2);
    QString error;
    const auto day = dateArgument(a, QStringLiteral("since"), &error);
    if (!day)
        return fail(error, 2);
    const QDateTime since = day->isValid() ? day->startOfDay() : QDateTime();
    Database db(dir.databaseFile());
    auto messages = MessageTracking(db).track(a.positional.first(), since);
    if (!messages)
        return fail(messages.error().message);
    for (const TrackedMessage &m : std::as_const(*messages)) {
        out(m.parentId.isEmpty()
                ? QStringLiteral("message id=%1").arg(m.id)
                : QStringLiteral("message id=%1 (a copy of id=%2)").arg(m.id, m.parentId));
        for (const LogEntry &e : m.lines)
            out(QStringLiteral("  %1\t%2\t%3\t%4\t%5\t%6")
                    .arg(e.time.toLocalTime().toString(Qt::ISODate), LogEntry::kindName(e.kind),
                         e.peer, printable(e.address), e.result, printable(e.text)));
    }
    return 0;
}

int tlsCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.size() != 3 || rest[0] != QLatin1String("import"))
        return usage();
    QFile cert(rest[1]), key(rest[2]);
    if (!cert.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(rest[1]));
    if (!key.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(rest[2]));
    auto r = dir.importCertificate(cert.readAll(), key.readAll());
    if (!r)
        return fail(r.error().message);
    out(QStringLiteral("certificate imported; restart the server to use it"));
    return 0;
}

// DKIM keys (service/dkimkeys.h): files under <data dir>/dkim, the signing
// set in the setting dkim.selectors. Generating prints the record to publish;
// activating makes the next server start sign with the key.
int dkimCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(rest.mid(1), {}, {QStringLiteral("algorithm"), QStringLiteral("selector")});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    const qsizetype want = verb == QLatin1String("generate") || verb == QLatin1String("dns") ? 1
                           : verb == QLatin1String("list")                                   ? 0
                                                                                             : 2;
    if (verb != QLatin1String("generate") && !a.options.isEmpty())
        return usage();
    if (a.positional.size() != want)
        return usage();
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    DkimKeyStore keys(dir, db);
    // SPF and DMARC records are short: one character-string each (RFC 1035 3.3.14).
    const auto record = [](const QString &name, const QString &text) {
        return name + QStringLiteral(". IN TXT \"") + text + QLatin1Char('"');
    };

    if (verb == QLatin1String("generate")) {
        const QString algorithm =
            a.options.value(QStringLiteral("algorithm"), QStringLiteral("rsa"));
        if (algorithm != QLatin1String("rsa") && algorithm != QLatin1String("ed25519"))
            return fail(QStringLiteral("--algorithm must be rsa or ed25519"), 2);
        auto key =
            keys.generate(a.positional[0],
                          algorithm == QLatin1String("rsa") ? DkimKey::Algorithm::RsaSha256
                                                            : DkimKey::Algorithm::Ed25519Sha256,
                          a.options.value(QStringLiteral("selector")));
        if (!key)
            return fail(key.error().message);
        out(QString::fromLatin1(key->zoneFileRecord()));
        out(QStringLiteral("# publish this TXT record, then: fumibakoctl dkim activate %1 %2")
                .arg(key->domain(), key->selector()));
        return 0;
    }
    if (verb == QLatin1String("list")) {
        auto list = keys.list();
        if (!list)
            return fail(list.error().message);
        for (const DkimKeyInfo &k : std::as_const(*list))
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7")
                    .arg(k.domain, k.selector,
                         QString::fromLatin1(DkimKey::algorithmName(k.algorithm)),
                         k.active ? QStringLiteral("active") : QStringLiteral("inactive"),
                         k.created.toString(Qt::ISODate), k.dnsName,
                         QString::fromLatin1(k.txtRecord)));
        return 0;
    }
    if (verb == QLatin1String("dns")) {
        auto domain = DkimKeyStore::checkDomain(a.positional[0]);
        if (!domain)
            return fail(domain.error().message);
        auto list = keys.list();
        auto settings = Settings::load(db);
        if (!list || !settings)
            return fail(!list ? list.error().message : settings.error().message);
        bool any = false;
        for (const DkimKeyInfo &k : std::as_const(*list)) {
            if (k.domain != *domain)
                continue;
            any = true;
            out(QStringLiteral("; DKIM %1 (%2)")
                    .arg(k.selector,
                         k.active ? QStringLiteral("signing") : QStringLiteral("not signing")));
            out(QString::fromLatin1(k.zoneFileRecord));
        }
        if (!any)
            out(QStringLiteral("; no DKIM key for %1 yet: fumibakoctl dkim generate %1")
                    .arg(*domain));
        const QString relay = settings->value(QStringLiteral("relay.host"));
        out(QStringLiteral("; SPF: the domain's MX hosts and %1")
                .arg(relay.isEmpty() ? QStringLiteral("this server (server.hostname)")
                                     : QStringLiteral("the smarthost (relay.host; use the include: "
                                                      "your provider documents, if any)")));
        out(record(*domain,
                   DkimKeyStore::spfRecord(
                       *domain, settings->value(QStringLiteral("server.hostname")), relay)));
        out(QStringLiteral("; DMARC: monitoring only (p=none), aggregate reports to postmaster"));
        out(record(QStringLiteral("_dmarc.") + *domain, DkimKeyStore::dmarcRecord(*domain)));
        return 0;
    }
    Result<void> r;
    QString done;
    if (verb == QLatin1String("activate")) {
        r = keys.activate(a.positional[0], a.positional[1]);
        done = QStringLiteral("%1 signs with %2 from the next server start");
    } else if (verb == QLatin1String("retire")) {
        r = keys.retire(a.positional[0], a.positional[1]);
        done = QStringLiteral("%1 no longer signs with %2 from the next server start; keep its DNS "
                              "record a few days");
    } else if (verb == QLatin1String("remove")) {
        r = keys.remove(a.positional[0], a.positional[1]);
        done = QStringLiteral("%1's key %2 deleted; its DNS record can go");
    } else {
        return usage();
    }
    if (!r)
        return fail(r.error().message);
    out(done.arg(a.positional[0].toLower(), a.positional[1].toLower()));
    return 0;
}

// The smarthost password goes to a 0600 file in the data dir, never into the
// settings (which `config list` prints) or onto the command line (ps shows it).
int relayCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.size() != 2 || rest[0] != QLatin1String("passwd") ||
        rest[1] != QLatin1String("--password-stdin"))
        return usage();
    auto r = dir.setRelayPassword(readPasswordFromStdin());
    if (!r)
        return fail(r.error().message);
    out(QStringLiteral("smarthost password saved; restart the server to use it"));
    return 0;
}

// The outbound queue, while the server runs or not. "retry" makes the
// message due now (a running fumibakod sends it at its next scan, within a
// minute); "delete" removes it for every recipient, unsent.
int queueCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    qint64 id = 0;
    if (verb == QLatin1String("list")) {
        if (rest.size() != 1)
            return usage();
    } else if (verb == QLatin1String("retry") || verb == QLatin1String("delete") ||
               verb == QLatin1String("show")) {
        bool ok = false;
        id = rest.size() == 2 ? rest[1].toLongLong(&ok) : 0;
        if (!ok || id <= 0)
            return rest.size() == 2
                       ? fail(QStringLiteral("queue %1 needs a message ID from queue list")
                                  .arg(verb),
                              2)
                       : usage();
    } else {
        return usage();
    }
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    QueueService queue(db, dir);
    if (verb == QLatin1String("list")) {
        auto entries = queue.list();
        if (!entries)
            return fail(entries.error().message);
        auto time = [](qint64 secs) {
            return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs).toString(Qt::ISODate)
                            : QStringLiteral("-");
        };
        for (const QueueEntry &e : std::as_const(*entries))
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7")
                    .arg(QString::number(e.queueId), e.recipient,
                         e.sender.isEmpty() ? QStringLiteral("<>") : e.sender,
                         QueuedRecipient::stateName(e.state), QString::number(e.attempts),
                         e.state == QueueEntry::State::Queued ||
                                 e.state == QueueEntry::State::Deferred
                             ? (e.nextTry > QDateTime::currentSecsSinceEpoch()
                                    ? time(e.nextTry)
                                    : QStringLiteral("now"))
                             : QStringLiteral("-"),
                         e.lastReply));
        return 0;
    }
    if (verb == QLatin1String("show")) {
        auto headers = queue.headers(id);
        if (!headers)
            return fail(headers.error().message);
        std::fwrite(headers->constData(), 1, size_t(headers->size()), stdout);
        return 0;
    }
    if (verb == QLatin1String("retry")) {
        if (auto r = queue.retryNow(id); !r)
            return fail(r.error().message);
        out(QStringLiteral("message %1 will be retried at the queue's next scan (within a minute)")
                .arg(id));
        return 0;
    }
    if (auto r = queue.remove(id); !r)
        return fail(r.error().message);
    out(QStringLiteral("message %1 deleted from the queue").arg(id));
    return 0;
}

// The console's mailbox tab from the shell (MailboxService): folders with their
// counts, and メールボックスの初期化 — emptying INBOX. A running server's IMAP
// sessions see the change at their next command, IDLE ones within
// imap.idle_check_interval.
int mailboxCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.size() != 2 || (rest[0] != QLatin1String("list") && rest[0] != QLatin1String("empty")))
        return usage();
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    MailboxService mailboxes(db, dir.mailRoot());
    if (rest[0] == QLatin1String("list")) {
        auto list = mailboxes.mailboxes(rest[1]);
        if (!list)
            return fail(list.error().message);
        for (const MailboxSummary &m : std::as_const(*list))
            out(QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(m.name, QString::number(m.messages), QString::number(m.bytes),
                         QString::number(m.unseen)));
        return 0;
    }
    auto removed = mailboxes.emptyInbox(rest[1]);
    if (!removed)
        return fail(removed.error().message);
    out(QStringLiteral("%1 messages removed from the INBOX of %2")
            .arg(*removed)
            .arg(rest[1].trimmed()));
    return 0;
}

// The archive (送信メール保管 / メールアーカイブ). `search --json` and `show`
// are a contract scripts outside the project rely on: one object per line
// with id, date, direction, from, to, subject (and sender, recipients, size,
// attachments); show prints the message exactly as it was sent. Searches and
// exports are audited as "fumibakoctl", or as the search user given.
int archiveCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a =
        parseArgs(rest.mid(1), {QStringLiteral("json"), QStringLiteral("attachments")},
                  {QStringLiteral("since"), QStringLiteral("until"), QStringLiteral("from"),
                   QStringLiteral("to"), QStringLiteral("direction"), QStringLiteral("account"),
                   QStringLiteral("limit"), QStringLiteral("before"), QStringLiteral("user"),
                   QStringLiteral("password"), QStringLiteral("mbox"), QStringLiteral("eml"),
                   QStringLiteral("accounts")});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    ArchiveService archive(db, dir, Clock::system());
    const bool json = a.flags.contains(QStringLiteral("json"));

    ArchiveService::Searcher who = ArchiveService::Searcher::admin(QStringLiteral("fumibakoctl"));
    if (a.options.contains(QStringLiteral("user"))) {
        auto s = archive.authenticate(a.options.value(QStringLiteral("user")),
                                      a.options.value(QStringLiteral("password")));
        if (!s)
            return fail(s.error().message);
        who = *s;
    }
    auto ids = [&a](QList<qint64> *out) {
        for (const QString &p : std::as_const(a.positional)) {
            bool ok = false;
            const qint64 id = p.toLongLong(&ok);
            if (!ok || id <= 0)
                return false;
            *out << id;
        }
        return !out->isEmpty();
    };

    if (verb == QLatin1String("search")) {
        if (a.positional.size() > 1)
            return usage();
        ArchiveQuery q;
        q.text = a.positional.value(0);
        // Local dates; --until is the last day included.
        for (const auto &[name, field, plusDay] :
             {std::tuple{QStringLiteral("since"), &q.since, 0},
              std::tuple{QStringLiteral("until"), &q.until, 1}}) {
            QString error;
            const auto d = dateArgument(a, name, &error);
            if (!d)
                return fail(error, 2);
            if (d->isValid())
                *field = d->addDays(plusDay).startOfDay().toSecsSinceEpoch();
        }
        q.from = a.options.value(QStringLiteral("from"));
        q.to = a.options.value(QStringLiteral("to"));
        if (a.options.contains(QStringLiteral("direction"))) {
            const QString d = a.options.value(QStringLiteral("direction"));
            if (d == QLatin1String("sent"))
                q.direction = ArchiveDirection::Sent;
            else if (d == QLatin1String("received"))
                q.direction = ArchiveDirection::Received;
            else
                return fail(QStringLiteral("--direction is sent or received"), 2);
        }
        if (a.options.contains(QStringLiteral("account")))
            q.accounts << a.options.value(QStringLiteral("account")).toLower();
        if (a.flags.contains(QStringLiteral("attachments")))
            q.hasAttachments = true;
        qint64 n = 50;
        if (a.options.contains(QStringLiteral("limit")) &&
            (!parseCount(a.options.value(QStringLiteral("limit")), &n) || n < 1 || n > 1000))
            return fail(QStringLiteral("--limit is 1 to 1000"), 2);
        q.limit = int(n);
        if (a.options.contains(QStringLiteral("before")) &&
            !parseCount(a.options.value(QStringLiteral("before")), &q.before))
            return fail(QStringLiteral("--before needs an ID"), 2);
        auto page = archive.search(q, who);
        if (!page)
            return fail(page.error().message);
        for (const ArchiveEntry &e : std::as_const(page->entries)) {
            QDateTime at = QDateTime::fromSecsSinceEpoch(e.receivedAt);
            const QString date = at.toOffsetFromUtc(at.offsetFromUtc()).toString(Qt::ISODate);
            if (!json) {
                out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                        .arg(QString::number(e.id), date, directionName(e.direction),
                             printable(e.from), printable(e.to), printable(e.subject)));
                continue;
            }
            QJsonObject o{{QStringLiteral("id"), e.id},
                          {QStringLiteral("date"), date},
                          {QStringLiteral("direction"), directionName(e.direction)},
                          {QStringLiteral("from"), e.from},
                          {QStringLiteral("to"), e.to},
                          {QStringLiteral("subject"), e.subject},
                          {QStringLiteral("sender"), e.sender},
                          {QStringLiteral("recipients"), QJsonArray::fromStringList(e.recipients)},
                          {QStringLiteral("accounts"), QJsonArray::fromStringList(e.accounts)},
                          {QStringLiteral("size"), e.size},
                          {QStringLiteral("attachments"), e.hasAttachments},
                          {QStringLiteral("message_id"), e.headerMessageId},
                          {QStringLiteral("tracking_id"), e.trackingId}};
            out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        }
        if (page->more && !json)
            out(QStringLiteral("(more: --before %1)").arg(page->entries.last().id));
        return 0;
    }
    if (verb == QLatin1String("show")) {
        QList<qint64> list;
        if (a.positional.size() != 1 || !ids(&list))
            return fail(QStringLiteral("archive show needs one ID from archive search"), 2);
        auto raw = archive.raw(list.first(), who);
        if (!raw)
            return fail(raw.error().message);
        std::fwrite(raw->constData(), 1, size_t(raw->size()), stdout);
        return 0;
    }
    if (verb == QLatin1String("export")) {
        QList<qint64> list;
        if (!ids(&list))
            return fail(QStringLiteral("archive export needs IDs from archive search"), 2);
        const bool mbox = a.options.contains(QStringLiteral("mbox"));
        if (mbox == a.options.contains(QStringLiteral("eml")))
            return fail(QStringLiteral("archive export needs --mbox FILE or --eml DIR"), 2);
        const Result<void> r =
            mbox ? archive.exportMbox(list, a.options.value(QStringLiteral("mbox")), who)
                 : archive.exportEml(list, a.options.value(QStringLiteral("eml")), who);
        if (!r)
            return fail(r.error().message);
        out(QStringLiteral("%1 messages exported").arg(list.size()));
        return 0;
    }
    if (verb == QLatin1String("usage")) {
        auto u = archive.usage();
        if (!u)
            return fail(u.error().message);
        if (json) {
            out(QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("entries"), u->entries},
                                          {QStringLiteral("messages"), u->messages},
                                          {QStringLiteral("stored_bytes"), u->storedBytes},
                                          {QStringLiteral("index_bytes"), u->indexBytes},
                                          {QStringLiteral("used_bytes"), u->usedBytes()},
                                          {QStringLiteral("cap_bytes"), u->capBytes},
                                          {QStringLiteral("pending"), u->pending},
                                          {QStringLiteral("oldest"), u->oldest},
                                          {QStringLiteral("newest"), u->newest}})
                    .toJson(QJsonDocument::Compact)));
            return 0;
        }
        out(QStringLiteral("entries %1, messages %2, used %3 of %4 bytes (%5 %)")
                .arg(u->entries)
                .arg(u->messages)
                .arg(u->usedBytes())
                .arg(u->capBytes)
                .arg(u->capBytes > 0 ? u->usedBytes() * 100 / u->capBytes : 0));
        return 0;
    }
    if (verb == QLatin1String("sweep")) {
        auto deleted = archive.sweep();
        if (!deleted)
            return fail(deleted.error().message);
        out(QStringLiteral("%1 archived messages deleted").arg(*deleted));
        return 0;
    }
    if (verb == QLatin1String("received")) {
        if (a.positional.size() != 2 ||
            (a.positional[1] != QLatin1String("on") && a.positional[1] != QLatin1String("off")))
            return usage();
        if (auto r =
                archive.setKeepReceived(a.positional[0], a.positional[1] == QLatin1String("on"),
                                        QStringLiteral("fumibakoctl"));
            !r)
            return fail(r.error().message);
        out(QStringLiteral("received mail of %1: %2 (applies to mail received from now on)")
                .arg(a.positional[0], a.positional[1] == QLatin1String("on")
                                          ? QStringLiteral("kept")
                                          : QStringLiteral("not kept")));
        return 0;
    }
    if (verb == QLatin1String("user")) {
        const QString sub = a.positional.value(0);
        if (sub == QLatin1String("list")) {
            auto users = archive.searchUsers();
            if (!users)
                return fail(users.error().message);
            for (const ArchiveSearchUser &u : std::as_const(*users)) {
                if (json)
                    out(QString::fromUtf8(
                        QJsonDocument(QJsonObject{{QStringLiteral("name"), u.name},
                                                  {QStringLiteral("accounts"),
                                                   QJsonArray::fromStringList(u.accounts)}})
                            .toJson(QJsonDocument::Compact)));
                else
                    out(u.name + QLatin1Char('\t') +
                        (u.accounts.isEmpty() ? QStringLiteral("(every account)")
                                              : u.accounts.join(QLatin1Char(','))));
            }
            return 0;
        }
        if (a.positional.size() != 2)
            return usage();
        const QString name = a.positional[1];
        if (sub == QLatin1String("add")) {
            if (!a.options.contains(QStringLiteral("password")))
                return fail(QStringLiteral("archive user add needs --password"), 2);
            const QString accounts = a.options.value(QStringLiteral("accounts"));
            if (auto r = archive.addSearchUser(
                    name, a.options.value(QStringLiteral("password")),
                    accounts.isEmpty() ? QStringList() : accounts.split(QLatin1Char(',')),
                    QStringLiteral("fumibakoctl"));
                !r)
                return fail(r.error().message);
            out(QStringLiteral("search user %1 added").arg(name));
            return 0;
        }
        if (sub == QLatin1String("del")) {
            if (auto r = archive.removeSearchUser(name, QStringLiteral("fumibakoctl")); !r)
                return fail(r.error().message);
            out(QStringLiteral("search user %1 deleted").arg(name));
            return 0;
        }
    }
    return usage();
}

// The quarantine (スパムボックス), as the console's 迷惑メール page has it. The
// list's --json form is a contract scripts outside the project rely on: one
// object per line with id, account, received, sender, subject (decoded),
// reason — keep those names. Release and delete are audited as "fumibakoctl".
int quarantineCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(rest.mid(1), {QStringLiteral("json"), QStringLiteral("now")}, {});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    QList<qint64> ids;
    if (verb == QLatin1String("summary")) {
        // --now is required: the daily run is the server's (scan.summary_time).
        if (!a.positional.isEmpty() || a.flags != QSet<QString>{QStringLiteral("now")})
            return usage();
    } else if (a.flags.contains(QStringLiteral("now"))) {
        return usage();
    } else if (verb == QLatin1String("list")) {
        if (a.positional.size() > 1)
            return usage();
    } else if (verb == QLatin1String("show") || verb == QLatin1String("release") ||
               verb == QLatin1String("delete")) {
        if (a.positional.isEmpty() || !a.flags.isEmpty() ||
            (verb == QLatin1String("show") && a.positional.size() != 1))
            return usage();
        for (const QString &p : std::as_const(a.positional)) {
            bool ok = false;
            const qint64 id = p.toLongLong(&ok);
            if (!ok || id <= 0)
                return fail(
                    QStringLiteral("quarantine %1 needs IDs from quarantine list").arg(verb), 2);
            ids << id;
        }
    } else {
        return usage();
    }
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    QuarantineService quarantine(db, dir, Clock::system());
    if (verb == QLatin1String("list")) {
        auto entries = quarantine.list(a.positional.value(0));
        if (!entries)
            return fail(entries.error().message);
        const bool json = a.flags.contains(QStringLiteral("json"));
        for (const QuarantineEntry &e : std::as_const(*entries)) {
            const QuarantinedMessage &m = e.message;
            const QString reason = m.reasonKind + QStringLiteral(": ") + m.reason;
            if (!json) {
                out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                        .arg(QString::number(m.id), e.received.toString(Qt::ISODate), m.account,
                             m.sender.isEmpty() ? QStringLiteral("<>") : printable(m.sender),
                             printable(e.subject), printable(reason)));
                continue;
            }
            QJsonObject o{{QStringLiteral("id"), m.id},
                          {QStringLiteral("account"), m.account},
                          {QStringLiteral("recipient"), m.recipient},
                          {QStringLiteral("received"), e.received.toString(Qt::ISODateWithMs)},
                          {QStringLiteral("sender"), m.sender},
                          {QStringLiteral("subject"), e.subject},
                          {QStringLiteral("message_id"), m.headerMessageId},
                          {QStringLiteral("size"), m.size},
                          {QStringLiteral("reason"), reason},
                          {QStringLiteral("reason_kind"), m.reasonKind},
                          {QStringLiteral("tracking_id"), m.trackingId}};
            if (m.score)
                o.insert(QStringLiteral("score"), *m.score);
            if (!m.rules.isEmpty())
                o.insert(QStringLiteral("rules"),
                         QJsonDocument::fromJson(m.rules.toUtf8()).array());
            out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        }
        return 0;
    }
    if (verb == QLatin1String("summary")) {
        auto sent = quarantine.sendSummaries();
        if (!sent)
            return fail(sent.error().message);
        for (const QString &account : std::as_const(*sent))
            out(QStringLiteral("Spam Summary sent to %1").arg(account));
        if (sent->isEmpty())
            out(QStringLiteral("no Spam Summary due: nothing was held since the last one"));
        return 0;
    }
    if (verb == QLatin1String("show")) {
        auto raw = quarantine.raw(ids.first());
        if (!raw)
            return fail(raw.error().message);
        std::fwrite(raw->constData(), 1, size_t(raw->size()), stdout);
        return 0;
    }
    // Each ID on its own: one that fails is named and the others still go.
    int status = 0;
    const QString who = QStringLiteral("fumibakoctl");
    for (qint64 id : std::as_const(ids)) {
        const Result<void> r = verb == QLatin1String("release") ? quarantine.release(id, who)
                                                                : quarantine.remove(id, who);
        if (!r) {
            status = fail(QStringLiteral("message %1: %2").arg(id).arg(r.error().message));
            continue;
        }
        out(verb == QLatin1String("release")
                ? QStringLiteral("message %1 released into the INBOX").arg(id)
                : QStringLiteral("message %1 deleted from the quarantine").arg(id));
    }
    return status;
}

// The spam filters (迷惑メールフィルタ): an account's own allow and deny
// lists or the common filter's (--common), the common filter published and
// switched on or off (for everyone, or for one account), and an account's
// quarantine retention. Changes are audited as "fumibakoctl". A running
// server sees them with the next message (a first entry on a server that had
// none, within a second): the filters are read per message.
int filterCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(rest.mid(1), {QStringLiteral("common"), QStringLiteral("json")}, {});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    const bool common = a.flags.contains(QStringLiteral("common"));
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    const FilterService filters(db, Clock::system());
    const QString who = QStringLiteral("fumibakoctl");
    if (verb == QLatin1String("add") || verb == QLatin1String("remove")) {
        QStringList p = a.positional;
        const QString address = common ? QString() : p.value(0);
        if (!common)
            p = p.mid(1);
        if (address.isEmpty() == !common || p.size() < 3)
            return usage();
        const auto list = FilterEntry::listFromName(p[0]);
        const auto field = FilterEntry::fieldFromName(p[1]);
        if (!list || !field)
            return usage();
        // A subject of several words may come unquoted.
        const QString value = p.mid(2).join(QLatin1Char(' '));
        if (verb == QLatin1String("add")) {
            auto e = filters.add(address, *list, *field, value, who);
            if (!e)
                return fail(e.error().message);
            out(QStringLiteral("added: %1").arg(e->describe()));
            return 0;
        }
        if (auto r = filters.remove(address, *list, *field, value, who); !r)
            return fail(r.error().message);
        out(QStringLiteral("removed: %1 %2 %3").arg(p[0], p[1], value));
        return 0;
    }
    if (verb == QLatin1String("list")) {
        if (a.positional.size() > 1 || (common && !a.positional.isEmpty()))
            return usage();
        auto view = filters.view(common ? QString() : a.positional.value(0));
        if (!view)
            return fail(view.error().message);
        const bool forAccount = !view->account.isEmpty();
        const bool json = a.flags.contains(QStringLiteral("json"));
        const auto print = [json](const FilterEntry &e, const QString &scope, bool applies) {
            if (json) {
                const QJsonObject o{{QStringLiteral("id"), e.id},
                                    {QStringLiteral("scope"), scope},
                                    {QStringLiteral("list"), FilterEntry::listName(e.list)},
                                    {QStringLiteral("field"), FilterEntry::fieldName(e.field)},
                                    {QStringLiteral("value"), e.value},
                                    {QStringLiteral("applies"), applies}};
                out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                return;
            }
            out(QStringLiteral("%1\t%2\t%3\t%4%5")
                    .arg(scope, FilterEntry::listName(e.list), FilterEntry::fieldName(e.field),
                         e.value, applies ? QString() : QStringLiteral("\t(off)")));
        };
        for (const FilterEntry &e : std::as_const(view->own))
            print(e, QStringLiteral("own"), true);
        const bool commonApplies = forAccount ? view->commonApplies() : view->commonState.enabled;
        for (const FilterEntry &e : std::as_const(view->common))
            print(e, QStringLiteral("common"), commonApplies);
        return 0;
    }
    if (verb == QLatin1String("common")) {
        const QString what = a.positional.value(0);
        if (what.isEmpty()) {
            auto state = filters.common();
            if (!state)
                return fail(state.error().message);
            out(QStringLiteral("common filter: %1, %2")
                    .arg(state->enabled ? QStringLiteral("on") : QStringLiteral("off"),
                         state->published ? QStringLiteral("published")
                                          : QStringLiteral("not published")));
            return 0;
        }
        Result<void> r;
        if ((what == QLatin1String("publish") || what == QLatin1String("unpublish")) &&
            a.positional.size() == 1)
            r = filters.setCommonPublished(what == QLatin1String("publish"), who);
        else if ((what == QLatin1String("on") || what == QLatin1String("off")) &&
                 a.positional.size() <= 2)
            r = filters.setCommonEnabled(a.positional.value(1), what == QLatin1String("on"), who);
        else
            return usage();
        if (!r)
            return fail(r.error().message);
        out(QStringLiteral("common filter %1%2")
                .arg(what == QLatin1String("publish")     ? QStringLiteral("published")
                     : what == QLatin1String("unpublish") ? QStringLiteral("unpublished")
                                                          : QStringLiteral("switched ") + what,
                     a.positional.size() == 2 ? QStringLiteral(" for ") + a.positional[1]
                                              : QString()));
        return 0;
    }
    if (verb == QLatin1String("retention")) {
        if (a.positional.size() != 2)
            return usage();
        std::optional<int> days;
        if (a.positional[1] != QLatin1String("default")) {
            bool ok = false;
            days = a.positional[1].toInt(&ok);
            if (!ok)
                return fail(QStringLiteral("retention needs a number of days or \"default\""), 2);
        }
        if (auto r = filters.setRetention(a.positional[0], days, who); !r)
            return fail(r.error().message);
        out(QStringLiteral("quarantine retention of %1: %2")
                .arg(a.positional[0], days ? QStringLiteral("%1 days").arg(*days)
                                           : QStringLiteral("the server's default")));
        return 0;
    }
    return usage();
}

// Forwarding (転送設定), auto-reply (自動返信設定), aliases and group
// addresses, through ForwardingService (the console's path too), audited as
// "fumibakoctl". The server reads them with each recipient, so a change holds
// from the next message on.
QJsonObject forwardJson(const QString &address, const std::optional<ForwardRule> &rule)
{
    QJsonObject o;
    o[QStringLiteral("address")] = address.toLower();
    o[QStringLiteral("to")] = QJsonArray::fromStringList(rule ? rule->destinations : QStringList());
    if (rule) {
        o[QStringLiteral("keep_copy")] = rule->keepCopy;
        o[QStringLiteral("strip_attachments")] = rule->stripAttachments;
        o[QStringLiteral("if_from")] = rule->ifFrom;
        o[QStringLiteral("if_subject")] = rule->ifSubject;
        o[QStringLiteral("skip_spam")] = rule->skipSpam;
        o[QStringLiteral("errors_to_me")] = rule->errorsToMe;
    }
    return o;
}

int forwardCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.size() < 2)
        return usage();
    const QString verb = rest.first();
    Args a =
        parseArgs(rest.mid(1),
                  {QStringLiteral("keep-copy"), QStringLiteral("no-copy"),
                   QStringLiteral("strip-attachments"), QStringLiteral("skip-spam"),
                   QStringLiteral("errors-to-me"), QStringLiteral("json")},
                  {QStringLiteral("to"), QStringLiteral("if-from"), QStringLiteral("if-subject")});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    if (a.positional.size() != 1)
        return usage();
    const QString address = a.positional.first();
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    const ForwardingService service(db, Clock::system());
    const QString who = QStringLiteral("fumibakoctl");
    if (verb == QLatin1String("set")) {
        const bool keep = a.flags.contains(QStringLiteral("keep-copy"));
        const bool noCopy = a.flags.contains(QStringLiteral("no-copy"));
        if (keep == noCopy || !a.options.contains(QStringLiteral("to")))
            return fail(QStringLiteral("forward set needs --to and one of --keep-copy, --no-copy"),
                        2);
        ForwardRule rule;
        rule.destinations =
            a.options.value(QStringLiteral("to")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        rule.keepCopy = keep;
        rule.stripAttachments = a.flags.contains(QStringLiteral("strip-attachments"));
        rule.ifFrom = a.options.value(QStringLiteral("if-from"));
        rule.ifSubject = a.options.value(QStringLiteral("if-subject"));
        rule.skipSpam = a.flags.contains(QStringLiteral("skip-spam"));
        rule.errorsToMe = a.flags.contains(QStringLiteral("errors-to-me"));
        if (auto r = service.setForward(address, rule, who); !r)
            return fail(r.error().message);
        auto mutual = service.mutualForwards(address, rule);
        if (mutual && !mutual->isEmpty())
            fail(QStringLiteral("warning: %1 forward(s) back to %2; such mail stops at the loop "
                                "check with an error to its sender")
                     .arg(mutual->join(QStringLiteral(", ")), address.toLower()));
        out(QStringLiteral("forwarding of %1 set").arg(address.toLower()));
        return 0;
    }
    if (verb == QLatin1String("show")) {
        auto rule = service.forward(address);
        if (!rule)
            return fail(rule.error().message);
        if (a.flags.contains(QStringLiteral("json"))) {
            out(QString::fromUtf8(
                QJsonDocument(forwardJson(address, *rule)).toJson(QJsonDocument::Compact)));
            return 0;
        }
        if (!*rule) {
            out(QStringLiteral("%1: no forwarding").arg(address.toLower()));
            return 0;
        }
        const ForwardRule &f = **rule;
        out(QStringLiteral("%1: forwards to %2")
                .arg(address.toLower(), f.destinations.join(QStringLiteral(", "))));
        out(QStringLiteral("  copy: %1")
                .arg(f.keepCopy ? QStringLiteral("kept") : QStringLiteral("not kept")));
        out(QStringLiteral("  attachments: %1")
                .arg(f.stripAttachments ? QStringLiteral("removed") : QStringLiteral("forwarded")));
        if (!f.ifFrom.isEmpty())
            out(QStringLiteral("  only if the sender contains: %1").arg(f.ifFrom));
        if (!f.ifSubject.isEmpty())
            out(QStringLiteral("  only if the subject contains: %1").arg(f.ifSubject));
        out(QStringLiteral("  spam: %1")
                .arg(f.skipSpam ? QStringLiteral("not forwarded") : QStringLiteral("forwarded")));
        out(QStringLiteral("  errors from destinations: %1")
                .arg(f.errorsToMe ? QStringLiteral("to this account")
                                  : QStringLiteral("to the sender, destination not shown")));
        return 0;
    }
    if (verb == QLatin1String("clear")) {
        if (auto r = service.clearForward(address, who); !r)
            return fail(r.error().message);
        out(QStringLiteral("forwarding of %1 cleared").arg(address.toLower()));
        return 0;
    }
    return usage();
}

int autoreplyCommand(const DataDir &dir, const QStringList &rest)
{
    if (rest.size() < 2)
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(rest.mid(1), {QStringLiteral("body-stdin"), QStringLiteral("json")},
                       {QStringLiteral("subject"), QStringLiteral("body-file"),
                        QStringLiteral("from-name"), QStringLiteral("start"), QStringLiteral("end"),
                        QStringLiteral("days"), QStringLiteral("charset")});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    if (a.positional.size() != 1)
        return usage();
    const QString address = a.positional.first();
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    const ForwardingService service(db, Clock::system());
    const QString who = QStringLiteral("fumibakoctl");
    if (verb == QLatin1String("set")) {
        const bool fromStdin = a.flags.contains(QStringLiteral("body-stdin"));
        const bool fromFile = a.options.contains(QStringLiteral("body-file"));
        if (fromStdin == fromFile || !a.options.contains(QStringLiteral("subject")))
            return fail(QStringLiteral("autoreply set needs --subject and one of --body-stdin, "
                                       "--body-file FILE"),
                        2);
        QByteArray body;
        if (fromFile) {
            QFile f(a.options.value(QStringLiteral("body-file")));
            if (!f.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("cannot read %1").arg(f.fileName()));
            body = f.readAll();
        } else {
            std::string all((std::istreambuf_iterator<char>(std::cin)),
                            std::istreambuf_iterator<char>());
            body = QByteArray::fromStdString(all);
        }
        AutoReplyRule rule;
        rule.enabled = true;
        rule.subject = a.options.value(QStringLiteral("subject"));
        rule.body = QString::fromUtf8(body);
        rule.fromName = a.options.value(QStringLiteral("from-name"));
        QString error;
        const auto start = dateArgument(a, QStringLiteral("start"), &error);
        const auto end = dateArgument(a, QStringLiteral("end"), &error);
        if (!start || !end)
            return fail(error, 2);
        rule.start = *start;
        rule.end = *end;
        if (a.options.contains(QStringLiteral("days"))) {
            bool ok = false;
            rule.days = a.options.value(QStringLiteral("days")).toInt(&ok);
            if (!ok)
                return fail(QStringLiteral("--days needs a number"), 2);
        }
        const QString charset = a.options.value(QStringLiteral("charset"), QStringLiteral("utf-8"));
        if (charset.compare(QLatin1String("iso-2022-jp"), Qt::CaseInsensitive) == 0)
            rule.charset = AutoReplyRule::Charset::Iso2022Jp;
        else if (charset.compare(QLatin1String("utf-8"), Qt::CaseInsensitive) != 0)
            return fail(QStringLiteral("--charset is utf-8 or iso-2022-jp"), 2);
        if (auto r = service.setAutoReply(address, rule, who); !r)
            return fail(r.error().message);
        out(QStringLiteral("auto-reply of %1 on").arg(address.toLower()));
        return 0;
    }
    if (verb == QLatin1String("show")) {
        auto rule = service.autoReply(address);
        if (!rule)
            return fail(rule.error().message);
        const bool on = *rule && (*rule)->enabled;
        if (a.flags.contains(QStringLiteral("json"))) {
            QJsonObject o;
            o[QStringLiteral("address")] = address.toLower();
            o[QStringLiteral("enabled")] = on;
            if (*rule) {
                const AutoReplyRule &r = **rule;
                o[QStringLiteral("subject")] = r.subject;
                o[QStringLiteral("body")] = r.body;
                o[QStringLiteral("from_name")] = r.fromName;
                o[QStringLiteral("start")] =
                    r.start.isValid() ? r.start.toString(Qt::ISODate) : QString();
                o[QStringLiteral("end")] =
                    r.end.isValid() ? r.end.toString(Qt::ISODate) : QString();
                o[QStringLiteral("days")] = r.days;
                o[QStringLiteral("charset")] = r.charset == AutoReplyRule::Charset::Iso2022Jp
                                                   ? QStringLiteral("iso-2022-jp")
                                                   : QStringLiteral("utf-8");
            }
            out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            return 0;
        }
        if (!*rule) {
            out(QStringLiteral("%1: no auto-reply").arg(address.toLower()));
            return 0;
        }
        const AutoReplyRule &r = **rule;
        out(QStringLiteral("%1: auto-reply %2")
                .arg(address.toLower(), on ? QStringLiteral("on") : QStringLiteral("off")));
        out(QStringLiteral("  subject: %1")
                .arg(r.subject.isEmpty() ? QStringLiteral("(Re: the original's)") : r.subject));
        if (!r.fromName.isEmpty())
            out(QStringLiteral("  sender name: %1").arg(r.fromName));
        if (r.start.isValid() || r.end.isValid())
            out(QStringLiteral("  from %1 to %2")
                    .arg(r.start.isValid() ? r.start.toString(Qt::ISODate) : QStringLiteral("now"),
                         r.end.isValid() ? r.end.toString(Qt::ISODate) : QStringLiteral("no end")));
        out(QStringLiteral("  once per sender in %1 days").arg(r.days));
        out(QStringLiteral("  text:"));
        out(r.body);
        return 0;
    }
    if (verb == QLatin1String("off")) {
        if (auto r = service.disableAutoReply(address, who); !r)
            return fail(r.error().message);
        out(QStringLiteral("auto-reply of %1 off").arg(address.toLower()));
        return 0;
    }
    return usage();
}

int aliasCommand(const DataDir &dir, const QStringList &rest, bool groups)
{
    if (rest.isEmpty())
        return usage();
    const QString verb = rest.first();
    Args a = parseArgs(rest.mid(1), {QStringLiteral("json")}, {});
    if (!a.error.isEmpty())
        return fail(a.error, 2);
    Database db(dir.databaseFile());
    if (auto r = db.migrate(); !r)
        return fail(r.error().message);
    const ForwardingService service(db, Clock::system());
    const QString who = QStringLiteral("fumibakoctl");
    const bool json = a.flags.contains(QStringLiteral("json"));
    const QStringList &p = a.positional;
    if (verb == QLatin1String("list")) {
        if (!p.isEmpty())
            return usage();
        if (groups) {
            auto all = service.groups();
            if (!all)
                return fail(all.error().message);
            for (const GroupAddress &g : std::as_const(*all)) {
                if (json) {
                    QJsonObject o;
                    o[QStringLiteral("group")] = g.address;
                    o[QStringLiteral("members")] = QJsonArray::fromStringList(g.members);
                    out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                } else {
                    out(g.address + QLatin1Char('\t') + g.members.join(QStringLiteral(", ")));
                }
            }
            return 0;
        }
        auto all = service.aliases();
        if (!all)
            return fail(all.error().message);
        for (const AliasEntry &e : std::as_const(*all)) {
            if (json) {
                QJsonObject o;
                o[QStringLiteral("alias")] = e.alias;
                o[QStringLiteral("account")] = e.account;
                out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            } else {
                out(e.alias + QLatin1Char('\t') + e.account);
            }
        }
        return 0;
    }
    if (verb == QLatin1String("add")) {
        if (groups ? p.size() < 2 : p.size() != 2)
            return usage();
        auto r = groups ? service.addGroup(p[0], p.mid(1), who) : service.addAlias(p[0], p[1], who);
        if (!r)
            return fail(r.error().message);
        out(groups ? QStringLiteral("group %1: %2")
                         .arg(p[0].toLower(), p.mid(1).join(QStringLiteral(", ")))
                   : QStringLiteral("alias %1 → %2").arg(p[0].toLower(), p[1].toLower()));
        return 0;
    }
    if (verb == QLatin1String("del")) {
        if (p.size() != 1)
            return usage();
        auto r = groups ? service.removeGroup(p[0], who) : service.removeAlias(p[0], who);
        if (!r)
            return fail(r.error().message);
        out(QStringLiteral("%1 removed").arg(p[0].toLower()));
        return 0;
    }
    return usage();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fumibako"));
    restrictFileCreationMask();

    QStringList args = app.arguments().mid(1);
    QString dataDir = DataDir::defaultPath();
    if (args.size() >= 2 && args.first() == QLatin1String("--data-dir")) {
        dataDir = args[1];
        args = args.mid(2);
    } else if (!args.isEmpty() && args.first().startsWith(QLatin1String("--data-dir="))) {
        dataDir = args.first().mid(11);
        args = args.mid(1);
    }
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h"))
        return usage();
    const DataDir dir(dataDir);
    const QString command = args.first();
    const QStringList rest = args.mid(1);

    if (command == QLatin1String("init")) {
        Args a = parseArgs(rest, {}, {QStringLiteral("domain"), QStringLiteral("hostname")});
        if (!a.error.isEmpty())
            return fail(a.error, 2);
        if (!a.options.contains(QStringLiteral("domain")) || !a.positional.isEmpty())
            return usage();
        DataDir::InitOptions o;
        o.domain = a.options.value(QStringLiteral("domain"));
        o.hostname = a.options.value(QStringLiteral("hostname"));
        auto r = dir.initialize(o);
        if (!r)
            return fail(r.error().message);
        out(QStringLiteral("initialized %1 for %2").arg(dataDir, o.domain.toLower()));
        return 0;
    }
    if (!dir.isInitialized())
        return fail(
            QStringLiteral("%1 is not a Fumibako data directory (run init first)").arg(dataDir));
    if (command == QLatin1String("account"))
        return accountCommand(dir, rest);
    if (command == QLatin1String("config"))
        return configCommand(dir, rest);
    if (command == QLatin1String("log"))
        return logCommand(dir, rest);
    if (command == QLatin1String("track"))
        return trackCommand(dir, rest);
    if (command == QLatin1String("tls"))
        return tlsCommand(dir, rest);
    if (command == QLatin1String("dkim"))
        return dkimCommand(dir, rest);
    if (command == QLatin1String("relay"))
        return relayCommand(dir, rest);
    if (command == QLatin1String("queue"))
        return queueCommand(dir, rest);
    if (command == QLatin1String("mailbox"))
        return mailboxCommand(dir, rest);
    if (command == QLatin1String("quarantine"))
        return quarantineCommand(dir, rest);
    if (command == QLatin1String("archive"))
        return archiveCommand(dir, rest);
    if (command == QLatin1String("filter"))
        return filterCommand(dir, rest);
    if (command == QLatin1String("forward"))
        return forwardCommand(dir, rest);
    if (command == QLatin1String("autoreply"))
        return autoreplyCommand(dir, rest);
    if (command == QLatin1String("alias"))
        return aliasCommand(dir, rest, false);
    if (command == QLatin1String("group"))
        return aliasCommand(dir, rest, true);
    return usage();
}
