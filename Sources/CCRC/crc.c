#include "ccrc.h"
#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>

// Folding constants of the reflected CRC-32 polynomial 0x04C11DB7 (Intel, "Fast CRC
// Computation for Generic Polynomials Using PCLMULQDQ Instruction", 2009): x^(4*128±32) mod P
// to fold 64 bytes ahead, x^(128±32) mod P to fold 16 bytes ahead, bit-reflected and shifted.
#define FOLD64_LO 0x154442bd4ULL
#define FOLD64_HI 0x1c6e41596ULL
#define FOLD16_LO 0x1751997d0ULL
#define FOLD16_HI 0x0ccaa009eULL

__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i x, __m128i k, __m128i next) {
    __m128i lo = _mm_clmulepi64_si128(x, k, 0x00);
    __m128i hi = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(lo, hi), next);
}

/// `len` >= 64. Folds the input into 128 bits congruent to it modulo the polynomial, whose
/// CRC (from a zero register, which zlib's crc32 starts from when given 0xFFFFFFFF) is the
/// input's; the last len % 16 bytes go through zlib.
__attribute__((target("pclmul,sse4.1")))
static uint32_t crc32_clmul(uint32_t crc, const unsigned char *p, size_t len) {
    const __m128i k64 = _mm_set_epi64x((long long)FOLD64_HI, (long long)FOLD64_LO);
    const __m128i k16 = _mm_set_epi64x((long long)FOLD16_HI, (long long)FOLD16_LO);
    __m128i x0 = _mm_loadu_si128((const __m128i *)p);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)~crc));
    p += 64;
    len -= 64;
    while (len >= 64) {
        x0 = fold(x0, k64, _mm_loadu_si128((const __m128i *)p));
        x1 = fold(x1, k64, _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = fold(x2, k64, _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = fold(x3, k64, _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        len -= 64;
    }
    x0 = fold(x0, k16, x1);
    x0 = fold(x0, k16, x2);
    x0 = fold(x0, k16, x3);
    while (len >= 16) {
        x0 = fold(x0, k16, _mm_loadu_si128((const __m128i *)p));
        p += 16;
        len -= 16;
    }
    unsigned char folded[16];
    _mm_storeu_si128((__m128i *)folded, x0);
    uLong c = crc32(0xFFFFFFFFUL, folded, 16);
    return (uint32_t)crc32(c, p, (uInt)len);
}

static int has_clmul(void) {
    static int known = -1;  // a race only computes the same answer twice
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    }
    return known;
}
#endif

uint32_t nx_crc32(uint32_t crc, const unsigned char *buf, size_t len) {
#if defined(__x86_64__)
    if (len >= 64 && has_clmul()) return crc32_clmul(crc, buf, len);
#endif
    uLong c = crc;
    while (len > 0) {
        uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
        c = crc32(c, buf, n);
        buf += n;
        len -= n;
    }
    return (uint32_t)c;
}
