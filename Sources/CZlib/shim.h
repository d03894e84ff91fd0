// zlib (system package zlib1g-dev): deflate for stored articles, crc32 for file footers.
#include <zlib.h>
