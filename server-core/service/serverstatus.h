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
    QString
        webUrl; // the web listener as the release links name it (https://HOST:PORT/); "" if none
};

} // namespace fumibako

Q_DECLARE_METATYPE(fumibako::ServerStatus)
