// SearchTextCache: the decoded, folded text SEARCH compares — the address and
// subject fields, all header fields, the text of the body parts — kept for the
// mailboxes searched recently and shared by every session, so that searching a
// mailbox again does not read and MIME-parse each file again (Dovecot keeps the
// same in its index cache). A mailbox's texts lie one after another in a few
// large blocks, listed in UID order: SEARCH TEXT reads them as one stream, and
// finds each message's entry by walking the same order as its message list
// (separate blocks per message, found through a hash table, made the same scan
// 2.4 times slower). A message is known by its mailbox, the mailbox's
// UIDVALIDITY and its UID, which name it forever (MailboxStore never issues a
// UIDVALIDITY twice), so no file name is compared. A mailbox's texts are an
// immutable snapshot: a search takes one under a lock, reads it without any,
// and what it computed goes in as the next snapshot. A message not cached yet
// is parsed once for all of its text, even by a search that needs only a
// header field, so that any later search finds it whole. Bounded in bytes; the
// mailbox searched least recently goes first.
#pragma once

#include "mime/mimemessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace fumibako
{

class SearchTextCache
{
public:
    // The parts of one message's search text. The header fields kept are those
    // SEARCH has keys for (RFC 3501 6.4.4); every value of a field is followed by
    // a NUL, which no value contains (one inside becomes a space), so a field
    // with no value is empty.
    enum Part { Date, From, To, Cc, Bcc, Subject, Headers, Body, kPartCount };
    static constexpr int kCachedFieldCount = 5; // From .. Subject

    // One message's text laid out as the cache keeps it: the parts in Part order.
    struct Entry {
        QByteArray bytes;
        std::array<quint32, kPartCount> ends{}; // where each part ends in `bytes`
    };
    // A view of an Entry, or of one in a snapshot.
    struct Text {
        const char *data = nullptr;
        std::array<quint32, kPartCount> ends{};
        QByteArrayView part(Part p) const
        {
            const quint32 begin = p == 0 ? 0 : ends[size_t(p) - 1];
            return QByteArrayView(data + begin, qsizetype(ends[size_t(p)] - begin));
        }
    };

    explicit SearchTextCache(qsizetype maxBytes);
    ~SearchTextCache();

    // Search text: UTF-8 after case and width folding (mimetext::foldForSearch).
    static QByteArray fold(const QString &text);
    // The Part of a header field (lower-case name) the cache keeps, or -1.
    static int cachedFieldIndex(const QByteArray &lowerName);
    // The cached field `index` of cachedFieldIndex() as a Part.
    static Part fieldPart(int index) { return Part(From + index); }

    class Snapshot;

    // One search of one mailbox: it sees the mailbox's texts as they were when it
    // first asked. Every message of the list searched is named, in ascending UID
    // order; when the search ends, what it added goes to the cache, and the cached
    // UIDs below the highest named that it did not name (expunged) leave it.
    // `cache` may be null: nothing is found, nothing kept.
    class Search
    {
    public:
        Search(SearchTextCache *cache, qint64 mailboxId, qint64 uidValidity);
        ~Search();
        Search(const Search &) = delete;
        Search &operator=(const Search &) = delete;

        void name(qint64 uid);
        std::optional<Text> find(qint64 uid);
        void add(qint64 uid, Entry entry);

    private:
        SearchTextCache *m_cache;
        qint64 m_mailboxId;
        qint64 m_uidValidity;
        bool m_lookedUp = false;
        std::shared_ptr<const Snapshot> m_snapshot;
        size_t m_next = 0; // where the walk through the snapshot's UIDs stands
        std::vector<qint64> m_named;
        std::vector<std::pair<qint64, Entry>> m_added;
    };

private:
    struct Mailbox {
        std::shared_ptr<const Snapshot> snapshot;
        quint64 lastUse = 0;
    };
    std::shared_ptr<const Snapshot> snapshot(qint64 mailboxId, qint64 uidValidity);
    void update(qint64 mailboxId, qint64 uidValidity, const std::vector<qint64> &gone,
                std::vector<std::pair<qint64, Entry>> added);

    const qsizetype m_maxBytes;
    QMutex m_mutex;
    QHash<qint64, Mailbox> m_mailboxes;
    qsizetype m_bytes = 0;
    quint64 m_clock = 0;
};

// One message's search text while SEARCH tries it: from the cache, or read and
// parsed from the file on first need, and then given to the Search for the cache
// when this is destroyed. Nothing is looked up until a key asks. Any thread.
class MessageSearchText
{
public:
    // `file` (relative to `maildirRoot`) and `maildirRoot` must outlive this (a
    // search's message list does).
    MessageSearchText(SearchTextCache::Search &search, qint64 uid, const QString &file,
                      const QString &maildirRoot);
    ~MessageSearchText();
    MessageSearchText(const MessageSearchText &) = delete;
    MessageSearchText &operator=(const MessageSearchText &) = delete;

    // A header field's folded values, each followed by a NUL.
    QByteArrayView field(const QByteArray &lowerName);
    QByteArrayView cachedField(int index); // the same by cachedFieldIndex()
    QByteArrayView date();                 // the raw Date field
    QByteArrayView headers();              // every field, decoded
    QByteArrayView body();                 // the text parts, decoded

private:
    const SearchTextCache::Text &text();
    const MimeMessage &mime();

    SearchTextCache::Search &m_search;
    qint64 m_uid;
    const QString &m_file;
    const QString &m_root;
    bool m_lookedUp = false; // the cache is asked on first need
    std::optional<SearchTextCache::Text> m_text;
    std::optional<SearchTextCache::Entry> m_computed; // what goes back into the cache
    QHash<QByteArray, QByteArray> m_otherFields;
    std::optional<MimeMessage> m_mime;
    bool m_unreadable = false;
};

} // namespace fumibako
