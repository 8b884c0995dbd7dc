#include "archivepages.h"

#include "htmlpage.h"

#include <QDateTime>
#include <QLocale>

namespace fumibako::ArchivePages
{

namespace
{

using HtmlPage::u;
const auto esc = HtmlPage::escape;

QString title()
{
    return u("アーカイブ検索 / Archive search");
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

QString dateText(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs).toLocalTime().toString(
        QStringLiteral("yyyy/MM/dd HH:mm"));
}

// The signed-in line and the sign-out button, atop every page after sign-in.
QString header(const QString &user)
{
    return u("<div class=\"who\">検索ユーザー / Search user: <span id=\"who\">") + esc(user) +
           u("</span>\n<form class=\"inline\" method=\"post\" action=\"/archive/signout\">"
             "<button type=\"submit\" id=\"signout\">サインアウト / Sign out</button></form>"
             "</div>\n");
}

QString input(const QString &label, const QString &name, const QString &type, const QString &value)
{
    return QStringLiteral("<tr><th><label for=\"%1\">%2</label></th><td><input id=\"%1\" "
                          "name=\"%1\" type=\"%3\" value=\"%4\"></td></tr>\n")
        .arg(name, esc(label), type, esc(value));
}

QString searchForm(const Form &f)
{
    QString b =
        QStringLiteral("<form id=\"search\" method=\"get\" action=\"/archive\">\n<table>\n");
    b += QStringLiteral("<tr><th><label for=\"q\">%1</label></th><td><input id=\"q\" name=\"q\" "
                        "type=\"search\" size=\"40\" value=\"%2\"> <button type=\"submit\" "
                        "id=\"search-button\">%3</button></td></tr>\n")
             .arg(u("キーワード / Words"), esc(f.q), u("検索 / Search"));
    b += input(u("開始日 / From date"), QStringLiteral("since"), QStringLiteral("date"), f.since);
    b += input(u("終了日 / To date"), QStringLiteral("until"), QStringLiteral("date"), f.until);
    b += input(u("差出人 / Sender"), QStringLiteral("from"), QStringLiteral("text"), f.from);
    b += input(u("宛先 / Recipient"), QStringLiteral("to"), QStringLiteral("text"), f.to);
    auto option = [&f](const QString &value, const QString &label) {
        return QStringLiteral("<option value=\"%1\"%2>%3</option>")
            .arg(value, f.dir == value ? QStringLiteral(" selected") : QString(), esc(label));
    };
    b += QStringLiteral("<tr><th><label for=\"dir\">%1</label></th><td><select id=\"dir\" "
                        "name=\"dir\">%2%3%4</select></td></tr>\n")
             .arg(u("種類 / Kind"), option(QString(), u("すべて / All")),
                  option(QStringLiteral("sent"), u("送信 / Sent")),
                  option(QStringLiteral("received"), u("受信 / Received")));
    b += QStringLiteral("<tr><th></th><td><label><input id=\"att\" name=\"att\" "
                        "type=\"checkbox\" value=\"1\"%1> %2</label></td></tr>\n")
             .arg(f.attachments ? QStringLiteral(" checked") : QString(),
                  u("添付ファイルあり / With attachments"));
    return b + QStringLiteral("</table>\n</form>\n");
}

QString resultRow(const ArchiveEntry &e)
{
    const bool sent = e.direction == ArchiveDirection::Sent;
    const QString from = e.from.isEmpty() ? e.sender : e.from;
    const QString to = e.to.isEmpty() ? e.recipients.join(QStringLiteral(", ")) : e.to;
    const QString subject = e.subject.isEmpty() ? u("（件名なし）") : e.subject;
    return QStringLiteral("<tr class=\"result\" data-id=\"%1\"><td class=\"date\">%2</td>"
                          "<td class=\"direction\" data-direction=\"%3\">%4</td>"
                          "<td class=\"from\">%5</td><td class=\"to\">%6</td>"
                          "<td class=\"subject\"><a href=\"/archive/message?id=%1\">%7</a></td>"
                          "<td class=\"size\">%8</td></tr>\n")
        .arg(QString::number(e.id), dateText(e.receivedAt), directionName(e.direction),
             sent ? u("送信") : u("受信"), esc(from), esc(to), esc(subject), sizeText(e.size));
}

QString results(const ArchivePage &page, const QString &nextUrl)
{
    const qsizetype n = page.entries.size();
    if (n == 0)
        return u("<p id=\"noresults\">該当するメールはありません。 / No archived message "
                 "matches.</p>\n");
    QString b = QStringLiteral("<p id=\"count\" data-count=\"%1\">").arg(n) +
                (page.more ? u("%1件を表示（続きがあります） / %1 shown, more follow")
                           : u("%1件 / %1 found"))
                    .arg(n) +
                QStringLiteral("</p>\n<table id=\"results\" class=\"list\">\n<tr>");
    for (const char *label : {"日時 / Date", "種類 / Kind", "差出人 / From", "宛先 / To",
                              "件名 / Subject", "サイズ / Size"})
        b += QStringLiteral("<th>") + esc(u(label)) + QStringLiteral("</th>");
    b += QStringLiteral("</tr>\n");
    for (const ArchiveEntry &e : page.entries)
        b += resultRow(e);
    b += QStringLiteral("</table>\n");
    if (!nextUrl.isEmpty())
        b += QStringLiteral("<p><a id=\"next\" href=\"%1\">%2</a></p>\n")
                 .arg(esc(nextUrl), u("次のページ / Next page"));
    return b;
}

} // namespace

QByteArray signIn(SignInProblem problem)
{
    QString b = u("<h1>アーカイブ検索 / Archive search</h1>\n");
    switch (problem) {
    case SignInProblem::None:
        break;
    case SignInProblem::Wrong:
        b += u("<p id=\"error\" class=\"error\" data-reason=\"signin\">検索ユーザー名または"
               "パスワードが違います。 / Wrong search user name or password.</p>\n");
        break;
    case SignInProblem::Throttled:
        b += u("<p id=\"error\" class=\"error\" data-reason=\"throttled\">サインインの失敗が"
               "続いたため、しばらくサインインできません。時間をおいてお試しください。 / Too "
               "many failed sign-ins: please try again later.</p>\n");
        break;
    case SignInProblem::Unavailable:
        b += u("<p id=\"error\" class=\"error\" data-reason=\"unavailable\">ただいま処理できま"
               "せん。しばらくしてからもう一度お試しください。 / The server cannot do this "
               "right now. Please try again later.</p>\n");
        break;
    }
    b += u("<p>管理者から受け取った検索ユーザー名とパスワードでサインインしてください。<br>"
           "<span class=\"en\" lang=\"en\">Sign in with the search user name and password "
           "your administrator gave you.</span></p>\n"
           "<form id=\"signin\" method=\"post\" action=\"/archive/signin\">\n<table>\n"
           "<tr><th><label for=\"name\">検索ユーザー名 / Name</label></th><td><input "
           "id=\"name\" name=\"name\" autocomplete=\"username\" autofocus></td></tr>\n"
           "<tr><th><label for=\"password\">パスワード / Password</label></th><td><input "
           "id=\"password\" name=\"password\" type=\"password\" "
           "autocomplete=\"current-password\"></td></tr>\n</table>\n"
           "<p><button type=\"submit\" id=\"signin-button\">サインイン / Sign in</button></p>\n"
           "</form>\n");
    return HtmlPage::frame(title(), b);
}

QByteArray search(const QString &user, const Form &form, const ArchivePage *page,
                  const QString &nextUrl, const QString &error)
{
    QString b = u("<h1>アーカイブ検索 / Archive search</h1>\n") + header(user) + searchForm(form);
    if (!error.isEmpty())
        b += u("<p id=\"error\" class=\"error\" data-reason=\"invalid\">検索条件が正しくありません"
               "。 / This search cannot be made: ") +
             esc(error) + QStringLiteral("</p>\n");
    else if (page)
        b += results(*page, nextUrl);
    return HtmlPage::frame(title(), b);
}

QByteArray message(const QString &user, qint64 id, const MessagePreview &p)
{
    QString b = u("<h1>アーカイブ検索 / Archive search</h1>\n") + header(user);
    auto row = [](const QString &label, const QString &id, const QString &value) {
        return QStringLiteral("<tr><th>%1</th><td id=\"%2\">%3</td></tr>\n")
            .arg(esc(label), id, esc(value));
    };
    b += QStringLiteral("<table>\n");
    b += row(u("件名 / Subject"), QStringLiteral("subject"),
             p.subject.isEmpty() ? u("（件名なし）") : p.subject);
    b += row(u("差出人 / From"), QStringLiteral("from"), p.from);
    b += row(u("宛先 / To"), QStringLiteral("to"), p.to);
    if (!p.cc.isEmpty())
        b += row(QStringLiteral("Cc"), QStringLiteral("cc"), p.cc);
    b += row(u("日時 / Date"), QStringLiteral("date"),
             p.date.isValid() ? p.date.toLocalTime().toString(QStringLiteral("yyyy/MM/dd HH:mm"))
                              : p.dateText);
    b += QStringLiteral("</table>\n");
    if (p.textFromHtml)
        b += u("<p class=\"en\">HTML メールを文字だけで表示しています。 / An HTML message, "
               "shown as text.</p>\n");
    // Line by line: the text's line breaks are the only control characters kept.
    QStringList lines = p.text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = esc(line);
    b += QStringLiteral("<pre id=\"body\">") + lines.join(QLatin1Char('\n')) +
         QStringLiteral("</pre>\n");
    if (p.textTruncated)
        b += u("<p>長いため途中までを表示しています。全体はダウンロードしてご覧ください。 / "
               "Shown in part; download the message for the whole.</p>\n");
    b += u("<h2>添付ファイル / Attachments</h2>\n");
    if (p.attachments.isEmpty())
        b += u("<p>添付ファイルはありません。 / No attachments.</p>\n");
    b += u("<ul id=\"attachments\">\n");
    for (const MessagePreview::Attachment &a : p.attachments)
        b += QStringLiteral("<li>") + esc(a.name.isEmpty() ? a.contentType : a.name) +
             QStringLiteral(" (") + sizeText(a.size) + QStringLiteral(")</li>\n");
    b += QStringLiteral("</ul>\n");
    b += QStringLiteral("<p><a id=\"download\" href=\"/archive/raw?id=%1\">%2</a></p>\n")
             .arg(id)
             .arg(u("メールをダウンロード (.eml) / Download the message (.eml)"));
    return HtmlPage::frame(title(), b);
}

} // namespace fumibako::ArchivePages
