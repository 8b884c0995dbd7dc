// Result<T>: the error channel of server-core. C++20 has no std::expected, so
// this carries std::expected's API subset we use (has_value, value, error,
// operator bool/->/*). No exception crosses the event loop: functions that can
// fail return one of these, with a message fit to show an administrator.
#pragma once

#include <QMetaType>
#include <QString>
#include <cassert>
#include <utility>
#include <variant>

namespace fumibako
{

struct Error {
    enum class Kind { Temporary, Permanent, NotFound, Exists, OverQuota, TooBig, Limit, Invalid };
    Kind kind = Kind::Permanent;
    QString message; // for an administrator (CLI, console, log)
    QString detail;  // for the log only

    static Error temporary(QString m, QString d = {})
    {
        return {Kind::Temporary, std::move(m), std::move(d)};
    }
    static Error permanent(QString m, QString d = {})
    {
        return {Kind::Permanent, std::move(m), std::move(d)};
    }
    static Error notFound(QString m) { return {Kind::NotFound, std::move(m), {}}; }
    static Error exists(QString m) { return {Kind::Exists, std::move(m), {}}; }
    static Error invalid(QString m) { return {Kind::Invalid, std::move(m), {}}; }
    static Error limit(QString m) { return {Kind::Limit, std::move(m), {}}; }
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T &value() &
    {
        assert(has_value());
        return std::get<0>(m_v);
    }
    const T &value() const &
    {
        assert(has_value());
        return std::get<0>(m_v);
    }
    T &&value() &&
    {
        assert(has_value());
        return std::get<0>(std::move(m_v));
    }
    const Error &error() const
    {
        assert(!has_value());
        return std::get<1>(m_v);
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T value_or(T other) const { return has_value() ? value() : std::move(other); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}
    bool has_value() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const
    {
        assert(!m_ok);
        return m_error;
    }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace fumibako

// Errors travel in queued signals (the console's server controller and pages).
Q_DECLARE_METATYPE(fumibako::Error)
