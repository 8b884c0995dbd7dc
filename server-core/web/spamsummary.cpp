#include "spamsummary.h"

#include "common/mailaddress.h"
#include "common/maildate.h"
#include "delivery/delivery.h"
#include "delivery/noticemail.h"
#include "mime/mimetext.h"
#include "releasetoken.h"
#include "store/quarantinestore.h"
#include "store/storewriter.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace fumibako
{

namespace
{

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Text from a held message, fit for one line of ours.
QString oneLine(const QString &text, int max = 300)
{
    static const QRegularExpression controls(QStringLiteral("[\\x{0}-\\x{1f}\\x{7f}]"));
    return QString(text).replace(controls, QStringLiteral(" ")).simplified().left(max);
}

QString reasonText(const SpamSummaryItem &item, bool japanese)
{
    QString kind = item.reasonKind;
    if (japanese) {
        if (kind == QLatin1String("spam"))
            kind = u("スパム判定");
        else if (kind == QLatin1String("filter"))
            kind = u("迷惑メールフィルタ");
        else if (kind == QLatin1String("spoofing"))
            kind = u("なりすまし");
        else if (kind == QLatin1String("virus"))
            kind = u("ウイルス");
    }
    const QString why = oneLine(item.reason, 200);
    return why.isEmpty() ? kind : kind + QStringLiteral(" (") + why + QLatin1Char(')');
}

} // namespace

QByteArray spamSummaryMessage(const SpamSummaryInput &in)
{
    using namespace NoticeMail;
    const qsizetype shown = qMin<qsizetype>(in.items.size(), kSpamSummaryMaxItems);
    const QString count = QString::number(in.items.size());
    const QString days = QString::number(in.retentionDays);

    QString text;
    auto line = [&text](const QString &s = {}) { text += s + QLatin1Char('\n'); };
    auto list = [&](bool japanese) {
        for (qsizetype i = 0; i < shown; ++i) {
            const SpamSummaryItem &it = in.items[i];
            const QString noSubject = japanese ? u("（件名なし）") : QStringLiteral("(no subject)");
            const QString subject = oneLine(it.subject);
            line(QStringLiteral("[%1]").arg(i + 1));
            line((japanese ? u("  日時: ") : QStringLiteral("  Date:    ")) +
                 it.received.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm")));
            line((japanese ? u("  差出人: ") : QStringLiteral("  From:    ")) +
                 (it.sender.isEmpty() ? QStringLiteral("<>") : oneLine(it.sender)));
            line((japanese ? u("  件名: ") : QStringLiteral("  Subject: ")) +
                 (subject.isEmpty() ? noSubject : subject));
            line((japanese ? u("  理由: ") : QStringLiteral("  Reason:  ")) +
                 reasonText(it, japanese));
            line((japanese ? u("  受信箱に移す: ") : QStringLiteral("  Release: ")) + it.link);
            line();
        }
        if (in.items.size() > shown) {
            const QString rest = QString::number(in.items.size() - shown);
            line(japanese ? u("ほか ") + rest + u(" 件は、管理者にお問い合わせください。")
                          : QStringLiteral("and ") + rest +
                                QStringLiteral(" more; please ask your mail administrator."));
            line();
        }
    };

    line(u("このメールは、メールサーバが自動で送信しています。"));
    line();
    line(u("前回のお知らせ以降、") + oneLine(in.account) + u(" あての次の ") + count +
         u(" 通のメールを迷惑メールと判定し、スパムボックスに保管しました。"));
    line(u("必要なメールは、リンクを開いて確認し、ボタンを押すと受信箱（INBOX）に移せます。"));
    line(u("保管されたメールは受信から ") + days +
         u(" 日後に自動で削除され、リンクも使えなくなります。"));
    line();
    list(true);
    line(u("このメールに返信しても届きません。"));
    line();
    line(QStringLiteral("----------------------------------------------------------------------"));
    line(QStringLiteral("This message was sent automatically by the mail server."));
    line();
    line(QStringLiteral("Since the last summary, the following ") + count +
         QStringLiteral(" message(s) for ") + oneLine(in.account) +
         QStringLiteral(" were judged to be spam and held in the quarantine."));
    line(QStringLiteral("To move one to your INBOX, open its link, check the message and press "
                        "the button."));
    line(QStringLiteral("Held messages are deleted ") + days +
         QStringLiteral(" days after they arrived; their links stop working then."));
    line();
    list(false);
    line(QStringLiteral("Replies to this message are not read."));

    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(in.now.toString(Qt::ISODateWithMs).toUtf8());
    hash.addData(in.account.toUtf8());
    for (const SpamSummaryItem &it : in.items)
        hash.addData(it.link.toUtf8());
    const QByteArray messageId =
        '<' + in.now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + ".summary." +
        hash.result().toHex().left(16) + '@' + printableAscii(in.hostname.toUtf8()) + '>';

    NoticeMail::TextNotice notice;
    notice.date = rfc5322Date(in.now);
    notice.from =
        "Spam Summary <MAILER-DAEMON@" + printableAscii(in.postmasterDomain.toUtf8()) + '>';
    // A UTF-8 address stays UTF-8 (RFC 6532), as in the other notices.
    notice.to = '<' + in.account.toUtf8() + '>';
    notice.subject = "Spam Summary"; // the FAQ's name for it, ASCII as it is
    notice.messageId = messageId;
    notice.autoSubmitted = "auto-generated";
    notice.text = text.toUtf8();
    return NoticeMail::textNotice(notice);
}

Result<QList<PreparedSummary>> prepareSpamSummaries(const Database &db, const Delivery &delivery,
                                                    const SpamSummaryConfig &config,
                                                    const QDateTime &now)
{
    auto due = QuarantineStore(db).unsummarized();
    if (!due)
        return due.error();
    // Rows come by account; one summary per run of the same account.
    QList<PreparedSummary> out;
    const QString domain = delivery.noticeDomain();
    for (qsizetype i = 0; i < due->size();) {
        const qint64 accountId = due->at(i).accountId;
        const int days = config.retentionDays(accountId);
        SpamSummaryInput in;
        in.account = due->at(i).account;
        in.postmasterDomain = domain;
        in.hostname = config.hostname;
        in.retentionDays = days;
        in.now = now;
        QList<qint64> ids;
        for (; i < due->size() && due->at(i).accountId == accountId; ++i) {
            const QuarantinedMessage &m = due->at(i);
            ids << m.id;
            const QString token = signReleaseToken(config.key, releaseTokenFor(m, days));
            in.items << SpamSummaryItem{QDateTime::fromSecsSinceEpoch(m.receivedAt),
                                        m.sender,
                                        mimetext::decodeHeaderText(m.subject),
                                        m.reasonKind,
                                        m.reason,
                                        releaseUrl(config.hostname, config.webPort, token)};
        }
        auto to = MailAddress::parse(in.account);
        if (!to)
            continue;
        auto request = delivery.noticeRequest(*to, spamSummaryMessage(in));
        if (!request)
            continue; // the account can no longer get mail
        out << PreparedSummary{in.account, std::move(ids), std::move(*request)};
    }
    return out;
}

std::shared_ptr<StoreJob> summaryMarkJob(QList<qint64> ids, const QDateTime &now)
{
    const qint64 at = now.toSecsSinceEpoch();
    return std::make_shared<SqlJob>([ids = std::move(ids), at](const Database &db) {
        return QuarantineStore(db).markSummarized(ids, at);
    });
}

} // namespace fumibako
