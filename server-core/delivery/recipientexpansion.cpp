#include "recipientexpansion.h"

#include "autoreply.h"
#include "delivery.h"
#include "messagepipeline.h"
#include "recipientpolicy.h"
#include "senderrewriting.h"

#include "common/clock.h"
#include "common/maildate.h"
#include "mime/attachmentstrip.h"
#include "mime/headerfields.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "store/accountstore.h"
#include "store/forwardingstore.h"

#include <QMutexLocker>
#include <QSet>

#include <algorithm>

namespace fumibako
{

namespace
{

QString domainOf(const QString &address)
{
    return address.section(QLatin1Char('@'), -1).toLower();
}

QString localPartOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return (at < 0 ? address : address.left(at)).toLower();
}

bool folds(const QString &text, const QString &needle)
{
    return mimetext::foldForSearch(text).contains(mimetext::foldForSearch(needle));
}

} // namespace

// ---- ForwardRateLimit -------------------------------------------------------

void ForwardRateLimit::setRate(int perMinute)
{
    QMutexLocker lock(&m_lock);
    m_intervalMs = 60000 / std::max(1, perMinute);
}

qint64 ForwardRateLimit::slot(qint64 accountId, qint64 now)
{
    // GCRA: a forward conforms while the theoretical arrival time is at most a
    // minute ahead of now; past that it waits for its turn.
    QMutexLocker lock(&m_lock);
    const qint64 nowMs = now * 1000;
    qint64 &tat = m_theoretical[accountId];
    tat = std::max(tat, nowMs);
    const qint64 burstMs = 60000 - m_intervalMs;
    const qint64 at = std::max(nowMs, tat - burstMs);
    tat += m_intervalMs;
    return (at + 999) / 1000;
}

// ---- RecipientExpansion -----------------------------------------------------

bool RecipientExpansion::isSystemSender(const QString &address)
{
    static const QStringList names = {QStringLiteral("postmaster"), QStringLiteral("mailer-daemon"),
                                      QStringLiteral("mailerdaemon")};
    return !address.isEmpty() && names.contains(localPartOf(address));
}

Expansion RecipientExpansion::expand(DeliveryRequest &request) const
{
    Expansion out;
    if (!request.envelopeHeaders || request.local.isEmpty())
        return out;
    const qsizetype bodyAt = request.message.indexOf("\r\n\r\n");
    const QByteArray header =
        request.traceHeaders + (bodyAt < 0 ? request.message : request.message.left(bodyAt + 2));
    QSet<QString> deliveredTo;
    HeaderFieldScanner scanner(header);
    using K = HeaderFieldScanner::Kind;
    for (auto item = scanner.next(); item.kind == K::Field || item.kind == K::NotAField;
         item = scanner.next())
        if (item.kind == K::Field &&
            scanner.name(item).compare("Delivered-To", Qt::CaseInsensitive) == 0)
            deliveredTo.insert(QString::fromUtf8(scanner.unfoldedValue(item)).trimmed().toLower());
    const bool anyRules = std::any_of(request.local.cbegin(), request.local.cend(),
                                      [](const LocalTarget &t) { return bool(t.rules); });
    if (deliveredTo.isEmpty() && !anyRules)
        return out;

    // Only the X-Spam-Flag our own scan step wrote counts (it replaces the sender's).
    const bool spam = firstFieldValue(request.traceHeaders, "X-Spam-Flag")
                          .trimmed()
                          .compare("YES", Qt::CaseInsensitive) == 0;
    std::optional<MimeMessage> mime;
    const QString sender = request.sender.toLower();
    const QDateTime now = m_clock->now().toLocalTime();
    for (qsizetype i = 0; i < request.local.size();) {
        const LocalTarget t = request.local[i];
        const QString rcpt = t.deliveredTo.toLower();
        if (deliveredTo.contains(rcpt)) {
            out.loops << t;
            out.notes << QStringLiteral("mail forwarding loop for %1: it was delivered there "
                                        "before (Delivered-To)")
                             .arg(rcpt);
            request.local.removeAt(i);
            continue;
        }
        bool keep = true;
        if (t.rules) {
            if (!mime)
                mime.emplace(header + "\r\n");
            const QString from = mime->addresses("From").value(0).toLower();
            if (t.rules->forward)
                keep = forward(request, t, *t.rules->forward, from, mime->decodedHeader("Subject"),
                               spam, &out);
            if (t.rules->autoReply)
                autoReply(request, t, header, spam, now, &out);
        }
        if (!keep) {
            request.local.removeAt(i);
            request.reportDelivered.removeIf(
                [&](const DsnRecipient &d) { return d.address.toLower() == rcpt; });
            continue;
        }
        ++i;
    }
    return out;
}

bool RecipientExpansion::forward(const DeliveryRequest &request, const LocalTarget &t,
                                 const ForwardRule &rule, const QString &from,
                                 const QString &subject, bool spam, Expansion *out) const
{
    const QString account = t.rules->address;
    QString skip;
    if (rule.destinations.isEmpty())
        skip = QStringLiteral("no destination");
    else if (isSystemSender(request.sender) || isSystemSender(from))
        skip = QStringLiteral("mail from a system address (postmaster, mailer-daemon) is never "
                              "forwarded");
    else if (spam && rule.skipSpam)
        skip = QStringLiteral("tagged as spam");
    else if (!rule.ifFrom.isEmpty() && !folds(request.sender, rule.ifFrom) &&
             !folds(from, rule.ifFrom))
        skip = QStringLiteral("the sender does not match \"%1\"").arg(rule.ifFrom);
    else if (!rule.ifSubject.isEmpty() && !folds(subject, rule.ifSubject))
        skip = QStringLiteral("the subject does not match \"%1\"").arg(rule.ifSubject);
    if (!skip.isEmpty()) {
        // Mail the rule does not forward stays in the mailbox whatever the rule
        // says of copies: otherwise it would be lost.
        out->notes << QStringLiteral("not forwarded for %1: %2").arg(account, skip);
        return true;
    }
    auto key = m_delivery.srsKey();
    if (!key) {
        out->notes << QStringLiteral("not forwarded for %1: %2").arg(account, key.error().message);
        return true;
    }
    QByteArray message = request.message;
    if (rule.stripAttachments) {
        auto stripped = stripAttachments(request.message);
        if (stripped) {
            message = std::move(stripped->message);
            if (!stripped->removed.isEmpty())
                out->notes << QStringLiteral("attachments removed for the forward of %1: %2")
                                  .arg(account, stripped->removed.join(QStringLiteral(", ")));
        } else {
            out->notes << QStringLiteral("attachments of the forward of %1 not removed: %2")
                              .arg(account, stripped.error().message);
        }
    }
    // Destinations in our own domains go through the queue too, so that their
    // own rules apply in turn, each pass adding its Delivered-To; they wait
    // their turn under the account's rate.
    const auto ours = AccountStore(m_delivery.database()).domains();
    QList<DsnRecipient> external, local;
    for (const QString &d : rule.destinations) {
        DsnRecipient r{d, QByteArray(), QStringLiteral("rfc822;") + t.deliveredTo};
        (ours && ours->contains(domainOf(d)) ? local : external) << r;
    }
    const QString id = Envelope::newId();
    DeliveryRequest copy;
    copy.headerMessageId = request.headerMessageId;
    // 「転送先からのエラー配信先を転送元アドレスにする」: errors to the account;
    // otherwise SRS, so the destination's SPF check passes and its bounces come
    // back here to be told to the sender without the destination in them.
    copy.sender = rule.errorsToMe
                      ? account
                      : SenderRewriting(*key, m_clock).forward(request.sender, domainOf(account));
    // An SRS address past RFC 5321's 64-octet local part (a long sender at a
    // long domain) would be refused by servers that keep to it, ours among
    // them: such a forward carries the account's own address instead, so
    // its errors come to the account.
    if (copy.sender.section(QLatin1Char('@'), 0, -2).toUtf8().size() > 64) {
        out->notes << QStringLiteral("forward of %1 sent from the account itself: the SRS "
                                     "address for %2 would be too long")
                          .arg(account, request.sender);
        copy.sender = account;
    }
    copy.traceHeaders = "Received: by " + m_delivery.hostname().toUtf8() +
                        " (Fumibako) with forwarding id " + id.toUtf8() + "\r\n\tfor <" +
                        t.deliveredTo.toUtf8() + ">; " + rfc5322Date(m_clock->now().toLocalTime()) +
                        "\r\nDelivered-To: " + t.deliveredTo.toUtf8() + "\r\n" +
                        request.traceHeaders;
    copy.message = std::move(message);
    copy.queueDir = request.queueDir;
    // One queued copy for every destination while the rate lets the local
    // ones go now; those it holds back wait in a copy of their own.
    const qint64 now = m_clock->secsSinceEpoch();
    const qint64 slot = local.isEmpty() ? now : m_rate->slot(t.accountId, now);
    QList<QPair<QList<DsnRecipient>, qint64>> batches;
    if (slot <= now)
        batches.append({external + local, 0});
    else
        batches = {{external, 0}, {local, slot}};
    for (const auto &[recipients, notBefore] : std::as_const(batches)) {
        if (recipients.isEmpty())
            continue;
        DeliveryRequest r = copy;
        r.messageId = out->forwards.isEmpty() ? id : Envelope::newId();
        r.remote = recipients;
        r.notBefore = notBefore;
        QStringList to;
        for (const DsnRecipient &d : recipients)
            to << d.address;
        out->notes << QStringLiteral("forwarded for %1 to %2 as id=%3%4%5")
                          .arg(account, to.join(QStringLiteral(", ")), r.messageId,
                               rule.keepCopy ? QStringLiteral(", copy kept")
                                             : QStringLiteral(", no copy kept"),
                               notBefore > now
                                   ? QStringLiteral(", held %1 s by the forwarding rate")
                                         .arg(notBefore - now)
                                   : QString());
        out->forwards << std::move(r);
    }
    return rule.keepCopy;
}

void RecipientExpansion::autoReply(const DeliveryRequest &request, const LocalTarget &t,
                                   const QByteArray &header, bool spam, const QDateTime &now,
                                   Expansion *out) const
{
    const AutoReplyRule &rule = *t.rules->autoReply;
    const QString account = t.rules->address;
    if (auto why = AutoReply::suppression(header, request.sender, t.rules->ownAddresses, spam, rule,
                                          now)) {
        out->notes << QStringLiteral("no auto-reply from %1: %2").arg(account, *why);
        return;
    }
    AutoReply::Reply reply;
    reply.rule = rule;
    reply.originalHeader = header;
    reply.to = request.sender;
    reply.from = account;
    reply.now = now;
    reply.messageIdDomain = m_delivery.hostname();
    const QByteArray message = AutoReply::build(reply);
    const auto to = MailAddress::parse(request.sender);
    if (message.isEmpty() || !to) {
        out->notes << QStringLiteral("no auto-reply from %1: the sender %2 cannot be answered")
                          .arg(account, request.sender);
        return;
    }
    auto req = m_delivery.noticeRequest(*to, message);
    if (!req) {
        out->notes << QStringLiteral("no auto-reply from %1: the sender %2 has no mailbox here")
                          .arg(account, request.sender);
        return;
    }
    // Logged once committed: only then is it known whether the sender had one already.
    out->replies << Expansion::Reply{
        t.accountId,    account, request.sender.toLower(), rule.days, now.toSecsSinceEpoch(),
        std::move(*req)};
}

// ---- AutoReplyJob -----------------------------------------------------------

Result<void> AutoReplyJob::record(const Database &db)
{
    auto claimed = ForwardingStore(db).claimAutoReply(m_accountId, m_sender, m_at, m_days);
    if (!claimed)
        return claimed.error();
    m_skipped = !*claimed;
    return m_skipped ? Result<void>() : m_job.record(db);
}

QString AutoReplyJob::note() const
{
    if (m_skipped)
        return QStringLiteral("no auto-reply from %1: %2 had one within %3 days")
            .arg(m_account, m_sender)
            .arg(m_days);
    return QStringLiteral("auto-reply from %1 to %2 as id=%3 (once in %4 days)")
        .arg(m_account, m_sender, m_messageId)
        .arg(m_days);
}

Result<void> AutoReplyJob::commit(QSet<QString> &dirsToSync)
{
    if (!m_skipped)
        return m_job.commit(dirsToSync);
    m_job.rollback(); // answered within the period: its file never went into place
    return {};
}

} // namespace fumibako
