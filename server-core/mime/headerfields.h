// HeaderFieldScanner: the header section of a message or MIME entity, one
// field at a time (RFC 5322 2.2). A field is a line that starts with a field
// name (1*ftext, 3.6.8) and a colon — white space before the colon is the
// obsolete syntax of 4.5, still read — with the continuation lines that follow
// it (folding, 2.2.3). The section ends at the first empty line. A line that
// is neither, with its continuation lines, is reported as NotAField: the MIME
// parsers take it as the start of the body, the DKIM signer skips it.
// Lines end in CRLF or a bare LF. The one header reader of the server: the
// MIME parser, the 8-bit downgrade, DKIM and submission's missing-field check.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace fumibako
{

class HeaderFieldScanner
{
public:
    explicit HeaderFieldScanner(QByteArrayView data, qsizetype begin = 0, qsizetype end = -1);

    enum class Kind {
        Field,
        NotAField,
        Blank, // the empty line that ends the section; `next` is where the body starts
        End,   // the data ended before an empty line; `begin` is its end
    };
    struct Item {
        Kind kind = Kind::End;
        qsizetype begin = 0;   // the first byte of the field
        qsizetype end = 0;     // after its last byte, the final line break left out
        qsizetype next = 0;    // after that line break: where the next item starts
        qsizetype nameEnd = 0; // Field: after the name
        qsizetype colon = 0;   // Field: the colon; the value follows it
    };
    Item next();

    // A field's name and its value as written, each line break of the folding
    // taken out (RFC 5322 2.2.3 unfolding).
    QByteArrayView name(const Item &item) const
    {
        return m_data.sliced(item.begin, item.nameEnd - item.begin);
    }
    QByteArray unfoldedValue(const Item &item) const;

private:
    // The line at `pos`: where its content ends and where the next line starts.
    qsizetype lineEnd(qsizetype pos, qsizetype *contentEnd) const;

    QByteArrayView m_data;
    qsizetype m_pos;
    qsizetype m_end;
};

// The unfolded value of the first `name` field in the header of `message`,
// white space trimmed; null when there is none. Lines that are no field are
// passed over.
QByteArray firstFieldValue(QByteArrayView message, QByteArrayView name);

// `message` without the header fields named in `names` (compared without
// case), each with its continuation lines; the body and other fields unchanged.
QByteArray withoutFields(const QByteArray &message, const QList<QByteArray> &names);

} // namespace fumibako
