// messagePreview: a held message as support staff may look at it safely — the
// From, To, Cc, Date and Subject fields decoded, the text of the body decoded
// from its charset (ISO-2022-JP with the NEC rows, Shift_JIS, EUC-JP: mimetext),
// an HTML-only body turned into plain text (tags dropped, entities decoded,
// nothing fetched or run), and the other parts listed by name and size, never
// opened. Qt types in and out; a malformed message still gives what it can.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

struct MessagePreview {
    struct Attachment {
        QString name;        // the part's file name; empty when it has none
        QString contentType; // "application/pdf", lower case
        qint64 size = 0;     // bytes once the transfer encoding is undone
    };

    QString from, to, cc, subject; // decoded (RFC 2047), "" when absent
    QString dateText;              // the Date field as written, unfolded
    QDateTime date;                // the Date field, parsed; invalid when it is not a date
    QString text;                  // the body as plain text, parts joined by a blank line
    bool textFromHtml = false;     // the body had no plain text: this is its HTML, stripped
    bool textTruncated = false;    // `text` stops at the limit given
    QList<Attachment> attachments; // in the message's order
};

// `raw` as stored (CRLF, bare LF tolerated). `maxTextChars` bounds the text a
// view has to lay out (a held message may be a 20 MB log dump).
MessagePreview messagePreview(const QByteArray &raw, qsizetype maxTextChars = 200000);

// HTML as plain text for people: <script>, <style>, <head> and comments
// dropped, block ends (<br>, </p>, </div>, </tr>, <li>, ...) as line breaks,
// every other tag removed, character references decoded (HTML 5's common
// names and every numeric one), runs of blank lines squeezed. Never fetches
// or renders anything: a safe way to read spam.
QString htmlToPlainText(const QString &html);

} // namespace fumibako
