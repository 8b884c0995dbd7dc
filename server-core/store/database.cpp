#include "database.h"

#include <QAtomicInteger>
#include <QHash>
#include <QSqlError>
#include <QThread>
#include <QThreadStorage>

namespace fumibako
{

namespace
{

// The transactions open on this thread's connection to each database: a
// read inside one (MailStorage::read around store calls that open their own,
// a job in the writer's transaction) already has its snapshot.
thread_local QHash<const Database *, int> t_openTransactions;

struct OpenTransaction {
    explicit OpenTransaction(const Database *db) : m_db(db) { ++t_openTransactions[db]; }
    ~OpenTransaction()
    {
        if (--t_openTransactions[m_db] == 0)
            t_openTransactions.remove(m_db);
    }
    const Database *m_db;
};

QAtomicInteger<quint64> s_instanceCounter;

// Removes this thread's connection when the thread ends.
struct ThreadConnections {
    QStringList names;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
};
QThreadStorage<ThreadConnections *> s_connections;

// Numbered migrations: index i brings the schema from version i to i + 1.
// Never edit a released one; append a new one.
const char *const kMigrations[] = {
    // 1: the foundation schema.
    R"SQL(
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE domains (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL);
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL UNIQUE,
        domain_id INTEGER NOT NULL REFERENCES domains(id),
        display_name TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('admin', 'user', 'sendonly')),
        enabled INTEGER NOT NULL DEFAULT 1,
        quota_bytes INTEGER NOT NULL DEFAULT 0,
        quota_messages INTEGER NOT NULL DEFAULT 0,
        maildir TEXT NOT NULL,
        created_at INTEGER NOT NULL);
    CREATE TABLE aliases (
        address TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE);
    CREATE TABLE mailboxes (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        uidnext INTEGER NOT NULL DEFAULT 1,
        used_bytes INTEGER NOT NULL DEFAULT 0,
        used_messages INTEGER NOT NULL DEFAULT 0,
        special_use TEXT NOT NULL DEFAULT '',
        subscribed INTEGER NOT NULL DEFAULT 1,
        directory TEXT NOT NULL DEFAULT '',
        highest_modseq INTEGER NOT NULL DEFAULT 1,
        UNIQUE (account_id, name));
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        internal_date INTEGER NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        modseq INTEGER NOT NULL DEFAULT 1,
        UNIQUE (mailbox_id, uid));
    CREATE TABLE queue (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        sender TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at INTEGER NOT NULL);
    CREATE TABLE queue_recipients (
        id INTEGER PRIMARY KEY,
        queue_id INTEGER NOT NULL REFERENCES queue(id) ON DELETE CASCADE,
        recipient TEXT NOT NULL,
        domain TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try INTEGER NOT NULL DEFAULT 0,
        last_reply TEXT NOT NULL DEFAULT '');
    CREATE INDEX queue_recipients_state ON queue_recipients (state, next_try);
    CREATE TABLE log (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        peer TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL);
    CREATE INDEX log_ts ON log (ts);
    CREATE INDEX log_kind_ts ON log (kind, ts);
    CREATE TABLE pending_renames (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        message_id INTEGER,
        queue_id INTEGER);
    )SQL",
    // 2: CONDSTORE/QRESYNC (RFC 7162). Expunged UIDs are remembered with the
    // mod-sequence of their removal, so a client can be told what vanished
    // since it last looked, and sessions can catch up without rereading the
    // whole mailbox.
    R"SQL(
    CREATE TABLE expunged (
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        modseq INTEGER NOT NULL,
        PRIMARY KEY (mailbox_id, uid)) WITHOUT ROWID;
    CREATE INDEX expunged_modseq ON expunged (mailbox_id, modseq);
    CREATE INDEX messages_modseq ON messages (mailbox_id, modseq);
    )SQL",
    // 3: the outbound queue's delivery state: DSN parameters (RFC 3461) and
    // what the last attempt for each recipient got.
    R"SQL(
    ALTER TABLE queue ADD COLUMN envid TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue ADD COLUMN ret TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue_recipients ADD COLUMN notify TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue_recipients ADD COLUMN orcpt TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue_recipients ADD COLUMN last_attempt INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE queue_recipients ADD COLUMN remote_mta TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue_recipients ADD COLUMN delay_notified INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX queue_recipients_queue ON queue_recipients (queue_id);
    )SQL",
    // 4: the expunge history is bounded (MessageStore::kVanishedHistory); a
    // mailbox remembers up to which mod-sequence it has forgotten expunges.
    R"SQL(
    ALTER TABLE mailboxes ADD COLUMN vanished_floor INTEGER NOT NULL DEFAULT 0;
    )SQL",
    // 5: the last UIDVALIDITY issued (MailboxStore::create), so that none repeats
    // even when a mailbox is deleted and created again within a second.
    R"SQL(
    CREATE TABLE uidvalidity_issued (last INTEGER NOT NULL);
    INSERT INTO uidvalidity_issued SELECT COALESCE(MAX(uidvalidity), 0) FROM mailboxes;
    )SQL",
    // 6: IMAP as Dovecot keeps it. Subscriptions are names of their own (RFC 3501
    // 6.3.6): one outlives its mailbox, which LIST (SUBSCRIBED) then shows as
    // \NonExistent (RFC 5258 3.1), and a new folder is not subscribed by itself.
    // first_recent_uid: the first UID that no IMAP session has yet seen as \Recent
    // (RFC 3501 2.3.2); the messages already there count as seen.
    R"SQL(
    CREATE TABLE subscriptions (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        PRIMARY KEY (account_id, name)) WITHOUT ROWID;
    INSERT INTO subscriptions SELECT account_id, name FROM mailboxes WHERE subscribed = 1;
    ALTER TABLE mailboxes DROP COLUMN subscribed;
    ALTER TABLE mailboxes ADD COLUMN first_recent_uid INTEGER NOT NULL DEFAULT 1;
    UPDATE mailboxes SET first_recent_uid = uidnext;
    )SQL",
    // 7: the Scheduler's memory — when each timed job last began a run that
    // finished (ms since the epoch), so that a restart neither repeats a daily
    // job that already ran in its slot nor skips one whose slot passed.
    R"SQL(
    CREATE TABLE IF NOT EXISTS scheduler_runs (
        name TEXT PRIMARY KEY,
        last_run INTEGER NOT NULL) WITHOUT ROWID;
    )SQL",
    // 8: message tracking. The id a message is given at acceptance (msgid,
    // Envelope::id) goes with its copies in mailboxes, its outbound queue row
    // and every log line about it, and log lines get the columns tracking
    // searches by. The indexes are partial: lines about no message cost none.
    R"SQL(
    ALTER TABLE log ADD COLUMN msgid TEXT NOT NULL DEFAULT '';
    ALTER TABLE log ADD COLUMN queue_id INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE log ADD COLUMN header_message_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE log ADD COLUMN sender TEXT NOT NULL DEFAULT '';
    ALTER TABLE log ADD COLUMN result TEXT NOT NULL DEFAULT '';
    CREATE INDEX log_msgid ON log (msgid) WHERE msgid <> '';
    CREATE INDEX log_queue_id ON log (queue_id) WHERE queue_id <> 0;
    CREATE INDEX log_header_message_id ON log (header_message_id) WHERE header_message_id <> '';
    CREATE INDEX log_sender ON log (sender, ts) WHERE sender <> '';
    CREATE INDEX log_address ON log (address, ts) WHERE address <> '';
    ALTER TABLE queue ADD COLUMN msgid TEXT NOT NULL DEFAULT '';
    ALTER TABLE queue ADD COLUMN header_message_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN msgid TEXT NOT NULL DEFAULT '';
    )SQL",
    // 9: the quarantine (スパムボックス): messages held for an account instead
    // of being delivered, outside its mailboxes and quota. The file (under
    // <data>/quarantine/) holds the message as it would have been stored; the
    // row says why (reason_kind, the text, the spam score and its rules as
    // JSON) and carries the tracking id (msgid) of the message it came from.
    // IF NOT EXISTS: a database taken back to an older schema (the migration
    // tests do) may keep the table.
    R"SQL(
    CREATE TABLE IF NOT EXISTS quarantine (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        received_at INTEGER NOT NULL,
        sender TEXT NOT NULL DEFAULT '',
        recipient TEXT NOT NULL,
        subject BLOB NOT NULL DEFAULT '',
        header_message_id TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,
        reason_kind TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        score REAL,
        rules TEXT NOT NULL DEFAULT '',
        msgid TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS quarantine_account ON quarantine (account_id, received_at);
    CREATE INDEX IF NOT EXISTS quarantine_received ON quarantine (received_at);
    )SQL",
    // 10: the spam filters (迷惑メールフィルタ). Entries of an account's own
    // filter, and of the administrator's common filter (account_id NULL); the
    // unique index folds NULL to 0 because SQLite never finds NULLs equal.
    // filter_options holds what an account changed from the defaults (the
    // common filter switched off for it, its quarantine retention); the one
    // common_filter row, whether the common filter is on and published.
    R"SQL(
    CREATE TABLE IF NOT EXISTS filter_entries (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        list TEXT NOT NULL CHECK (list IN ('allow', 'deny')),
        field TEXT NOT NULL CHECK (field IN ('sender', 'domain', 'subject', 'language')),
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS filter_entries_unique
        ON filter_entries (ifnull(account_id, 0), list, field, value);
    CREATE TABLE IF NOT EXISTS filter_options (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        common_enabled INTEGER NOT NULL DEFAULT 1,
        quarantine_days INTEGER);
    CREATE TABLE IF NOT EXISTS common_filter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        enabled INTEGER NOT NULL,
        published INTEGER NOT NULL);
    INSERT OR IGNORE INTO common_filter (id, enabled, published) VALUES (1, 1, 0);
    )SQL",
    // 11: the daily Spam Summary and its release links. quarantine_summarized
    // names each held copy already listed in a summary, so every copy is in
    // exactly one; it cascades with the copy, so a row id SQLite hands out
    // again after a release never inherits the mark. secrets holds the
    // release links' HMAC key (32 random bytes, made once): not a setting,
    // because settings are listed, exported and shown in the console, and a
    // key is none of that. listener_ports: the port each listener of the
    // last start took (--port web=0 takes any), so that fumibakoctl writes
    // links to where the server listens. IF NOT EXISTS as in 9.
    R"SQL(
    CREATE TABLE IF NOT EXISTS listener_ports (name TEXT PRIMARY KEY, port INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS quarantine_summarized (
        quarantine_id INTEGER PRIMARY KEY REFERENCES quarantine(id) ON DELETE CASCADE,
        summarized_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
    )SQL",
    // 12: forwarding, auto-reply and group addresses (issue 14). forward_rules
    // and autoreply_rules hold one rule per account (destinations one per line);
    // autoreply_sent remembers when each sender last got an auto-reply, so one
    // goes out per sender per period across restarts. A group address expands
    // to its members (accounts, external addresses, other groups); a catch-all
    // is an alias named "@domain". IF NOT EXISTS as in 9.
    R"SQL(
    CREATE TABLE IF NOT EXISTS forward_rules (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        destinations TEXT NOT NULL,
        keep_copy INTEGER NOT NULL DEFAULT 1,
        strip_attachments INTEGER NOT NULL DEFAULT 0,
        if_from TEXT NOT NULL DEFAULT '',
        if_subject TEXT NOT NULL DEFAULT '',
        skip_spam INTEGER NOT NULL DEFAULT 0,
        errors_to_me INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS autoreply_rules (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL DEFAULT 1,
        start_date TEXT NOT NULL DEFAULT '',
        end_date TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        from_name TEXT NOT NULL DEFAULT '',
        days INTEGER NOT NULL DEFAULT 7,
        charset TEXT NOT NULL DEFAULT 'utf-8',
        updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS autoreply_sent (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        sender TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, sender));
    CREATE TABLE IF NOT EXISTS group_addresses (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL UNIQUE,
        domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE);
    CREATE TABLE IF NOT EXISTS group_members (
        group_id INTEGER NOT NULL REFERENCES group_addresses(id) ON DELETE CASCADE,
        member TEXT NOT NULL,
        PRIMARY KEY (group_id, member));
    )SQL",
    // 13: the mail archive (issue 15). A content is stored once (its SHA-256
    // names its file under <data>/archive/); until the file is written its
    // compressed bytes wait in archive_journal, committed with the delivery.
    // An entry is one archived delivery. archive_fts is contentless: `text`
    // keeps the entry's indexed text (compressed) so retention can take it
    // out of the index again. archive_totals holds the running sums usage and
    // the cap read without a scan. archive_received_domains: the domains whose
    // received mail is kept too. (IF NOT EXISTS throughout: a database taken
    // back to an older schema is migrated again.)
    R"SQL(
    CREATE TABLE IF NOT EXISTS archive_received_domains (
        domain_id INTEGER PRIMARY KEY REFERENCES domains(id) ON DELETE CASCADE);
    CREATE TABLE IF NOT EXISTS archive_contents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        stored_size INTEGER NOT NULL,
        path TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS archive_journal (
        content_id INTEGER PRIMARY KEY REFERENCES archive_contents(id) ON DELETE CASCADE,
        data BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS archive_entries (
        id INTEGER PRIMARY KEY,
        content_id INTEGER NOT NULL REFERENCES archive_contents(id),
        received_at INTEGER NOT NULL,
        direction INTEGER NOT NULL,
        sender TEXT NOT NULL,
        recipients TEXT NOT NULL,
        accounts TEXT NOT NULL,
        tracking_id TEXT NOT NULL DEFAULT '',
        header_message_id TEXT NOT NULL DEFAULT '',
        indexed INTEGER NOT NULL DEFAULT 0,
        subject TEXT NOT NULL DEFAULT '',
        from_text TEXT NOT NULL DEFAULT '',
        to_text TEXT NOT NULL DEFAULT '',
        attachments INTEGER NOT NULL DEFAULT 0,
        text BLOB,
        index_bytes INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS archive_entries_time ON archive_entries(received_at, id);
    CREATE INDEX IF NOT EXISTS archive_entries_content ON archive_entries(content_id);
    CREATE INDEX IF NOT EXISTS archive_entries_pending ON archive_entries(id) WHERE indexed = 0;
    CREATE VIRTUAL TABLE IF NOT EXISTS archive_fts USING fts5(subject, sender, rcpt, body, uni, meta,
        content='', tokenize='ascii');
    CREATE TABLE IF NOT EXISTS archive_totals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entries INTEGER NOT NULL,
        contents INTEGER NOT NULL,
        stored_bytes INTEGER NOT NULL,
        index_bytes INTEGER NOT NULL);
    INSERT OR IGNORE INTO archive_totals VALUES (1, 0, 0, 0, 0);
    CREATE TABLE IF NOT EXISTS archive_warnings (
        level INTEGER PRIMARY KEY,
        warned_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS archive_search_users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        accounts TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL);
    )SQL",
    // 14: when each account last logged in (POP3 or IMAP), for the accounts
    // list and its CSV export; written with the login's log line.
    R"SQL(
    CREATE TABLE IF NOT EXISTS account_logins (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        last_login_at INTEGER NOT NULL);
    )SQL",
};

} // namespace

Database::Database(QString path)
    : m_path(std::move(path)),
      m_namePrefix(QStringLiteral("fumibako-%1-").arg(s_instanceCounter.fetchAndAddRelaxed(1)))
{
}

Database::~Database() = default;

QSqlDatabase Database::connection() const
{
    const QString name =
        m_namePrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (db.open()) {
        QSqlQuery q(db);
        // WAL + synchronous=FULL: a commit is on stable storage when it returns.
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    if (!s_connections.hasLocalData())
        s_connections.setLocalData(new ThreadConnections);
    s_connections.localData()->names.append(name);
    return db;
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &binds) const
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return Error::temporary(
            QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text()));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error::permanent(QStringLiteral("database error: %1").arg(q.lastError().text()),
                                sql);
    for (const QVariant &b : binds) {
        // A null QString binds as SQL NULL; our text columns are NOT NULL.
        if (b.typeId() == QMetaType::QString && b.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(b);
    }
    if (!q.exec()) {
        const QSqlError err = q.lastError();
        const QString text = err.text();
        if (text.contains(QLatin1String("UNIQUE constraint")))
            return Error::exists(QStringLiteral("already exists"));
        if (text.contains(QLatin1String("locked")) || text.contains(QLatin1String("busy")))
            return Error::temporary(QStringLiteral("database busy: %1").arg(text), sql);
        return Error::permanent(QStringLiteral("database error: %1").arg(text), sql);
    }
    return q;
}

Result<QStringList> Database::texts(const QString &sql, const QVariantList &binds) const
{
    auto q = exec(sql, binds);
    if (!q)
        return q.error();
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

Result<void> Database::transaction(const std::function<Result<void>(const Database &)> &body) const
{
    // Inside another transaction of this thread: part of it, committed (or
    // rolled back) with it, as a read transaction inside one is.
    if (t_openTransactions.value(this) > 0)
        return body(*this);
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return Error::temporary(QStringLiteral("cannot open database %1").arg(m_path));
    // BEGIN IMMEDIATE takes the write lock at once, so two writers never
    // deadlock upgrading read locks.
    if (auto r = exec(QStringLiteral("BEGIN IMMEDIATE")); !r)
        return r.error();
    const OpenTransaction open(this);
    Result<void> result = body(*this);
    if (!result) {
        (void)exec(QStringLiteral("ROLLBACK")); // the original error is what matters
        return result;
    }
    if (auto r = exec(QStringLiteral("COMMIT")); !r) {
        (void)exec(QStringLiteral("ROLLBACK")); // the original error is what matters
        return r.error();
    }
    return {};
}

Result<void>
Database::readTransaction(const std::function<Result<void>(const Database &)> &body) const
{
    if (t_openTransactions.value(this) > 0)
        return body(*this);
    // A deferred transaction that only reads sees one snapshot of the WAL.
    if (auto r = exec(QStringLiteral("BEGIN")); !r)
        return r.error();
    const OpenTransaction open(this);
    Result<void> result = body(*this);
    (void)exec(
        QStringLiteral("COMMIT")); // nothing was written; ending the snapshot cannot lose data
    return result;
}

int Database::schemaVersion() const
{
    auto q = exec(QStringLiteral("PRAGMA user_version"));
    if (!q || !q->next())
        return -1;
    return q->value(0).toInt();
}

Result<void> Database::migrate()
{
    const int target = int(std::size(kMigrations));
    const int current = schemaVersion();
    if (current < 0)
        return Error::permanent(QStringLiteral("cannot read the database %1").arg(m_path));
    if (current > target)
        return Error::permanent(
            QStringLiteral("the database %1 was written by a newer Fumibako (schema %2 > %3)")
                .arg(m_path)
                .arg(current)
                .arg(target));
    for (int v = current; v < target; ++v) {
        auto r = transaction([&](const Database &db) -> Result<void> {
            const QStringList statements =
                QString::fromUtf8(kMigrations[v]).split(QLatin1Char(';'), Qt::SkipEmptyParts);
            for (const QString &s : statements) {
                if (s.trimmed().isEmpty())
                    continue;
                if (auto q = db.exec(s); !q)
                    return q.error();
            }
            if (auto q = db.exec(QStringLiteral("PRAGMA user_version=%1").arg(v + 1)); !q)
                return q.error();
            return {};
        });
        if (!r)
            return r;
    }
    return {};
}

} // namespace fumibako
