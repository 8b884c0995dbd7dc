// Durable file primitives: the only place that knows how to put bytes on
// stable storage. A 250 to end-of-DATA, a POP3 DELE+QUIT and the like happen
// only after these return (DESIGN.md, Runtime model). QSaveFile is not enough:
// it never syncs the directory that holds the new name.
// The implementation is the platform file durablefile_posix.cpp.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace fumibako {

// Creates `path` exclusively (0600), writes the parts in order and fsyncs it.
Result<void> writeFileSynced(const QString &path, const QList<QByteArray> &parts);
// fsyncs a directory so that names created or renamed in it survive a crash.
Result<void> syncDirectory(const QString &dir);
// fsyncs a file someone else writes (SQLite's WAL, see StoreWriter).
Result<void> syncFile(const QString &path);
// rename(2); atomic within one file system.
Result<void> renameFile(const QString &from, const QString &to);
// Creates a directory and its parents with mode 0700 (no-op if it exists).
Result<void> makePrivateDirectory(const QString &dir);
// Restricts files created from now on by this process to its owner.
void restrictFileCreationMask();

} // namespace fumibako
