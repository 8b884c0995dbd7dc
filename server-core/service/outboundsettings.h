// OutboundSettings: the one mapping from settings (queue.*, relay.*,
// dns.servers, server.hostname) to the outbound queue's OutboundConfig and
// the SmtpClientOptions it derives for the smarthost. MailServer starts the
// queue from it and SmarthostService tests a connection with it, so the
// console's "Test Connection" speaks to the smarthost exactly as the queue will.
#pragma once

#include "common/result.h"
#include "queue/outboundqueue.h"

namespace fumibako
{

class Settings;

namespace OutboundSettings
{

// relay.tls ("starttls", "tls", "none") as the SMTP client's TLS mode.
SmtpClientOptions::Tls relayTls(const QString &value);
// The smarthost part of the configuration (relay.*); the password never is a setting.
OutboundConfig::Relay relay(const Settings &settings, const QByteArray &password);
// Everything but the DKIM keys (MailServer adds them; they live in files) and
// the relay password. An error names the setting at fault.
Result<OutboundConfig> config(const Settings &settings);

} // namespace OutboundSettings

} // namespace fumibako
