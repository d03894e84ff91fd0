#include "cicu.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

void nx_icu_version(char *out) {
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, out);
}

const char *nx_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void *nx_word_break_open(const char *locale, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, NULL, 0, &s);
    *status = s;
    return bi;
}

void nx_break_close(void *iterator) { ubrk_close((UBreakIterator *)iterator); }

void nx_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)iterator, (const UChar *)text, length, &s);
    *status = s;
}

int32_t nx_break_next_batch(void *iterator, int32_t *ends, int32_t *statuses, int32_t capacity) {
    UBreakIterator *bi = (UBreakIterator *)iterator;
    int32_t n = 0;
    while (n < capacity) {
        int32_t e = ubrk_next(bi);
        if (e == UBRK_DONE) break;
        ends[n] = e;
        statuses[n] = ubrk_getRuleStatus(bi);
        n++;
    }
    return n;
}

int32_t nx_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCInstance(&s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    int32_t r = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dst, capacity, &s);
    *status = s;
    return r;
}

int32_t nx_fold_case(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    int32_t r = u_strFoldCase((UChar *)dst, capacity, (const UChar *)src, length, U_FOLD_CASE_DEFAULT, &s);
    *status = s;
    return r;
}

void *nx_translit_open(const uint16_t *id, int32_t idLength, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, NULL, 0, NULL, &s);
    *status = s;
    return t;
}

void nx_translit_close(void *transliterator) { utrans_close((UTransliterator *)transliterator); }

void nx_translit(void *transliterator, uint16_t *text, int32_t *length, int32_t capacity, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, length, capacity, 0, &limit, &s);
    *status = s;
}

int32_t nx_charset_detect(const char *bytes, int32_t length, char *name, int32_t nameCapacity,
                          int32_t *confidence, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    ucsdet_setText(d, bytes, length, &s);
    const UCharsetMatch *m = U_SUCCESS(s) ? ucsdet_detect(d, &s) : NULL;
    int32_t found = 0;
    if (m != NULL && U_SUCCESS(s)) {
        const char *n = ucsdet_getName(m, &s);
        *confidence = ucsdet_getConfidence(m, &s);
        if (n != NULL && U_SUCCESS(s) && (int32_t)strlen(n) < nameCapacity) {
            strcpy(name, n);
            found = 1;
        }
    }
    ucsdet_close(d);
    *status = s;
    return found;
}

int32_t nx_convert_to_utf16(const char *charset, const char *src, int32_t srcLength,
                            uint16_t *dst, int32_t capacity, int32_t lenient,
                            int32_t *errorOffset, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    *errorOffset = -1;
    UConverter *c = ucnv_open(charset, &s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    if (!lenient) {
        ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &s);
    }
    // Convert in pieces so the needed length is known even when `capacity` is short.
    UChar scratch[4096];
    const char *in = src;
    const char *inEnd = src + srcLength;
    int32_t total = 0;
    while (U_SUCCESS(s)) {
        UChar *out = scratch;
        UChar *outEnd = scratch + 4096;
        ucnv_toUnicode(c, &out, outEnd, &in, inEnd, NULL, 1, &s);
        int32_t produced = (int32_t)(out - scratch);
        for (int32_t i = 0; i < produced; i++) {
            if (total + i < capacity) dst[total + i] = scratch[i];
        }
        total += produced;
        if (s == U_BUFFER_OVERFLOW_ERROR) { s = U_ZERO_ERROR; continue; }
        break;
    }
    if (U_FAILURE(s) && !lenient) {
        char bad[32];
        int8_t badLength = sizeof bad;
        UErrorCode s2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(c, bad, &badLength, &s2);
        *errorOffset = (int32_t)(in - src) - (U_SUCCESS(s2) ? badLength : 0);
    }
    ucnv_close(c);
    *status = s;
    return total;
}
