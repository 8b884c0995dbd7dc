// SearchTextCache: the decoded, folded text SEARCH compares — the address and
// subject fields, all header fields, the text of the body parts — kept for the
// messages searched recently and shared by every session, so that searching a
// mailbox again does not read and MIME-parse each file again (Dovecot keeps the
// same in its index cache). Bounded in bytes, least recently used out; keyed by
// the message file's path, which never changes while the message exists.
#pragma once

#include "mime/mimemessage.h"

#include <QByteArray>
#include <QCache>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace fumibako {

class SearchTextCache {
public:
    struct Entry {
        bool headerFieldsRead = false;
        QHash<QByteArray, QList<QByteArray>> fields;  // "from", "to", "cc", "bcc", "subject"
        QByteArray date;                              // the raw Date field
        std::optional<QByteArray> headers;            // every field, decoded
        std::optional<QByteArray> body;               // the text parts, decoded
        qsizetype cost() const;
    };

    explicit SearchTextCache(qsizetype maxBytes) { m_cache.setMaxCost(maxBytes); }
    std::optional<Entry> find(const QString &path);
    void insert(const QString &path, const Entry &entry);

    // Search text: UTF-8 after case and width folding (mimetext::foldForSearch).
    static QByteArray fold(const QString &text);

private:
    QMutex m_mutex;
    QCache<QString, Entry> m_cache;
};

// One message's search text while SEARCH tries it: from the cache, or read and
// parsed from the file on first need; what was newly computed goes back into the
// cache when it is destroyed. Any thread.
class MessageSearchText {
public:
    MessageSearchText(SearchTextCache *cache, QString path);
    ~MessageSearchText();
    MessageSearchText(const MessageSearchText &) = delete;
    MessageSearchText &operator=(const MessageSearchText &) = delete;

    QList<QByteArray> field(const QByteArray &name);  // folded values of a header field
    QByteArray date();
    const QByteArray &headers();
    const QByteArray &body();

private:
    const MimeMessage &mime();
    void readHeaderFields();

    SearchTextCache *m_cache;
    QString m_path;
    SearchTextCache::Entry m_entry;
    bool m_changed = false;
    std::optional<MimeMessage> m_mime;
};

} // namespace fumibako
