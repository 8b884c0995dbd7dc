// mimetext: bytes of mail to text — transfer decodings (RFC 2045 6), charsets
// and RFC 2047 encoded-words — for search, the archive and every later
// feature that reads Japanese mail. ISO-2022-JP is decoded as CP50220 does:
// each JIS X 0208 pair is mapped to Shift_JIS and read as CP932, so the NEC
// special characters (①, Ⅱ, ㈱) survive where plain iconv would fail. Nothing
// here fails: bad bytes become U+FFFD, unknown charsets are guessed.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace fumibako::mimetext
{

// The body of a part decoded from its Content-Transfer-Encoding (base64,
// quoted-printable, x-uuencode; anything else is returned as is).
QByteArray decodeTransfer(QByteArrayView body, QByteArrayView encoding);

// `bytes` in the MIME charset `charset` as text. An empty, US-ASCII or
// unknown charset over 8-bit bytes is guessed (ISO-2022-JP, UTF-8, EUC-JP, CP932).
QString decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// A header field's raw (unfolded or folded) value with RFC 2047 encoded-words
// decoded; adjacent words of one charset are joined before decoding (a split
// multi-byte character survives) and the white space between them dropped
// (RFC 2047 6.2). Unencoded 8-bit text (RFC 6532 UTF-8, raw ISO-2022-JP) is guessed.
QString decodeHeaderText(QByteArrayView raw);

// ISO-2022-JP (RFC 1468) with the CP50220 extensions: ESC ( I katakana, SO/SI,
// JIS X 0212, and the NEC / NEC-selected IBM rows of CP932.
QString decodeIso2022Jp(QByteArrayView bytes);

// Text as search compares it: Unicode case folding, and the width differences
// Japanese mail mixes freely folded away — full-width ＡＢＣ１ to ABC1, half-width
// ｶﾞｷﾞ to ガギ, the ideographic space to a space. Only the Halfwidth and Fullwidth
// Forms block is given its compatibility form: full NFKC would also turn ① into
// 1 and ㈱ into (株), so a search for ① would find every 1.
QString foldForSearch(const QString &text);

// Whether `haystack` contains `needle` as bytes — how SEARCH compares folded
// UTF-8 text (RFC 3501 6.4.4: a substring match). An empty needle is in every text.
bool containsBytes(QByteArrayView haystack, QByteArrayView needle);

// The charsets mail the server writes is in: UTF-8, or ISO-2022-JP (RFC 1468)
// for the Japanese mail clients and phones that still want it.
enum class WriteCharset { Utf8, Iso2022Jp };

// `text` in ISO-2022-JP (RFC 1468: ASCII, JIS X 0201 Roman and JIS X 0208,
// ending in ASCII), through iconv; nullopt when it holds a character that
// charset cannot carry (half-width katakana, the NEC specials like ①, emoji).
// The CP932 forms a Windows IME types (～ －) are written as their JIS X 0208 codes.
std::optional<QByteArray> encodeIso2022Jp(const QString &text);

// The reverse of decodeHeaderText, for mail the server writes (bounces,
// notices, digests, auto-replies): `text` as a 7-bit unstructured header value
// (Subject:, RFC 5322 3.2.5). ASCII words stay as they are; runs of words with
// other characters (or with "=?") become B encoded-words (RFC 2047 4.1) of at
// most 75 characters (RFC 2047 2), never splitting a character, separated by
// spaces so the caller may fold at any space. A run ISO-2022-JP cannot carry
// is written in UTF-8. Line breaks become spaces. The result is not folded.
// (GMime's g_mime_utils_header_encode_text writes longer words than RFC 2047 allows.)
QByteArray encodeHeaderText(const QString &text, WriteCharset charset = WriteCharset::Utf8);

// A display name (RFC 5322 3.2.5 phrase, before "<address>" in From: or To:):
// printable ASCII as one quoted-string with '"' and '\' escaped; anything else
// wholly as encoded-words (RFC 2047 5 (3)), so no '"', ',', '@' or '<' in the
// name can ever be read as address syntax. Line breaks become spaces; empty in, empty out.
QByteArray encodePhrase(const QString &name, WriteCharset charset = WriteCharset::Utf8);

} // namespace fumibako::mimetext
