// ArchiveSearchAccess: what the archive's search pages need of the archive —
// a search user's sign-in, who a signed-in name is now (a user removed or
// narrowed since signing in is seen at the next request), and the search,
// preview and download as that user may have them. The service layer
// implements it (ArchiveService), so web/ stays below service/. Every call
// may block on the database or scrypt: WebServer makes them on a worker.
#pragma once

#include "archive/archivestore.h"
#include "common/result.h"
#include "mime/messagepreview.h"

#include <QByteArray>
#include <QString>

namespace fumibako
{

class ArchiveSearchAccess
{
public:
    virtual ~ArchiveSearchAccess() = default;

    // NotFound for an unknown name or a wrong password alike.
    virtual Result<ArchiveSearcher> authenticate(const QString &name,
                                                 const QString &password) const = 0;
    // The search user `name` as it is now; NotFound once removed.
    virtual Result<ArchiveSearcher> searchUser(const QString &name) const = 0;
    // Audited.
    virtual Result<ArchivePage> search(const ArchiveQuery &query,
                                       const ArchiveSearcher &who) const = 0;
    // NotFound also for a message `who` may not see.
    virtual Result<MessagePreview> preview(qint64 id, const ArchiveSearcher &who) const = 0;
    // The message as sent; audited as an export.
    virtual Result<QByteArray> raw(qint64 id, const ArchiveSearcher &who) const = 0;
};

} // namespace fumibako
