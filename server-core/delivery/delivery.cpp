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
    if (!request.remote.isEmpty() && m_outbound)
        done = [done = std::move(done), notify = m_outbound](Result<void> r) {
            if (r)
                notify();
            done(r);
        };
    commit(std::make_shared<DeliveryJob>(std::move(request)), context, std::move(done));
}

void Delivery::commit(std::shared_ptr<StoreJob> job, QObject *context, std::function<void(Result<void>)> done)
{
    QPointer<QObject> guard(context);
    QObject *anchor = threadAnchor(context);
    m_writer->submit(std::move(job), [guard, anchor, done = std::move(done)](Result<void> r) {
        // Checked on the context's own thread, where it cannot be deleted meanwhile.
        QMetaObject::invokeMethod(
            anchor, [guard, done, r]() { if (guard) done(r); }, Qt::QueuedConnection);
    });
}

MailboxEvents *Delivery::events() { return m_writer->events(); }

} // namespace fumibako
