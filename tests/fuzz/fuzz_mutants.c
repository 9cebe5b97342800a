/* fuzz_mutants.c — structure-aware mutation fuzzer for the Dockerfile parser.
 *
 * A custom mutator edits Dockerfiles the way the BuildKit differential found trouble:
 * it splices in continuations, parser directives (with Go-only white space), heredoc
 * openers and terminators, ${...} forms, JSON arrays (numbers out of range included),
 * flags, NUL and invalid UTF-8 bytes, BOMs and Unicode whose case mapping or spacing is
 * Go-specific; it also duplicates, drops and swaps lines and re-cases keywords. Each
 * input is then checked for what can be known without BuildKit:
 *   - parsing twice gives the same verdict, the same error and the same dump;
 *   - the model is consistent: lines ascend, cmd is strings.ToLower(keyword), the
 *     dump has one line per instruction, lengths agree with the text;
 *   - the analysis pass runs on whatever parses;
 *   - the byte layer (gostr.c) agrees with independent statements of Go's tables
 *     (utf8proc's decoder, the White_Space list) on every rune of the input.
 * Crashes, leaks, undefined behaviour and hangs are the sanitizers' and libFuzzer's. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "../../src/parse/gostr.h"
#include "plimsoll/dockerfile.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c))                                                                                  \
            abort();                                                                               \
    } while (0)

/* ---- the mutator ------------------------------------------------------------------ */

/* Fragments with their lengths: some are about a NUL byte. */
typedef struct frag {
    const char *s;
    size_t n;
} frag;
#define F(lit)                                                                                     \
    { lit, sizeof lit - 1 }

static const frag fragments[] = {
    /* structure */
    F("FROM alpine AS build\n"),
    F("RUN echo hi\n"),
    F("\\\n"),
    F("`\n"),
    F(" \\ \t\n"),
    F("\\\n\n"),
    F("  # comment\n"),
    F("#\n"),
    F("ONBUILD "),
    F("HEALTHCHECK --interval=5s CMD "),
    F("SHELL [\"sh\", \"-c\"]\n"),
    F("ENV a=b c=\"d e\"\n"),
    F("ENV k v w\n"),
    F("LABEL \"k\"=v\n"),
    F("ARG x=1 y\n"),
    F("EXPOSE 80 443\n"),
    F("COPY --chown=1:1 --chmod=0755 a b\n"),
    F("ADD --checksum=sha256:00 x /\n"),
    F("WORKDIR /app\n"),
    F("USER 1000:1000\n"),
    F("STOPSIGNAL 9\n"),
    F("VOLUME [\"/v\"]\n"),
    F("CMD [\"a\", \"b\"]\n"),
    /* directives, with Go-only white space after the # */
    F("# escape=`\n"),
    F("# escape=\\\n"),
    F("# syntax=docker/dockerfile:1\n"),
    F("# check=skip=all\n"),
    F("#\vescape=`\n"),
    F("#\xc2\x85"
      "escape=`\n"),
    F("#\xc2\xa0"
      "escape=x\n"),
    F("#\xe3\x80\x80"
      "syntax=a\n"),
    /* heredocs */
    F("RUN <<EOF\n"),
    F("EOF\n"),
    F("\tEOF\n"),
    F("RUN <<-EOF\n"),
    F("COPY <<A <<B /x\n"),
    F("A\n"),
    F("B\n"),
    F("<<'E O'"),
    F("<<\"EOF\""),
    F("3<<EOF"),
    F("<< EOF"),
    F("<<\xef\xbb\xbf"
      "EOF"),
    F("<<E\xff"
      "F"),
    F("<<E\0F"),
    /* ${...} forms, valid and not */
    F("${X}"),
    F("${X?}"),
    F("${X-}"),
    F("${X:-a}"),
    F("${X%a}"),
    F("${X##*/}"),
    F("${X/a/b}"),
    F("${v:B}"),
    F("${"),
    F("$1"),
    /* JSON */
    F("[\"a\"]"),
    F("[1e999]"),
    F("[\"a\", 1]"),
    F("[\"\\u0000\"]"),
    F("[[]]"),
    F("[\"a\" ,\"b\"] x"),
    F("[-1e400]"),
    /* flags */
    F("--mount=type=cache,target=/x "),
    F("--mount=type=secret,id=a "),
    F("--network=none "),
    F("-- "),
    F("--\0 "),
    F("--from=build "),
    F("--platform=$BUILDPLATFORM "),
    /* odd bytes and Go-specific Unicode */
    F("\0"),
    F("\xff"),
    F("\x85"),
    F("\xa0"),
    F("\xc2\x85"),
    F("\xc2\xa0"),
    F("\xe3\x80\x80"),
    F("\xe2\x80\xa8"),
    F("\xef\xbb\xbf"),
    F("\xe2\x84\xaa"),
    F("\xc4\xb0"),
    F("\xc3\x85"),
    F("\v"),
    F("\f"),
    F("\r"),
    F("\r\n"),
    F("\t"),
};

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static size_t pick(uint64_t *s, size_t n) {
    return n ? (size_t)(rng_next(s) % n) : 0;
}

/* Start offsets of the lines of data[0..size). */
static size_t line_starts(const uint8_t *d, size_t size, size_t *out, size_t cap) {
    size_t n = 0;
    if (cap == 0)
        return 0;
    out[n++] = 0;
    for (size_t i = 0; i < size && n < cap; i++)
        if (d[i] == '\n' && i + 1 < size)
            out[n++] = i + 1;
    return n;
}

static size_t line_end(const uint8_t *d, size_t size, size_t start) {
    const uint8_t *e = memchr(d + start, '\n', size - start);
    return e ? (size_t)(e - d) + 1 : size;
}

static size_t insert(uint8_t *d, size_t size, size_t max, size_t at, const void *s, size_t n) {
    if (size + n > max || at > size)
        return size;
    memmove(d + at + n, d + at, size - at);
    memcpy(d + at, s, n);
    return size + n;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
    uint64_t s = (uint64_t)seed * 0x9E3779B97F4A7C15ull + 1;
    size_t starts[512];
    size_t nl = line_starts(data, size, starts, 512);
    switch (pick(&s, 7)) {
    case 0:
    case 1: { /* splice a fragment at a line start or anywhere */
        const frag *f = &fragments[pick(&s, sizeof fragments / sizeof fragments[0])];
        size_t at = pick(&s, 2) && nl ? starts[pick(&s, nl)] : pick(&s, size + 1);
        return insert(data, size, max_size, at, f->s, f->n);
    }
    case 2: { /* duplicate a line */
        if (!nl)
            break;
        size_t a = starts[pick(&s, nl)], e = line_end(data, size, a);
        uint8_t tmp[256];
        size_t n = e - a < sizeof tmp ? e - a : sizeof tmp;
        memcpy(tmp, data + a, n);
        return insert(data, size, max_size, starts[pick(&s, nl)], tmp, n);
    }
    case 3: { /* drop a line */
        if (!nl)
            break;
        size_t a = starts[pick(&s, nl)], e = line_end(data, size, a);
        memmove(data + a, data + e, size - e);
        return size - (e - a);
    }
    case 4: { /* re-case the first word of a line, or give it a Go-only case form */
        if (!nl)
            break;
        size_t a = starts[pick(&s, nl)], e = line_end(data, size, a);
        for (size_t i = a; i < e && data[i] != ' ' && data[i] != '\n'; i++) {
            uint8_t c = data[i];
            if (c == 'k' || c == 'K') {
                if (pick(&s, 4) == 0) {
                    data[i] = 0xE2; /* KELVIN SIGN is three bytes: E2 84 AA */
                    return insert(data, size, max_size, i + 1, "\x84\xaa", 2);
                }
            } else if ((c == 'i' || c == 'I') && pick(&s, 4) == 0) {
                data[i] = 0xC4; /* U+0130 */
                return insert(data, size, max_size, i + 1, "\xb0", 1);
            }
            if (((c | 32) >= 'a' && (c | 32) <= 'z') && pick(&s, 2))
                data[i] = c ^ 32;
        }
        return size;
    }
    case 5: { /* swap two lines by rotating one to another place */
        if (nl < 2)
            break;
        size_t a = starts[pick(&s, nl)], e = line_end(data, size, a);
        uint8_t tmp[256];
        size_t n = e - a;
        if (n > sizeof tmp)
            break;
        memcpy(tmp, data + a, n);
        memmove(data + a, data + e, size - e);
        size -= n;
        nl = line_starts(data, size, starts, 512);
        return insert(data, size, max_size, nl ? starts[pick(&s, nl)] : 0, tmp, n);
    }
    default: break;
    }
    return LLVMFuzzerMutate(data, size, max_size);
}

/* ---- the properties ----------------------------------------------------------------- */

/* Go's White_Space list (PropList.txt), stated independently of gostr.c. */
static bool white_space(int32_t r) {
    return (r >= 0x09 && r <= 0x0D) || r == 0x20 || r == 0x85 || r == 0xA0 || r == 0x1680 ||
           (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
           r == 0x205F || r == 0x3000;
}

static void check_byte_layer(const uint8_t *d, size_t size) {
    for (size_t i = 0; i < size;) {
        size_t w;
        int32_t r = pl_go_decode_rune((const char *)d + i, size - i, &w);
        utf8proc_int32_t u;
        utf8proc_ssize_t k = utf8proc_iterate(d + i, (utf8proc_ssize_t)(size - i), &u);
        if (k < 0) {
            CHECK(r == PL_GO_RUNE_ERROR && w == 1);
        } else {
            CHECK(r == u && w == (size_t)k);
            CHECK(pl_go_is_space(r) == white_space(r));
            int32_t lo = pl_go_to_lower(r);
            CHECK(pl_go_to_lower(lo) == lo);
        }
        i += w;
    }
}

static bool dump(const uint8_t *d, size_t size, pl_buf *out, char *msg, size_t msg_cap) {
    pl_arena a;
    pl_arena_init(&a);
    pl_dockerfile *df = NULL;
    pl_error err;
    memset(&err, 0, sizeof err);
    bool ok = pl_dockerfile_parse(&a, "fuzz", (const char *)d, size, &df, &err) == 0;
    if (ok) {
        pl_dockerfile_dump_ast(df, out);
        /* one dump line per instruction, each "(...)" */
        size_t lines = 0;
        for (size_t i = 0; i < out->len; i++)
            lines += out->data[i] == '\n';
        CHECK(lines == df->ninstructions);
        int prev_end = 0;
        for (size_t i = 0; i < df->ninstructions; i++) {
            const pl_df_instruction *in = &df->instructions[i];
            CHECK(in->line >= 1 && in->line <= in->end_line && in->line > prev_end);
            prev_end = in->end_line;
            size_t ln;
            char *lower = pl_go_to_lower_str(&a, in->keyword, in->keyword_len, &ln);
            CHECK(ln == in->cmd_len && memcmp(lower, in->cmd, ln) == 0);
            for (size_t k = 0; k < in->nflags; k++)
                CHECK(in->flags[k].raw_len >= in->flags[k].name_len);
            for (size_t k = 0; k < in->nheredocs; k++)
                CHECK(in->heredocs[k].name_len > 0 &&
                      in->heredocs[k].line <= in->heredocs[k].end_line);
        }
        pl_error aerr;
        (void)pl_dockerfile_analyze(&a, df, NULL, &aerr);
    } else {
        CHECK(err.line >= 1 && err.message[0] != '\0');
        size_t n = strlen(err.message);
        if (n >= msg_cap)
            n = msg_cap - 1;
        memcpy(msg, err.message, n);
        msg[n] = '\0';
    }
    pl_arena_free(&a);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_byte_layer(data, size);
    pl_buf d1, d2;
    pl_buf_init(&d1);
    pl_buf_init(&d2);
    char m1[512] = "", m2[512] = "";
    /* a private copy: the second parse must not depend on the first one's memory */
    uint8_t *copy = malloc(size ? size : 1);
    CHECK(copy);
    if (size)
        memcpy(copy, data, size);
    bool ok1 = dump(data, size, &d1, m1, sizeof m1);
    bool ok2 = dump(copy, size, &d2, m2, sizeof m2);
    CHECK(ok1 == ok2);
    CHECK(d1.len == d2.len && (d1.len == 0 || memcmp(d1.data, d2.data, d1.len) == 0));
    CHECK(strcmp(m1, m2) == 0);
    free(copy);
    pl_buf_free(&d1);
    pl_buf_free(&d2);
    return 0;
}
