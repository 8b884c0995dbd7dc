#include "mimetext.h"

#include "gmimeinit.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define FUMIBAKO_HAVE_SSE2 1
#endif

namespace fumibako::mimetext
{

namespace
{

// QByteArrayView::mid arrived after Qt 6.4: a clamped slice.
QByteArrayView mid(QByteArrayView v, qsizetype pos, qsizetype len = -1)
{
    pos = qBound(qsizetype(0), pos, v.size());
    const qsizetype rest = v.size() - pos;
    return v.sliced(pos, len < 0 || len > rest ? rest : len);
}

constexpr char kEsc = 0x1b;
const QString kReplacement(QChar(0xFFFD));

QByteArray normalisedCharset(QByteArrayView charset)
{
    QByteArray cs = charset.toByteArray().trimmed().toLower();
    if (cs.size() >= 2 && cs.startsWith('"') && cs.endsWith('"'))
        cs = cs.mid(1, cs.size() - 2).trimmed();
    const qsizetype star = cs.indexOf('*'); // RFC 2231 5: charset*language
    if (star >= 0)
        cs.truncate(star);
    return cs;
}

enum class Family { Ascii, Utf8, Iso2022Jp, Cp932, EucJp, Other };

Family familyOf(const QByteArray &cs)
{
    if (cs.isEmpty() || cs == "us-ascii" || cs == "ascii" || cs == "ansi_x3.4-1968" || cs == "us" ||
        cs == "iso646-us" || cs == "x-unknown" || cs == "unknown" || cs == "default")
        return Family::Ascii;
    if (cs == "utf-8" || cs == "utf8" || cs == "x-utf-8" || cs == "unicode-1-1-utf-8")
        return Family::Utf8;
    if (cs.startsWith("iso-2022-jp") || cs == "csiso2022jp" || cs == "iso2022jp" ||
        cs == "cp50220" || cs == "cp50221" || cs == "cp50222" || cs == "x-cp50220" ||
        cs == "x-cp50221" || cs == "x-cp50222" || cs == "jis" || cs == "x-jis")
        return Family::Iso2022Jp;
    if (cs == "shift_jis" || cs == "shift-jis" || cs == "sjis" || cs == "x-sjis" ||
        cs == "ms_kanji" || cs == "csshiftjis" || cs == "cp932" || cs == "windows-31j" ||
        cs == "ms932" || cs == "x-ms-cp932" || cs == "ibm-943" || cs == "cswindows31j" ||
        cs == "shift_jisx0213" || cs == "x-sjis-open")
        return Family::Cp932;
    if (cs == "euc-jp" || cs == "eucjp" || cs == "x-euc-jp" || cs == "x-euc" ||
        cs == "cseucpkdfmtjapanese" || cs == "euc-jp-ms" || cs == "eucjp-ms" || cs == "eucjp-win" ||
        cs == "euc-jis-2004" || cs == "euc-jisx0213")
        return Family::EucJp;
    return Family::Other;
}

// iconv through GMime (its charset aliases and descriptor cache, both
// locked, so several threads may call this). A byte iconv rejects becomes
// U+FFFD and the rest is still decoded. nullopt: no converter for `from`.
// The output buffer of an iconv call: `ptr` and `left` as iconv moves them,
// grown when iconv says E2BIG.
struct IconvOutput {
    QByteArray bytes;
    char *ptr;
    size_t left;
    explicit IconvOutput(qsizetype size)
        : bytes(size, Qt::Uninitialized), ptr(bytes.data()), left(size_t(size))
    {
    }
    void grow()
    {
        const qsizetype used = ptr - bytes.data();
        bytes.resize(bytes.size() * 2 + 16);
        ptr = bytes.data() + used;
        left = size_t(bytes.size() - used);
    }
    QByteArray take()
    {
        bytes.truncate(ptr - bytes.data());
        return std::move(bytes);
    }
};

std::optional<QString> iconvDecode(QByteArrayView bytes, const char *from)
{
    ensureGMime();
    iconv_t cd = g_mime_iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    IconvOutput out(bytes.size() * 3 + 16);
    char *in = const_cast<char *>(bytes.data());
    size_t inLeft = size_t(bytes.size());
    while (inLeft > 0) {
        const size_t r = iconv(cd, &in, &inLeft, &out.ptr, &out.left);
        if (r != size_t(-1))
            break;
        if (errno == E2BIG) {
            out.grow();
            continue;
        }
        // EILSEQ: a byte this charset does not have; EINVAL: a sequence cut off at the end.
        const bool cutOff = errno == EINVAL;
        if (out.left < 3)
            out.grow();
        memcpy(out.ptr, "\xEF\xBF\xBD", 3);
        out.ptr += 3;
        out.left -= 3;
        if (cutOff)
            break;
        ++in;
        --inLeft;
        iconv(cd, nullptr, nullptr, nullptr, nullptr); // back to the initial shift state
    }
    for (;;) { // stateful encodings: the final shift sequence
        if (iconv(cd, nullptr, nullptr, &out.ptr, &out.left) != size_t(-1) || errno != E2BIG)
            break;
        out.grow();
    }
    g_mime_iconv_close(cd);
    return QString::fromUtf8(out.take());
}

QString decodeCp932(QByteArrayView bytes)
{
    if (auto s = iconvDecode(bytes, "CP932"))
        return *s;
    if (auto s = iconvDecode(bytes, "SHIFT_JIS"))
        return *s;
    return QString::fromLatin1(bytes);
}

QString decodeEucJp(QByteArrayView bytes)
{
    if (auto s = iconvDecode(bytes, "EUC-JP-MS")) // EUC-JP with the NEC rows of CP932
        return *s;
    if (auto s = iconvDecode(bytes, "EUC-JP"))
        return *s;
    return QString::fromLatin1(bytes);
}

bool isAscii(QByteArrayView bytes)
{
    for (char c : bytes)
        if (static_cast<unsigned char>(c) >= 0x80 || c == kEsc)
            return false;
    return true;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        int follow;
        char32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            follow = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            follow = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            follow = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= follow; ++k) {
            if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((follow == 2 && cp < 0x800) || (follow == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += follow + 1;
    }
    return true;
}

// Text of unknown charset: ISO-2022-JP if it escapes into JIS, UTF-8 if it is
// valid UTF-8, then EUC-JP or CP932, whichever reads cleanly, else Windows-1252.
QString guess(QByteArrayView bytes)
{
    if (isAscii(bytes))
        return QString::fromLatin1(bytes);
    if (bytes.contains(QByteArrayView("\x1b$")) || bytes.contains(QByteArrayView("\x1b(")))
        return decodeIso2022Jp(bytes);
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    // Shift_JIS lead bytes 0x81-0x9F are invalid in EUC-JP, so Shift_JIS text
    // rarely decodes cleanly as EUC-JP, while EUC-JP often "decodes" as
    // half-width katakana in CP932: try EUC-JP first.
    const QString euc = decodeEucJp(bytes);
    const qsizetype eucBad = euc.count(QChar(0xFFFD));
    if (eucBad == 0)
        return euc;
    const QString sjis = decodeCp932(bytes);
    const qsizetype sjisBad = sjis.count(QChar(0xFFFD));
    if (sjisBad == 0)
        return sjis;
    const qsizetype best = qMin(eucBad, sjisBad);
    if (best * 20 <= bytes.size())
        return eucBad <= sjisBad ? euc : sjis;
    if (auto s = iconvDecode(bytes, "WINDOWS-1252"))
        return *s;
    return QString::fromLatin1(bytes);
}

QByteArray decodeQ(QByteArrayView text)
{
    // RFC 2047 4.2: "_" is a space, =XX an octet.
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && i + 2 < text.size() && isxdigit(uchar(text[i + 1])) &&
                   isxdigit(uchar(text[i + 2]))) {
            out += char(QByteArray(text.data() + i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

struct EncodedWord {
    qsizetype end = 0; // just past "?="
    QByteArray charset;
    QByteArray bytes;
};

// "=?charset?B|Q?text?=" at `pos` (RFC 2047 2). No white space inside; the
// 75-character limit is not enforced (long words are common in Japanese mail).
std::optional<EncodedWord> encodedWordAt(QByteArrayView s, qsizetype pos)
{
    if (!mid(s, pos).startsWith("=?"))
        return std::nullopt;
    const qsizetype q1 = s.indexOf('?', pos + 2);
    if (q1 < 0 || q1 == pos + 2 || q1 + 2 >= s.size() || s[q1 + 2] != '?')
        return std::nullopt;
    const char enc = char(toupper(uchar(s[q1 + 1])));
    if (enc != 'B' && enc != 'Q')
        return std::nullopt;
    const qsizetype textStart = q1 + 3;
    const qsizetype close = s.indexOf("?=", textStart);
    if (close < 0)
        return std::nullopt;
    const QByteArrayView charset = mid(s, pos + 2, q1 - pos - 2);
    const QByteArrayView text = mid(s, textStart, close - textStart);
    for (char c : charset)
        if (c <= ' ' || c >= 127 || c == '?' || c == '=')
            return std::nullopt;
    for (char c : text)
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return std::nullopt;
    EncodedWord w;
    w.end = close + 2;
    w.charset = normalisedCharset(charset);
    w.bytes = enc == 'B' ? decodeTransfer(text, "base64") : decodeQ(text);
    return w;
}

} // namespace

QByteArray decodeTransfer(QByteArrayView body, QByteArrayView encoding)
{
    QByteArray name = encoding.toByteArray().trimmed().toLower();
    if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.mid(1, name.size() - 2);
    if (name != "base64" && name != "quoted-printable" && name != "x-uuencode" &&
        name != "uuencode" && name != "x-uue")
        return body.toByteArray();
    const bool uu = name.contains("uu");
    if (uu) {
        // The decoder starts after the "begin <mode> <name>" line.
        qsizetype begin = body.startsWith("begin ") ? 0 : body.toByteArray().indexOf("\nbegin ");
        if (begin < 0)
            return body.toByteArray();
        const qsizetype eol = body.toByteArray().indexOf('\n', begin + 1);
        body = eol < 0 ? QByteArrayView() : mid(body, eol + 1);
    }
    ensureGMime();
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, uu ? GMIME_CONTENT_ENCODING_UUENCODE
                                           : g_mime_content_encoding_from_string(name.constData()));
    QByteArray out;
    out.resize(qsizetype(g_mime_encoding_outlen(&state, size_t(body.size()))) + 16);
    const size_t n = g_mime_encoding_flush(&state, body.data(), size_t(body.size()), out.data());
    out.truncate(qsizetype(n));
    return out;
}

QString decodeIso2022Jp(QByteArrayView bytes)
{
    enum class Mode { Ascii, Kana, Jis0208, Jis0212, Other };
    Mode mode = Mode::Ascii;
    const char *otherCharset = nullptr; // ISO-2022-JP-2's GB 2312 / KS C 5601, read through EUC
    bool shiftOut = false;              // SO ... SI: katakana (CP50221's 7-bit form)
    QString out;
    QByteArray sjis; // CP932 bytes waiting to be decoded in one piece
    auto flush = [&]() {
        if (!sjis.isEmpty())
            out += decodeCp932(sjis);
        sjis.clear();
    };
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(bytes[i]);
        if (c == uchar(kEsc)) {
            const QByteArrayView rest = mid(bytes, i + 1, 3);
            struct Seq {
                const char *seq;
                Mode mode;
                const char *other;
            };
            static const Seq seqs[] = {
                {"(B", Mode::Ascii, nullptr},    {"(J", Mode::Ascii, nullptr},
                {"(H", Mode::Ascii, nullptr},    {"(I", Mode::Kana, nullptr},
                {"$@", Mode::Jis0208, nullptr},  {"$B", Mode::Jis0208, nullptr},
                {"$(B", Mode::Jis0208, nullptr}, {"$(@", Mode::Jis0208, nullptr},
                {"$(Q", Mode::Jis0208, nullptr}, {"$(O", Mode::Jis0208, nullptr},
                {"$(D", Mode::Jis0212, nullptr}, {"$A", Mode::Other, "EUC-CN"},
                {"$(C", Mode::Other, "EUC-KR"},  {"&@", Mode::Jis0208, nullptr},
            };
            bool known = false;
            for (const Seq &s : seqs) {
                if (rest.startsWith(s.seq)) {
                    if (qstrcmp(s.seq, "&@") !=
                        0) { // ESC & @ only announces JIS X 0208-1990's ESC $ B
                        mode = s.mode;
                        otherCharset = s.other;
                    }
                    i += qsizetype(qstrlen(s.seq));
                    known = true;
                    break;
                }
            }
            if (!known) {
                // An escape we do not know (ISO 2022: ESC, intermediates 0x20-0x2F, a
                // final 0x30-0x7E): skip it, mark it, keep the rest.
                qsizetype k = i + 1;
                while (k < n && uchar(bytes[k]) >= 0x20 && uchar(bytes[k]) <= 0x2F)
                    ++k;
                if (k < n && uchar(bytes[k]) >= 0x30 && uchar(bytes[k]) <= 0x7E)
                    i = k;
                flush();
                out += kReplacement;
            }
            continue;
        }
        if (c == 0x0E) {
            shiftOut = true;
            continue;
        }
        if (c == 0x0F) {
            shiftOut = false;
            continue;
        }
        if (c >= 0x80) { // 8-bit bytes in 7-bit ISO-2022-JP: a sender that mixed in Shift_JIS
            sjis += char(c);
            continue;
        }
        if ((shiftOut || mode == Mode::Kana) && c >= 0x21 && c <= 0x5F) {
            sjis += char(c + 0x80); // JIS X 0201 katakana is 0xA1-0xDF in CP932
            continue;
        }
        if (mode == Mode::Ascii || mode == Mode::Kana || shiftOut || c < 0x21 || c > 0x7E) {
            sjis += char(c); // CR, LF, space and controls stay themselves in any mode
            continue;
        }
        const uchar c2 = i + 1 < n ? uchar(bytes[i + 1]) : 0;
        if (c2 < 0x21 || c2 > 0x7E) {
            flush();
            out += kReplacement; // half a character
            continue;
        }
        ++i;
        if (mode == Mode::Jis0208) {
            // JIS X 0208 row/cell to Shift_JIS, arithmetically (as CP50220 does); CP932
            // then has the NEC row 13 (①, Ⅱ, ㈱) and the NEC-selected IBM rows 89-92.
            uchar s1 = uchar(((c - 0x21) >> 1) + 0x81);
            if (s1 > 0x9F)
                s1 += 0x40;
            uchar s2;
            if (c & 1) {
                s2 = uchar(c2 + 0x1F);
                if (s2 >= 0x7F)
                    ++s2;
            } else {
                s2 = uchar(c2 + 0x7E);
            }
            sjis += char(s1);
            sjis += char(s2);
        } else {
            flush();
            QByteArray euc;
            if (mode == Mode::Jis0212)
                euc += '\x8F';
            euc += char(c | 0x80);
            euc += char(c2 | 0x80);
            const auto s = iconvDecode(euc, mode == Mode::Jis0212 ? "EUC-JP" : otherCharset);
            out += s ? *s : kReplacement;
        }
    }
    flush();
    return out;
}

QString decodeCharset(QByteArrayView bytes, QByteArrayView charset)
{
    const QByteArray cs = normalisedCharset(charset);
    switch (familyOf(cs)) {
    case Family::Ascii:
        return guess(bytes);
    case Family::Utf8:
        return QString::fromUtf8(bytes);
    case Family::Iso2022Jp:
        return decodeIso2022Jp(bytes);
    case Family::Cp932:
        return decodeCp932(bytes);
    case Family::EucJp:
        return decodeEucJp(bytes);
    case Family::Other:
        break;
    }
    const bool asciiCompatible = !cs.startsWith("utf-16") && !cs.startsWith("utf-32") &&
                                 !cs.startsWith("ucs") && cs != "utf-7" &&
                                 !cs.startsWith("iso-2022") && !cs.startsWith("hz");
    if (asciiCompatible && isAscii(bytes))
        return QString::fromLatin1(bytes);
    if (cs == "iso-8859-1" || cs == "latin1" || cs == "iso_8859-1" || cs == "l1") {
        // What senders label ISO-8859-1 is usually Windows-1252 (WHATWG Encoding does the same).
        if (auto s = iconvDecode(bytes, "WINDOWS-1252"))
            return *s;
    }
    if (auto s = iconvDecode(bytes, cs.constData()))
        return *s;
    return guess(bytes);
}

QString decodeHeaderText(QByteArrayView raw)
{
    // Unfold (RFC 5322 2.2.3): CRLF followed by white space is just the white space.
    QByteArray s;
    s.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r' || c == '\n')
            continue;
        s += c;
    }
    QString out;
    QByteArray pending; // bytes of adjacent encoded-words in one charset
    QByteArray pendingCharset;
    auto flush = [&]() {
        if (!pendingCharset.isNull())
            out += decodeCharset(pending, pendingCharset);
        pending.clear();
        pendingCharset = QByteArray();
    };
    qsizetype pos = 0;
    bool lastWasWord = false;
    while (pos < s.size()) {
        qsizetype at = s.indexOf("=?", pos);
        std::optional<EncodedWord> word;
        while (at >= 0 && !(word = encodedWordAt(s, at)))
            at = s.indexOf("=?", at + 2);
        const QByteArrayView between = mid(QByteArrayView(s), pos, (at < 0 ? s.size() : at) - pos);
        bool blank = true;
        for (char c : between)
            if (c != ' ' && c != '\t')
                blank = false;
        if (!(lastWasWord && word && blank)) { // RFC 2047 6.2: white space between words goes
            flush();
            if (!between.isEmpty())
                out += guess(between);
        }
        if (!word)
            break;
        if (!pendingCharset.isNull() && pendingCharset != word->charset)
            flush();
        if (pendingCharset.isNull())
            pendingCharset = word->charset.isNull() ? QByteArray("") : word->charset;
        pending += word->bytes;
        pos = word->end;
        lastWasWord = true;
    }
    flush();
    return out;
}

QString foldForSearch(const QString &text)
{
    auto isWidthForm = [](QChar c) {
        return (c.unicode() >= 0xFF00 && c.unicode() <= 0xFFEF) || c.unicode() == 0x3000;
    };
    if (std::none_of(text.cbegin(), text.cend(), isWidthForm))
        return text.toCaseFolded();
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        out += isWidthForm(c) ? QString(c).normalized(QString::NormalizationForm_KC) : QString(c);
    // ｶ + ﾞ became カ + U+3099; composing gives ガ, as a full-width writer would have typed it.
    return out.normalized(QString::NormalizationForm_C).toCaseFolded();
}

bool containsBytes(QByteArrayView haystack, QByteArrayView needle)
{
    const char *h = haystack.data();
    const size_t n = size_t(haystack.size());
    const char *k = needle.data();
    const size_t m = size_t(needle.size());
    if (m == 0)
        return true;
    if (m > n)
        return false;
    if (m == 1)
        return std::memchr(h, k[0], n) != nullptr;
#ifdef FUMIBAKO_HAVE_SSE2
    // SEARCH TEXT reads every byte of every message it tries, so this loop is
    // where a search spends its time. The needle's first and last bytes are
    // compared at 16 positions at once, and the bytes between only where both
    // match (W. Muła, "SIMD-friendly algorithms for substring searching").
    // On folded mail text it measured 2.5 times glibc's memmem, which was
    // itself 2-3 times QByteArrayMatcher. SSE2 is in every x86-64 CPU.
    if (n >= m - 1 + 16) {
        const __m128i first = _mm_set1_epi8(k[0]);
        const __m128i last = _mm_set1_epi8(k[m - 1]);
        auto found = [&](size_t at, unsigned mask) {
            while (mask) {
                if (std::memcmp(h + at + size_t(std::countr_zero(mask)) + 1, k + 1, m - 2) == 0)
                    return true;
                mask &= mask - 1;
            }
            return false;
        };
        auto candidates = [&](size_t at) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + at));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + at + m - 1));
            return unsigned(_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        };
        size_t i = 0;
        for (; i + m - 1 + 16 <= n; i += 16)
            if (found(i, candidates(i)))
                return true;
        // The positions left, fewer than 16: the last block once more, without
        // the positions the loop tried already.
        const size_t end = n - (m - 1) - 16;
        return i < end + 16 && found(end, candidates(end) & (~0u << (i - end)));
    }
#else
    if (n >= 64)
        return std::string_view(h, n).find(std::string_view(k, m)) != std::string_view::npos;
#endif
    // Short text (a subject, an address): the same test one position at a time,
    // cheaper here than a call that looks for the first byte.
    for (size_t i = 0; i + m <= n; ++i)
        if (h[i] == k[0] && h[i + m - 1] == k[m - 1] && std::memcmp(h + i + 1, k + 1, m - 2) == 0)
            return true;
    return false;
}

namespace
{

// `utf8` through iconv into `to`, strictly: nullopt at the first character the
// charset has not (EILSEQ) or a cut-off sequence (EINVAL), or with no converter.
// The final shift sequence is written, so a stateful charset ends in its initial state.
std::optional<QByteArray> iconvEncode(const QByteArray &utf8, const char *to)
{
    ensureGMime();
    iconv_t cd = g_mime_iconv_open(to, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // a cached descriptor starts afresh
    IconvOutput out(utf8.size() * 2 + 16);
    char *in = const_cast<char *>(utf8.constData());
    size_t inLeft = size_t(utf8.size());
    bool ok = true;
    for (bool flushing = false;;) {
        const size_t r = flushing ? iconv(cd, nullptr, nullptr, &out.ptr, &out.left)
                                  : iconv(cd, &in, &inLeft, &out.ptr, &out.left);
        if (r == size_t(-1) && errno == E2BIG) {
            out.grow();
            continue;
        }
        if (r == size_t(-1)) {
            ok = false;
            break;
        }
        if (flushing)
            break;
        flushing = true;
    }
    g_mime_iconv_close(cd);
    if (!ok)
        return std::nullopt;
    return out.take();
}

// `run` as B encoded-words of at most 75 characters (RFC 2047 2), separated by
// spaces, never splitting a character. In ISO-2022-JP each word is a whole
// escape sequence that ends in ASCII (RFC 1468); a run it cannot carry is UTF-8.
QByteArray encodedWords(QStringView run, WriteCharset charset)
{
    // 45 UTF-8 octets make 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" is 72.
    // "=?ISO-2022-JP?B?" + "?=" leave 57, so 42 octets (56 characters).
    const bool jis = charset == WriteCharset::Iso2022Jp && encodeIso2022Jp(run.toString());
    const qsizetype maxOctets = jis ? 42 : 45;
    const QByteArray prefix = jis ? "=?ISO-2022-JP?B?" : "=?UTF-8?B?";
    auto encode = [jis](QStringView text) {
        return jis ? encodeIso2022Jp(text.toString()).value_or(QByteArray()) : text.toUtf8();
    };
    QByteArray out;
    qsizetype chunkStart = 0;
    QByteArray chunk;
    auto flushChunk = [&]() {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += ' ';
        out += prefix + chunk.toBase64() + "?=";
        chunk.clear();
    };
    for (qsizetype i = 0; i < run.size();) {
        const qsizetype n = run[i].isHighSurrogate() && i + 1 < run.size() ? 2 : 1;
        // ISO-2022-JP is stateful: the chunk is encoded whole, with its escapes.
        const QByteArray grown = encode(run.mid(chunkStart, i + n - chunkStart));
        if (grown.size() > maxOctets && !chunk.isEmpty()) {
            flushChunk();
            chunkStart = i;
            continue;
        }
        chunk = grown;
        i += n;
    }
    flushChunk();
    return out;
}

} // namespace

std::optional<QByteArray> encodeIso2022Jp(const QString &text)
{
    // What a Windows IME types for seven JIS X 0208 characters are CP932's own
    // code points (～ for 〜, ∥ for ‖, ...), which iconv's ISO-2022-JP rejects:
    // they are written as those JIS codes, as CP50220 writes them, and
    // decodeIso2022Jp reads them back as the CP932 forms.
    static constexpr std::pair<char16_t, char16_t> kCp932ToJis[] = {
        {0xFF5E, 0x301C}, {0x2225, 0x2016}, {0xFF0D, 0x2212}, {0xFFE0, 0x00A2},
        {0xFFE1, 0x00A3}, {0xFFE2, 0x00AC}, {0x2014, 0x2015},
    };
    QString jis = text;
    for (QChar &c : jis)
        for (const auto &[cp932, jisForm] : kCp932ToJis)
            if (c.unicode() == cp932)
                c = QChar(jisForm);
    return iconvEncode(jis.toUtf8(), "ISO-2022-JP");
}

QByteArray encodeHeaderText(const QString &text, WriteCharset charset)
{
    // Line breaks are not text in an unstructured field: they would end it.
    QString flat = text;
    flat.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));

    // A word is written as is unless it has a character outside printable
    // ASCII or could be read as an encoded-word itself ("=?").
    auto needsEncoding = [](QStringView word) {
        for (QChar c : word)
            if (c.unicode() < 0x21 || c.unicode() > 0x7e)
                return true;
        return word.contains(QLatin1String("=?"));
    };

    // The blanks from `from` and the word after them: {end of blanks, end of word}.
    auto nextWord = [&flat](qsizetype from) {
        const auto blank = [](QChar c) { return c == QLatin1Char(' ') || c == QLatin1Char('\t'); };
        qsizetype spaceEnd = from;
        while (spaceEnd < flat.size() && blank(flat[spaceEnd]))
            ++spaceEnd;
        qsizetype wordEnd = spaceEnd;
        while (wordEnd < flat.size() && !blank(flat[wordEnd]))
            ++wordEnd;
        return std::pair{spaceEnd, wordEnd};
    };

    // Adjacent words that need encoding go into one run with the spaces
    // between them: white space between two encoded-words is not text (RFC 2047 6.2).
    QByteArray out;
    qsizetype pos = 0;
    while (pos < flat.size()) {
        const auto [spaceEnd, wordEnd] = nextWord(pos);
        out += QStringView(flat).mid(pos, spaceEnd - pos).toLatin1();
        const QStringView word = QStringView(flat).mid(spaceEnd, wordEnd - spaceEnd);
        if (word.isEmpty() || !needsEncoding(word)) {
            out += word.toLatin1();
            pos = wordEnd;
            continue;
        }
        qsizetype runEnd = wordEnd;
        for (;;) {
            const auto [s, e] = nextWord(runEnd);
            if (e == s || !needsEncoding(QStringView(flat).mid(s, e - s)))
                break;
            runEnd = e;
        }
        out += encodedWords(QStringView(flat).mid(spaceEnd, runEnd - spaceEnd), charset);
        pos = runEnd;
    }
    return out;
}

QByteArray encodePhrase(const QString &name, WriteCharset charset)
{
    QString flat = name;
    flat.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    flat = flat.trimmed();
    if (flat.isEmpty())
        return {};
    const bool printableAscii = std::all_of(flat.cbegin(), flat.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() <= 0x7e;
    });
    if (printableAscii && !flat.contains(QLatin1String("=?"))) {
        QByteArray quoted = flat.toLatin1();
        quoted.replace('\\', "\\\\").replace('"', "\\\"");
        return '"' + quoted + '"';
    }
    return encodedWords(flat, charset);
}

} // namespace fumibako::mimetext
