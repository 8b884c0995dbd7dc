// A stand-in for the DNS, preloaded (LD_PRELOAD) into OpenDKIM's
// opendkim-testmsg so it finds test keys without a network lookup: its
// res_nquery answers TXT queries from the file named by FUMIBAKO_DNS_TXT_FILE
// (lines "name<space>record text") and says "no such name" to anything else.
// Linux/glibc only, and only for tests; the real resolver is never called.
#include <netdb.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <strings.h>

namespace
{

constexpr int kTypeTxt = 16;
constexpr int kClassIn = 1;

std::string lookup(const char *name)
{
    std::string want(name);
    while (!want.empty() && want.back() == '.')
        want.pop_back();
    const char *path = std::getenv("FUMIBAKO_DNS_TXT_FILE");
    FILE *file = path ? std::fopen(path, "r") : nullptr;
    if (!file)
        return {};
    std::string found;
    char line[8192];
    while (std::fgets(line, sizeof line, file)) {
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        const size_t space = text.find(' ');
        if (space == std::string::npos)
            continue;
        std::string key = text.substr(0, space);
        while (!key.empty() && key.back() == '.')
            key.pop_back();
        if (strcasecmp(key.c_str(), want.c_str()) == 0) {
            found = text.substr(space + 1);
            break;
        }
    }
    std::fclose(file);
    return found;
}

void put16(std::string &out, unsigned v)
{
    out += char((v >> 8) & 0xff);
    out += char(v & 0xff);
}

// A DNS response (RFC 1035 4.1) with the question and one TXT answer whose
// RDATA is the record split into character-strings of at most 255 bytes.
int answer(const char *name, int cls, int type, unsigned char *buf, int size)
{
    const std::string record = type == kTypeTxt && cls == kClassIn ? lookup(name) : std::string();
    if (record.empty()) {
        h_errno = HOST_NOT_FOUND;
        return -1;
    }
    std::string out;
    put16(out, 0x4b1d); // id
    put16(out, 0x8580); // QR, AA, RD, RA; NOERROR
    put16(out, 1);      // QDCOUNT
    put16(out, 1);      // ANCOUNT
    put16(out, 0);
    put16(out, 0);
    const std::string qname(name);
    size_t start = 0;
    while (start < qname.size()) {
        size_t dot = qname.find('.', start);
        if (dot == std::string::npos)
            dot = qname.size();
        out += char(dot - start);
        out += qname.substr(start, dot - start);
        start = dot + 1;
    }
    out += '\0';
    put16(out, unsigned(type));
    put16(out, unsigned(cls));
    put16(out, 0xc00c); // the name: a pointer to the question's
    put16(out, kTypeTxt);
    put16(out, kClassIn);
    put16(out, 0);
    put16(out, 300); // TTL
    std::string rdata;
    for (size_t at = 0; at < record.size(); at += 255) {
        const std::string piece = record.substr(at, 255);
        rdata += char(piece.size());
        rdata += piece;
    }
    put16(out, unsigned(rdata.size()));
    out += rdata;
    if (int(out.size()) > size) {
        h_errno = NO_RECOVERY;
        return -1;
    }
    std::memcpy(buf, out.data(), out.size());
    return int(out.size());
}

} // namespace

// glibc 2.34+ exports res_nquery/res_query; older ones __res_nquery/__res_query.
extern "C" {
int res_nquery(void *, const char *name, int cls, int type, unsigned char *buf, int size)
{
    return answer(name, cls, type, buf, size);
}
int __res_nquery(void *, const char *name, int cls, int type, unsigned char *buf, int size)
{
    return answer(name, cls, type, buf, size);
}
int res_query(const char *name, int cls, int type, unsigned char *buf, int size)
{
    return answer(name, cls, type, buf, size);
}
int __res_query(const char *name, int cls, int type, unsigned char *buf, int size)
{
    return answer(name, cls, type, buf, size);
}
}
