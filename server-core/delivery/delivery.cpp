#include "delivery.h"

#include "common/threadanchor.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/maildir.h"
#include "store/storewriter.h"

#include <QPointer>

namespace fumibako {

Delivery::Delivery(const Database &db, StoreWriter *writer, EventLog *log, QString mailRoot, QString queueDir)
    : m_db(db), m_writer(writer), m_log(log), m_mailRoot(std::move(mailRoot)), m_queueDir(std::move(queueDir))
{
}

RecipientDecision Delivery::decide(const MailAddress &rcpt, bool mayRelay) const
{
    return RecipientPolicy(m_db).decide(rcpt, mayRelay);
}

LocalTarget Delivery::targetFor(const RecipientDecision &d, const QString &deliveredTo) const
{
    LocalTarget t;
    t.accountId = d.account.id;
    t.mailboxId = d.mailboxId;
    t.maildir = Maildir(m_mailRoot, d.account.maildir).root();
    t.deliveredTo = deliveredTo;
    t.quotaBytes = d.account.quotaBytes;
    t.quotaMessages = d.account.quotaMessages;
    return t;
}

QString Delivery::primaryDomain() const
{
    auto d = AccountStore(m_db).domains();
    return d && !d->isEmpty() ? d->first() : QString();
}

void Delivery::deliver(DeliveryRequest request, QObject *context, std::function<void(Result<void>)> done)
{
    request.queueDir = m_queueDir;
    QList<qint64> changed;
    for (const LocalTarget &t : std::as_const(request.local))
        changed << t.mailboxId;
    if (!request.remote.isEmpty() && m_outbound)
        done = [done = std::move(done), notify = m_outbound](Result<void> r) {
            if (r)
                notify();
            done(r);
        };
    commit(std::make_shared<DeliveryJob>(std::move(request)), context, std::move(done), changed);
}

void Delivery::commit(std::shared_ptr<StoreJob> job, QObject *context, std::function<void(Result<void>)> done,
                      QList<qint64> changed)
{
    QPointer<QObject> guard(context);
    QObject *anchor = threadAnchor(context);
    m_writer->submit(std::move(job), [this, guard, anchor, done = std::move(done), changed](Result<void> r) {
        if (r)
            for (qint64 id : changed)
                m_events.changed(id);
        // Checked on the context's own thread, where it cannot be deleted meanwhile.
        QMetaObject::invokeMethod(
            anchor, [guard, done, r]() { if (guard) done(r); }, Qt::QueuedConnection);
    });
}

} // namespace fumibako
