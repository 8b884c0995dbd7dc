#include "mailstorage.h"

#include "common/threadanchor.h"
#include "maildir.h"
#include "storewriter.h"

#include <QPointer>

namespace fumibako
{

MailStorage::MailStorage(const Database &db, StoreWriter *writer, QString mailRoot)
    : m_db(db), m_writer(writer), m_mailRoot(std::move(mailRoot))
{
}

QString MailStorage::maildirRoot(const QString &maildir) const
{
    return Maildir(m_mailRoot, maildir).root();
}

void MailStorage::commit(std::shared_ptr<StoreJob> job, QObject *context,
                         std::function<void(Result<void>)> done) const
{
    QPointer<QObject> guard(context);
    QObject *anchor = threadAnchor(context);
    m_writer->submit(std::move(job), [guard, anchor, done = std::move(done)](Result<void> r) {
        // Checked on the context's own thread, where it cannot be deleted meanwhile.
        QMetaObject::invokeMethod(
            anchor,
            [guard, done, r]() {
                if (guard)
                    done(r);
            },
            Qt::QueuedConnection);
    });
}

MailboxEvents &MailStorage::events() const
{
    return *m_writer->events();
}

} // namespace fumibako
