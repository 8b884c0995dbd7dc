#include "releasepages.h"

#include "htmlpage.h"

namespace fumibako::ReleasePages
{

namespace
{

using HtmlPage::u;
const auto esc = HtmlPage::escape;
const auto page = HtmlPage::frame;

QString details(const Message &m, bool japanese)
{
    const QString none = japanese ? u("（件名なし）") : QStringLiteral("(no subject)");
    auto row = [](const QString &label, const QString &value, const QString &id) {
        return QStringLiteral("<tr><th>%1</th><td id=\"%2\">%3</td></tr>\n")
            .arg(esc(label), id, esc(value));
    };
    const QString suffix = japanese ? QStringLiteral("-ja") : QStringLiteral("-en");
    QString t = QStringLiteral("<table>\n");
    t += row(japanese ? u("宛先") : QStringLiteral("To"), m.account,
             QStringLiteral("account") + suffix);
    t += row(japanese ? u("受信日時") : QStringLiteral("Received"),
             m.received.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm")),
             QStringLiteral("date") + suffix);
    t += row(japanese ? u("差出人") : QStringLiteral("From"),
             m.sender.isEmpty() ? QStringLiteral("<>") : m.sender,
             QStringLiteral("sender") + suffix);
    t += row(japanese ? u("件名") : QStringLiteral("Subject"),
             m.subject.isEmpty() ? none : m.subject, QStringLiteral("subject") + suffix);
    return t + QStringLiteral("</table>\n");
}

} // namespace

QByteArray confirmation(const Message &m, const QString &token)
{
    QString b;
    b += u("<h1>迷惑メールの受信</h1>\n");
    b += u("<p>次のメールは迷惑メールと判定され、スパムボックスに保管されています。"
           "受信箱（INBOX）に移すには、下のボタンを押してください。</p>\n");
    b += details(m, true);
    b += QStringLiteral("<form method=\"post\" action=\"/release\">\n"
                        "<input type=\"hidden\" name=\"t\" value=\"") +
         esc(token) +
         u("\">\n<p><button type=\"submit\" id=\"release\">受信箱に移す / Move to "
           "INBOX</button></p>\n</form>\n");
    b += QStringLiteral("<hr>\n<div class=\"en\" lang=\"en\">\n<h2>Release a message held as "
                        "spam</h2>\n<p>The message below was judged to be spam and is held in "
                        "the quarantine. Press the button above to move it to your INBOX.</p>\n");
    b += details(m, false);
    b += QStringLiteral("</div>\n");
    return page(u("迷惑メールの受信 / Release a held message"), b);
}

QByteArray released(const Message &m)
{
    QString b;
    b += u("<h1 id=\"released\">受信箱に移しました</h1>\n");
    b += u("<p>次のメールを受信箱（INBOX）に移しました。メールソフトで受信してください。</p>\n");
    b += details(m, true);
    b += QStringLiteral("<hr>\n<div class=\"en\" lang=\"en\">\n<h2>Moved to your INBOX</h2>\n"
                        "<p>The message below is now in your INBOX.</p>\n");
    b += details(m, false);
    b += QStringLiteral("</div>\n");
    return page(u("受信箱に移しました / Moved to INBOX"), b);
}

QByteArray failure(Failure why)
{
    QString ja, en, id;
    switch (why) {
    case Failure::Invalid:
        id = QStringLiteral("invalid");
        ja = u("このリンクは正しくありません。メールに記載されたリンクを、途中で切れたり"
               "変わったりしていないか確かめてください。");
        en = QStringLiteral("This link is not valid. Check that the link from the mail was "
                            "copied whole and unchanged.");
        break;
    case Failure::Expired:
        id = QStringLiteral("expired");
        ja = u("このリンクの有効期限が切れています。スパムボックスの保存期間を過ぎたメールは"
               "受信箱に移せません。");
        en = QStringLiteral("This link has expired: the message was held longer than the "
                            "quarantine keeps mail, and can no longer be released.");
        break;
    case Failure::Gone:
        id = QStringLiteral("gone");
        ja = u("このメールはすでに受信箱に移されたか、削除されています。受信箱をご確認ください。");
        en = QStringLiteral("This message is no longer held: it was already released to the "
                            "INBOX, or deleted. Please look in your INBOX.");
        break;
    case Failure::Unavailable:
        id = QStringLiteral("unavailable");
        ja = u("ただいま処理できません。しばらくしてからもう一度お試しください。");
        en = QStringLiteral("The server cannot do this right now. Please try again later.");
        break;
    case Failure::NotFound:
        id = QStringLiteral("notfound");
        ja = u("このページはありません。");
        en = QStringLiteral("There is no such page.");
        break;
    }
    QString b = QStringLiteral("<h1 id=\"error\" data-reason=\"%1\">").arg(id) +
                u("エラー / Error") + QStringLiteral("</h1>\n<p>") + esc(ja) +
                QStringLiteral("</p>\n<p class=\"en\" lang=\"en\">") + esc(en) +
                QStringLiteral("</p>\n");
    return page(u("エラー / Error"), b);
}

int failureStatus(Failure why)
{
    switch (why) {
    case Failure::Invalid:
        return 400;
    case Failure::Expired:
    case Failure::Gone:
        return 410;
    case Failure::Unavailable:
        return 503;
    case Failure::NotFound:
        return 404;
    }
    return 400;
}

} // namespace fumibako::ReleasePages
