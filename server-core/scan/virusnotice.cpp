#include "virusnotice.h"

#include "common/maildate.h"
#include "delivery/noticemail.h"
#include "mime/headerfields.h"
#include "mime/mimetext.h"

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

// Text from the refused message or the scanner, fit for one line of ours.
QString oneLine(const QString &text)
{
    static const QRegularExpression controls(QStringLiteral("[\\x{0}-\\x{1f}\\x{7f}]"));
    return QString(text).replace(controls, QStringLiteral(" ")).simplified().left(300);
}

} // namespace

QByteArray virusNoticeMessage(const VirusNoticeInput &in)
{
    using namespace NoticeMail;
    const QString subjectJa = u("【ウイルス検出】送信メールを削除しました");
    // Only the header of the refused message is read: its body is the virus.
    const QString originalSubject =
        oneLine(mimetext::decodeHeaderText(firstFieldValue(in.original, "Subject")));
    const QString virus = oneLine(in.virusName);
    const QString date =
        QString::fromLatin1(formatMailDate(in.now, QStringLiteral("yyyy/MM/dd HH:mm")));
    const QString mta = oneLine(in.reportingMta);

    QString text;
    auto line = [&text](const QString &s = {}) { text += s + QLatin1Char('\n'); };
    auto details = [&](bool japanese) {
        const QString noSubject = japanese ? u("（件名なし）") : QStringLiteral("(no subject)");
        line((japanese ? u("  件名: ") : QStringLiteral("  Subject: ")) +
             (originalSubject.isEmpty() ? noSubject : originalSubject));
        line((japanese ? u("  日時: ") : QStringLiteral("  Date: ")) + date);
        const QString label = japanese ? u("  宛先: ") : QStringLiteral("  To: ");
        const QString pad(label.size() + (japanese ? 2 : 0), QLatin1Char(' '));
        const qsizetype shown = qMin<qsizetype>(in.recipients.size(), kVirusNoticeMaxRecipients);
        for (qsizetype i = 0; i < shown; ++i)
            line((i == 0 ? label : pad) + oneLine(in.recipients[i]));
        if (in.recipients.size() > shown) {
            const QString rest = QString::number(in.recipients.size() - shown);
            line(pad + (japanese ? u("ほか ") + rest + u(" 件")
                                 : QStringLiteral("and ") + rest + QStringLiteral(" more")));
        }
        line((japanese ? u("  ウイルス名: ") : QStringLiteral("  Virus: ")) + virus);
    };

    line(u("このメールは、メールサーバ ") + mta + u(" が自動で送信しています。"));
    line();
    line(u("お送りいただいたメールからウイルスが検出されたため、メール自体を削除しました。"));
    line(u("このメールは宛先には送信されていません。"));
    line();
    details(true);
    line();
    line(u("お使いのパソコンがウイルスに感染しているおそれがあります。ウイルス対策ソフトで"));
    line(u("パソコンを検査してから、ウイルスを含まない形でもう一度お送りください。"));
    line(u("送った覚えがない場合は、ウイルスがお客様のアドレスを差出人にして送信しようとした"));
    line(u("可能性があります。社内のメール管理者にご相談ください。"));
    line(u("このメールに返信しても届きません。"));
    line();
    line(QStringLiteral("----------------------------------------------------------------------"));
    line(QStringLiteral("This message was sent automatically by the mail server ") + mta +
         QLatin1Char('.'));
    line();
    line(QStringLiteral("A virus was found in the message you sent, so the message was deleted."));
    line(QStringLiteral("It was NOT sent to its recipients."));
    line();
    details(false);
    line();
    line(
        QStringLiteral("Your computer may be infected. Please check it with anti-virus software,"));
    line(QStringLiteral("then send the message again without the infected file."));
    line(QStringLiteral("If you did not send this message, a virus may have tried to send it in"));
    line(QStringLiteral("your name. Please ask your mail administrator."));
    line(QStringLiteral("Replies to this message are not read."));

    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(in.now.toString(Qt::ISODateWithMs).toUtf8());
    hash.addData(in.sender.toUtf8());
    hash.addData(in.virusName.toUtf8());
    hash.addData(in.original.left(64 * 1024));
    const QByteArray idDomain = printableAscii(
        (in.messageIdDomain.isEmpty() ? in.reportingMta : in.messageIdDomain).toUtf8());
    const QByteArray messageId =
        '<' + in.now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + ".virus." +
        hash.result().toHex().left(16) + '@' + idDomain + '>';

    NoticeMail::TextNotice notice;
    notice.date = rfc5322Date(in.now);
    notice.from =
        "Mail Delivery System <MAILER-DAEMON@" + printableAscii(in.postmasterDomain.toUtf8()) + '>';
    // A UTF-8 address stays UTF-8 (RFC 6532): the queue sends it with SMTPUTF8.
    notice.to = '<' + in.sender.toUtf8() + '>';
    // An encoded-word is up to 75 characters: after "Subject: " it would pass
    // 78, so the value starts with a space, where field() may fold.
    notice.subject = ' ' + mimetext::encodeHeaderText(subjectJa);
    notice.messageId = messageId;
    notice.autoSubmitted = "auto-replied";
    notice.text = text.toUtf8();
    return NoticeMail::textNotice(notice);
}

} // namespace fumibako
