#include "searchtextcache.h"

#include "mime/mimetext.h"

#include <QFile>
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
        s.cache.setMaxCost(maxBytes / qsizetype(m_shards.size()));
}

std::shared_ptr<const SearchTextCache::Entry> SearchTextCache::find(const Key &key)
{
    Shard &s = shardOf(key.messageId);
    std::shared_ptr<const Entry> found;
    {
        QMutexLocker lock(&s.mutex);
        if (const auto *e = s.cache.object(key.messageId))
            found = *e;
    }
    return found && found->file == key.file ? found : nullptr;
}

void SearchTextCache::insert(const Key &key, std::shared_ptr<const Entry> entry)
{
    Q_ASSERT(entry->file == key.file);
    Shard &s = shardOf(key.messageId);
    const qsizetype cost = entry->cost();
    QMutexLocker lock(&s.mutex);
    // Refused (and deleted) if larger than the shard's whole budget.
    s.cache.insert(key.messageId, new std::shared_ptr<const Entry>(std::move(entry)), cost);
}

QByteArray SearchTextCache::fold(const QString &text) { return mimetext::foldForSearch(text).toUtf8(); }

int SearchTextCache::cachedFieldIndex(const QByteArray &lowerName)
{
    for (int i = 0; i < kCachedFieldCount; ++i)
        if (lowerName == kCachedFields[i])
            return i;
    return -1;
}

MessageSearchText::MessageSearchText(SearchTextCache *cache, SearchTextCache::Key key, const QString &maildirRoot)
    : m_cache(cache), m_key(std::move(key)), m_root(maildirRoot)
{
}

MessageSearchText::~MessageSearchText()
{
    if (m_cache && m_changed && !m_unreadable)
        m_cache->insert(m_key, std::make_shared<const SearchTextCache::Entry>(std::move(*m_changed)));
}

const SearchTextCache::Entry &MessageSearchText::entry()
{
    static const SearchTextCache::Entry empty;
    if (m_changed)
        return *m_changed;
    if (!m_lookedUp) {
        m_cached = m_cache ? m_cache->find(m_key) : nullptr;
        m_lookedUp = true;
    }
    return m_cached ? *m_cached : empty;
}

SearchTextCache::Entry &MessageSearchText::writableEntry()
{
    if (!m_changed) {
        m_changed = entry();  // implicitly shared members: a cheap copy
        m_changed->file = m_key.file;
    }
    return *m_changed;
}

const MimeMessage &MessageSearchText::mime()
{
    if (!m_mime) {
        QFile f(m_root + QLatin1Char('/') + m_key.file);
        const bool opened = f.open(QIODevice::ReadOnly);
        m_mime.emplace(opened ? f.readAll() : QByteArray());
        // A file that could not be read (EMFILE, EIO) is searched as empty this
        // time; caching that would hide the message from later searches too.
        m_unreadable = !opened || f.error() != QFileDevice::NoError;
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
