// forwardreturn: a delivery report (RFC 3464) that a forward destination's
// server sends back to our SRS address, retold to the original sender without
// where the mail went. The reference service's FAQ tells of a forward to a
// mobile phone whose address reached senders through such reports; we keep
// only what the sender already knew — the forwarding address, the outcome,
// the status code and its own header fields — and let BounceMessage write it.
#pragma once

#include "common/result.h"
#include "delivery/bouncemessage.h"

#include <QByteArray>
#include <QString>

namespace fumibako
{

// What `report` says, minus where the mail went, for BounceMessage::build();
// the caller fills in reportingMta, postmasterDomain, now and messageIdDomain.
//
// `report` must be a delivery report: Content-Type multipart/report with a
// message/delivery-status (or RFC 6533 message/global-delivery-status) part
// naming at least one recipient (RFC 3464 2.3); else Invalid, and the caller
// drops it and logs.
//
// `forwarder` is the forwarding address (the account whose forward failed),
// named as the only recipient. When empty it is taken from the first
// Delivered-To field of the returned header (text/rfc822-headers or
// message/rfc822 part, or their RFC 6533 global forms) that is no recipient
// the report names (a destination's own Delivered-To); else it stays "".
//
// Kind: Delay when every recipient's Action is "delayed", Success when every
// one is "delivered", "relayed" or "expanded" (the destination honoured a
// NOTIFY=SUCCESS we passed on), Failure otherwise. The one BounceRecipient:
// address = forwarder, Action to match, status the first per-recipient Status
// of that action (else of any; default 5.0.0 / 4.0.0 / 2.0.0), and no
// diagnostic, remote MTA, original recipient or dates — each may name the
// destination. `original`: the returned header's first From, To, Cc, Subject,
// Date and Message-ID fields in that order, and the Delivered-To naming the
// forwarder, each as written; a field that names any address the report gives
// for the destination (Final-Recipient, X-Actual-Recipient, Original-Recipient,
// Delivered-To, Received "for") is left out, and no other field is taken.
// originalSender = `originalSender`; returnFull false (the header alone).
Result<BounceInput> concealedReturn(const QByteArray &report, const QString &originalSender,
                                    const QString &forwarder);

} // namespace fumibako
