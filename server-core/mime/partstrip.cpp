#include "partstrip.h"

#include "gmimeinit.h"
#include "headerfields.h"
#include "mimedowngrade.h"
#include "mimemessage.h"
#include "mimetext.h"

#include <gmime/gmime.h>

#include <QRandomGenerator>
#include <QSet>

#include <optional>

namespace fumibako
{

namespace
{

using SectionText = MimeMessage::SectionText;

// What a part's header says about it.
struct PartInfo {
    QByteArray type = "text"; // lower case
    QByteArray subtype = "plain";
    QByteArray boundary;
    QByteArray encoding; // Content-Transfer-Encoding, lower case
    QString fileName;
    bool attachment = false;

    bool isMultipart() const { return type == "multipart"; }
    QByteArray contentType() const { return type + '/' + subtype; }
};

// GMime reads parameter values as UTF-8 (RFC 2231 and RFC 2047 values it
// decodes itself); an unencoded 8-bit or raw ISO-2022-JP value, as old
// Japanese mailers write file names, is handed to it as the text it guesses.
QByteArray forGMime(const QByteArray &rawValue)
{
    if (!has8bitBytes(rawValue) && !rawValue.contains('\x1b'))
        return rawValue;
    return mimetext::decodeCharset(rawValue, "").toUtf8();
}

PartInfo partInfo(const QByteArray &header, bool digestChild)
{
    mimetext::ensureGMime();
    PartInfo info;
    if (digestChild) { // RFC 2046 5.1.5: in a digest the default is message/rfc822
        info.type = "message";
        info.subtype = "rfc822";
    }
    info.encoding = firstFieldValue(header, "Content-Transfer-Encoding").toLower();
    QString name;
    const QByteArray type = firstFieldValue(header, "Content-Type");
    if (!type.isNull()) {
        if (GMimeContentType *ct = g_mime_content_type_parse(nullptr, forGMime(type).constData())) {
            const QByteArray media = QByteArray(g_mime_content_type_get_media_type(ct)).toLower();
            const QByteArray sub = QByteArray(g_mime_content_type_get_media_subtype(ct)).toLower();
            if (!media.isEmpty() && !sub.isEmpty()) { // RFC 2045 5.2: else text/plain
                info.type = media;
                info.subtype = sub;
            }
            info.boundary = g_mime_content_type_get_parameter(ct, "boundary");
            name = QString::fromUtf8(g_mime_content_type_get_parameter(ct, "name"));
            g_object_unref(ct);
        }
    }
    const QByteArray disposition = firstFieldValue(header, "Content-Disposition");
    if (!disposition.isNull()) {
        if (GMimeContentDisposition *cd =
                g_mime_content_disposition_parse(nullptr, forGMime(disposition).constData())) {
            const QString filename =
                QString::fromUtf8(g_mime_content_disposition_get_parameter(cd, "filename"));
            if (!filename.isEmpty())
                name = filename;
            info.attachment = g_mime_content_disposition_is_attachment(cd);
            g_object_unref(cd);
        }
    }
    // An encoded-word GMime left (one it has no converter for): ours reads
    // ISO-2022-JP as CP50220 does.
    if (name.contains(QLatin1String("=?")))
        name = mimetext::decodeHeaderText(name.toUtf8());
    info.fileName = name;
    return info;
}

// The message as MimeMessage splits it, part by part: the one splitter of the
// server, so a path means what it means to IMAP.
class PartTree
{
public:
    explicit PartTree(const QByteArray &message) : m_message(message) {}

    // The header of a part ({} the message's own), blank line included.
    QByteArray header(const QList<int> &path) const
    {
        return path.isEmpty() ? m_message.section({}, SectionText::Header).value_or({})
                              : m_message.section(path, SectionText::Mime).value_or({});
    }
    QByteArray body(const QList<int> &path) const
    {
        return path.isEmpty() ? m_message.section({}, SectionText::Text).value_or({})
                              : m_message.section(path, SectionText::Whole).value_or({});
    }
    bool exists(const QList<int> &path) const
    {
        return path.isEmpty() || m_message.section(path, SectionText::Mime).has_value();
    }
    // Whether `path` is a multipart in which MimeMessage found parts. At the
    // top, part 1 of a single-part message is its body, so MimeMessage's own
    // BODYSTRUCTURE says whether the top is a multipart.
    bool isOpenedMultipart(const QList<int> &path, const PartInfo &info) const
    {
        if (!info.isMultipart())
            return false;
        if (path.isEmpty() && !m_message.imapBodyStructure(false).startsWith("(("))
            return false;
        return exists(path + QList<int>{1});
    }

private:
    MimeMessage m_message;
};

QByteArray decodedBody(const QByteArray &body, const PartInfo &info)
{
    // RFC 2046 5.2.1: an encapsulated message is 7bit, 8bit or binary; one
    // base64-encoded against the rule is decoded all the same.
    return mimetext::decodeTransfer(body, info.encoding);
}

class LeafWalk
{
public:
    explicit LeafWalk(const QByteArray &message) : m_tree(message) {}

    QList<MimeLeaf> run()
    {
        const PartInfo top = partInfo(m_tree.header({}), false);
        if (m_tree.isOpenedMultipart({}, top))
            children({}, top, 0);
        else
            leaf(top.isMultipart() ? QList<int>{} : QList<int>{1}, top, m_tree.body({}));
        return m_leaves;
    }

private:
    void part(const QList<int> &path, int depth, bool digestChild)
    {
        const PartInfo info = partInfo(m_tree.header(path), digestChild);
        if (m_tree.isOpenedMultipart(path, info)) {
            if (depth >= kMaxMimeDepth)
                return pastLimit(path);
            return children(path, info, depth);
        }
        leaf(path, info, m_tree.body(path));
    }

    void children(const QList<int> &path, const PartInfo &info, int depth)
    {
        for (int k = 1; !m_stopped; ++k) {
            const QList<int> child = path + QList<int>{k};
            if (!m_tree.exists(child))
                break;
            part(child, depth + 1, info.subtype == "digest");
        }
    }

    void leaf(const QList<int> &path, const PartInfo &info, const QByteArray &body)
    {
        if (m_leaves.size() >= kMaxMimeLeaves)
            return pastLimit(path);
        MimeLeaf l;
        l.path = path;
        l.contentType = info.contentType();
        l.fileName = info.fileName;
        l.attachment = info.attachment;
        l.body = decodedBody(body, info);
        l.size = l.body.size();
        m_leaves << l;
    }

    void pastLimit(const QList<int> &path)
    {
        MimeLeaf l;
        l.path = path;
        l.contentType = partInfo(m_tree.header(path), false).contentType();
        l.body = path.isEmpty() ? m_tree.header({}) + m_tree.body({})
                                : m_tree.header(path) + m_tree.body(path);
        l.size = l.body.size();
        l.pastLimit = true;
        m_leaves << l;
        m_stopped = true;
    }

    PartTree m_tree;
    QList<MimeLeaf> m_leaves;
    bool m_stopped = false;
};

// ---- stripping -----------------------------------------------------------------------

// The original body with the removed parts taken out. A part not on the way
// to a removed one is copied byte for byte; a multipart on the way is written
// anew, each kept part byte for byte.
class Remover
{
public:
    Remover(const QByteArray &message, const QList<QList<int>> &paths)
        : m_tree(message), m_removed(paths.begin(), paths.end())
    {
    }

    // nullopt: nothing of the body remains.
    std::optional<QByteArray> topBody()
    {
        const QByteArray head = m_tree.header({});
        const PartInfo top = partInfo(head, false);
        const bool opened = m_tree.isOpenedMultipart({}, top);
        // {} is the whole body; so is {1} of a message that is not a multipart.
        for (const QList<int> &whole : {QList<int>{}, QList<int>{1}}) {
            if (m_removed.contains(whole) && (whole.isEmpty() || !opened)) {
                note(whole, top, m_tree.body({}));
                return std::nullopt;
            }
        }
        if (!opened)
            return m_tree.body({});
        return multipartBody({}, top, 0, m_tree.body({}));
    }

    const QList<RemovedPart> &removedParts() const { return m_found; }
    const std::optional<Error> &error() const { return m_error; }

private:
    bool removedBelow(const QList<int> &path) const
    {
        for (const QList<int> &r : m_removed)
            if (r.size() > path.size() && r.first(path.size()) == path)
                return true;
        return false;
    }

    void note(const QList<int> &path, const PartInfo &info, const QByteArray &body)
    {
        m_found << RemovedPart{path, info.contentType(), info.fileName,
                               decodedBody(body, info).size()};
    }

    std::optional<QByteArray> part(const QList<int> &path, int depth, bool digestChild)
    {
        const QByteArray head = m_tree.header(path);
        const QByteArray body = m_tree.body(path);
        if (m_removed.contains(path)) {
            note(path, partInfo(head, digestChild), body);
            return std::nullopt;
        }
        if (!removedBelow(path))
            return head + body;
        const PartInfo info = partInfo(head, digestChild);
        // Below a leaf (in an attached message) or past the depth limit there is
        // nothing mimeLeaves() names: the path is reported as not found.
        if (!m_tree.isOpenedMultipart(path, info) || depth >= kMaxMimeDepth)
            return head + body;
        const std::optional<QByteArray> rebuilt = multipartBody(path, info, depth, body);
        if (!rebuilt)
            return std::nullopt;
        return head + *rebuilt;
    }

    // RFC 2046 5.1.1: "--" boundary CRLF before each part, the CRLF before a
    // delimiter being the delimiter's, and "--" boundary "--" at the end. The
    // boundary is the one the part's Content-Type already gives.
    std::optional<QByteArray> multipartBody(const QList<int> &path, const PartInfo &info, int depth,
                                            const QByteArray &original)
    {
        QByteArrayList kept;
        for (int k = 1;; ++k) {
            const QList<int> child = path + QList<int>{k};
            if (!m_tree.exists(child))
                break;
            if (std::optional<QByteArray> bytes = part(child, depth + 1, info.subtype == "digest"))
                kept << *bytes;
        }
        if (kept.isEmpty()) // RFC 2046 5.1.1: a multipart has at least one part
            return std::nullopt;
        const QByteArray delimiter = "--" + info.boundary;
        if (info.boundary.isEmpty() || !original.contains(delimiter)) {
            m_error = Error::invalid(
                QStringLiteral("Cannot rewrite multipart %1: its boundary is unreadable")
                    .arg(path.isEmpty() ? QStringLiteral("(top)") : partNumberText(path)));
            return original;
        }
        QByteArray out;
        for (const QByteArray &bytes : std::as_const(kept))
            out += delimiter + "\r\n" + bytes + "\r\n";
        return out + delimiter + "--";
    }

    PartTree m_tree;
    QSet<QList<int>> m_removed;
    QList<RemovedPart> m_found;
    std::optional<Error> m_error;
};

// CRLF lines, then base64 in lines of 76 (RFC 2045 6.8).
QByteArray base64Text(const QString &text)
{
    const QByteArray b64 = text.toUtf8().replace("\r\n", "\n").replace("\n", "\r\n").toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

} // namespace

QString partNumberText(const QList<int> &path)
{
    QStringList numbers;
    for (int n : path)
        numbers << QString::number(n);
    return numbers.join(QLatin1Char('.'));
}

QList<MimeLeaf> mimeLeaves(const QByteArray &message)
{
    return LeafWalk(message).run();
}

bool isBodyText(const MimeLeaf &leaf)
{
    return !leaf.pastLimit && !leaf.attachment && leaf.fileName.isEmpty() &&
           (leaf.contentType == "text/plain" || leaf.contentType == "text/html");
}

QString noticeLine(const QString &text)
{
    QString out;
    for (QChar c : text)
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? QLatin1Char(' ') : c;
    out = out.simplified();
    if (out.size() > 200)
        out = out.left(200) + QChar(0x2026);
    return out;
}

Result<QByteArray> removeParts(const QByteArray &message, const QList<QList<int>> &paths,
                               const std::function<StripNotice(const QList<RemovedPart> &)> &notice)
{
    if (paths.isEmpty())
        return Error::invalid(QStringLiteral("No part to remove"));
    Remover remover(message, paths);
    const std::optional<QByteArray> innerBody = remover.topBody();
    if (remover.error())
        return *remover.error();
    for (const QList<int> &path : paths) {
        bool found = false;
        for (const RemovedPart &f : remover.removedParts())
            found = found || f.path == path;
        if (!found)
            return Error::notFound(
                QStringLiteral("The message has no part %1").arg(partNumberText(path)));
    }

    // The top header: Content-* fields go with the original body, the rest stay.
    const PartTree tree(message);
    const QByteArray topHeader = tree.header({});
    QByteArray outerHead, innerHead;
    bool hasMimeVersion = false;
    HeaderFieldScanner scanner(topHeader);
    for (auto item = scanner.next(); item.kind == HeaderFieldScanner::Kind::Field;
         item = scanner.next()) {
        QByteArray bytes = topHeader.mid(item.begin, item.next - item.begin);
        if (!bytes.endsWith('\n'))
            bytes += "\r\n";
        const QByteArray name = scanner.name(item).toByteArray().trimmed().toLower();
        if (name.startsWith("content-")) {
            innerHead += bytes;
        } else {
            outerHead += bytes;
            hasMimeVersion = hasMimeVersion || name == "mime-version";
        }
    }
    const QByteArray inner = innerBody ? innerHead + "\r\n" + *innerBody : QByteArray();

    const StripNotice said = notice(remover.removedParts());

    // "=_" cannot occur in base64; the loop keeps it out of the original parts.
    QByteArray boundary;
    do {
        boundary = "=_fumibako-" + said.boundaryTag + '-' +
                   QByteArray::number(QRandomGenerator::global()->generate64(), 16) +
                   QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    } while (inner.contains(boundary));
    const QByteArray delimiter = "--" + boundary;

    QByteArray out = outerHead;
    if (!hasMimeVersion)
        out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n";
    if (has8bitBytes(inner))
        out += "Content-Transfer-Encoding: 8bit\r\n"; // RFC 2045 6.4
    out += "\r\nThis is a multi-part message in MIME format.\r\n";
    out += delimiter + "\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Disposition: inline\r\n"
           "\r\n" +
           base64Text(said.text);
    if (innerBody)
        out += delimiter + "\r\n" + inner + "\r\n";
    if (!said.attachmentName.isEmpty()) {
        out += delimiter + "\r\n";
        out += "Content-Type: text/plain; charset=UTF-8; name=\"" + said.attachmentName +
               "\"\r\n"
               "Content-Transfer-Encoding: base64\r\n"
               "Content-Disposition: attachment; filename=\"" +
               said.attachmentName +
               "\"\r\n"
               "\r\n" +
               base64Text(said.attachmentText);
    }
    out += delimiter + "--\r\n";
    return out;
}

} // namespace fumibako
