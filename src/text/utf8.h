/* UTF-8: validation with the byte offset of the first bad sequence,
 * decoding, and counting code points (outputs give offsets in code points,
 * the program works in bytes). Pure functions, thread-safe. */
#ifndef GM_TEXT_UTF8_H
#define GM_TEXT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). On false, *bad_offset (if not NULL)
 * is the byte offset of the first invalid sequence. NUL bytes are valid
 * UTF-8; readers decide whether they accept them. */
bool gm_utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* Decodes the code point starting at s[0] (at most len bytes) into *cp and
 * returns its length in bytes (1-4). On an invalid sequence returns 1 and sets
 * *cp to U+FFFD, so callers always advance. len must be > 0. */
size_t gm_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length, 0 for
 * an invalid code point. */
size_t gm_utf8_encode(int32_t cp, char *out);

/* Number of code points in s[0..len) (counting bytes that do not start a
 * sequence as one each, consistent with gm_utf8_decode). */
size_t gm_utf8_count(const char *s, size_t len);

/* Code points in s[0..len) when it is valid UTF-8 that starts and ends
 * between characters (an article's text and spans of it): as
 * gm_utf8_count, but counting the bytes that continue a character eight
 * at a time (sixteen where SSE2 is), with no branch a byte. */
size_t gm_utf8_count_valid(const char *s, size_t len);

#endif
