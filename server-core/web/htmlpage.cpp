#include "htmlpage.h"

namespace fumibako::HtmlPage
{

QString escape(const QString &text)
{
    // Control characters from a header have no business in a page.
    QString clean;
    clean.reserve(text.size());
    for (QChar c : text)
        clean += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? QLatin1Char(' ') : c;
    return clean.toHtmlEscaped();
}

QByteArray frame(const QString &title, const QString &body)
{
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"referrer\" content=\"no-referrer\">\n<title>") +
        escape(title) +
        QStringLiteral(
            "</title>\n<style>\nbody{font-family:sans-serif;max-width:60em;margin:2em auto;"
            "padding:0 1em;line-height:1.6;color:#222}\n"
            "table{border-collapse:collapse}th,td{text-align:left;padding:.2em .8em .2em 0;"
            "vertical-align:top}\n"
            "button{font-size:1.1em;padding:.4em 1.2em}\n.en{color:#444}\n"
            "table.list td,table.list th{border-bottom:1px solid #ddd}\n"
            "pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.8em}\n"
            ".error{color:#a00}\nform.inline{display:inline}\n"
            ".who{margin:1em 0}.who button{font-size:.9em;padding:.2em .8em;margin-left:1em}\n"
            "</style>\n</head>\n"
            "<body>\n") +
        body + QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

} // namespace fumibako::HtmlPage
