#include "searchtextcache.h"

#include "common/durablefile.h"
#include "mime/mimetext.h"

#include <QMutexLocker>

#include <algorithm>

namespace fumibako
{

namespace
{
// In Part order from From; other fields are read from the file when asked.
const char *const kCachedFields[SearchTextCache::kCachedFieldCount] = {"from", "to", "cc", "bcc",
                                                                       "subject"};

// Texts are appended to a mailbox's last block until it holds this much; each
// new snapshot copies that block once, so it is kept small beside the mailbox.
constexpr qsizetype kBlockBytes = 64 * 1024;

// A header field's values, each followed by a NUL (a NUL inside one, which no
// search string can hold, becomes a space).
QByteArray joinValues(const QStringList &values)
{
    QByteArray out;
    for (const QString &v : values)
        out += SearchTextCache::fold(v).replace('\0', ' ') + '\0';
    return out;
}
} // namespace

class SearchTextCache::Snapshot
{
public:
    struct Item {
        qint64 uid;
        quint32 block;
        quint32 offset;
        std::array<quint32, kPartCount> ends;
    };
    qint64 uidValidity = 0;
    std::vector<Item> items; // ascending UID
    std::vector<QByteArray> blocks;
    qsizetype liveBytes = 0;  // the items' text
    qsizetype blockBytes = 0; // that and what expunged items left behind

    qsizetype cost() const { return blockBytes + qsizetype(items.size() * sizeof(Item)); }
    Text text(const Item &item) const
    {
        return {blocks[item.block].constData() + item.offset, item.ends};
    }
    static bool uidLess(const Item &item, qint64 uid) { return item.uid < uid; }

    void append(qint64 uid, QByteArrayView bytes, const std::array<quint32, kPartCount> &ends)
    {
        if (blocks.empty() || blocks.back().size() + bytes.size() > kBlockBytes)
            blocks.emplace_back();
        const auto offset = quint32(blocks.back().size());
        blocks.back().append(bytes);
        items.push_back({uid, quint32(blocks.size() - 1), offset, ends});
        liveBytes += bytes.size();
        blockBytes += bytes.size();
    }
    // Once more has been left behind than is live, the texts are copied afresh.
    void compactIfWasteful()
    {
        if (blockBytes - liveBytes <= std::max(liveBytes, kBlockBytes))
            return;
        Snapshot fresh;
        fresh.uidValidity = uidValidity;
        for (const Item &item : items) {
            const Text t = text(item);
            fresh.append(item.uid, QByteArrayView(t.data, t.ends.back()), item.ends);
        }
        *this = std::move(fresh);
    }
};

SearchTextCache::SearchTextCache(qsizetype maxBytes) : m_maxBytes(maxBytes) {}

SearchTextCache::~SearchTextCache() = default;

QByteArray SearchTextCache::fold(const QString &text)
{
    return mimetext::foldForSearch(text).toUtf8();
}

int SearchTextCache::cachedFieldIndex(const QByteArray &lowerName)
{
    for (int i = 0; i < kCachedFieldCount; ++i)
        if (lowerName == kCachedFields[i])
            return i;
    return -1;
}

std::shared_ptr<const SearchTextCache::Snapshot> SearchTextCache::snapshot(qint64 mailboxId,
                                                                           qint64 uidValidity)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_mailboxes.find(mailboxId);
    if (it == m_mailboxes.end() || !it->snapshot || it->snapshot->uidValidity != uidValidity)
        return nullptr;
    it->lastUse = ++m_clock;
    return it->snapshot;
}

void SearchTextCache::update(qint64 mailboxId, qint64 uidValidity, const std::vector<qint64> &gone,
                             std::vector<std::pair<qint64, Entry>> added)
{
    std::stable_sort(added.begin(), added.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    // Freed after the lock is released: a large mailbox's texts take a while.
    std::vector<std::shared_ptr<const Snapshot>> released;

    QMutexLocker lock(&m_mutex);
    // Another search may have changed the mailbox's texts since this one began.
    const std::shared_ptr<const Snapshot> old = m_mailboxes.value(mailboxId).snapshot;
    released.push_back(old);
    const Snapshot empty;
    // A mailbox id seen with another UIDVALIDITY is another mailbox: start afresh.
    const Snapshot &current = old && old->uidValidity == uidValidity ? *old : empty;
    const qsizetype oldCost = old ? old->cost() : 0;

    // The next snapshot: the current items but those gone, merged in UID order
    // with those added (another search may have added the same meanwhile), the
    // blocks shared with the current one and the new texts appended. The
    // mailbox searched now may take the whole budget; others make room below.
    auto next = std::make_shared<Snapshot>();
    next->uidValidity = uidValidity;
    next->blocks = current.blocks;
    next->blockBytes = current.blockBytes;
    next->items.reserve(current.items.size() + added.size());
    qsizetype budget = m_maxBytes - current.cost();
    auto goneIt = gone.cbegin();
    auto addIt = added.begin();
    auto takeAdded = [&] {
        const Entry &e = addIt->second;
        if (budget >= e.bytes.size() + qsizetype(sizeof(Snapshot::Item))) {
            budget -= e.bytes.size() + qsizetype(sizeof(Snapshot::Item));
            next->append(addIt->first, e.bytes, e.ends);
        }
        ++addIt;
    };
    for (const Snapshot::Item &item : current.items) {
        while (addIt != added.end() && addIt->first < item.uid)
            takeAdded();
        while (goneIt != gone.cend() && *goneIt < item.uid)
            ++goneIt;
        if (addIt != added.end() && addIt->first == item.uid)
            ++addIt;
        if (goneIt == gone.cend() || *goneIt != item.uid) {
            next->items.push_back(item);
            next->liveBytes += item.ends.back();
        }
    }
    while (addIt != added.end())
        takeAdded();
    next->compactIfWasteful();
    m_bytes += next->cost() - oldCost;

    // Room for it: the mailboxes searched least recently go.
    while (m_bytes > m_maxBytes) {
        auto victim = m_mailboxes.end();
        for (auto it = m_mailboxes.begin(); it != m_mailboxes.end(); ++it)
            if (it.key() != mailboxId &&
                (victim == m_mailboxes.end() || it->lastUse < victim->lastUse))
                victim = it;
        if (victim == m_mailboxes.end())
            break;
        m_bytes -= victim->snapshot ? victim->snapshot->cost() : 0;
        released.push_back(std::move(victim->snapshot));
        m_mailboxes.erase(victim);
    }
    Mailbox &box = m_mailboxes[mailboxId]; // looked up after the erasing, which may move entries
    box.snapshot = std::move(next);
    box.lastUse = ++m_clock;
    lock.unlock();
}

SearchTextCache::Search::Search(SearchTextCache *cache, qint64 mailboxId, qint64 uidValidity)
    : m_cache(cache), m_mailboxId(mailboxId), m_uidValidity(uidValidity)
{
}

SearchTextCache::Search::~Search()
{
    if (!m_cache || (!m_snapshot && m_added.empty()))
        return;
    // The snapshot's UIDs up to the highest named that were not named: expunged.
    std::vector<qint64> gone;
    if (m_snapshot && !m_named.empty()) {
        if (!std::is_sorted(m_named.cbegin(), m_named.cend()))
            std::sort(m_named.begin(), m_named.end());
        auto named = m_named.cbegin();
        for (const Snapshot::Item &item : m_snapshot->items) {
            if (item.uid > m_named.back())
                break;
            while (named != m_named.cend() && *named < item.uid)
                ++named;
            if (named == m_named.cend() || *named != item.uid)
                gone.push_back(item.uid);
        }
    }
    if (!gone.empty() || !m_added.empty())
        m_cache->update(m_mailboxId, m_uidValidity, gone, std::move(m_added));
}

void SearchTextCache::Search::name(qint64 uid)
{
    if (m_cache)
        m_named.push_back(uid);
}

std::optional<SearchTextCache::Text> SearchTextCache::Search::find(qint64 uid)
{
    if (!m_lookedUp) {
        m_snapshot = m_cache ? m_cache->snapshot(m_mailboxId, m_uidValidity) : nullptr;
        m_lookedUp = true;
    }
    if (!m_snapshot)
        return std::nullopt;
    const std::vector<Snapshot::Item> &items = m_snapshot->items;
    // A search asks in UID order, so the next item is nearly always the one.
    size_t at = m_next; // never past the end
    if (at >= items.size() || items[at].uid != uid) {
        const bool behind = at > 0 && items[at - 1].uid >= uid; // asked out of order
        const auto from = behind ? items.cbegin() : items.cbegin() + qsizetype(at);
        at = size_t(std::lower_bound(from, items.cend(), uid, Snapshot::uidLess) - items.cbegin());
    }
    m_next = at;
    if (at >= items.size() || items[at].uid != uid)
        return std::nullopt;
    m_next = at + 1;
    return m_snapshot->text(items[at]);
}

void SearchTextCache::Search::add(qint64 uid, Entry entry)
{
    if (m_cache && entry.bytes.size() <= m_cache->m_maxBytes / 4)
        m_added.emplace_back(uid, std::move(entry));
}

MessageSearchText::MessageSearchText(SearchTextCache::Search &search, qint64 uid,
                                     const QString &file, const QString &maildirRoot)
    : m_search(search), m_uid(uid), m_file(file), m_root(maildirRoot)
{
    m_search.name(uid);
}

MessageSearchText::~MessageSearchText()
{
    if (m_computed && !m_unreadable)
        m_search.add(m_uid, std::move(*m_computed));
}

const SearchTextCache::Text &MessageSearchText::text()
{
    if (m_text)
        return *m_text;
    m_text = m_search.find(m_uid);
    if (m_text)
        return *m_text;
    // Not cached: all of it at once, from one parse of the file.
    SearchTextCache::Entry e;
    auto part = [&e](SearchTextCache::Part p, QByteArrayView bytes) {
        e.bytes += bytes;
        e.ends[size_t(p)] = quint32(e.bytes.size());
    };
    part(SearchTextCache::Date, mime().rawHeader("Date"));
    for (int i = 0; i < SearchTextCache::kCachedFieldCount; ++i) {
        QStringList values = mime().decodedHeaders(kCachedFields[i]);
        // An address field also as its bare addresses, so "SEARCH FROM a@b.example"
        // finds "<a (comment)@ (comment) b.example>" too, as Dovecot does (imaptest's
        // search-addresses group).
        if (qstrcmp(kCachedFields[i], "subject") != 0)
            values += mime().addresses(kCachedFields[i]);
        part(SearchTextCache::fieldPart(i), joinValues(values));
    }
    part(SearchTextCache::Headers, SearchTextCache::fold(mime().decodedHeaderText()));
    part(SearchTextCache::Body, SearchTextCache::fold(mime().searchableText()));
    m_computed = std::move(e);
    m_text = SearchTextCache::Text{m_computed->bytes.constData(), m_computed->ends};
    return *m_text;
}

const MimeMessage &MessageSearchText::mime()
{
    if (!m_mime) {
        std::optional<QByteArray> raw = readMessageFile(m_root + QLatin1Char('/') + m_file);
        // A file that could not be read (EMFILE, EIO) is searched as empty this
        // time; caching that would hide the message from later searches too.
        m_unreadable = !raw;
        m_mime.emplace(std::move(raw).value_or(QByteArray()));
    }
    return *m_mime;
}

QByteArrayView MessageSearchText::cachedField(int index)
{
    return text().part(SearchTextCache::fieldPart(index));
}

QByteArrayView MessageSearchText::field(const QByteArray &lowerName)
{
    if (const int index = SearchTextCache::cachedFieldIndex(lowerName); index >= 0)
        return cachedField(index);
    auto it = m_otherFields.find(lowerName);
    if (it == m_otherFields.end())
        it = m_otherFields.insert(lowerName, joinValues(mime().decodedHeaders(lowerName)));
    return *it;
}

QByteArrayView MessageSearchText::date()
{
    return text().part(SearchTextCache::Date);
}

QByteArrayView MessageSearchText::headers()
{
    return text().part(SearchTextCache::Headers);
}

QByteArrayView MessageSearchText::body()
{
    return text().part(SearchTextCache::Body);
}

} // namespace fumibako
