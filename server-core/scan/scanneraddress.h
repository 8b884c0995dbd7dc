// ScannerAddress: where a scanner daemon listens, as the settings scan.clamd
// and scan.spamd write it: a Unix socket path ("/run/clamav/clamd.ctl") or
// host:port ("127.0.0.1:3310", "[::1]:783", "scanner.lan:3310"). One parser
// for both settings, so a value the console accepts is one the clients can use.
#pragma once

#include "common/result.h"

#include <QString>

namespace fumibako
{

struct ScannerAddress {
    QString path;     // a local (Unix) socket; empty for TCP
    QString host;     // TCP: a name or an address, without brackets
    quint16 port = 0; // TCP

    bool isLocal() const { return !path.isEmpty(); }
    // As written in the setting: the path, "host:port" or "[v6]:port".
    QString toString() const;

    // An absolute path is a local socket; anything else must be host:port with
    // a port from 1 to 65535 (an IPv6 address in brackets).
    static Result<ScannerAddress> parse(const QString &setting);
    static ScannerAddress tcp(QString host, quint16 port) { return {{}, std::move(host), port}; }
    static ScannerAddress local(QString path) { return {std::move(path), {}, 0}; }
};

} // namespace fumibako
