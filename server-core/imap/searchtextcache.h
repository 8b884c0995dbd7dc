// SearchTextCache: the decoded, folded text SEARCH compares — the address and
// subject fields, all header fields, the text of the body parts — kept for the
// messages searched recently and shared by every session, so that searching a
// mailbox again does not read and MIME-parse each file again (Dovecot keeps the
// same in its index cache). Bounded in bytes; what goes out first is chosen by
// the CLOCK algorithm, which approximates least-recently-used without touching
// any other entry on a hit (a search looks up every message of a mailbox, so a
// hit must cost little). Looked up by the message's row id and checked against
// its file name: a row id can be reused after an expunge, a file name never is.
#pragma once

#include "mime/mimemessage.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace fumibako {

class SearchTextCache {
public:
    // The header fields an Entry keeps: those SEARCH has keys for (RFC 3501 6.4.4).
    static constexpr int kCachedFieldCount = 5;  // from, to, cc, bcc, subject
    struct Entry {
        QString file;  // relative to the account's Maildir, to tell a reused row id
        bool headerFieldsRead = false;
        std::array<QList<QByteArray>, kCachedFieldCount> fields;
        QByteArray date;                              // the raw Date field
        std::optional<QByteArray> headers;            // every field, decoded
        std::optional<QByteArray> body;               // the text parts, decoded
        qsizetype cost() const;
    };

    explicit SearchTextCache(qsizetype maxBytes);
    // The entry of row `messageId` if it is that of `file`.
    std::shared_ptr<const Entry> find(qint64 messageId, const QString &file);
    void insert(qint64 messageId, std::shared_ptr<const Entry> entry);

    // Search text: UTF-8 after case and width folding (mimetext::foldForSearch).
    static QByteArray fold(const QString &text);
    // Where Entry::fields keeps a header field (lower-case name), or -1.
    static int cachedFieldIndex(const QByteArray &lowerName);

private:
    // Sessions on every I/O thread search at once; each shard has its own lock.
    struct Shard {
        struct Slot {
            std::shared_ptr<const Entry> entry;
            qsizetype cost = 0;
            bool referenced = false;  // looked up since the clock hand last passed
        };
        QMutex mutex;
        QHash<qint64, Slot> slots;
        std::vector<qint64> ring;  // the keys of `slots`, swept by the hand
        size_t hand = 0;
        qsizetype cost = 0;
        qsizetype maxCost = 0;
        void evictFor(qsizetype needed);
    };
    Shard &shardOf(qint64 messageId) { return m_shards[size_t(messageId) % m_shards.size()]; }
    std::array<Shard, 16> m_shards;
};

// One message's search text while SEARCH tries it: from the cache, or read and
// parsed from the file on first need; what was newly computed goes back into the
// cache when it is destroyed. Nothing is looked up until a key asks. Any thread.
class MessageSearchText {
public:
    // `file` and `maildirRoot` must outlive this (a search's message list does).
    MessageSearchText(SearchTextCache *cache, qint64 messageId, const QString &file, const QString &maildirRoot);
    ~MessageSearchText();
    MessageSearchText(const MessageSearchText &) = delete;
    MessageSearchText &operator=(const MessageSearchText &) = delete;

    const QList<QByteArray> &field(const QByteArray &lowerName);  // folded values of a header field
    const QList<QByteArray> &cachedField(int index);              // the same by cachedFieldIndex()
    QByteArray date();
    const QByteArray &headers();
    const QByteArray &body();

private:
    // The entry as known so far (cached or empty), and a copy of it to add to.
    const SearchTextCache::Entry &entry();
    SearchTextCache::Entry &writableEntry();
    const MimeMessage &mime();
    void readHeaderFields();

    SearchTextCache *m_cache;
    qint64 m_messageId;
    const QString &m_file;
    const QString &m_root;
    bool m_lookedUp = false;  // the cache is asked on first need
    std::shared_ptr<const SearchTextCache::Entry> m_cached;
    std::optional<SearchTextCache::Entry> m_changed;  // what goes back into the cache
    QHash<QByteArray, QList<QByteArray>> m_otherFields;
    std::optional<MimeMessage> m_mime;
    bool m_unreadable = false;
};

} // namespace fumibako
