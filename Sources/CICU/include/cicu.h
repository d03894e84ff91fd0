// A tiny, stable C surface over libicu for Swift.
//
// ICU renames every C symbol with its major version (ubrk_open → ubrk_open_72)
// through macros that Swift's importer cannot see through, so Swift calls these
// plain functions instead. Each one exists because NewsText needs exactly that
// call; errors come back as ICU's UErrorCode in `*status` (0 = ok, > 0 = failure,
// < 0 = warning), turned into typed Swift errors by NewsText/ICU.swift.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's version as "major.minor", written into `out` (at least 32 bytes).
void nx_icu_version(char *out);

/// The symbolic name of an ICU error code ("U_BUFFER_OVERFLOW_ERROR").
const char *nx_error_name(int32_t status);

// MARK: Word break iteration

/// Opens a word break iterator for `locale` ("zh" gives dictionary segmentation of Han).
void *nx_word_break_open(const char *locale, int32_t *status);
void nx_break_close(void *iterator);
/// Points the iterator at `text`; ICU reads it in place, so it must outlive the iteration.
void nx_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status);
/// Writes the next boundaries (and the rule status of the segment each one ends) into
/// `ends` / `statuses`, at most `capacity`; returns how many, 0 once the text is done.
/// Batching keeps the Swift-to-C call count per token low.
int32_t nx_break_next_batch(void *iterator, int32_t *ends, int32_t *statuses, int32_t capacity);

// MARK: Normalization and case folding (used to derive NewsText's character table)

/// NFKC of `src` into `dst`; returns the length needed (may exceed `capacity`).
int32_t nx_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity, int32_t *status);
/// Full Unicode case folding of `src` into `dst`; returns the length needed.
int32_t nx_fold_case(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity, int32_t *status);

// MARK: Transliteration

/// Opens a transliterator by id (UTF-16), e.g. "Traditional-Simplified".
void *nx_translit_open(const uint16_t *id, int32_t idLength, int32_t *status);
void nx_translit_close(void *transliterator);
/// Transliterates `text[0..<*length]` in place; `capacity` bounds growth and `*length`
/// is updated. On U_BUFFER_OVERFLOW_ERROR the caller retries with more room.
void nx_translit(void *transliterator, uint16_t *text, int32_t *length, int32_t capacity, int32_t *status);

// MARK: Charset detection and conversion

/// Detects the charset of `bytes` and writes its ICU name into `name`;
/// `*confidence` is 0…100. Returns 0 when nothing matched.
int32_t nx_charset_detect(const char *bytes, int32_t length, char *name, int32_t nameCapacity,
                          int32_t *confidence, int32_t *status);
/// Converts `src` in `charset` to UTF-16. Returns the UTF-16 length needed (call with
/// capacity 0 to measure). Unless `lenient`, the first undecodable byte sequence stops
/// the conversion: `*errorOffset` is its byte offset, -1 when none.
int32_t nx_convert_to_utf16(const char *charset, const char *src, int32_t srcLength,
                            uint16_t *dst, int32_t capacity, int32_t lenient,
                            int32_t *errorOffset, int32_t *status);

#ifdef __cplusplus
}
#endif
#endif
