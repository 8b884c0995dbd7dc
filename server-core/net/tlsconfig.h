// TlsConfig: the server-side QSslConfiguration every listener uses —
// the data dir's certificate and key, TLS 1.2 and 1.3 only.
#pragma once

#include "common/result.h"

#include <QSslConfiguration>

namespace fumibako
{

Result<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile);
// "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", as Postfix logs it.
QString describeTlsSession(const class QSslSocket &socket);

} // namespace fumibako
