// OrphanSweep: run once at start, before any session, after StoreWriter's
// recover(). A delivery's file is renamed into new/ before its rows commit
// (so a reader that sees a row finds the file); a crash between the two
// leaves a file no committed row names, for which no 250 was ever sent. Such
// files, and whatever sits in a tmp/ folder, are removed here so they never
// surface in another tool that reads the Maildir, nor count against a disk.
#pragma once

#include "common/result.h"

#include <QStringList>

namespace fumibako
{

class Database;

namespace OrphanSweep
{

// Every mailbox folder of every account (tmp/, new/, cur/), the outbound
// spool and the quarantine (held copies no row names: a hold interrupted, or
// an account deleted while files stayed); returns the message files it
// removed (not tmp/ leftovers), for the log.
Result<QStringList> run(const Database &db, const QString &mailRoot, const QString &queueDir,
                        const QString &quarantineDir);

} // namespace OrphanSweep
} // namespace fumibako
