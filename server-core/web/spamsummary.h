// The daily Spam Summary (issue 13; the FAQ's "Spam Summary"): one mail per
// account that had mail quarantined since its last summary, Japanese first
// then English, UTF-8, listing each newly held message — date, sender, decoded
// subject, why — with its release link. The message text is a pure function;
// prepareSpamSummaries() reads what is due and addresses each mail as any
// notice (Delivery::noticeRequest), and the caller commits each one together
// with summaryMarkJob() for its copies, so a crash neither loses a summary nor
// sends one twice, and a copy appears in exactly one summary.
#pragma once

#include "common/result.h"
#include "delivery/deliveryjob.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace fumibako
{

class Database;
class Delivery;
class StoreJob;

struct SpamSummaryItem {
    QDateTime received;
    QString sender;  // envelope sender; "" for <>
    QString subject; // decoded
    QString reasonKind, reason;
    QString link;
};

struct SpamSummaryInput {
    QString account;          // To:
    QString postmasterDomain; // From: MAILER-DAEMON@<this>
    QString hostname;         // for the Message-ID
    int retentionDays = 7;    // said in the text: how long the links work
    QList<SpamSummaryItem> items;
    QDateTime now;
};

// At most this many messages are listed in one summary; the rest are counted
// (every one is still in the quarantine, for the console and the CLI).
constexpr int kSpamSummaryMaxItems = 500;

// The complete RFC 5322 message: Subject: Spam Summary, Auto-Submitted:
// auto-generated (RFC 3834), one text/plain; charset=UTF-8 part in base64.
QByteArray spamSummaryMessage(const SpamSummaryInput &in);

struct SpamSummaryConfig {
    QString hostname; // server.hostname: the links' host
    int webPort = 0;  // the web listener's port: the links' port
    QByteArray key;   // releaseKey()
    // The retention of an account's quarantine, which the links expire with.
    std::function<int(qint64 accountId)> retentionDays;
};

struct PreparedSummary {
    QString account;
    QList<qint64> ids; // the held copies it lists, to be marked
    DeliveryRequest request;
};

// Every account with held copies no summary has listed; reads only (a worker
// or the CLI). An account that can no longer get mail is left out, its
// copies unmarked.
Result<QList<PreparedSummary>> prepareSpamSummaries(const Database &db, const Delivery &delivery,
                                                    const SpamSummaryConfig &config,
                                                    const QDateTime &now);
// Marks `ids` listed; fails (and with it the whole commit) when one already is.
std::shared_ptr<StoreJob> summaryMarkJob(QList<qint64> ids, const QDateTime &now);

} // namespace fumibako
