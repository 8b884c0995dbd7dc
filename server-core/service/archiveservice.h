// ArchiveService: the archive as the console's アーカイブ検索 page and
// `fumibakoctl archive` see it — search with filters, one message raw or for a
// safe look, export as .eml files or one mbox, the usage against the cap, the
// per-domain choice to keep received mail, and the search users (検索ユーザー)
// the administrator creates, each perhaps limited to some accounts. Every
// search and export is audited: who, the query, when, how many results. Works
// on the data dir whether or not the server runs.
#pragma once

#include "archive/archivestore.h"
#include "common/result.h"
#include "mime/messagepreview.h"
#include "service/datadir.h"
#include "web/archivesearchaccess.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace fumibako
{

class Clock;
class Database;

struct ArchiveSearchUser {
    qint64 id = 0;
    QString name;         // login name; "admin" and "provadmin" are reserved (FAQ)
    QStringList accounts; // the accounts whose mail it may search; empty: all
    qint64 createdAt = 0;
};

// Also what the server's search pages for search users call (ArchiveSearchAccess).
class ArchiveService final : public ArchiveSearchAccess
{
public:
    ArchiveService(const Database &db, DataDir dir, const Clock *clock);

    using Searcher = ArchiveSearcher;

    // Newest first, paged (ArchiveQuery::before); a limited searcher's
    // accounts narrow the query (an account it may not see gives nothing).
    // Audited. Invalid for a malformed date range.
    Result<ArchivePage> search(const ArchiveQuery &query, const Searcher &who) const override;
    // NotFound also when `who` may not see it (nothing tells it exists).
    Result<ArchiveEntry> entry(qint64 id, const Searcher &who) const;
    // The message as sent (fumibakoctl archive show, a search page's
    // download); audited as an export.
    Result<QByteArray> raw(qint64 id, const Searcher &who) const override;
    Result<MessagePreview> preview(qint64 id, const Searcher &who) const override;

    // Export: `progress(done, total)` after each message; false cancels (the
    // partial file or folder is removed, Error Limit "cancelled"). Audited.
    using Progress = std::function<bool(qsizetype done, qsizetype total)>;
    // One mbox (mboxrd: "From " lines quoted with '>'), written to a temporary
    // file beside `path` and renamed at the end.
    Result<void> exportMbox(const QList<qint64> &ids, const QString &path, const Searcher &who,
                            const Progress &progress = {}) const;
    // One <id>.eml per message in `directory` (created), byte for byte.
    Result<void> exportEml(const QList<qint64> &ids, const QString &directory, const Searcher &who,
                           const Progress &progress = {}) const;

    Result<ArchiveUsage> usage() const;

    // Received mail is kept for the domains that ask (off by default).
    Result<QStringList> domainsKeepingReceived() const;
    Result<void> setKeepReceived(const QString &domain, bool keep, const QString &who) const;

    // Search users (検索ユーザー).
    Result<QList<ArchiveSearchUser>> searchUsers() const;
    // Exists for a taken or reserved name; Invalid for a bad name, a weak
    // password or an unknown account.
    Result<void> addSearchUser(const QString &name, const QString &password,
                               const QStringList &accounts, const QString &who) const;
    Result<void> removeSearchUser(const QString &name, const QString &who) const;
    // The searcher `name` is, if `password` is right; NotFound otherwise.
    Result<Searcher> authenticate(const QString &name, const QString &password) const override;
    // The search user `name` as it is now; NotFound when there is none.
    Result<Searcher> searchUser(const QString &name) const override;

    // Retention and the cap (the scheduler's daily archive job, and tests with
    // a moved clock): deletes what is due, then warns the administrator by
    // mail when usage crosses 80 %, 90 % or 100 % of the cap (once per
    // crossing). Returns the entries deleted.
    Result<int> sweep() const;

private:
    const Database &m_db;
    DataDir m_dir;
    const Clock *m_clock;
    ArchiveStore m_store;
};

} // namespace fumibako
