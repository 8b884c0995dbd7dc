// ServerStatus: a value snapshot of the running server for the dashboard —
// listeners, connections, today's traffic, queue, certificate. Models get
// these through queued signals, never pointers into sessions.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace fumibako
{

struct ListenerStatus {
    QString name;
    QString address;
    int port = 0;
    bool listening = false;
    QString error;
    QString url; // web: its address for people (https://HOST:PORT/), as the release links have it
};

struct ServerStatus {
    bool running = false;
    QList<ListenerStatus> listeners;
    int openConnections = 0;
    qint64 receivedToday = 0;
    qint64 sentToday = 0;
    qint64 queueLength = 0;
    QString certificateSubject;
    QStringList certificateNames;
    QDateTime certificateExpiry;
};

} // namespace fumibako

Q_DECLARE_METATYPE(fumibako::ServerStatus)
