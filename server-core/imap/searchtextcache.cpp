#include "searchtextcache.h"

#include "common/durablefile.h"
#include "mime/mimetext.h"

#include <QMutexLocker>

namespace fumibako {

namespace {
// In Entry::fields order; other fields are read from the file when asked.
const char *const kCachedFields[SearchTextCache::kCachedFieldCount] = {"from", "to", "cc", "bcc", "subject"};
} // namespace

qsizetype SearchTextCache::Entry::cost() const
{
    qsizetype bytes = 256 + file.size() * 2 + date.size() + (headers ? headers->size() : 0) + (body ? body->size() : 0);
    for (const QList<QByteArray> &values : fields)
        for (const QByteArray &v : values)
            bytes += v.size() + 32;
    return bytes;
}

SearchTextCache::SearchTextCache(qsizetype maxBytes)
{
    for (Shard &s : m_shards)
        s.maxCost = maxBytes / qsizetype(m_shards.size());
}

std::shared_ptr<const SearchTextCache::Entry> SearchTextCache::find(qint64 messageId, const QString &file)
{
    Shard &s = shardOf(messageId);
    std::shared_ptr<const Entry> found;
    {
        QMutexLocker lock(&s.mutex);
        const auto it = s.slots.find(messageId);
        if (it == s.slots.end())
            return nullptr;
        it->referenced = true;
        found = it->entry;
    }
    return found->file == file ? found : nullptr;
}

void SearchTextCache::insert(qint64 messageId, std::shared_ptr<const Entry> entry)
{
    Shard &s = shardOf(messageId);
    const qsizetype cost = entry->cost();
    QMutexLocker lock(&s.mutex);
    if (cost > s.maxCost)
        return;  // larger than the shard's whole budget
    auto it = s.slots.find(messageId);
    if (it != s.slots.end()) {  // a newer entry for the row (more fields, or a reused id)
        s.cost -= it->cost;
        it->entry.reset();
        it->cost = 0;
    }
    s.evictFor(cost);
    it = s.slots.find(messageId);  // evictFor may have taken it
    if (it == s.slots.end()) {
        it = s.slots.insert(messageId, {});
        s.ring.push_back(messageId);
    }
    it->entry = std::move(entry);
    it->cost = cost;
    it->referenced = false;
    s.cost += cost;
}

// CLOCK: the hand passes over the keys in turn; an entry looked up since its
// last pass gets another round, any other goes. Called with the shard locked.
void SearchTextCache::Shard::evictFor(qsizetype needed)
{
    while (cost + needed > maxCost && !ring.empty()) {
        if (hand >= ring.size())
            hand = 0;
        const qint64 key = ring[hand];
        auto it = slots.find(key);
        if (it != slots.end() && it->referenced && it->entry) {
            it->referenced = false;
            ++hand;
            continue;
        }
        if (it != slots.end()) {
            cost -= it->cost;
            slots.erase(it);
        }
        ring[hand] = ring.back();  // order within the ring does not matter to CLOCK
        ring.pop_back();
    }
}

QByteArray SearchTextCache::fold(const QString &text) { return mimetext::foldForSearch(text).toUtf8(); }

int SearchTextCache::cachedFieldIndex(const QByteArray &lowerName)
{
    for (int i = 0; i < kCachedFieldCount; ++i)
        if (lowerName == kCachedFields[i])
            return i;
    return -1;
}

MessageSearchText::MessageSearchText(SearchTextCache *cache, qint64 messageId, const QString &file,
                                     const QString &maildirRoot)
    : m_cache(cache), m_messageId(messageId), m_file(file), m_root(maildirRoot)
{
}

MessageSearchText::~MessageSearchText()
{
    if (m_cache && m_changed && !m_unreadable)
        m_cache->insert(m_messageId, std::make_shared<const SearchTextCache::Entry>(std::move(*m_changed)));
}

const SearchTextCache::Entry &MessageSearchText::entry()
{
    static const SearchTextCache::Entry empty;
    if (m_changed)
        return *m_changed;
    if (!m_lookedUp) {
        m_cached = m_cache ? m_cache->find(m_messageId, m_file) : nullptr;
        m_lookedUp = true;
    }
    return m_cached ? *m_cached : empty;
}

SearchTextCache::Entry &MessageSearchText::writableEntry()
{
    if (!m_changed) {
        m_changed = entry();  // implicitly shared members: a cheap copy
        m_changed->file = m_file;
    }
    return *m_changed;
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

void MessageSearchText::readHeaderFields()
{
    if (entry().headerFieldsRead)
        return;
    SearchTextCache::Entry &e = writableEntry();
    for (int i = 0; i < SearchTextCache::kCachedFieldCount; ++i)
        for (const QString &v : mime().decodedHeaders(kCachedFields[i]))
            e.fields[size_t(i)] << SearchTextCache::fold(v);
    e.date = mime().rawHeader("Date");
    e.headerFieldsRead = true;
}

const QList<QByteArray> &MessageSearchText::cachedField(int index)
{
    readHeaderFields();
    return entry().fields[size_t(index)];
}

const QList<QByteArray> &MessageSearchText::field(const QByteArray &lowerName)
{
    if (const int index = SearchTextCache::cachedFieldIndex(lowerName); index >= 0)
        return cachedField(index);
    auto it = m_otherFields.find(lowerName);
    if (it == m_otherFields.end()) {
        QList<QByteArray> values;
        for (const QString &v : mime().decodedHeaders(lowerName))
            values << SearchTextCache::fold(v);
        it = m_otherFields.insert(lowerName, values);
    }
    return *it;
}

QByteArray MessageSearchText::date()
{
    readHeaderFields();
    return entry().date;
}

const QByteArray &MessageSearchText::headers()
{
    if (!entry().headers)
        writableEntry().headers = SearchTextCache::fold(mime().decodedHeaderText());
    return *entry().headers;
}

const QByteArray &MessageSearchText::body()
{
    if (!entry().body)
        writableEntry().body = SearchTextCache::fold(mime().searchableText());
    return *entry().body;
}

} // namespace fumibako
