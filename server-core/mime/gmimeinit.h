// ensureGMime: GMime's one-time process initialisation (g_mime_init), done
// on first use from whichever I/O or worker thread gets there first. GMime's
// charset tables and iconv cache are set up once and never torn down while
// threads may still parse; g_mime_init itself is not thread-safe, so a
// std::call_once guards it. Internal to mime/.
#pragma once

namespace fumibako::mimetext
{

void ensureGMime();

} // namespace fumibako::mimetext
