#ifndef CCRC_H
#define CCRC_H
// zlib's CRC-32, computed 64 bytes a step with carry-less multiplication (PCLMULQDQ) where
// the CPU has it, else by zlib: opening a segment checks the CRC of megabytes of columns,
// which zlib's tables take a millisecond and more for, a noticeable share of a one-query
// process. Same values as zlib's crc32() for every input.
#include <stddef.h>
#include <stdint.h>

/// The CRC-32 of `len` bytes at `buf`, continuing from `crc` (0 to start), as zlib's crc32().
uint32_t nx_crc32(uint32_t crc, const unsigned char *buf, size_t len);

#endif
