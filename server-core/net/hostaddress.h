// displayAddress: a client's address as people and the throttle know it — an
// IPv4 client reaching a dual-stack listener arrives as ::ffff:a.b.c.d, and is
// written a.b.c.d like on an IPv4 listener.
#pragma once

#include <QHostAddress>
#include <QString>

namespace fumibako
{

inline QString displayAddress(const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    return ok ? QHostAddress(v4).toString() : address.toString();
}

} // namespace fumibako
