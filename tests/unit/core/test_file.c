/* test_file.c — pl_file_write_atomic on what a report path can be: a new file, a file with
 * its own mode and owner, a symbolic link, a pipe, a device, a file with two names, and a
 * write that a signal interrupts. Each case checks that no temporary file is left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "plimsoll/core.h"

static const char report[] = "a report\n";
static char dir[256];

static int make_dir(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "%s/pl-file-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *name) {
    static char p[4][512]; /* a few live at once in one assertion */
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void put(const char *name, const char *text, mode_t mode) {
    FILE *f = fopen(at(name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(at(name), mode), 0);
}

static void assert_content(const char *path, const char *want) {
    char got[256] = {0};
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    ssize_t n = read(fd, got, sizeof got - 1);
    close(fd);
    assert_true(n >= 0);
    assert_string_equal(got, want);
}

static void assert_no_temporary(void) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)))
        if (strstr(de->d_name, ".tmp."))
            fail_msg("temporary file left behind: %s", de->d_name);
    closedir(d);
}

static void new_file_is_ordinary(void **state) {
    (void)state;
    pl_error err = {0};
    mode_t mask = umask(022);
    assert_int_equal(pl_file_write_atomic(at("new.txt"), report, strlen(report), &err), 0);
    umask(mask);
    struct stat st;
    assert_int_equal(stat(at("new.txt"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    assert_content(at("new.txt"), report);
    assert_no_temporary();
}

static void existing_file_keeps_mode_and_owner(void **state) {
    (void)state;
    /* -o used to turn a 600 file into a 644 one, owned by whoever ran the check */
    put("private.txt", "old\n", 0600);
    bool root = geteuid() == 0;
    if (root)
        assert_int_equal(chown(at("private.txt"), 4242, 4343), 0);
    pl_error err = {0};
    assert_int_equal(pl_file_write_atomic(at("private.txt"), report, strlen(report), &err), 0);
    struct stat st;
    assert_int_equal(stat(at("private.txt"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    if (root) {
        assert_int_equal(st.st_uid, 4242);
        assert_int_equal(st.st_gid, 4343);
    }
    assert_content(at("private.txt"), report);
    assert_no_temporary();
}

static void symlink_is_followed(void **state) {
    (void)state;
    /* the link used to be replaced by a regular file, its target left stale */
    put("target.txt", "old\n", 0640);
    assert_int_equal(symlink("target.txt", at("link.txt")), 0);
    pl_error err = {0};
    assert_int_equal(pl_file_write_atomic(at("link.txt"), report, strlen(report), &err), 0);
    struct stat lst;
    assert_int_equal(lstat(at("link.txt"), &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    assert_content(at("target.txt"), report);
    assert_int_equal(stat(at("target.txt"), &lst), 0);
    assert_int_equal(lst.st_mode & 07777, 0640);
    /* a link to nothing yet: the file is made where it points */
    assert_int_equal(symlink("made.txt", at("ahead.txt")), 0);
    assert_int_equal(pl_file_write_atomic(at("ahead.txt"), report, strlen(report), &err), 0);
    assert_int_equal(lstat(at("ahead.txt"), &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    assert_content(at("made.txt"), report);
    assert_no_temporary();
}

static void pipe_is_written_in_place(void **state) {
    (void)state;
    /* a FIFO used to be replaced by a regular file, and its reader got nothing */
    assert_int_equal(mkfifo(at("fifo"), 0600), 0);
    int rd = open(at("fifo"), O_RDONLY | O_NONBLOCK); /* a reader, so opening to write works */
    assert_true(rd >= 0);
    pl_error err = {0};
    assert_int_equal(pl_file_write_atomic(at("fifo"), report, strlen(report), &err), 0);
    char got[64] = {0};
    assert_int_equal(read(rd, got, sizeof got - 1), (ssize_t)strlen(report));
    close(rd);
    assert_string_equal(got, report);
    struct stat st;
    assert_int_equal(lstat(at("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_no_temporary();
}

static void full_device_is_an_error_and_stays_a_device(void **state) {
    (void)state;
    /* as root, -o /dev/full used to replace the device node by a regular file; a node of
     * our own stands in for it, so a regression cannot damage the machine's */
    const char *full = at("full");
    if (mknod(full, S_IFCHR | 0666, makedev(1, 7)) != 0) {
        if (geteuid() == 0 || access("/dev/full", W_OK) != 0)
            skip();         /* no way to make or reach a full device here */
        full = "/dev/full"; /* not root: a rename in /dev is refused anyway */
    }
    pl_error err = {0};
    int rc = pl_file_write_atomic(full, report, strlen(report), &err);
    struct stat st;
    assert_int_equal(lstat(full, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    if (rc == -1 && strstr(err.message, "cannot open for writing")) {
        /* a nodev mount refuses opening the node: still an error, still a device */
        assert_string_equal(err.path, full);
        return;
    }
    assert_int_equal(rc, -1);
    assert_string_equal(err.path, full);
    assert_non_null(strstr(err.message, "cannot write"));
    assert_non_null(strstr(err.message, strerror(ENOSPC)));
    assert_no_temporary();
}

static void hard_linked_file_keeps_its_names_together(void **state) {
    (void)state;
    put("one.txt", "old\n", 0644);
    assert_int_equal(link(at("one.txt"), at("two.txt")), 0);
    pl_error err = {0};
    assert_int_equal(pl_file_write_atomic(at("one.txt"), report, strlen(report), &err), 0);
    assert_content(at("two.txt"), report);
    assert_no_temporary();
}

static void pending_stop_signal_cancels_the_write(void **state) {
    (void)state;
    /* a SIGTERM between creating the temporary file and the rename used to kill the run
     * there, leaving the temporary file; now the signal waits and the write is cancelled */
    put("kept.txt", "previous\n", 0644);
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    assert_int_equal(sigprocmask(SIG_BLOCK, &term, &old), 0);
    assert_int_equal(raise(SIGTERM), 0); /* pending: it arrived during the write */
    pl_error err = {0};
    int rc = pl_file_write_atomic(at("kept.txt"), report, strlen(report), &err);
    /* take the signal back before asserting, so a failure does not kill the runner */
    struct timespec zero = {0, 0};
    int got = sigtimedwait(&term, NULL, &zero);
    sigprocmask(SIG_SETMASK, &old, NULL);
    assert_int_equal(got, SIGTERM); /* still there for the caller to act on */
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err.message, "interrupted"));
    assert_content(at("kept.txt"), "previous\n");
    assert_no_temporary();
}

static void directory_is_an_error(void **state) {
    (void)state;
    pl_error err = {0};
    assert_int_equal(pl_file_write_atomic(dir, report, strlen(report), &err), -1);
    assert_string_equal(err.path, dir);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_file_is_ordinary),
        cmocka_unit_test(existing_file_keeps_mode_and_owner),
        cmocka_unit_test(symlink_is_followed),
        cmocka_unit_test(pipe_is_written_in_place),
        cmocka_unit_test(full_device_is_an_error_and_stays_a_device),
        cmocka_unit_test(hard_linked_file_keeps_its_names_together),
        cmocka_unit_test(pending_stop_signal_cancels_the_write),
        cmocka_unit_test(directory_is_an_error),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
