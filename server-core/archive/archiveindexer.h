// ArchiveIndexer: the running server's archive upkeep after deliveries —
// contents moved from the journal to their files, and waiting entries parsed
// and added to the search index. It runs once the server has been quiet for
// a moment (or when many entries wait), so a burst of submissions is not
// slowed by it — Dovecot's FTS indexes lazily the same way; a search indexes
// whatever still waits first, so nothing is missing from its results. The
// parsing and the files are a worker's; the rows go through the StoreWriter.
#pragma once

#include "archivestore.h"

#include <QObject>
#include <QTimer>

namespace fumibako
{

class ArchiveIndexer : public QObject
{
    Q_OBJECT
public:
    ArchiveIndexer(const Database &db, StoreWriter *writer, QString root,
                   QObject *parent = nullptr);

    // Thread-safe: something was archived.
    void poke();
    // Runs a round now (at start, for what a previous run left).
    void start();

Q_SIGNALS:
    // A round ended with nothing left to do (tests wait for it).
    void idle();

private:
    void round();
    void roundDone(bool more);

    const Database &m_db;
    StoreWriter *m_writer;
    QString m_root;
    QTimer m_quiet;
    int m_pokes = 0;
    bool m_running = false;
    bool m_again = false;
};

} // namespace fumibako
