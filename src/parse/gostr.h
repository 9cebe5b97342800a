/* gostr.h — the Go string and rune operations BuildKit's parser and lexer rely on,
 * reproduced exactly: UTF-8 decoding with replacement, unicode.IsSpace / IsLetter /
 * IsDigit / IsPrint, unicode.ToLower and strings.ToLower, strconv.Quote, and whether
 * strconv.ParseFloat accepts a JSON number. Every place in src/parse/ that follows a Go
 * string operation calls one of these; docs/parser.md lists where each one is used.
 * The Unicode tables come from utf8proc (Unicode 15, the version Go's tables are
 * built from); tests/unit/parse/test_gostr.c compares them with the Unicode Character
 * Database for every code point. */
#ifndef PL_PARSE_GOSTR_H
#define PL_PARSE_GOSTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/core.h"

#define PL_GO_RUNE_ERROR 0xFFFD

/* utf8.DecodeRuneInString on s[0..len), len > 0: the rune and its width; an invalid
 * or truncated sequence, an overlong form or a surrogate is (U+FFFD, 1). */
int32_t pl_go_decode_rune(const char *s, size_t len, size_t *width);

/* True when s[0..len) starts with a byte that does not begin a valid UTF-8 sequence
 * (what Go reports as RuneError with width 1). */
bool pl_go_invalid_at(const char *s, size_t len);

/* unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the White_Space
 * property. */
bool pl_go_is_space(int32_t r);
/* unicode.IsLetter (categories L*) and unicode.IsDigit (Nd). */
bool pl_go_is_letter(int32_t r);
bool pl_go_is_digit(int32_t r);
/* strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
bool pl_go_is_print(int32_t r);
/* unicode.ToLower: the simple lowercase mapping (U+0130 gives 'i', U+212A gives 'k'). */
int32_t pl_go_to_lower(int32_t r);

/* strings.ToLower on s[0..len): each rune lowercased, each invalid byte replaced by
 * U+FFFD; NUL bytes are kept. The result lives in the arena, is NUL-terminated, and its
 * length is stored in *out_len. */
char *pl_go_to_lower_str(pl_arena *a, const char *s, size_t len, size_t *out_len);

/* Length of the leading run of unicode.IsSpace runes (bytes.TrimLeftFunc). */
size_t pl_go_space_prefix(const char *s, size_t len);
/* Length of s once its trailing unicode.IsSpace runes are removed (TrimRightFunc). */
size_t pl_go_space_trim_right(const char *s, size_t len);

/* strconv.Quote of s[0..len), appended to b. */
void pl_go_quote(pl_buf *b, const char *s, size_t len);

/* Whether strconv.ParseFloat(s, 64) succeeds on a JSON number literal: false only when
 * the value is out of range (overflows to an infinity), which makes encoding/json fail. */
bool pl_go_float_in_range(const char *s, size_t len);

#endif
