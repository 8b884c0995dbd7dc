// Small helpers the scanner clients share: a daemon's bytes made safe to quote
// in a log line (a garbage reply can hold anything), names checked before they
// reach a reply or a notice, and a message given as pieces (the pipeline's
// added fields, then the message) read out in slices without joining them.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace fumibako
{

// Printable ASCII, others as '?', cut at `max` bytes with "...".
inline QString printableExcerpt(QByteArrayView bytes, qsizetype max = 200)
{
    QString out;
    const qsizetype n = qMin(bytes.size(), max);
    out.reserve(n + 3);
    for (qsizetype i = 0; i < n; ++i) {
        const char c = bytes[i];
        out.append(c >= 0x20 && c < 0x7f ? QChar(QLatin1Char(c)) : QChar(u'?'));
    }
    if (bytes.size() > max)
        out.append(QStringLiteral("..."));
    return out;
}

// One word of printable ASCII, no space: a virus or rule name as the daemons write them.
inline bool isPrintableWord(QByteArrayView bytes)
{
    if (bytes.isEmpty() || bytes.size() > 200)
        return false;
    for (const char c : bytes) {
        if (c <= 0x20 || c >= 0x7f)
            return false;
    }
    return true;
}

class PieceReader
{
public:
    explicit PieceReader(QByteArrayList pieces) : m_pieces(std::move(pieces)) {}

    qint64 size() const
    {
        qint64 size = 0;
        for (const QByteArray &piece : m_pieces)
            size += piece.size();
        return size;
    }
    // The next at most `max` bytes (never across two pieces); empty at the end.
    QByteArrayView next(qsizetype max)
    {
        while (m_piece < m_pieces.size()) {
            const QByteArray &piece = m_pieces.at(m_piece);
            if (m_offset < piece.size()) {
                const qsizetype n = qMin(max, piece.size() - m_offset);
                const QByteArrayView slice(piece.constData() + m_offset, n);
                m_offset += n;
                return slice;
            }
            ++m_piece;
            m_offset = 0;
        }
        return {};
    }

private:
    QByteArrayList m_pieces;
    qsizetype m_piece = 0;
    qsizetype m_offset = 0;
};

} // namespace fumibako
