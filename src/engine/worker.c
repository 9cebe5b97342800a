/* worker.c — evaluation in confined worker processes, a per-rule deadline, and -j.
 *
 * The parent forks N workers once the engine is loaded (fork cost grows with the parent's
 * resident memory, so early) and talks to each over one socket: job messages carry a
 * document's bytes, result records carry verdicts, findings and problems. A worker marks
 * the rule it starts in a page shared with the parent (a seqlock: no system call per
 * rule) and appends each finished rule's record to a shared buffer that it sends in one
 * write per document. When a rule overruns its deadline the parent kills the worker,
 * takes the finished rules from the socket and the shared buffer, gives the running rule
 * an error, and requeues the document to a fresh worker with the rules already done
 * skipped: one rule's failure costs that rule alone. Nothing from a worker is trusted:
 * records are bounds-checked, and a malformed one is treated like a crash. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef PL_HAVE_SECCOMP
#include <seccomp.h>
#endif

#include <jansson.h>

#include "plimsoll/worker.h"

#include "engine_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define PL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PL_SANITIZED 1
#endif
#endif
#ifndef PL_SANITIZED
#define PL_SANITIZED 0
#endif

extern char **environ;

enum { JOB_DOC = 1 };
enum {
    TAG_KIND = 1,
    TAG_PATH = 2,
    TAG_TEXT = 3,
    TAG_BUILD_ARG = 4,
    TAG_SKIP = 5,
    TAG_CTX_DIR = 6,
    TAG_IGNORE_PATH = 7,
    TAG_IGNORE_TEXT = 8
};
enum { REC_HELLO = 1, REC_RULE = 2, REC_DOC = 3 };

#define UNIT_NONE UINT32_MAX        /* between documents or between rules */
#define UNIT_PARSE (UINT32_MAX - 1) /* parsing the document */
#define SHM_HEAD 4096u
#define SHM_BUF (1u << 20)
#define MAX_MESSAGE (256u << 20) /* a job or a record; inputs are 16 MiB at most */
#define IN_FLIGHT 4              /* documents queued per worker, so it never waits */
#define MAX_ATTEMPTS 3           /* crashes outside any rule before a document is given up */

/* The page a worker shares with the parent. seq is odd while the worker writes. */
typedef struct shm_head {
    _Atomic uint32_t seq;
    _Atomic uint32_t doc, unit;
    _Atomic uint64_t start_ns;
    _Atomic uint64_t committed; /* bytes of finished records in the buffer after the page */
} shm_head;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- wire format ---------------------------------------------------------------- */

static void put_u8(pl_buf *b, uint8_t v) {
    pl_buf_append(b, (const char *)&v, 1);
}
static void put_u32(pl_buf *b, uint32_t v) {
    pl_buf_append(b, (const char *)&v, 4);
}
static void put_i32(pl_buf *b, int v) {
    put_u32(b, (uint32_t)v);
}
static void put_u64(pl_buf *b, uint64_t v) {
    pl_buf_append(b, (const char *)&v, 8);
}
static void put_str(pl_buf *b, const char *s) {
    if (!s) {
        put_u32(b, UINT32_MAX);
        return;
    }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    pl_buf_append(b, s, n);
}
static void put_tlv(pl_buf *b, uint16_t tag, const void *data, size_t n) {
    pl_buf_append(b, (const char *)&tag, 2);
    put_u32(b, (uint32_t)n);
    pl_buf_append(b, data, n);
}
/* A record or message: a u32 length, patched by rec_end. */
static void rec_begin(pl_buf *b) {
    b->len = 0;
    put_u32(b, 0);
}
static void rec_end(pl_buf *b) {
    uint32_t n = (uint32_t)(b->len - 4);
    memcpy(b->data, &n, 4);
}

typedef struct rd {
    const unsigned char *p;
    size_t n, off;
    bool bad;
} rd;

static bool need(rd *r, size_t k) {
    if (r->bad || r->n - r->off < k) {
        r->bad = true;
        return false;
    }
    return true;
}
static uint8_t get_u8(rd *r) {
    return need(r, 1) ? r->p[r->off++] : 0;
}
static uint32_t get_u32(rd *r) {
    uint32_t v = 0;
    if (need(r, 4)) {
        memcpy(&v, r->p + r->off, 4);
        r->off += 4;
    }
    return v;
}
static uint64_t get_u64(rd *r) {
    uint64_t v = 0;
    if (need(r, 8)) {
        memcpy(&v, r->p + r->off, 8);
        r->off += 8;
    }
    return v;
}
static int get_i32(rd *r) {
    return (int)get_u32(r);
}
/* A heap copy, or NULL for a null string (and on error, with r->bad set). */
static char *get_str(rd *r) {
    uint32_t n = get_u32(r);
    if (r->bad || n == UINT32_MAX)
        return NULL;
    if (!need(r, n) || memchr(r->p + r->off, 0, n)) {
        r->bad = true;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s)
        pl_out_of_memory();
    memcpy(s, r->p + r->off, n);
    s[n] = '\0';
    r->off += n;
    return s;
}

/* Problems and notes have the same shape on the wire: path, line, column, rule, message. */
static void put_located(pl_buf *out, const char *path, int line, int column, const char *rule,
                        const char *message) {
    put_str(out, path);
    put_i32(out, line);
    put_i32(out, column);
    put_str(out, rule);
    put_str(out, message);
}

typedef void (*add_located_fn)(pl_results *, const char *, int, int, const char *, const char *);

void pl_worker_encode_results(pl_buf *out, const pl_results *r) {
    put_u32(out, (uint32_t)r->nverdicts);
    for (size_t i = 0; i < r->nverdicts; i++) {
        const pl_verdict *v = &r->verdicts[i];
        put_str(out, v->rule);
        put_str(out, v->path);
        put_u8(out, (uint8_t)v->status);
        put_str(out, v->message);
        put_u64(out, v->nfindings);
    }
    put_u32(out, (uint32_t)r->nfindings);
    for (size_t i = 0; i < r->nfindings; i++) {
        const pl_finding *f = &r->findings[i];
        put_str(out, f->rule);
        put_u8(out, (uint8_t)f->severity);
        put_str(out, f->message);
        put_str(out, f->path);
        put_i32(out, f->line);
        put_i32(out, f->end_line);
        put_i32(out, f->column);
        put_str(out, f->pointer);
        put_str(out, f->fingerprint);
    }
    put_u32(out, (uint32_t)r->nproblems);
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        put_located(out, p->path, p->line, p->column, p->rule, p->message);
    }
    put_u64(out, r->npassed);
    put_u32(out, (uint32_t)r->nnotes);
    for (size_t i = 0; i < r->nnotes; i++) {
        const pl_note *p = &r->notes[i];
        put_located(out, p->path, p->line, p->column, p->rule, p->message);
    }
}

static void get_located_list(rd *r, pl_results *res, add_located_fn add) {
    uint32_t n = get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        char *path = get_str(r);
        int line = get_i32(r), col = get_i32(r);
        char *rule = get_str(r), *msg = get_str(r);
        if (!r->bad && msg)
            add(res, path, line, col, rule, msg);
        else
            r->bad = true;
        free(path), free(rule), free(msg);
    }
}

static int decode(rd *r, pl_results *res) {
    uint32_t n = get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        char *rule = get_str(r), *path = get_str(r);
        uint8_t st = get_u8(r);
        char *msg = get_str(r);
        uint64_t nf = get_u64(r);
        if (!r->bad && rule && st <= PL_VERDICT_SKIP)
            pl_results_add_verdict(res, rule, path, (pl_verdict_status)st, msg, (size_t)nf);
        else
            r->bad = true;
        free(rule), free(path), free(msg);
    }
    n = get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        pl_finding f;
        memset(&f, 0, sizeof f);
        f.rule = get_str(r);
        uint8_t sev = get_u8(r);
        f.severity = (pl_severity)sev;
        f.message = get_str(r);
        f.path = get_str(r);
        f.line = get_i32(r);
        f.end_line = get_i32(r);
        f.column = get_i32(r);
        f.pointer = get_str(r);
        f.fingerprint = get_str(r);
        if (!r->bad && f.rule && f.message && f.fingerprint && sev <= PL_SEV_CRITICAL)
            pl_results_add_finding(res, &f);
        else
            r->bad = true;
        free(f.rule), free(f.message), free(f.path), free(f.pointer), free(f.fingerprint);
    }
    get_located_list(r, res, pl_results_add_problem);
    res->npassed += (size_t)get_u64(r);
    get_located_list(r, res, pl_results_add_note);
    return r->bad ? -1 : 0;
}

int pl_worker_decode_results(const void *data, size_t len, pl_results *r, pl_error *err) {
    rd in = {data, len, 0, false};
    if (decode(&in, r) != 0 || in.off != len)
        return pl_error_set(err, NULL, 0, 0, "malformed results record (%zu bytes)", len);
    return 0;
}

/* Appends src's verdicts, findings and problems to dst, moving their strings. */
static void take_items(pl_results *dst, pl_results *src) {
#define TAKE(items, n, cap)                                                                        \
    if (src->n) {                                                                                  \
        if (dst->n + src->n > dst->cap) {                                                          \
            size_t c = dst->cap ? dst->cap : 16;                                                   \
            while (c < dst->n + src->n)                                                            \
                c *= 2;                                                                            \
            void *p = realloc(dst->items, c * sizeof *dst->items);                                 \
            if (!p)                                                                                \
                pl_out_of_memory();                                                                \
            dst->items = p;                                                                        \
            dst->cap = c;                                                                          \
        }                                                                                          \
        memcpy(dst->items + dst->n, src->items, src->n * sizeof *src->items);                      \
        dst->n += src->n;                                                                          \
        src->n = 0;                                                                                \
    }
    TAKE(verdicts, nverdicts, verdicts_cap)
    TAKE(findings, nfindings, findings_cap)
    TAKE(problems, nproblems, problems_cap)
    TAKE(notes, nnotes, notes_cap)
#undef TAKE
    dst->npassed += src->npassed;
    pl_results_free(src); /* nothing left but empty arrays */
}

/* ---- confinement ---------------------------------------------------------------- */

static size_t vm_size(void) {
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return (size_t)strtoull(buf, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE);
}

#ifdef PL_HAVE_SECCOMP
static int load_filter(char *note, size_t n) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!ctx) {
        snprintf(note, n,
                 "seccomp unavailable (seccomp_init failed): workers run without "
                 "a system-call filter");
        return 1;
    }
    /* computing and talking over the inherited socket; glibc's malloc needs brk, mmap
     * (large blocks), munmap, mremap, madvise and mprotect; the clock is read through the
     * vDSO but may fall back to the system call */
    static const int plain[] = {
        SCMP_SYS(read),
        SCMP_SYS(write),
        SCMP_SYS(brk),
        SCMP_SYS(munmap),
        SCMP_SYS(mremap),
        SCMP_SYS(madvise),
        SCMP_SYS(futex),
        SCMP_SYS(clock_gettime),
        SCMP_SYS(gettimeofday),
        SCMP_SYS(time),
        SCMP_SYS(getrandom),
        SCMP_SYS(exit),
        SCMP_SYS(exit_group),
        SCMP_SYS(rt_sigreturn),
#if PL_SANITIZED
        /* the sanitizer runtime's own bookkeeping and error reports */
        SCMP_SYS(sched_yield),
        SCMP_SYS(getpid),
        SCMP_SYS(gettid),
        SCMP_SYS(rt_sigprocmask),
        SCMP_SYS(sigaltstack),
        SCMP_SYS(tgkill),
        SCMP_SYS(rt_sigaction),
#endif
    };
    int rc = 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0] && rc == 0; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, plain[i], 0);
    /* memory, never executable: no code can be brought in */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc != 0) {
        snprintf(note, n, "seccomp unavailable (%s): workers run without a system-call filter",
                 strerror(-rc));
        return 1;
    }
    return 0;
}
#endif

int pl_worker_confine(size_t address_space, char *note, size_t n) {
    note[0] = '\0';
    size_t vm = vm_size();
    struct rlimit zero = {0, 0};
    const char *failed = NULL;
    if (setrlimit(RLIMIT_CORE, &zero) != 0)
        failed = "RLIMIT_CORE";
    if (setrlimit(RLIMIT_FSIZE, &zero) != 0)
        failed = "RLIMIT_FSIZE";
    /* the worker never forks; seccomp forbids it too, this covers a missing filter */
    if (setrlimit(RLIMIT_NPROC, &zero) != 0)
        failed = "RLIMIT_NPROC";
    struct rlimit nofile = {4, 4};
    if (setrlimit(RLIMIT_NOFILE, &nofile) != 0)
        failed = "RLIMIT_NOFILE";
    if (!PL_SANITIZED && vm) {
        /* beyond what the fork inherited; ASan's shadow needs terabytes of address space */
        size_t extra = address_space ? address_space : (size_t)1 << 30;
        struct rlimit as = {vm + extra, vm + extra};
        if (setrlimit(RLIMIT_AS, &as) != 0)
            failed = "RLIMIT_AS";
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        failed = "PR_SET_NO_NEW_PRIVS";
    if (failed) {
        snprintf(note, n, "could not set %s on worker processes: %s", failed, strerror(errno));
        return -1;
    }
#ifdef PL_HAVE_SECCOMP
    return load_filter(note, n);
#else
    snprintf(note, n, "built without libseccomp: workers run without a system-call filter");
    return 1;
#endif
}

/* ---- the worker ------------------------------------------------------------------- */

typedef struct wctx {
    pl_engine *e;
    int fd;
    shm_head *shm;
    char *buf;
    size_t nrules;
    uint32_t doc, sub;
    const uint32_t *skip;
    size_t nskip;
    uint32_t cur; /* unit whose results are in res; UNIT_NONE: none */
    pl_results res;
    pl_buf rec;
    size_t trace_sent; /* bytes of the engine's --trace text already sent */
} wctx;

static void write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            _exit(3); /* the parent is gone */
        p += k;
        n -= (size_t)k;
    }
}

/* 1: got n bytes; 0: end of stream before the first byte; -1: error or cut. */
static int read_all(int fd, void *buf, size_t n) {
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, p + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return got == 0 && k == 0 ? 0 : -1;
        got += (size_t)k;
    }
    return 1;
}

static void mark(shm_head *h, uint32_t doc, uint32_t unit) {
    uint32_t s = atomic_load_explicit(&h->seq, memory_order_relaxed);
    atomic_store_explicit(&h->seq, s + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&h->doc, doc, memory_order_relaxed);
    atomic_store_explicit(&h->unit, unit, memory_order_relaxed);
    atomic_store_explicit(&h->start_ns, now_ns(), memory_order_relaxed);
    atomic_store_explicit(&h->seq, s + 2, memory_order_release);
}

static void flush(wctx *w) {
    uint64_t c = atomic_load_explicit(&w->shm->committed, memory_order_relaxed);
    if (c) {
        write_all(w->fd, w->buf, (size_t)c);
        atomic_store_explicit(&w->shm->committed, 0, memory_order_release);
    }
}

/* A finished record goes to the shared buffer, where the parent finds it even if this
 * process is killed before the document's single write. */
static void emit(wctx *w) {
    rec_end(&w->rec);
    size_t len = w->rec.len;
    uint64_t c = atomic_load_explicit(&w->shm->committed, memory_order_relaxed);
    if (c + len > SHM_BUF) {
        flush(w);
        c = 0;
    }
    if (len > SHM_BUF) {
        write_all(w->fd, w->rec.data, len);
        return;
    }
    memcpy(w->buf + c, w->rec.data, len);
    atomic_store_explicit(&w->shm->committed, c + len, memory_order_release);
}

/* check --trace: what the traced rule did (or why it was skipped) travels at the end of
 * the record that carries its results, or of the document's record */
static void put_trace(wctx *w) {
    if (w->e->trace.len > w->trace_sent) {
        put_str(&w->rec, w->e->trace.data + w->trace_sent);
        w->trace_sent = w->e->trace.len;
    }
}

static void flush_rule(wctx *w) {
    if (w->cur == UNIT_NONE)
        return;
    rec_begin(&w->rec);
    put_u8(&w->rec, REC_RULE);
    put_u32(&w->rec, w->doc);
    put_u32(&w->rec, w->cur);
    pl_worker_encode_results(&w->rec, &w->res);
    put_trace(w);
    emit(w);
    pl_results_free(&w->res);
    pl_results_init(&w->res);
    w->res.count_passes = true;
    w->cur = UNIT_NONE;
}

static bool on_rule_start(void *ud, size_t rule) {
    wctx *w = ud;
    flush_rule(w);
    /* an input is at most 16 MiB, so sub * nrules stays far below UNIT_PARSE */
    uint32_t unit = (uint32_t)(w->sub * w->nrules + rule);
    for (size_t i = 0; i < w->nskip; i++)
        if (w->skip[i] == unit)
            return false;
    w->cur = unit;
    mark(w->shm, w->doc, unit);
    return true;
}

static void run_job(wctx *w, const unsigned char *msg, size_t len) {
    rd r = {msg, len, 0, false};
    if (get_u8(&r) != JOB_DOC)
        _exit(4);
    w->doc = get_u32(&r);
    pl_arena a;
    pl_arena_init(&a);
    pl_doc_kind kind = PL_DOC_UNKNOWN;
    char *path = NULL, *text = NULL;
    size_t tlen = 0;
    pl_vec args = {0};
    pl_context_source ctx = {0};
    w->skip = NULL;
    w->nskip = 0;
    while (r.off < r.n && !r.bad) {
        uint16_t tag = 0;
        if (need(&r, 2)) {
            memcpy(&tag, r.p + r.off, 2);
            r.off += 2;
        }
        uint32_t n = get_u32(&r);
        if (!need(&r, n))
            break;
        const char *v = (const char *)r.p + r.off;
        r.off += n;
        switch (tag) {
        case TAG_KIND:
            if (n == 4)
                memcpy(&kind, v, 4);
            break;
        case TAG_PATH: path = pl_arena_strndup(&a, v, n); break;
        case TAG_TEXT:
            text = pl_arena_alloc(&a, (size_t)n + 1);
            memcpy(text, v, n);
            tlen = n;
            break;
        case TAG_BUILD_ARG:
            *PL_VEC_PUSH(&a, &args, const char *) = pl_arena_strndup(&a, v, n);
            break;
        case TAG_CTX_DIR: ctx.dir = pl_arena_strndup(&a, v, n); break;
        case TAG_IGNORE_PATH: ctx.ignore_path = pl_arena_strndup(&a, v, n); break;
        case TAG_IGNORE_TEXT:
            ctx.ignore_text = pl_arena_strndup(&a, v, n);
            ctx.ignore_len = n;
            break;
        case TAG_SKIP: {
            uint32_t *units = pl_arena_alloc(&a, n + 4);
            memcpy(units, v, n);
            w->skip = units;
            w->nskip = n / 4;
            break;
        }
        default: /* a field this worker does not know: the parent is newer */ break;
        }
    }
    if (r.bad || !path || !text)
        _exit(4);

    mark(w->shm, w->doc, UNIT_PARSE);
    pl_build_args ba = {args.items, args.len};
    pl_document *docs = NULL;
    size_t ndocs = 0;
    pl_error err = {0};
    bool ok = pl_document_load(&a, kind, path, text, tlen, args.len ? &ba : NULL, &docs, &ndocs,
                               &err) == 0;
    mark(w->shm, w->doc, UNIT_NONE);
    pl_results fail;
    pl_results_init(&fail);
    if (ok && ndocs == 1 && ctx.dir)
        pl_context_attach_text(&a, &docs[0], &ctx);
    if (ok) {
        for (size_t i = 0; i < ndocs; i++) {
            w->sub = (uint32_t)i;
            pl_engine_evaluate(w->e, &docs[i], &w->res);
            flush_rule(w);
            mark(w->shm, w->doc, UNIT_NONE);
        }
        /* verdicts no rule start carried out (the skips of rules that did not run, when
         * no rule ran after them) go with the document's own record */
        take_items(&fail, &w->res);
        pl_results_init(&w->res);
        w->res.count_passes = true;
    } else {
        pl_results_add_problem(&fail, err.path ? err.path : path, err.line, err.column, NULL,
                               err.message);
    }
    rec_begin(&w->rec);
    put_u8(&w->rec, REC_DOC);
    put_u32(&w->rec, w->doc);
    put_u8(&w->rec, ok);
    pl_worker_encode_results(&w->rec, &fail);
    put_trace(w);
    emit(w);
    flush(w);
    pl_results_free(&fail);
    pl_arena_free(&a);
}

static void worker_main(pl_engine *e, int fd, shm_head *shm, size_t address_space) {
    wctx w = {.e = e,
              .fd = fd,
              .shm = shm,
              .buf = (char *)shm + SHM_HEAD,
              .nrules = pl_engine_rule_count(e),
              .cur = UNIT_NONE};
    pl_results_init(&w.res);
    w.res.count_passes = true; /* the parent counts passes; it does not list them */
    pl_buf_init(&w.rec);
    /* jansson seeds its hash function from /dev/urandom on first use: do it while open()
     * is still allowed */
    json_object_seed(0);
    char note[256];
    pl_worker_confine(address_space, note, sizeof note);
    rec_begin(&w.rec);
    put_u8(&w.rec, REC_HELLO);
    put_str(&w.rec, note);
    rec_end(&w.rec);
    write_all(fd, w.rec.data, w.rec.len);
    pl_engine_on_rule_start(e, on_rule_start, &w);
    for (;;) {
        uint32_t len;
        int st = read_all(fd, &len, 4);
        if (st == 0)
            _exit(0);
        if (st < 0 || len > MAX_MESSAGE)
            _exit(4);
        unsigned char *msg = malloc(len ? len : 1);
        if (!msg)
            pl_out_of_memory();
        if (read_all(fd, msg, len) != 1)
            _exit(4);
        run_job(&w, msg, len);
        free(msg);
    }
}

/* ---- the parent ------------------------------------------------------------------- */

typedef struct job {
    uint32_t id;
    pl_doc_kind kind;
    char *path, *text;
    size_t len;
    char *ctx_dir, *ignore_path, *ignore_text; /* NULL: none */
    size_t ignore_len;
    const pl_build_args *args;
    uint32_t *skip; /* units done (received) or failed: never run again */
    size_t nskip, skip_cap;
    int attempts;
    struct job *next;
} job;

typedef struct worker {
    pid_t pid; /* 0: not running */
    int fd;
    shm_head *shm;
    pl_buf out;
    size_t out_off;
    pl_buf in;
    job *head, *tail;
    size_t ninflight;
} worker;

struct pl_pool {
    pl_engine *e;
    pl_pool_opts o;
    size_t nrules;
    worker *w;
    unsigned n;
    job *pend_head, *pend_tail;
    uint32_t next_id;
    pid_t self;
    char warning[300];
};

static void job_free(job *j) {
    free(j->path), free(j->text), free(j->skip);
    free(j->ctx_dir), free(j->ignore_path), free(j->ignore_text);
    free(j);
}

static bool job_skips(const job *j, uint32_t unit) {
    for (size_t i = 0; i < j->nskip; i++)
        if (j->skip[i] == unit)
            return true;
    return false;
}

static void job_skip(job *j, uint32_t unit) {
    if (j->nskip == j->skip_cap) {
        j->skip_cap = j->skip_cap ? j->skip_cap * 2 : 8;
        j->skip = realloc(j->skip, j->skip_cap * sizeof *j->skip);
        if (!j->skip)
            pl_out_of_memory();
    }
    j->skip[j->nskip++] = unit;
}

static void send_more(worker *w) {
    while (w->out_off < w->out.len) {
        ssize_t k = send(w->fd, w->out.data + w->out_off, w->out.len - w->out_off,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return; /* full (poll will say when), or the worker died (its EOF will say) */
        w->out_off += (size_t)k;
    }
    w->out.len = w->out_off = 0;
}

static void send_job(worker *w, const job *j) {
    pl_buf *b = &w->out;
    size_t start = b->len;
    put_u32(b, 0);
    put_u8(b, JOB_DOC);
    put_u32(b, j->id);
    uint32_t kind = (uint32_t)j->kind;
    put_tlv(b, TAG_KIND, &kind, 4);
    put_tlv(b, TAG_PATH, j->path, strlen(j->path));
    put_tlv(b, TAG_TEXT, j->text, j->len);
    for (size_t i = 0; j->args && i < j->args->n; i++)
        put_tlv(b, TAG_BUILD_ARG, j->args->items[i], strlen(j->args->items[i]));
    if (j->nskip)
        put_tlv(b, TAG_SKIP, j->skip, j->nskip * 4);
    if (j->ctx_dir)
        put_tlv(b, TAG_CTX_DIR, j->ctx_dir, strlen(j->ctx_dir));
    if (j->ignore_path) {
        put_tlv(b, TAG_IGNORE_PATH, j->ignore_path, strlen(j->ignore_path));
        put_tlv(b, TAG_IGNORE_TEXT, j->ignore_text, j->ignore_len);
    }
    uint32_t n = (uint32_t)(b->len - start - 4);
    memcpy(b->data + start, &n, 4);
}

static void inflight_remove(worker *w, job *j) {
    job **pp = &w->head;
    while (*pp && *pp != j)
        pp = &(*pp)->next;
    if (!*pp)
        return;
    *pp = j->next;
    if (w->tail == j) {
        w->tail = NULL;
        for (job *k = w->head; k; k = k->next)
            w->tail = k;
    }
    w->ninflight--;
}

static job *inflight_find(worker *w, uint32_t id) {
    for (job *j = w->head; j; j = j->next)
        if (j->id == id)
            return j;
    return NULL;
}

static const char *rule_id(const pl_pool *p, uint32_t unit) {
    const pl_rule_meta *m = pl_engine_rule(p->e, unit % p->nrules);
    return m ? m->id : "?";
}

static void rule_failed(pl_pool *p, job *j, uint32_t unit, const char *msg, pl_results *res) {
    const pl_rule_meta *m = pl_engine_rule(p->e, unit % p->nrules);
    if (!m)
        return;
    pl_results_add_verdict(res, m->id, j->path, PL_VERDICT_ERROR, msg, 0);
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_printf(&b, "rule %s failed on %s: %s", m->id, j->path, msg);
    pl_results_add_problem(res, m->file, 0, 0, m->id, b.data);
    pl_buf_free(&b);
    job_skip(j, unit);
}

static void doc_done(worker *w, job *j, bool ok, pl_results *res) {
    pl_results_add_target(res, j->path, pl_doc_kind_name(j->kind), ok ? "ok" : "error");
    inflight_remove(w, j);
    job_free(j);
}

/* Handles one record; -1 when it is malformed. */
static int handle_record(pl_pool *p, worker *w, const unsigned char *data, size_t len,
                         pl_results *res) {
    rd r = {data, len, 0, false};
    uint8_t type = get_u8(&r);
    if (type == REC_HELLO) {
        char *note = get_str(&r);
        if (note && note[0] && !p->warning[0])
            snprintf(p->warning, sizeof p->warning, "%s", note);
        free(note);
        return r.bad ? -1 : 0;
    }
    if (type != REC_RULE && type != REC_DOC)
        return -1;
    uint32_t id = get_u32(&r);
    uint32_t unit = type == REC_RULE ? get_u32(&r) : 0;
    bool ok = type == REC_DOC ? get_u8(&r) != 0 : true;
    if (r.bad)
        return -1;
    job *j = inflight_find(w, id);
    if (!j || (type == REC_RULE && job_skips(j, unit)))
        return 0; /* seen already (sent, then found again in the shared buffer) */
    pl_results tmp;
    pl_results_init(&tmp);
    char *trace = NULL;
    if (decode(&r, &tmp) == 0 && r.off < r.n)
        trace = get_str(&r);
    if (r.bad || r.off != r.n) {
        pl_results_free(&tmp);
        free(trace);
        return -1;
    }
    take_items(res, &tmp);
    if (trace)
        pl_buf_puts(&p->e->trace, trace);
    free(trace);
    if (type == REC_RULE) {
        job_skip(j, unit);
        j->attempts = 0;
    } else {
        doc_done(w, j, ok, res);
    }
    return 0;
}

/* Parses complete records from w->in; -1 on a malformed one. */
static int parse_in(pl_pool *p, worker *w, pl_results *res) {
    size_t off = 0;
    int rc = 0;
    while (w->in.len - off >= 4) {
        uint32_t n;
        memcpy(&n, w->in.data + off, 4);
        if (n > MAX_MESSAGE) {
            rc = -1;
            break;
        }
        if (w->in.len - off - 4 < n)
            break;
        if (handle_record(p, w, (const unsigned char *)w->in.data + off + 4, n, res) != 0) {
            rc = -1;
            break;
        }
        off += 4 + (size_t)n;
    }
    if (rc == 0 && off) {
        memmove(w->in.data, w->in.data + off, w->in.len - off);
        w->in.len -= off;
    }
    return rc;
}

/* Reads what is there: 1 open, 0 end of stream, -1 malformed. */
static int receive(pl_pool *p, worker *w, pl_results *res) {
    char tmp[65536];
    for (;;) {
        ssize_t k = recv(w->fd, tmp, sizeof tmp, MSG_DONTWAIT);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? parse_in(p, w, res) < 0 ? -1 : 1 : 0;
        if (k == 0)
            return parse_in(p, w, res) < 0 ? -1 : 0;
        pl_buf_append(&w->in, tmp, (size_t)k);
        if (w->in.len > (size_t)4 << 20 && parse_in(p, w, res) < 0)
            return -1;
    }
}

static void read_mark(shm_head *h, uint32_t *doc, uint32_t *unit, uint64_t *start) {
    for (int tries = 0; tries < 100; tries++) {
        uint32_t s1 = atomic_load_explicit(&h->seq, memory_order_acquire);
        *doc = atomic_load_explicit(&h->doc, memory_order_relaxed);
        *unit = atomic_load_explicit(&h->unit, memory_order_relaxed);
        *start = atomic_load_explicit(&h->start_ns, memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        uint32_t s2 = atomic_load_explicit(&h->seq, memory_order_relaxed);
        if (s1 == s2 && !(s1 & 1))
            return;
    }
    *unit = UNIT_NONE; /* a worker stuck mid-write is caught at the next look */
}

static const char *signame(int sig) {
    switch (sig) {
    case SIGKILL: return "SIGKILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGABRT: return "SIGABRT";
    case SIGSYS: return "SIGSYS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    case SIGPIPE: return "SIGPIPE";
    }
    return "signal";
}

/* How a worker that was not killed for its deadline ended, from its wait status. */
static void death_message(int st, char *msg, size_t n) {
    if (WIFEXITED(st) && WEXITSTATUS(st) == PL_EXIT_NOMEM)
        snprintf(msg, n, "worker ran out of memory");
    else if (WIFSIGNALED(st))
        snprintf(msg, n, "worker killed by signal %d (%s)", WTERMSIG(st), signame(WTERMSIG(st)));
    else
        snprintf(msg, n, "worker exited with status %d", WEXITSTATUS(st));
}

static int spawn(pl_pool *p, worker *w, pl_error *err);

typedef enum why { WHY_DIED, WHY_TIMEOUT, WHY_MALFORMED } why;

/* The worker is dead or must die: collect what it finished, blame the running rule,
 * requeue the rest, start a successor. */
static void reap(pl_pool *p, worker *w, why reason, pl_results *res) {
    if (reason != WHY_DIED)
        kill(w->pid, SIGKILL);
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (reason != WHY_MALFORMED) {
        /* finished records: on the socket, then in the shared buffer (duplicates skipped) */
        if (receive(p, w, res) >= 0) {
            uint64_t c = atomic_load_explicit(&w->shm->committed, memory_order_acquire);
            if (c > SHM_BUF)
                c = 0;
            pl_buf_free(&w->in);
            pl_buf_append(&w->in, (const char *)w->shm + SHM_HEAD, (size_t)c);
            parse_in(p, w, res);
        }
    }
    char msg[300];
    if (reason == WHY_TIMEOUT)
        snprintf(msg, sizeof msg, "timed out after %u ms", p->o.timeout_ms);
    else if (reason == WHY_MALFORMED)
        snprintf(msg, sizeof msg, "worker sent a malformed record");
    else
        death_message(st, msg, sizeof msg);

    uint32_t doc, unit;
    uint64_t start;
    read_mark(w->shm, &doc, &unit, &start);
    job *j = unit != UNIT_NONE ? inflight_find(w, doc) : NULL;
    char full[400];
    if (j && unit == UNIT_PARSE) {
        snprintf(full, sizeof full, "%s while parsing this file", msg);
        pl_results_add_problem(res, j->path, 0, 0, NULL, full);
        doc_done(w, j, false, res);
    } else if (j && !job_skips(j, unit)) {
        if (reason == WHY_TIMEOUT)
            snprintf(full, sizeof full, "%s", msg);
        else
            snprintf(full, sizeof full, "%s while running rule %s", msg, rule_id(p, unit));
        rule_failed(p, j, unit, full, res);
    } else if (w->head && ++w->head->attempts >= MAX_ATTEMPTS) {
        /* died outside any rule, again and again: give the document up, not the run */
        snprintf(full, sizeof full, "%s while checking this file (%d times)", msg, MAX_ATTEMPTS);
        pl_results_add_problem(res, w->head->path, 0, 0, NULL, full);
        doc_done(w, w->head, false, res);
    }
    /* requeue the rest in order, ahead of documents not yet sent */
    if (w->head) {
        w->tail->next = p->pend_head;
        if (!p->pend_head)
            p->pend_tail = w->tail;
        p->pend_head = w->head;
    }
    w->head = w->tail = NULL;
    w->ninflight = 0;
    close(w->fd);
    w->fd = -1;
    w->pid = 0;
    w->in.len = 0;
    w->out.len = w->out_off = 0;
    if (p->pend_head) {
        pl_error err = {0};
        spawn(p, w, &err); /* on failure the other workers (if any) carry on */
    }
}

/* What every worker does first: dies with the parent; keeps nothing of the parent's but
 * fd (renumbered 3, returned): no other file, no signal handler (a test harness's or a
 * host program's are not ours), no standard stream (but stderr in sanitizer builds, for
 * their reports), and no environment (the trusted user's, tokens in CI: not even a copy
 * stays). */
static int become_worker(pid_t parent, int fd) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(0);
    if (fd != 3) {
        if (dup2(fd, 3) < 0)
            _exit(5);
        fd = 3;
    }
    if (close_range(4, ~0U, 0) != 0)
        for (int i = 4; i < 1024; i++)
            close(i);
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    close(0), close(1);
    if (!PL_SANITIZED)
        close(2);
    for (char **e = environ; e && *e; e++)
        memset(*e, 0, strlen(*e));
    environ = NULL;
    return fd;
}

static void child(pl_pool *p, worker *self, int fd) {
    fd = become_worker(p->self, fd);
    /* nor other workers' pages */
    for (unsigned i = 0; i < p->n; i++)
        if (&p->w[i] != self && p->w[i].shm)
            munmap(p->w[i].shm, SHM_HEAD + SHM_BUF);
    worker_main(p->e, fd, self->shm, p->o.address_space);
    _exit(0);
}

static int spawn(pl_pool *p, worker *w, pl_error *err) {
    if (!w->shm) {
        void *m = mmap(NULL, SHM_HEAD + SHM_BUF, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
        if (m == MAP_FAILED)
            return pl_error_set(err, NULL, 0, 0, "cannot map a page for a worker: %s",
                                strerror(errno));
        w->shm = m;
    }
    memset(w->shm, 0, sizeof *w->shm);
    atomic_store(&w->shm->unit, UNIT_NONE);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return pl_error_set(err, NULL, 0, 0, "cannot create a socket for a worker: %s",
                            strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]), close(sv[1]);
        return pl_error_set(err, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
    }
    if (pid == 0) {
        close(sv[0]);
        child(p, w, sv[1]);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    return 0;
}

static unsigned live(const pl_pool *p) {
    unsigned k = 0;
    for (unsigned i = 0; i < p->n; i++)
        k += p->w[i].pid != 0;
    return k;
}

static void dispatch(pl_pool *p, pl_results *res) {
    while (p->pend_head) {
        worker *best = NULL;
        for (unsigned i = 0; i < p->n; i++) {
            worker *w = &p->w[i];
            if (w->pid && w->ninflight < IN_FLIGHT && (!best || w->ninflight < best->ninflight))
                best = w;
        }
        if (!best)
            break;
        job *j = p->pend_head;
        p->pend_head = j->next;
        if (!p->pend_head)
            p->pend_tail = NULL;
        j->next = NULL;
        if (best->tail)
            best->tail->next = j;
        else
            best->head = j;
        best->tail = j;
        best->ninflight++;
        send_job(best, j);
    }
    if (!live(p)) {
        /* no worker could be restarted: the rest cannot be checked */
        while (p->pend_head) {
            job *j = p->pend_head;
            p->pend_head = j->next;
            pl_results_add_problem(res, j->path, 0, 0, NULL,
                                   "no worker process could be started to check this file");
            pl_results_add_target(res, j->path, pl_doc_kind_name(j->kind), "error");
            job_free(j);
        }
        p->pend_tail = NULL;
    }
    for (unsigned i = 0; i < p->n; i++)
        if (p->w[i].pid && p->w[i].out_off < p->w[i].out.len)
            send_more(&p->w[i]);
}

/* Waits for something to happen (results, room to send, a deadline) and handles it. */
static void pump(pl_pool *p, pl_results *res) {
    struct pollfd fds[p->n];
    unsigned idx[p->n];
    nfds_t k = 0;
    int timeout = -1;
    uint64_t now = now_ns(), limit = (uint64_t)p->o.timeout_ms * 1000000u;
    for (unsigned i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (!w->pid)
            continue;
        fds[k].fd = w->fd;
        fds[k].events = POLLIN | (w->out_off < w->out.len ? POLLOUT : 0);
        fds[k].revents = 0;
        idx[k++] = i;
        if (limit && w->ninflight) {
            /* look again at least every quarter deadline: a rule may start while we sleep */
            int wait = (int)(p->o.timeout_ms / 4 > 10 ? p->o.timeout_ms / 4 : 10);
            uint32_t doc, unit;
            uint64_t start;
            read_mark(w->shm, &doc, &unit, &start);
            if (unit != UNIT_NONE) {
                uint64_t end = start + limit;
                int left = end > now ? (int)((end - now + 999999) / 1000000) : 0;
                if (left < wait)
                    wait = left;
            }
            if (timeout < 0 || wait < timeout)
                timeout = wait;
        }
    }
    if (k == 0)
        return;
    if (poll(fds, k, timeout) < 0 && errno != EINTR)
        return;
    for (nfds_t i = 0; i < k; i++) {
        worker *w = &p->w[idx[i]];
        if (fds[i].revents & POLLOUT)
            send_more(w);
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
            int st = receive(p, w, res);
            if (st <= 0) {
                reap(p, w, st < 0 ? WHY_MALFORMED : WHY_DIED, res);
                continue;
            }
        }
    }
    if (!limit)
        return;
    now = now_ns();
    for (unsigned i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (!w->pid || !w->ninflight)
            continue;
        uint32_t doc, unit;
        uint64_t start;
        read_mark(w->shm, &doc, &unit, &start);
        if (unit != UNIT_NONE && now >= start + limit && inflight_find(w, doc))
            reap(p, w, WHY_TIMEOUT, res);
    }
}

pl_pool *pl_pool_start(pl_engine *e, const pl_pool_opts *opts, pl_error *err) {
    pl_pool *p = calloc(1, sizeof *p);
    if (!p)
        pl_out_of_memory();
    p->e = e;
    p->o = *opts;
    if (!p->o.jobs) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        p->o.jobs = c > 0 ? (unsigned)c : 1;
    }
    p->nrules = pl_engine_rule_count(e);
    if (!p->nrules)
        p->nrules = 1;
    p->n = p->o.jobs;
    p->w = calloc(p->n, sizeof *p->w);
    if (!p->w)
        pl_out_of_memory();
    p->self = getpid();
    for (unsigned i = 0; i < p->n; i++) {
        p->w[i].fd = -1;
        pl_buf_init(&p->w[i].in);
        pl_buf_init(&p->w[i].out);
    }
    /* the shared pages first, so each child can unmap its siblings' */
    for (unsigned i = 0; i < p->n; i++) {
        void *m = mmap(NULL, SHM_HEAD + SHM_BUF, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
        if (m == MAP_FAILED) {
            pl_error_set(err, NULL, 0, 0, "cannot map a page for a worker: %s", strerror(errno));
            pl_pool_free(p);
            return NULL;
        }
        p->w[i].shm = m;
    }
    for (unsigned i = 0; i < p->n; i++) {
        if (spawn(p, &p->w[i], err) != 0 && i == 0) {
            pl_pool_free(p);
            return NULL;
        }
    }
    return p;
}

void pl_pool_submit(pl_pool *p, const pl_pool_doc *d, pl_results *res) {
    job *j = calloc(1, sizeof *j);
    if (!j)
        pl_out_of_memory();
    j->id = p->next_id++;
    j->kind = d->kind;
    j->path = strdup(d->path ? d->path : "");
    j->text = malloc(d->len ? d->len : 1);
    if (!j->path || !j->text)
        pl_out_of_memory();
    if (d->len)
        memcpy(j->text, d->text, d->len);
    j->len = d->len;
    j->args = d->build_args;
    if (d->context && d->context->dir) {
        j->ctx_dir = strdup(d->context->dir);
        if (!j->ctx_dir)
            pl_out_of_memory();
        if (d->context->ignore_path) {
            j->ignore_path = strdup(d->context->ignore_path);
            j->ignore_len = d->context->ignore_len;
            j->ignore_text = malloc(j->ignore_len + 1);
            if (!j->ignore_path || !j->ignore_text)
                pl_out_of_memory();
            memcpy(j->ignore_text, d->context->ignore_text, j->ignore_len);
            j->ignore_text[j->ignore_len] = '\0';
        }
    }
    if (p->pend_tail)
        p->pend_tail->next = j;
    else
        p->pend_head = j;
    p->pend_tail = j;
    dispatch(p, res);
    while (p->pend_head) {
        pump(p, res);
        dispatch(p, res);
    }
}

void pl_pool_finish(pl_pool *p, pl_results *res) {
    for (;;) {
        dispatch(p, res);
        bool busy = p->pend_head != NULL;
        for (unsigned i = 0; i < p->n; i++)
            busy = busy || (p->w[i].pid && p->w[i].ninflight);
        if (!busy)
            return;
        pump(p, res);
    }
}

const char *pl_pool_warning(const pl_pool *p) {
    return p->warning[0] ? p->warning : NULL;
}

void pl_pool_free(pl_pool *p) {
    if (!p)
        return;
    for (unsigned i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (w->pid) {
            close(w->fd);
            kill(w->pid, SIGKILL);
            while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
        for (job *j = w->head, *next; j; j = next) {
            next = j->next;
            job_free(j);
        }
        if (w->shm)
            munmap(w->shm, SHM_HEAD + SHM_BUF);
        pl_buf_free(&w->in);
        pl_buf_free(&w->out);
    }
    for (job *j = p->pend_head, *next; j; j = next) {
        next = j->next;
        job_free(j);
    }
    free(p->w);
    free(p);
}

/* ---- one call in a worker ---------------------------------------------------------- */

/* The page a called worker shares with the parent: which rule runs, since when. */
typedef struct call_mark {
    _Atomic uint32_t rule;
    _Atomic uint64_t start_ns;
} call_mark;

static bool call_rule_start(void *ud, size_t rule) {
    call_mark *m = ud;
    atomic_store_explicit(&m->start_ns, now_ns(), memory_order_relaxed);
    atomic_store_explicit(&m->rule, (uint32_t)rule, memory_order_release);
    return true;
}

int pl_worker_call(pl_engine *e, const pl_pool_opts *opts, pl_worker_fn fn, void *ud, pl_buf *out,
                   pl_error *err) {
    call_mark *m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return pl_error_set(err, NULL, 0, 0, "cannot map a page for a worker: %s", strerror(errno));
    atomic_store(&m->rule, UINT32_MAX);
    atomic_store(&m->start_ns, now_ns());
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        munmap(m, sizeof *m);
        return pl_error_set(err, NULL, 0, 0, "cannot create a socket for a worker: %s",
                            strerror(errno));
    }
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]), close(sv[1]);
        munmap(m, sizeof *m);
        return pl_error_set(err, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
    }
    if (pid == 0) {
        close(sv[0]);
        int fd = become_worker(parent, sv[1]);
        json_object_seed(0); /* reads /dev/urandom once: before the filter forbids it */
        char note[256];
        pl_worker_confine(opts->address_space, note, sizeof note);
        /* the clock restarts at each rule, so each rule call (and the code that leads to
         * it, such as a test case) has the whole deadline */
        pl_engine_on_rule_start(e, call_rule_start, m);
        pl_buf b;
        pl_buf_init(&b);
        fn(e, ud, &b);
        write_all(fd, b.data ? b.data : "", b.len);
        _exit(0);
    }
    close(sv[1]);
    int fd = sv[0];
    uint64_t limit = (uint64_t)opts->timeout_ms * 1000000u;
    bool timed_out = false;
    char chunk[65536];
    for (;;) {
        int wait = -1;
        if (limit) {
            uint64_t start = atomic_load_explicit(&m->start_ns, memory_order_relaxed);
            uint64_t now = now_ns();
            if (now >= start + limit) {
                timed_out = true;
                break;
            }
            /* the rule may change while we sleep: look again at least every quarter */
            uint64_t left = (start + limit - now) / 1000000u + 1;
            uint64_t quarter = opts->timeout_ms / 4 > 10 ? opts->timeout_ms / 4 : 10;
            wait = (int)(left < quarter ? left : quarter);
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int k = poll(&pfd, 1, wait);
        if (k < 0 && errno != EINTR)
            break;
        if (k <= 0)
            continue;
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        pl_buf_append(out, chunk, (size_t)n);
    }
    uint32_t rule = atomic_load_explicit(&m->rule, memory_order_acquire);
    const pl_rule_meta *rm = rule != UINT32_MAX ? pl_engine_rule(e, rule) : NULL;
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    close(fd);
    munmap(m, sizeof *m);
    char where[200] = "";
    if (rm)
        snprintf(where, sizeof where, " while running rule %s", rm->id);
    if (timed_out)
        return pl_error_set(err, NULL, 0, 0, "timed out after %u ms%s", opts->timeout_ms, where);
    if (WIFSIGNALED(st) || WEXITSTATUS(st) != 0) {
        char msg[200];
        death_message(st, msg, sizeof msg);
        return pl_error_set(err, NULL, 0, 0, "%s%s", msg, where);
    }
    return 0;
}

static void evaluate_fn(pl_engine *e, void *ud, pl_buf *out) {
    pl_results r;
    pl_results_init(&r);
    pl_engine_evaluate(e, ud, &r);
    pl_worker_encode_results(out, &r);
    pl_results_free(&r);
}

void pl_worker_evaluate(pl_engine *e, const pl_pool_opts *opts, const pl_document *doc,
                        pl_results *res) {
    pl_buf out;
    pl_buf_init(&out);
    pl_error err = {0};
    int rc = pl_worker_call(e, opts, evaluate_fn, (void *)doc, &out, &err);
    pl_error derr = {0};
    if (rc == 0 && pl_worker_decode_results(out.data, out.len, res, &derr) != 0)
        pl_results_add_problem(res, doc->path, 0, 0, NULL, derr.message);
    else if (rc != 0)
        pl_results_add_problem(res, doc->path, 0, 0, NULL, err.message);
    pl_buf_free(&out);
}

typedef struct tests_call {
    const char *ns, *path, *text;
    size_t len;
} tests_call;

static void tests_fn(pl_engine *e, void *ud, pl_buf *out) {
    const tests_call *c = ud;
    pl_test_file tf;
    pl_engine_run_tests(e, c->ns, c->path, c->text, c->len, &tf);
    put_u32(out, (uint32_t)tf.ncases);
    for (size_t i = 0; i < tf.ncases; i++) {
        put_str(out, tf.cases[i].name);
        put_i32(out, tf.cases[i].line);
        put_i32(out, tf.cases[i].fail_line);
        put_str(out, tf.cases[i].failure);
    }
    put_str(out, tf.load_error);
    put_i32(out, tf.load_line);
    put_u32(out, (uint32_t)tf.nrules_tested);
    for (size_t i = 0; i < tf.nrules_tested; i++)
        put_str(out, tf.rules_tested[i]);
    pl_test_file_free(&tf);
}

static int decode_tests(const pl_buf *b, pl_test_file *out) {
    rd r = {(const unsigned char *)b->data, b->len, 0, false};
    uint32_t n = get_u32(&r);
    if (r.bad || n > b->len / 16)
        return -1;
    out->cases = calloc(n ? n : 1, sizeof *out->cases);
    if (!out->cases)
        abort();
    for (uint32_t i = 0; i < n && !r.bad; i++) {
        pl_test_case *c = &out->cases[out->ncases++];
        c->name = get_str(&r);
        c->line = get_i32(&r);
        c->fail_line = get_i32(&r);
        c->failure = get_str(&r);
        if (!c->name)
            r.bad = true;
    }
    out->load_error = get_str(&r);
    out->load_line = get_i32(&r);
    n = get_u32(&r);
    if (r.bad || n > b->len / 4)
        return -1;
    out->rules_tested = calloc(n ? n : 1, sizeof *out->rules_tested);
    if (!out->rules_tested)
        abort();
    for (uint32_t i = 0; i < n && !r.bad; i++) {
        out->rules_tested[i] = get_str(&r);
        if (out->rules_tested[i])
            out->nrules_tested++;
        else
            r.bad = true;
    }
    return r.bad || r.off != r.n ? -1 : 0;
}

void pl_worker_run_tests(pl_engine *e, const pl_pool_opts *opts, const char *ns, const char *path,
                         const char *text, size_t len, pl_test_file *out) {
    memset(out, 0, sizeof *out);
    tests_call c = {ns, path, text, len};
    pl_buf b;
    pl_buf_init(&b);
    pl_error err = {0};
    const char *failed = NULL;
    if (pl_worker_call(e, opts, tests_fn, &c, &b, &err) != 0)
        failed = err.message;
    else if (decode_tests(&b, out) != 0)
        failed = "the worker sent malformed results";
    if (failed) {
        /* what ran before is lost with the worker: the file did not run to its end */
        pl_test_file_free(out);
        out->load_error = strdup(failed);
        if (!out->load_error)
            abort();
    }
    pl_buf_free(&b);
}
