// MimeMessage: one stored message (RFC 5322 + MIME, RFC 2045/2046) seen as
// IMAP sees it — ENVELOPE and BODYSTRUCTURE (RFC 3501 7.4.2), sections by part
// number with the exact bytes of the original (RFC 3501 6.4.5) — and as search
// sees it: RFC 2047 headers and text parts decoded by charset and transfer
// encoding (mimetext). A bounded, boundary-aware splitter keeps byte offsets
// into the original; GMime does the decoding. Qt types in and out.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace fumibako
{

class MimeMessage
{
public:
    // Nesting deeper than this is kept as an opaque leaf part; so is any part
    // past maxParts (a hostile message cannot make parsing unbounded).
    static constexpr int kMaxDepth = 32;
    static constexpr int kMaxParts = 5000;

    // `raw` as stored: CRLF line ends (bare LF is tolerated).
    explicit MimeMessage(QByteArray raw);
    ~MimeMessage();
    MimeMessage(MimeMessage &&) noexcept;
    MimeMessage &operator=(MimeMessage &&) noexcept;

    const QByteArray &raw() const { return m_raw; }

    // RFC 3501 7.4.2 ENVELOPE: ("date" "subject" (from) (sender) (reply-to) (to)
    // (cc) (bcc) "in-reply-to" "message-id"), values raw as in the header,
    // addresses (name adl mailbox host), groups as (NIL NIL "group" NIL) ... (NIL NIL NIL NIL).
    QByteArray imapEnvelope() const;
    // RFC 3501 7.4.2 BODYSTRUCTURE (extensible) or BODY (not).
    QByteArray imapBodyStructure(bool extensible) const;

    // RFC 3501 6.4.5 section-text after an optional part number.
    enum class SectionText { Whole, Header, HeaderFields, HeaderFieldsNot, Text, Mime };
    // The original bytes of a section: `part` is the part number ({} for the
    // whole message, {2, 1} for "2.1"); `fields` names the header fields of
    // HEADER.FIELDS[.NOT] (any case). NotFound when there is no such part, Invalid
    // when `text` cannot apply (MIME without a part, HEADER of a non-message part).
    Result<QByteArray> section(const QList<int> &part, SectionText text,
                               const QList<QByteArray> &fields = {}) const;

    // The first `name` field of the top-level header: raw value, unfolded and trimmed; null if
    // absent.
    QByteArray rawHeader(QByteArrayView name) const;
    // Every `name` field, RFC 2047 decoded (charset-aware, ISO-2022-JP included).
    QStringList decodedHeaders(QByteArrayView name) const;
    // The addresses of every `name` field as "mailbox@host" (RFC 5322 3.4): display
    // names, comments, routes and groups dropped, so an address can be found in any
    // form the field writes it.
    QStringList addresses(QByteArrayView name) const;
    // The first of decodedHeaders(name), or a null string.
    QString decodedHeader(QByteArrayView name) const;
    // All top-level header fields as "Name: decoded value" lines.
    QString decodedHeaderText() const;
    // The text of every text/* part (attached messages included, their headers
    // decoded too), decoded by transfer encoding and charset, parts joined by "\n".
    QString searchableText() const;
    // The charsets the message declares, lower case, each once: those of its
    // text parts' Content-Type (attached messages included) and of the RFC 2047
    // encoded-words of its top-level Subject and From. What a language filter
    // judges by; a charset named only inside HTML (<meta>) is not seen.
    QList<QByteArray> charsets() const;

    struct Part;

private:
    QByteArray m_raw;
    std::unique_ptr<Part> m_root;
};

} // namespace fumibako
