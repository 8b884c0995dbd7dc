#include "scanneraddress.h"

namespace fumibako
{

QString ScannerAddress::toString() const
{
    if (isLocal())
        return path;
    if (host.contains(u':'))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

Result<ScannerAddress> ScannerAddress::parse(const QString &setting)
{
    const QString value = setting.trimmed();
    const auto invalid = [&value] {
        return Error::invalid(
            QStringLiteral("\"%1\" is neither a socket path nor host:port").arg(value));
    };
    if (value.isEmpty())
        return Error::invalid(QStringLiteral("no scanner address given"));
    if (value.startsWith(u'/'))
        return local(value);

    const qsizetype colon = value.lastIndexOf(u':');
    if (colon <= 0)
        return invalid();
    QString host = value.left(colon);
    if (host.startsWith(u'[')) {
        if (!host.endsWith(u']') || host.size() < 3)
            return invalid();
        host = host.mid(1, host.size() - 2);
    } else if (host.contains(u':')) {
        return invalid(); // a bare IPv6 address: where would the port be?
    }
    for (const QChar c : std::as_const(host)) {
        if (c.isSpace() || c == u'/' || c == u'[' || c == u']')
            return invalid();
    }
    bool ok = false;
    const uint port = QStringView(value).mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return invalid();
    return tcp(std::move(host), quint16(port));
}

} // namespace fumibako
