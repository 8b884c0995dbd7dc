#include "accountcsv.h"

#include "accountservice.h"
#include "common/csv.h"
#include "store/accountstore.h"
#include "store/database.h"

#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>

#include <optional>

namespace fumibako
{

namespace
{

enum Column {
    Address,
    DisplayName,
    Role,
    QuotaBytes,
    QuotaMessages,
    UsedBytes,
    UsedMessages,
    State,
    Created,
    LastLogin,
    Password, // import only
    ColumnCount
};

struct ColumnName {
    const char *japanese;
    const char *english;
};

// Export heads the file with the Japanese names; import knows both.
constexpr ColumnName kColumns[ColumnCount] = {
    {"メールアドレス", "address"},
    {"表示名", "display name"},
    {"権限", "role"},
    {"容量上限（バイト）", "quota bytes"},
    {"通数上限", "quota messages"},
    {"使用量（バイト）", "used bytes"},
    {"保存通数", "used messages"},
    {"状態", "state"},
    {"作成日時", "created"},
    {"最終ログイン", "last login"},
    {"パスワード", "password"},
};

QString headerKey(QString name)
{
    name = name.trimmed().toLower();
    for (const char *drop : {" ", "_", "(", ")", "（", "）", "　"})
        name.remove(QString::fromUtf8(drop));
    return name;
}

QString roleText(Account::Role role)
{
    switch (role) {
    case Account::Role::Admin:
        return QString::fromUtf8("管理者");
    case Account::Role::User:
        return QString::fromUtf8("一般");
    case Account::Role::SendOnly:
        return QString::fromUtf8("送信専用");
    }
    return QString();
}

std::optional<Account::Role> roleFromText(const QString &text)
{
    for (Account::Role r : {Account::Role::Admin, Account::Role::User, Account::Role::SendOnly})
        if (text == roleText(r))
            return r;
    return Account::roleFromName(text.trimmed().toLower());
}

QString stateText(bool enabled)
{
    return QString::fromUtf8(enabled ? "有効" : "無効");
}

std::optional<bool> stateFromText(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == stateText(true) || t == QLatin1String("enabled"))
        return true;
    if (t == stateText(false) || t == QLatin1String("disabled"))
        return false;
    return std::nullopt;
}

QString timeText(qint64 secs)
{
    return secs > 0
               ? QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"))
               : QString();
}

// A count as a person or Excel wrote it: digits, perhaps with thousands commas.
std::optional<qint64> countFromText(const QString &text)
{
    QString t = text.trimmed();
    t.remove(QLatin1Char(','));
    if (t.isEmpty())
        return 0;
    bool ok = false;
    const qint64 n = t.toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

// Sixteen letters and digits, none that read alike (0/O, 1/l/I).
QString generatedPassword()
{
    static const QString alphabet =
        QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    QString p;
    for (int i = 0; i < 16; ++i)
        p += alphabet[int(QRandomGenerator::system()->bounded(alphabet.size()))];
    return p;
}

} // namespace

int AccountImportPlan::refused() const
{
    int n = 0;
    for (const AccountImportLine &l : lines)
        n += l.action == AccountImportLine::Action::Refused ? 1 : 0;
    return n;
}

// One line checked: what to do and with which values.
struct AccountCsv::Parsed {
    struct Line {
        AccountImportLine report;
        AccountService::NewAccount fields;
        std::optional<bool> enabled;
        bool hasDisplayName = false, hasRole = false, hasQuotas = false;
    };
    QList<Line> lines;
};

AccountCsv::AccountCsv(const Database &db, QString mailRoot)
    : m_db(db), m_mailRoot(std::move(mailRoot))
{
}

Result<QByteArray> AccountCsv::exportAccounts() const
{
    auto accounts = AccountStore(m_db).list();
    if (!accounts)
        return accounts.error();
    QStringList header;
    for (int c = 0; c < Password; ++c)
        header << QString::fromUtf8(kColumns[c].japanese);
    QByteArray out = csv::bom() + csv::row(header);
    for (const Account &a : std::as_const(*accounts))
        out += csv::row({a.address, a.displayName, roleText(a.role), QString::number(a.quotaBytes),
                         QString::number(a.quotaMessages), QString::number(a.usedBytes),
                         QString::number(a.usedMessages), stateText(a.enabled),
                         timeText(a.createdAt), timeText(a.lastLoginAt)});
    return out;
}

Result<AccountCsv::Parsed> AccountCsv::read(const QByteArray &data) const
{
    auto records = csv::parse(data, {10 * 1024 * 1024, 10000, 64, 1024});
    if (!records)
        return records.error();
    if (records->isEmpty())
        return Error::invalid(QStringLiteral("the file is empty"));
    // Which field holds which column.
    QHash<int, qsizetype> at;
    const QStringList header = records->first().fields;
    for (qsizetype i = 0; i < header.size(); ++i)
        for (int c = 0; c < ColumnCount; ++c)
            if (headerKey(header[i]) == headerKey(QString::fromUtf8(kColumns[c].japanese)) ||
                headerKey(header[i]) == headerKey(QString::fromLatin1(kColumns[c].english)))
                at.insert(c, i);
    if (!at.contains(Address))
        return Error::invalid(QStringLiteral("line 1 must name the columns, one of them %1 "
                                             "(address)")
                                  .arg(QString::fromUtf8(kColumns[Address].japanese)));

    Parsed parsed;
    QHash<QString, int> seen; // address → line
    for (qsizetype r = 1; r < records->size(); ++r) {
        const csv::Record &rec = records->at(r);
        auto value = [&](int c) {
            return at.contains(c) ? rec.fields.value(at.value(c)) : QString();
        };
        Parsed::Line line;
        AccountImportLine &report = line.report;
        report.line = rec.line;
        report.address = value(Address).trimmed();
        auto refuse = [&](const QString &why) {
            report.action = AccountImportLine::Action::Refused;
            report.reason = why;
            parsed.lines << line;
        };
        auto address = AccountService::checkLocalAddress(m_db, report.address);
        if (!address) {
            refuse(address.error().message);
            continue;
        }
        report.address = *address;
        if (seen.contains(*address)) {
            refuse(QStringLiteral("%1 is on line %2 already").arg(*address).arg(seen[*address]));
            continue;
        }
        seen.insert(*address, rec.line);

        AccountService::NewAccount &f = line.fields;
        f.address = *address;
        line.hasDisplayName = at.contains(DisplayName);
        f.displayName = value(DisplayName).trimmed();
        if (f.displayName.size() > 200) {
            refuse(QStringLiteral("the display name is longer than 200 characters"));
            continue;
        }
        line.hasRole = !value(Role).trimmed().isEmpty();
        if (line.hasRole) {
            const auto role = roleFromText(value(Role));
            if (!role) {
                refuse(QStringLiteral("the role \"%1\" is not 管理者 (admin), 一般 (user) or "
                                      "送信専用 (sendonly)")
                           .arg(value(Role)));
                continue;
            }
            f.role = *role;
        }
        const auto bytes = countFromText(value(QuotaBytes));
        const auto messages = countFromText(value(QuotaMessages));
        if (!bytes || !messages) {
            refuse(QStringLiteral("a quota must be a whole number of bytes or messages, 0 for "
                                  "none"));
            continue;
        }
        line.hasQuotas = at.contains(QuotaBytes) || at.contains(QuotaMessages);
        f.quotaBytes = *bytes;
        f.quotaMessages = *messages;
        if (!value(State).trimmed().isEmpty()) {
            line.enabled = stateFromText(value(State));
            if (!line.enabled) {
                refuse(QStringLiteral("the state \"%1\" is not 有効 (enabled) or 無効 (disabled)")
                           .arg(value(State)));
                continue;
            }
        }
        f.password = value(Password).toUtf8();
        if (!f.password.isEmpty())
            if (auto ok = AccountService::checkPassword(f.password); !ok) {
                refuse(ok.error().message);
                continue;
            }

        auto existing = AccountStore(m_db).find(*address);
        if (!existing && existing.error().kind != Error::Kind::NotFound)
            return existing.error();
        if (!existing) {
            if (auto unused = AccountService::checkUnused(m_db, *address); !unused) {
                refuse(unused.error().message);
                continue;
            }
            if (f.role == Account::Role::SendOnly) {
                refuse(QStringLiteral("a send-only account is made by the server, not imported"));
                continue;
            }
            report.action = AccountImportLine::Action::Create;
            parsed.lines << line;
            continue;
        }
        // A known account: what would change.
        const Account &a = *existing;
        QStringList changes;
        if (line.hasDisplayName && f.displayName != a.displayName)
            changes << QStringLiteral("display name");
        if (line.hasRole && f.role != a.role) {
            if (a.role == Account::Role::SendOnly || f.role == Account::Role::SendOnly) {
                refuse(QStringLiteral("%1: the send-only role cannot change").arg(a.address));
                continue;
            }
            changes << QStringLiteral("role");
        }
        if (line.hasQuotas && (f.quotaBytes != a.quotaBytes || f.quotaMessages != a.quotaMessages))
            changes << QStringLiteral("quota");
        if (line.enabled && *line.enabled != a.enabled)
            changes << QStringLiteral("state");
        if (!f.password.isEmpty())
            changes << QStringLiteral("password");
        if (!line.hasDisplayName)
            f.displayName = a.displayName;
        if (!line.hasRole)
            f.role = a.role;
        if (!line.hasQuotas) {
            f.quotaBytes = a.quotaBytes;
            f.quotaMessages = a.quotaMessages;
        }
        report.action = changes.isEmpty() ? AccountImportLine::Action::Unchanged
                                          : AccountImportLine::Action::Update;
        report.reason = changes.join(QStringLiteral(", "));
        parsed.lines << line;
    }
    return parsed;
}

Result<AccountImportPlan> AccountCsv::plan(const QByteArray &csv) const
{
    auto parsed = read(csv);
    if (!parsed)
        return parsed.error();
    AccountImportPlan plan;
    for (const Parsed::Line &l : std::as_const(parsed->lines))
        plan.lines << l.report;
    return plan;
}

Result<AccountImportPlan> AccountCsv::import(const QByteArray &csv) const
{
    auto parsed = read(csv);
    if (!parsed)
        return parsed.error();
    AccountImportPlan plan;
    for (const Parsed::Line &l : std::as_const(parsed->lines))
        plan.lines << l.report;
    if (plan.refused() > 0)
        return plan;
    auto done = m_db.transaction([&](const Database &db) -> Result<void> {
        AccountService accounts(db, m_mailRoot);
        for (qsizetype i = 0; i < parsed->lines.size(); ++i) {
            Parsed::Line &l = parsed->lines[i];
            AccountImportLine &report = plan.lines[i];
            const auto failed = [&report](const Error &e) {
                return Error{e.kind,
                             QStringLiteral("line %1 (%2): %3")
                                 .arg(report.line)
                                 .arg(report.address, e.message),
                             e.detail};
            };
            if (report.action == AccountImportLine::Action::Create) {
                if (l.fields.password.isEmpty()) {
                    report.generatedPassword = generatedPassword();
                    l.fields.password = report.generatedPassword.toUtf8();
                }
                if (auto a = accounts.add(l.fields); !a)
                    return failed(a.error());
                if (l.enabled && !*l.enabled)
                    if (auto r = accounts.setEnabled(l.fields.address, false); !r)
                        return failed(r.error());
                continue;
            }
            if (report.action != AccountImportLine::Action::Update)
                continue;
            const Account::Role role = l.fields.role;
            if (auto r = accounts.setProfile(l.fields.address, l.fields.displayName, role); !r)
                return failed(r.error());
            if (auto r = accounts.setQuota(l.fields.address, l.fields.quotaBytes,
                                           l.fields.quotaMessages);
                !r)
                return failed(r.error());
            if (l.enabled)
                if (auto r = accounts.setEnabled(l.fields.address, *l.enabled); !r)
                    return failed(r.error());
            if (!l.fields.password.isEmpty())
                if (auto r = accounts.setPassword(l.fields.address, l.fields.password); !r)
                    return failed(r.error());
        }
        return {};
    });
    if (!done)
        return done.error();
    plan.applied = true;
    return plan;
}

} // namespace fumibako
