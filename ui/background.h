// runInBackground: runs slow work (scrypt hashing, SQLite queries, key
// generation) on the global thread pool and hands its result back on the
// context object's thread. If the context is destroyed first, the result is
// dropped. Nothing long ever runs on the GUI thread.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <optional>
#include <type_traits>

namespace fumibako
{

template <typename Work, typename Done> void runInBackground(QObject *context, Work work, Done done)
{
    using R = std::invoke_result_t<Work>;
    // Result<T> has no default constructor, so the value travels in an optional.
    auto result = std::make_shared<std::optional<R>>();
    auto *watcher = new QFutureWatcher<void>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, result, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         if (result->has_value())
                             done(std::move(**result));
                     });
    watcher->setFuture(
        QtConcurrent::run([result, work = std::move(work)]() mutable { result->emplace(work()); }));
}

} // namespace fumibako
