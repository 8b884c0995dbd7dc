#include "searchtextcache.h"

#include "mime/mimetext.h"

#include <QFile>
#include <QMutexLocker>

namespace fumibako {

namespace {
// The fields SEARCH has keys for (RFC 3501 6.4.4); others are read when asked.
const QByteArrayList kCachedFields = {"from", "to", "cc", "bcc", "subject"};
} // namespace

qsizetype SearchTextCache::Entry::cost() const
{
    qsizetype bytes = 256 + date.size() + (headers ? headers->size() : 0) + (body ? body->size() : 0);
    for (const QList<QByteArray> &values : fields)
        for (const QByteArray &v : values)
            bytes += v.size() + 32;
    return bytes;
}

std::optional<SearchTextCache::Entry> SearchTextCache::find(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    if (const Entry *e = m_cache.object(path))
        return *e;  // implicitly shared: a cheap copy
    return std::nullopt;
}

void SearchTextCache::insert(const QString &path, const Entry &entry)
{
    QMutexLocker lock(&m_mutex);
    m_cache.insert(path, new Entry(entry), entry.cost());  // refused (and deleted) if larger than the whole budget
}

QByteArray SearchTextCache::fold(const QString &text) { return mimetext::foldForSearch(text).toUtf8(); }

MessageSearchText::MessageSearchText(SearchTextCache *cache, QString path) : m_cache(cache), m_path(std::move(path))
{
    if (m_cache)
        if (auto found = m_cache->find(m_path))
            m_entry = std::move(*found);
}

MessageSearchText::~MessageSearchText()
{
    if (m_cache && m_changed)
        m_cache->insert(m_path, m_entry);
}

const MimeMessage &MessageSearchText::mime()
{
    if (!m_mime) {
        QFile f(m_path);
        m_mime.emplace(f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
    }
    return *m_mime;
}

void MessageSearchText::readHeaderFields()
{
    if (m_entry.headerFieldsRead)
        return;
    for (const QByteArray &name : kCachedFields) {
        QList<QByteArray> values;
        for (const QString &v : mime().decodedHeaders(name))
            values << SearchTextCache::fold(v);
        m_entry.fields.insert(name, values);
    }
    m_entry.date = mime().rawHeader("Date");
    m_entry.headerFieldsRead = true;
    m_changed = true;
}

QList<QByteArray> MessageSearchText::field(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    if (kCachedFields.contains(lower)) {
        readHeaderFields();
        return m_entry.fields.value(lower);
    }
    QList<QByteArray> values;
    for (const QString &v : mime().decodedHeaders(name))
        values << SearchTextCache::fold(v);
    return values;
}

QByteArray MessageSearchText::date()
{
    readHeaderFields();
    return m_entry.date;
}

const QByteArray &MessageSearchText::headers()
{
    if (!m_entry.headers) {
        m_entry.headers = SearchTextCache::fold(mime().decodedHeaderText());
        m_changed = true;
    }
    return *m_entry.headers;
}

const QByteArray &MessageSearchText::body()
{
    if (!m_entry.body) {
        m_entry.body = SearchTextCache::fold(mime().searchableText());
        m_changed = true;
    }
    return *m_entry.body;
}

} // namespace fumibako
