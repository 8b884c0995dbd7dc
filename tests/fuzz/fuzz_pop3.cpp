// libFuzzer target: a POP3 client's command lines as the session reads them —
// Pop3Command (keyword, arguments, message numbers) and, for AUTH PLAIN and
// its continuation line, the SASL PLAIN decoding (auth/sasl). Besides crashes
// and sanitizer reports it checks invariants and aborts when one breaks.
// Build and run: see tests/fuzz/CMakeLists.txt.

#include "fuzzsupport.h"

#include "auth/sasl.h"
#include "pop3/pop3command.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace fumibako;
using fumibako::fuzz::check;

namespace
{

constexpr qsizetype kMaxLine = 255; // RFC 2449 4, with the session's CRLF

void checkNumber(const QByteArray &arg)
{
    const int n = Pop3Command::messageNumber(arg);
    check(n >= 0 && n <= 999999999);
    if (n > 0) {
        bool ok = false;
        check(arg.toLongLong(&ok) == n && ok);
    }
}

void checkSasl(const QByteArray &response)
{
    const auto decoded = Sasl::decodeResponse(response);
    if (!decoded)
        return;
    // Whatever decodes is what base64 of it decodes to.
    check(Sasl::decodeResponse(decoded->toBase64()) == *decoded || decoded->isEmpty());
    if (const auto creds = Sasl::parsePlain(*decoded)) {
        check(!creds->user.isEmpty() && !creds->user.contains('\0') &&
              !creds->password.contains('\0'));
        check(creds->authzid + '\0' + creds->user + '\0' + creds->password == *decoded);
    }
}

void checkLine(QByteArrayView line)
{
    const Pop3Command cmd = Pop3Command::parse(line);
    const qsizetype sp = line.indexOf(' ');
    const QByteArray keyword = (sp < 0 ? line : line.first(sp)).toByteArray().toUpper();
    check(cmd.verb == Pop3Command::Verb::Unknown || (keyword.size() >= 3 && keyword.size() <= 4));
    check(sp < 0 ? cmd.rest.isEmpty() : cmd.rest == line.sliced(sp + 1));
    for (const QByteArray &arg : cmd.args) {
        check(!arg.isEmpty() && !arg.contains(' '));
        checkNumber(arg);
    }
    if (cmd.verb == Pop3Command::Verb::Auth && cmd.args.size() >= 2)
        checkSasl(cmd.args.at(1));
    checkSasl(line.toByteArray()); // as the continuation line after "AUTH PLAIN"
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArrayView data(reinterpret_cast<const char *>(bytes), qsizetype(size));
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype lf = data.indexOf('\n', pos);
        const qsizetype next = lf < 0 ? data.size() : lf + 1;
        qsizetype end = lf < 0 ? data.size() : lf;
        if (end > pos && data[end - 1] == '\r')
            --end;
        checkLine(data.sliced(pos, std::min(end - pos, kMaxLine)));
        pos = next;
    }
    return 0;
}
