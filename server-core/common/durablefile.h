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

#include <optional>

namespace fumibako
{

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

// Reads a whole message file; nullopt if it cannot be opened or read. FETCH
// and SEARCH read thousands of files per command, and QFile spends seven
// system calls on each (three of them statx) where open, read and close do.
// `expectedSize` (the size the store recorded) sizes the buffer; a file of
// another size is still read whole, with a call or two more.
std::optional<QByteArray> readMessageFile(const QString &path, qsizetype expectedSize = -1);

} // namespace fumibako
