/* worker.h — the operating-system layer of the sandbox: evaluation in worker processes.
 *
 * The parent (the CLI) discovers and reads inputs; a pool of workers, forked once the
 * engine's bundles are loaded, parses and evaluates them and sends results back. Each
 * worker runs under resource limits, without new privileges, and (where the kernel and
 * the build allow) under a seccomp filter that leaves it only computing and its socket.
 * The parent enforces a wall-clock deadline per rule: a rule that overruns, even inside a
 * C call, or a worker that dies, costs that rule an `error` verdict and nothing else. */
#ifndef PLIMSOLL_WORKER_H
#define PLIMSOLL_WORKER_H

#include <stdint.h>

#include "plimsoll/core.h"
#include "plimsoll/document.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"

/* The wall-clock limit per rule and document when neither the command line nor the
 * configuration sets one. */
#define PL_DEFAULT_TIMEOUT_MS 5000u

typedef struct pl_pool_opts {
    unsigned jobs;        /* worker processes; 0: the number of online CPUs */
    unsigned timeout_ms;  /* wall clock per rule and document (and per parse); 0: none */
    size_t address_space; /* RLIMIT_AS per worker beyond what it inherits; 0: 1 GiB */
} pl_pool_opts;

/* One input to check. Copied by pl_pool_submit; build_args must outlive the pool. New
 * members (attachments such as a .dockerignore) go at the end, with a job-message tag. */
typedef struct pl_pool_doc {
    pl_doc_kind kind; /* decided by the parent */
    const char *path; /* as reported */
    const char *text;
    size_t len;
    const pl_build_args *build_args;  /* may be NULL */
    const pl_context_source *context; /* read by the parent; NULL: none (stdin, images) */
} pl_pool_doc;

typedef struct pl_pool pl_pool;

/* Forks the workers. The engine must be fully loaded (bundles, selection); the pool
 * borrows it and the parent must not evaluate with it while the pool lives. NULL with err
 * when not even one worker could be started. */
pl_pool *pl_pool_start(pl_engine *e, const pl_pool_opts *opts, pl_error *err);

/* Queues a document. Waits (merging finished results into res) while every worker is
 * busy, so the parent reads inputs only as fast as workers take them. */
void pl_pool_submit(pl_pool *p, const pl_pool_doc *doc, pl_results *res);

/* Waits until every queued document is done, merging results into res: for each
 * document its target, and per rule its verdict, findings and problems. */
void pl_pool_finish(pl_pool *p, pl_results *res);

/* Stops the workers (they exit when their socket closes; stragglers are killed). */
void pl_pool_free(pl_pool *p);

/* One line about a missing layer ("seccomp unavailable: ..."), or NULL when every worker
 * was fully confined. Known once a worker has started. */
const char *pl_pool_warning(const pl_pool *p);

/* Runs fn(e, ud, out) once in a worker process, confined as the pool's workers are, and
 * returns what fn appended to out (in out). The deadline is the pool's: opts->timeout_ms
 * (0: none) of wall clock per rule call, the clock restarting at each rule the engine
 * starts there, so the code leading up to a call (a test case) is bounded too. fn sees
 * the parent's memory as it was at the call (documents parsed here may be read there),
 * and what it changes stays in the worker. Returns 0; or -1 with err when the deadline
 * passed ("timed out after N ms while running rule ID"), the worker died, or it could not
 * start. For commands that run policy code one piece at a time outside a check:
 * plimsoll test, rules --explain and --markdown. */
typedef void (*pl_worker_fn)(pl_engine *e, void *ud, pl_buf *out);
int pl_worker_call(pl_engine *e, const pl_pool_opts *opts, pl_worker_fn fn, void *ud, pl_buf *out,
                   pl_error *err);

/* pl_engine_evaluate of one document (parsed here) in a worker by pl_worker_call: its
 * verdicts, findings and problems come back into res; a deadline overrun or a dead
 * worker is a problem on the document naming the rule that was running. */
void pl_worker_evaluate(pl_engine *e, const pl_pool_opts *opts, const pl_document *doc,
                        pl_results *res);

/* pl_engine_run_tests in a worker by pl_worker_call. A test file that overruns the
 * deadline (in a rule or in its own code) or kills its worker did not run: out has
 * load_error saying why and no cases. */
void pl_worker_run_tests(pl_engine *e, const pl_pool_opts *opts, const char *ns, const char *path,
                         const char *text, size_t len, pl_test_file *out);

/* Confines the calling process as a worker: no core dumps, no file writes, no new
 * processes, a small fd table, address space capped at what it has plus address_space
 * (0: 1 GiB; not in sanitizer builds, whose shadow memory needs terabytes), no new
 * privileges, then a seccomp filter that kills the process on any system call but
 * read/write and memory management (no PROT_EXEC mappings), the clock and exit.
 * Returns 0 when all is in place; 1 when seccomp is unavailable (note says why, the
 * rest still applies); -1 when a limit could not be set (note says which). Public so
 * tests can check the filter in a child of their own. */
int pl_worker_confine(size_t address_space, char *note, size_t n);

/* The results wire format between a worker and the parent (verdicts, findings and
 * problems of r), appended to out; and back: adds what the bytes hold to r. Decoding
 * trusts nothing: -1 with err on malformed bytes (r may have received a prefix). */
void pl_worker_encode_results(pl_buf *out, const pl_results *r);
int pl_worker_decode_results(const void *data, size_t len, pl_results *r, pl_error *err);

#endif
