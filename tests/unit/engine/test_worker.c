/* test_worker.c — worker processes (src/engine/worker.c): the results wire format, the
 * pool against in-process evaluation, the per-rule deadline, a worker killed from
 * outside, a worker out of memory, and the seccomp filter applied by the same function
 * production uses. */
#include "engine_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "plimsoll/worker.h"

static const char *const DF1 =
    "FROM debian:12\nRUN apt-get install -y curl\nRUN echo hi\nUSER app\n";
static const char *const DF2 = "FROM alpine\nRUN apk add git\n";

static const char *const RULES[] = {
    "dockerfile/a-runs.lua",
    "return { title = 't', severity = 'medium', input = 'dockerfile', check = function(df, "
    "report)\n"
    "  for ins in df:each('RUN') do report { message = 'run ' .. ins.line, at = ins } end end }",
    "dockerfile/b-pass.lua",
    "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, report) "
    "end }",
    "dockerfile/c-raises.lua",
    "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, report)\n"
    "  error('no\\tgood') end }",
    NULL,
};

static const char *const SLOW[] = {
    "dockerfile/a-slow.lua",
    "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, report)\n"
    "  local s = ('a'):rep(4000); s:find('.-.-b') end }",
    "dockerfile/b-after.lua",
    "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, report)\n"
    "  report { message = 'after ' .. #df.instructions } end }",
    NULL,
};

/* Every reported field of sorted results, one line each. */
static char *dump(pl_results *r) {
    pl_results_sort(r);
    pl_buf b;
    pl_buf_init(&b);
    for (size_t i = 0; i < r->ntargets; i++)
        pl_buf_printf(&b, "T %s %s %s\n", r->targets[i].path, r->targets[i].kind,
                      r->targets[i].status);
    /* passes: in process they are listed, from workers only counted; the number agrees */
    size_t passes = r->npassed;
    for (size_t i = 0; i < r->nverdicts; i++) {
        const pl_verdict *v = &r->verdicts[i];
        if (v->status == PL_VERDICT_PASS) {
            passes++;
            continue;
        }
        pl_buf_printf(&b, "V %s %s %d %s %zu\n", v->rule, v->path, v->status,
                      v->message ? v->message : "-", v->nfindings);
    }
    pl_buf_printf(&b, "passes %zu\n", passes);
    for (size_t i = 0; i < r->nfindings; i++) {
        const pl_finding *f = &r->findings[i];
        pl_buf_printf(&b, "F %s %d %s %s %d %d %d %s %s\n", f->rule, f->severity, f->message,
                      f->path, f->line, f->end_line, f->column, f->pointer ? f->pointer : "-",
                      f->fingerprint);
    }
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        pl_buf_printf(&b, "P %s %d %d %s %s\n", p->path ? p->path : "-", p->line, p->column,
                      p->rule ? p->rule : "-", p->message);
    }
    pl_buf_puts(&b, "");
    return pl_buf_take(&b);
}

static void round_trip(void **state) {
    /* everything a worker sends survives the wire, NULLs included */
    pl_results r, back;
    pl_results_init(&r);
    pl_results_init(&back);
    pl_results_add_verdict(&r, "x", "a/Dockerfile", PL_VERDICT_ERROR, "boom", 3);
    pl_results_add_verdict(&r, "y", "a/Dockerfile", PL_VERDICT_PASS, NULL, 0);
    pl_finding f = {.rule = "x",
                    .severity = PL_SEV_HIGH,
                    .message = "m\xc3\xa9",
                    .path = "p",
                    .line = 4,
                    .end_line = 6,
                    .column = 2,
                    .pointer = "/config/User",
                    .fingerprint = "0123456789abcdef"};
    pl_results_add_finding(&r, &f);
    f.pointer = NULL;
    f.line = -1;
    pl_results_add_finding(&r, &f);
    pl_results_add_problem(&r, NULL, 0, 0, NULL, "no path");
    pl_results_add_problem(&r, "rules/x.lua", 7, 3, "x", "rule x failed");
    pl_buf b;
    pl_buf_init(&b);
    pl_worker_encode_results(&b, &r);
    pl_error err = {0};
    assert_int_equal(pl_worker_decode_results(b.data, b.len, &back, &err), 0);
    char *want = dump(&r), *got = dump(&back);
    assert_string_equal(got, want);
    free(want), free(got);

    /* a cut record, a bad status, trailing bytes: refused, never read past the end */
    pl_results bad;
    for (size_t cut = 0; cut < b.len; cut += 7) {
        pl_results_init(&bad);
        assert_int_equal(pl_worker_decode_results(b.data, cut, &bad, &err), -1);
        pl_results_free(&bad);
    }
    pl_buf_append(&b, "x", 1);
    pl_results_init(&bad);
    assert_int_equal(pl_worker_decode_results(b.data, b.len, &bad, &err), -1);
    pl_results_free(&bad);
    pl_buf_free(&b);
    pl_results_free(&r);
    pl_results_free(&back);
}

static void run_pool(pl_engine *e, unsigned jobs, unsigned timeout_ms, const char *const *texts,
                     size_t n, pl_results *res) {
    pl_pool_opts o = {.jobs = jobs, .timeout_ms = timeout_ms};
    pl_error err = {0};
    pl_pool *p = pl_pool_start(e, &o, &err);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "d%zu/Dockerfile", i);
        pl_pool_doc d = {PL_DOC_DOCKERFILE, path, texts[i], strlen(texts[i]), NULL, NULL};
        pl_pool_submit(p, &d, res);
    }
    pl_pool_finish(p, res);
    pl_pool_free(p);
}

static void pool_matches_in_process(void **state) {
    /* the same verdicts, findings and problems as evaluating here, for any -j and order */
    const char *texts[] = {DF1, DF2, DF1, "FROM\n", DF2, DF1};
    size_t n = sizeof texts / sizeof texts[0];
    pl_results load, here;
    pl_results_init(&load);
    pl_results_init(&here);
    pl_engine *e = engine_from(NULL, &load, RULES);
    for (size_t i = 0; i < n; i++) {
        pl_arena a;
        pl_arena_init(&a);
        char path[32];
        snprintf(path, sizeof path, "d%zu/Dockerfile", i);
        pl_document *docs = NULL;
        size_t nd = 0;
        pl_error err = {0};
        if (pl_document_load(&a, PL_DOC_DOCKERFILE, path, texts[i], strlen(texts[i]), NULL, &docs,
                             &nd, &err) != 0) {
            pl_results_add_problem(&here, err.path ? err.path : path, err.line, err.column, NULL,
                                   err.message);
            pl_results_add_target(&here, path, "dockerfile", "error");
        } else {
            for (size_t k = 0; k < nd; k++)
                pl_engine_evaluate(e, &docs[k], &here);
            pl_results_add_target(&here, path, "dockerfile", "ok");
        }
        pl_arena_free(&a);
    }
    char *want = dump(&here);
    assert_non_null(strstr(want, "V c-raises d0/Dockerfile 2"));
    assert_non_null(strstr(want, "T d3/Dockerfile dockerfile error"));
    for (unsigned jobs = 1; jobs <= 3; jobs++) {
        pl_results r;
        pl_results_init(&r);
        run_pool(e, jobs, 5000, texts, n, &r);
        char *got = dump(&r);
        assert_string_equal(got, want);
        free(got);
        pl_results_free(&r);
    }
    free(want);
    pl_results_free(&here);
    pl_results_free(&load);
    pl_engine_free(e);
}

static double since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void deadline_kills_a_c_call(void **state) {
    /* 87 s of pattern matching inside one C call: stopped at the deadline, and the next
     * rule of the same document still runs */
    pl_results load, r;
    pl_results_init(&load);
    pl_results_init(&r);
    pl_engine *e = engine_from(NULL, &load, SLOW);
    const char *texts[] = {DF1, DF2};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_pool(e, 1, 300, texts, 2, &r);
    double secs = since(&t0);
    assert_true(secs < 5.0);
    char *got = dump(&r);
    assert_non_null(strstr(got, "V a-slow d0/Dockerfile 2 timed out after 300 ms 0\n"));
    assert_non_null(strstr(got, "V a-slow d1/Dockerfile 2 timed out after 300 ms 0\n"));
    assert_non_null(strstr(got, "V b-after d0/Dockerfile 1 - 1\n"));
    assert_non_null(strstr(got, "F b-after 1 after 4 d0/Dockerfile"));
    assert_non_null(strstr(got, "F b-after 1 after 2 d1/Dockerfile"));
    assert_non_null(strstr(got, "T d1/Dockerfile dockerfile ok\n"));
    assert_non_null(strstr(got, "rule a-slow failed on d0/Dockerfile: timed out after 300 ms"));
    free(got);
    pl_results_free(&r);
    pl_results_free(&load);
    pl_engine_free(e);
}

/* Sends sig to every child of parent but itself, after a delay. */
static pid_t killer(pid_t parent, int sig, unsigned ms) {
    pid_t k = fork();
    if (k != 0)
        return k;
    usleep(ms * 1000);
    DIR *d = opendir("/proc");
    struct dirent *de;
    while (d && (de = readdir(d))) {
        char path[300], buf[512];
        snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        const char *rp = strrchr(buf, ')');
        int ppid = 0, pid = atoi(buf);
        char st;
        if (rp && sscanf(rp + 1, " %c %d", &st, &ppid) == 2 && ppid == parent && pid != getpid())
            kill(pid, sig);
    }
    _exit(0);
}

static void worker_killed_by_signal(void **state) {
    /* a worker that dies (here: killed from outside, as a crash would) costs its running
     * rule an error naming the signal; the run and the other rules go on */
    pl_results load, r;
    pl_results_init(&load);
    pl_results_init(&r);
    pl_engine *e = engine_from(NULL, &load, SLOW);
    const char *texts[] = {DF1};
    pid_t k = killer(getpid(), SIGSEGV, 400);
    run_pool(e, 1, 60000, texts, 1, &r);
    waitpid(k, NULL, 0);
    char *got = dump(&r);
    assert_non_null(strstr(got,
                           "V a-slow d0/Dockerfile 2 worker killed by signal 11 (SIGSEGV) while "
                           "running rule a-slow 0\n"));
    assert_non_null(strstr(got, "V b-after d0/Dockerfile 1 - 1\n"));
    free(got);
    pl_results_free(&r);
    pl_results_free(&load);
    pl_engine_free(e);
}

/* Forks a child that confines itself, then runs what(); returns its wait status, or -1 with
 * the worker's own explanation in note when it could not confine itself. */
static int confined(void (*what)(void), char *note, size_t n) {
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(pfd[0]);
        char msg[257];
        int rc = pl_worker_confine(0, msg + 1, sizeof msg - 1);
        msg[0] = rc == 0 ? 'y' : 'n';
        size_t len = 1 + strlen(msg + 1);
        if (write(pfd[1], msg, len) != (ssize_t)len)
            _exit(9);
        if (rc != 0)
            _exit(8);
        what();
        _exit(0);
    }
    close(pfd[1]);
    char msg[257] = "";
    ssize_t got = read(pfd[0], msg, sizeof msg - 1);
    close(pfd[0]);
    int st;
    waitpid(pid, &st, 0);
    if (got >= 1 && msg[0] == 'y')
        return st;
    snprintf(note, n, "%s", got >= 1 ? msg + 1 : "the confined child said nothing");
    return -1;
}

/* Whether this kernel can load a seccomp filter, asked without libseccomp or the code under
 * test: PR_SET_SECCOMP in filter mode with a NULL program fails with EFAULT where filters
 * exist and with EINVAL where they do not; either way nothing is installed. */
static bool kernel_has_seccomp_filters(void) {
    errno = 0;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) == -1 && errno == EFAULT;
}

/* confined(), skipping only where there is no seccomp to test (a build without libseccomp,
 * a kernel without filters) and saying so; where the kernel has filters, a worker that
 * cannot confine itself fails the test instead of skipping it quietly. */
static int must_confine(void (*what)(void)) {
    char note[256] = "";
    int st = confined(what, note, sizeof note);
    if (st == -1) {
#ifdef PL_HAVE_SECCOMP
        if (kernel_has_seccomp_filters())
            fail_msg("this kernel has seccomp filters, yet a worker could not confine itself: %s",
                     note);
#endif
        print_message("SKIPPED, no seccomp to test here: %s\n", note);
        skip();
    }
    return st;
}

static void do_open(void) {
    int fd = open("/etc/hostname", O_RDONLY);
    _exit(fd >= 0 ? 1 : 2);
}
static void do_exec(void) {
    char *argv[] = {"/bin/true", NULL};
    execv("/bin/true", argv);
    _exit(1);
}
static void do_fork(void) {
    pid_t p = fork();
    _exit(p < 0 ? 2 : 1);
}
static void do_exec_map(void) {
    void *m = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    _exit(m == MAP_FAILED ? 2 : 1);
}
static void do_compute(void) {
    /* what evaluation needs: big and small allocations, the clock, writing */
    char *big = malloc(64u << 20);
    if (!big)
        _exit(3);
    memset(big, 1, 64u << 20);
    big = realloc(big, 128u << 20);
    free(big);
    for (int i = 0; i < 1000; i++)
        free(malloc((size_t)i * 100));
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    _exit(0);
}

static void do_out_of_memory(void) {
    /* a request no allocator can meet: the arena's out-of-memory path, as a worker meets it */
    pl_arena a;
    pl_arena_init(&a);
    pl_arena_alloc(&a, SIZE_MAX / 2 + 1);
    _exit(0);
}

static void out_of_memory_under_the_filter(void **state) {
    /* abort() makes signal system calls the filter forbids: a worker out of memory died
     * of SIGSYS. It must exit with the status the parent reads as "out of memory". */
    int st = must_confine(do_out_of_memory);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), PL_EXIT_NOMEM);
}

static void worker_out_of_memory(void **state) {
    /* a document too big for the worker's address space: the file gets an error saying
     * "out of memory", not a signal, and the next file is still checked */
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* no RLIMIT_AS under the sanitizer: its shadow memory needs the address space */
#endif
    pl_results load, r;
    pl_results_init(&load);
    pl_results_init(&r);
    pl_engine *e = engine_from(NULL, &load, RULES);
    size_t n = 64u << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i += 16)
        memcpy(big + i, "RUN echo abcdef\n", 16);
    big[n] = '\0';
    pl_pool_opts o = {.jobs = 1, .timeout_ms = 60000, .address_space = 16u << 20};
    pl_error err = {0};
    pl_pool *p = pl_pool_start(e, &o, &err);
    assert_non_null(p);
    pl_pool_doc d0 = {PL_DOC_DOCKERFILE, "big/Dockerfile", big, n, NULL, NULL};
    pl_pool_doc d1 = {PL_DOC_DOCKERFILE, "small/Dockerfile", DF2, strlen(DF2), NULL, NULL};
    pl_pool_submit(p, &d0, &r);
    pl_pool_submit(p, &d1, &r);
    pl_pool_finish(p, &r);
    pl_pool_free(p);
    free(big);
    char *got = dump(&r);
    assert_non_null(strstr(got, "P big/Dockerfile 0 0 - worker ran out of memory while "));
    assert_null(strstr(got, "signal"));
    assert_non_null(strstr(got, "V a-runs small/Dockerfile 1 - 1\n"));
    free(got);
    pl_results_free(&r);
    pl_results_free(&load);
    pl_engine_free(e);
}

static void seccomp_filter(void **state) {
    int st = must_confine(do_compute);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    void (*forbidden[])(void) = {do_open, do_exec, do_fork, do_exec_map};
    for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++) {
        st = must_confine(forbidden[i]);
        assert_true(WIFSIGNALED(st));
        assert_int_equal(WTERMSIG(st), SIGSYS);
    }
}

static void say_fn(pl_engine *e, void *ud, pl_buf *out) {
    (void)e;
    pl_buf_puts(out, ud);
}

static void abort_fn(pl_engine *e, void *ud, pl_buf *out) {
    (void)e, (void)ud, (void)out;
    abort();
}

static void worker_call_runs_one_piece(void **state) {
    /* plimsoll test and rules --explain ran rules in the parent, with no deadline: a call
     * runs in a worker, returns what it wrote, and reports how it died */
    (void)state;
    pl_results load;
    pl_results_init(&load);
    pl_engine *e = engine_from(NULL, &load, RULES);
    pl_pool_opts po = {.jobs = 1, .timeout_ms = 2000};
    pl_buf out;
    pl_buf_init(&out);
    pl_error err = {0};
    assert_int_equal(pl_worker_call(e, &po, say_fn, "from the worker", &out, &err), 0);
    assert_string_equal(out.data, "from the worker");
    pl_buf_free(&out);
    pl_buf_init(&out);
    assert_int_equal(pl_worker_call(e, &po, abort_fn, NULL, &out, &err), -1);
    assert_non_null(strstr(err.message, "worker killed by signal"));
    pl_buf_free(&out);
    pl_results_free(&load);
    pl_engine_free(e);
}

static void worker_evaluate_has_the_deadline(void **state) {
    (void)state;
    pl_results load, r;
    pl_results_init(&load);
    pl_results_init(&r);
    pl_engine *e = engine_from(NULL, &load, SLOW);
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "d/Dockerfile", DF1);
    pl_pool_opts po = {.jobs = 1, .timeout_ms = 300};
    pl_worker_evaluate(e, &po, doc, &r);
    assert_int_equal(r.nproblems, 1);
    assert_string_equal(r.problems[0].path, "d/Dockerfile");
    assert_non_null(
        strstr(r.problems[0].message, "timed out after 300 ms while running rule a-slow"));
    pl_results_free(&r);
    /* the rule that behaves: its results come back whole */
    pl_results_init(&r);
    const char *ids[] = {"b-after"};
    assert_int_equal(pl_engine_select(e, ids, 1, NULL), 0);
    pl_worker_evaluate(e, &po, doc, &r);
    assert_int_equal(r.nproblems, 0);
    assert_int_equal(r.nfindings, 1);
    assert_string_equal(r.findings[0].message, "after 4");
    pl_results_free(&r);
    pl_arena_free(&a);
    pl_results_free(&load);
    pl_engine_free(e);
}

static void worker_run_tests_has_the_deadline(void **state) {
    (void)state;
    pl_results load;
    pl_results_init(&load);
    pl_engine *e = engine_from(NULL, &load, SLOW);
    pl_pool_opts po = {.jobs = 1, .timeout_ms = 300};
    static const char good[] = "test('b reports', function(t)\n"
                               "  t:dockerfile('FROM alpine\\n'):rule('b-after'):finds { 0 }\n"
                               "end)\n";
    pl_test_file tf;
    pl_worker_run_tests(e, &po, NULL, "good_test.lua", good, strlen(good), &tf);
    assert_null(tf.load_error);
    assert_int_equal(tf.ncases, 1);
    assert_string_equal(tf.cases[0].name, "b reports");
    assert_null(tf.cases[0].failure);
    assert_int_equal(tf.nrules_tested, 1);
    assert_string_equal(tf.rules_tested[0], "b-after");
    pl_test_file_free(&tf);
    static const char slow[] = "test('a spins', function(t)\n"
                               "  t:dockerfile('FROM alpine\\n'):rule('a-slow'):passes()\n"
                               "end)\n";
    pl_worker_run_tests(e, &po, NULL, "slow_test.lua", slow, strlen(slow), &tf);
    assert_non_null(tf.load_error);
    assert_string_equal(tf.load_error, "timed out after 300 ms while running rule a-slow");
    assert_int_equal(tf.ncases, 0);
    pl_test_file_free(&tf);
    static const char own[] = "test('spins itself', function(t)\n"
                              "  local s = ('a'):rep(4000); s:find('.-.-b')\nend)\n";
    pl_worker_run_tests(e, &po, NULL, "own_test.lua", own, strlen(own), &tf);
    assert_non_null(tf.load_error);
    assert_string_equal(tf.load_error, "timed out after 300 ms");
    pl_test_file_free(&tf);
    pl_results_free(&load);
    pl_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(pool_matches_in_process),
        cmocka_unit_test(deadline_kills_a_c_call),
        cmocka_unit_test(worker_killed_by_signal),
        cmocka_unit_test(seccomp_filter),
        cmocka_unit_test(out_of_memory_under_the_filter),
        cmocka_unit_test(worker_out_of_memory),
        cmocka_unit_test(worker_call_runs_one_piece),
        cmocka_unit_test(worker_evaluate_has_the_deadline),
        cmocka_unit_test(worker_run_tests_has_the_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
