/* test_shell.c — the sh reader on the shapes RUN scripts take in real Dockerfiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/shell.h"

static pl_arena arena;

static int setup(void **state) {
    pl_arena_init(&arena);
    return 0;
}
static int teardown(void **state) {
    pl_arena_free(&arena);
    return 0;
}

static pl_sh_script parse_at(const char *s, int first_line) {
    pl_sh_script sc;
    pl_sh_parse(&arena, s, strlen(s), NULL, first_line, &sc);
    return sc;
}
static pl_sh_script parse(const char *s) {
    return parse_at(s, 1);
}

/* argv joined with '|' so a whole command can be compared at once */
static const char *argv_str(const pl_sh_command *c) {
    static char buf[1024];
    buf[0] = 0;
    for (size_t i = 0; i < c->argc; i++) {
        if (i)
            strcat(buf, "|");
        strcat(buf, c->argv[i]);
    }
    return buf;
}

static void apt_get_chain(void **state) {
    pl_sh_script sc = parse("apt-get update && apt-get install -y --no-install-recommends a b "
                            "&& rm -rf /var/lib/apt/lists/*");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 3);
    assert_string_equal(argv_str(&sc.commands[0]), "apt-get|update");
    assert_string_equal(sc.commands[0].op, "&&");
    assert_string_equal(argv_str(&sc.commands[1]),
                        "apt-get|install|-y|--no-install-recommends|a|b");
    assert_string_equal(sc.commands[1].name, "apt-get");
    assert_string_equal(sc.commands[1].op, "&&");
    assert_string_equal(argv_str(&sc.commands[2]), "rm|-rf|/var/lib/apt/lists/*");
    assert_null(sc.commands[2].op);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sc.commands[i].depth, 0);
        assert_int_equal(sc.commands[i].subst, 0);
        assert_null(sc.commands[i].keyword);
        assert_int_equal(sc.commands[i].line, 1);
    }
}

static void curl_pipe_sh(void **state) {
    pl_sh_script sc = parse("curl -fsSL https://get.example.com/install.sh | sh -s -- --yes");
    assert_int_equal(sc.ncommands, 2);
    assert_string_equal(sc.commands[0].name, "curl");
    assert_string_equal(sc.commands[0].op, "|");
    assert_string_equal(argv_str(&sc.commands[1]), "sh|-s|--|--yes");
}

static void set_eux_and_semicolons(void **state) {
    pl_sh_script sc = parse("set -eux; \tcd /tmp;ls ; true & wait");
    assert_int_equal(sc.ncommands, 5);
    assert_string_equal(argv_str(&sc.commands[0]), "set|-eux");
    assert_string_equal(sc.commands[0].op, ";");
    assert_string_equal(sc.commands[1].op, ";");
    assert_string_equal(sc.commands[2].op, ";");
    assert_string_equal(sc.commands[3].op, "&");
    assert_string_equal(sc.commands[4].name, "wait");
}

static void quotes_and_escapes(void **state) {
    pl_sh_script sc = parse("echo 'a \"b\" $X' \"c \\\"d\\\" \\$e $HOME\" f\\ g \"\\n\" ${X:-y}z");
    assert_int_equal(sc.ncommands, 1);
    const pl_sh_command *c = &sc.commands[0];
    assert_int_equal(c->argc, 6);
    assert_string_equal(c->argv[1], "a \"b\" $X");
    assert_string_equal(c->argv[2], "c \"d\" $e $HOME");
    assert_string_equal(c->argv[3], "f g");
    assert_string_equal(c->argv[4], "\\n");
    assert_string_equal(c->argv[5], "${X:-y}z");
    /* raw words keep what was written */
    assert_string_equal(c->raw[1], "'a \"b\" $X'");
    assert_string_equal(c->raw[3], "f\\ g");
    /* $'...' is a quote only outside double quotes */
    sc = parse("grep -E \"^(a|b)$'x\" && printf $'a\\'b\\n'");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 2);
    assert_string_equal(sc.commands[0].argv[2], "^(a|b)$'x");
    assert_string_equal(sc.commands[1].argv[1], "a'b\n");
}

static void assignments_and_redirects(void **state) {
    pl_sh_script sc = parse("DEBIAN_FRONTEND=noninteractive A=1 apt-get install x >/dev/null "
                            "2>&1 </dev/null; FOO=bar");
    assert_int_equal(sc.ncommands, 2);
    const pl_sh_command *c = &sc.commands[0];
    assert_int_equal(c->nassignments, 2);
    assert_string_equal(c->assignments[0], "DEBIAN_FRONTEND=noninteractive");
    assert_string_equal(argv_str(c), "apt-get|install|x");
    assert_int_equal(c->nredirects, 3);
    assert_string_equal(c->redirects[0].op, ">");
    assert_int_equal(c->redirects[0].fd, -1);
    assert_string_equal(c->redirects[0].target, "/dev/null");
    assert_string_equal(c->redirects[1].op, ">&");
    assert_int_equal(c->redirects[1].fd, 2);
    assert_string_equal(c->redirects[1].target, "1");
    assert_string_equal(c->redirects[2].op, "<");
    /* an assignment-only command is listed, with no name */
    assert_int_equal(sc.commands[1].argc, 0);
    assert_string_equal(sc.commands[1].name, "");
    assert_int_equal(sc.commands[1].nassignments, 1);
    /* after the command name, NAME=value is an ordinary argument */
    sc = parse("env A=1 make");
    assert_string_equal(argv_str(&sc.commands[0]), "env|A=1|make");
}

static void if_for_case(void **state) {
    pl_sh_script sc = parse("if [ -f /etc/os-release ]; then . /etc/os-release; "
                            "elif command -v apk; then apk add x; else exit 1; fi && "
                            "for f in a b $(ls /x); do echo $f; done; "
                            "case \"$ARCH\" in amd64|x86_64) A=x;; arm64) uname -m ;; *) "
                            "false ;; esac");
    assert_true(sc.complete);
    const char *want[] = {"[|-f|/etc/os-release|]",
                          ".|/etc/os-release",
                          "command|-v|apk",
                          "apk|add|x",
                          "exit|1",
                          "ls|/x",
                          "echo|$f",
                          "",
                          "uname|-m",
                          "false"};
    const char *kw[] = {"if", "if", "if", "if", "if", "for", "for", "case", "case", "case"};
    assert_int_equal(sc.ncommands, 10);
    for (size_t i = 0; i < 10; i++) {
        assert_string_equal(argv_str(&sc.commands[i]), want[i]);
        assert_string_equal(sc.commands[i].keyword, kw[i]);
    }
    /* the word list of for is not a command, but its substitution is */
    assert_int_equal(sc.commands[5].subst, 1);
    /* `fi &&` gives the operator to the last command inside */
    assert_string_equal(sc.commands[4].op, "&&");
    assert_int_equal(sc.commands[7].nassignments, 1);
}

static void while_read_loop(void **state) {
    pl_sh_script sc = parse("while read -r line; do\n  echo \"$line\"\ndone < /tmp/list\n"
                            "until false; do break; done");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 4);
    assert_string_equal(sc.commands[0].keyword, "while");
    assert_string_equal(argv_str(&sc.commands[1]), "echo|$line");
    assert_int_equal(sc.commands[1].line, 2);
    assert_string_equal(sc.commands[3].keyword, "until");
    assert_int_equal(sc.commands[3].line, 4);
}

static void subshells_and_groups(void **state) {
    pl_sh_script sc = parse("(cd /src && make) && { echo ok; true; } || (exit 1)");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 5);
    assert_string_equal(sc.commands[0].name, "cd");
    assert_int_equal(sc.commands[0].depth, 1);
    assert_string_equal(sc.commands[1].name, "make");
    assert_string_equal(sc.commands[1].op, "&&");
    assert_int_equal(sc.commands[2].depth, 1);
    assert_string_equal(sc.commands[3].op, "||");
    assert_int_equal(sc.commands[4].depth, 1);
    sc = parse("( ( nested ) )");
    assert_int_equal(sc.ncommands, 1);
    assert_int_equal(sc.commands[0].depth, 2);
}

static void command_substitution(void **state) {
    pl_sh_script sc = parse("export V=\"$(curl -s $(cat /url) | jq -r .v)\" && echo `date +%s`");
    assert_true(sc.complete);
    /* inner commands are listed before the command that uses them */
    assert_int_equal(sc.ncommands, 6);
    assert_string_equal(argv_str(&sc.commands[0]), "cat|/url");
    assert_int_equal(sc.commands[0].subst, 2);
    assert_string_equal(sc.commands[1].name, "curl");
    assert_int_equal(sc.commands[1].subst, 1);
    assert_string_equal(sc.commands[1].op, "|");
    assert_string_equal(sc.commands[2].name, "jq");
    assert_string_equal(argv_str(&sc.commands[3]), "export|V=$(curl -s $(cat /url) | jq -r .v)");
    assert_int_equal(sc.commands[3].subst, 0);
    assert_string_equal(argv_str(&sc.commands[4]), "date|+%s");
    assert_int_equal(sc.commands[4].subst, 1);
    assert_string_equal(sc.commands[5].argv[1], "`date +%s`");
    /* arithmetic is not a command */
    sc = parse("echo $((1 + (2 * 3)))");
    assert_int_equal(sc.ncommands, 1);
    assert_string_equal(sc.commands[0].argv[1], "$((1 + (2 * 3)))");
}

static void functions(void **state) {
    pl_sh_script sc = parse("retry() { for i in 1 2 3; do \"$@\" && return 0; done; }\n"
                            "function cleanup { rm -rf /tmp/*; }\nretry apt-get update");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 4);
    assert_string_equal(sc.commands[0].argv[0], "$@");
    assert_string_equal(sc.commands[0].keyword, "for");
    assert_string_equal(sc.commands[1].name, "return");
    assert_string_equal(sc.commands[2].name, "rm");
    assert_string_equal(sc.commands[2].keyword, "function");
    assert_string_equal(argv_str(&sc.commands[3]), "retry|apt-get|update");
    assert_null(sc.commands[3].keyword);
    assert_int_equal(sc.commands[3].line, 3);
}

static void comments_skipped(void **state) {
    pl_sh_script sc = parse("# set things up\necho a # trailing comment\necho b#c");
    assert_int_equal(sc.ncommands, 2);
    assert_string_equal(argv_str(&sc.commands[0]), "echo|a");
    assert_string_equal(argv_str(&sc.commands[1]), "echo|b#c");
    assert_int_equal(sc.commands[1].line, 3);
}

static void heredoc_in_script(void **state) {
    pl_sh_script sc = parse("cat <<EOF > /etc/app.conf\nrm -rf /\nEOF\n"
                            "cat <<-'END' | tee x\n\tnot a command\n\tEND\necho done");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 4);
    assert_string_equal(sc.commands[0].name, "cat");
    assert_int_equal(sc.commands[0].nredirects, 2);
    assert_string_equal(sc.commands[0].redirects[0].op, "<<");
    assert_string_equal(sc.commands[0].redirects[0].target, "EOF");
    assert_string_equal(sc.commands[1].redirects[0].target, "END");
    assert_string_equal(sc.commands[2].name, "tee");
    assert_string_equal(argv_str(&sc.commands[3]), "echo|done");
    assert_int_equal(sc.commands[3].line, 7);
    /* a body that never ends makes the script incomplete */
    sc = parse("cat <<EOF\nabc\n");
    assert_false(sc.complete);
    /* a heredoc opened on the last line (its body lives elsewhere) is fine */
    sc = parse("python3 <<EOF");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 1);
}

static void lines_across_continuations(void **state) {
    pl_sh_script sc = parse_at("apt-get update \\\n  && apt-get install -y \\\n    curl \\\n"
                               "  && rm -rf /x",
                               10);
    assert_int_equal(sc.ncommands, 3);
    assert_int_equal(sc.commands[0].line, 10);
    assert_int_equal(sc.commands[1].line, 11);
    assert_string_equal(argv_str(&sc.commands[1]), "apt-get|install|-y|curl");
    assert_int_equal(sc.commands[2].line, 13);
}

static void line_map(void **state) {
    /* the joined RUN value "a && b && c" whose pieces came from lines 5, 6 and 8 */
    const char *v = "a && b && c";
    size_t offs[] = {0, 4, 9};
    int lines[] = {5, 6, 8};
    int cols[] = {5, 3, 1}; /* "RUN a \", "  && b \", "&& c" style pieces */
    pl_line_map m = {offs, lines, 3, cols};
    pl_sh_script sc;
    pl_sh_parse(&arena, v, strlen(v), &m, 5, &sc);
    assert_int_equal(sc.ncommands, 3);
    assert_int_equal(sc.commands[0].line, 5);
    assert_int_equal(sc.commands[1].line, 6);
    assert_int_equal(sc.commands[2].line, 8);
    /* a at offset 0 -> col 5; b at offset 5 (segment 1 starts at 4, col 3) -> col 4 */
    assert_int_equal(sc.commands[0].column, 5);
    assert_int_equal(sc.commands[1].column, 4);
    assert_int_equal(sc.commands[2].column, 2);
}

static void columns_without_a_map(void **state) {
    /* a heredoc body: columns count from the start of each line */
    pl_sh_script sc = parse("apt-get update\n  cd /x && make\n");
    assert_int_equal(sc.ncommands, 3);
    assert_int_equal(sc.commands[0].column, 1);
    assert_int_equal(sc.commands[1].column, 3);
    assert_int_equal(sc.commands[2].column, 12);
}

static void name_is_basename(void **state) {
    pl_sh_script sc = parse("/usr/bin/apt-get -qq update; ./configure; \"/bin/s h\"");
    assert_string_equal(sc.commands[0].name, "apt-get");
    assert_string_equal(sc.commands[1].name, "configure");
    assert_string_equal(sc.commands[2].name, "s h");
}

static void unbalanced_stops(void **state) {
    pl_sh_script sc = parse("echo a && echo 'unterminated && rm -rf /");
    assert_false(sc.complete);
    assert_int_equal(sc.ncommands, 1);
    assert_string_equal(argv_str(&sc.commands[0]), "echo|a");
    sc = parse("echo \"$(date\"");
    assert_false(sc.complete);
    sc = parse("echo a ) ; echo b");
    assert_false(sc.complete);
    assert_int_equal(sc.ncommands, 1);
    sc = parse("if true; then echo");
    assert_false(sc.complete);
    assert_int_equal(sc.ncommands, 2);
    sc = parse("");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 0);
}

static void deep_nesting_is_bounded(void **state) {
    /* 5000 nested substitutions: no stack overflow, just an incomplete script */
    size_t n = 5000;
    char *s = pl_arena_alloc(&arena, n * 3 + 8);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        s[k++] = '$';
        s[k++] = '(';
    }
    s[k++] = 'x';
    for (size_t i = 0; i < n; i++)
        s[k++] = ')';
    pl_sh_script sc;
    pl_sh_parse(&arena, s, k, NULL, 1, &sc);
    assert_false(sc.complete);
}

static void sudo_and_bang(void **state) {
    pl_sh_script sc = parse("! grep -q x /f || sudo -E pip install --no-cache-dir y");
    assert_int_equal(sc.ncommands, 2);
    assert_string_equal(sc.commands[0].name, "grep");
    assert_string_equal(sc.commands[0].op, "||");
    assert_string_equal(sc.commands[1].name, "sudo");
}

static void case_inside_substitution(void **state) {
    /* from docker-library's memcached image: the pattern's ')' closes nothing */
    pl_sh_script sc = parse("x=\"$( case \"$a\" in s390x-*) ;; *) echo '--enable-extstore' ;; "
                            "esac )\" && ./configure $x");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 3);
    assert_string_equal(sc.commands[0].name, "echo");
    assert_int_equal(sc.commands[0].subst, 1);
    assert_string_equal(sc.commands[0].keyword, "case");
    assert_int_equal(sc.commands[1].nassignments, 1);
    assert_string_equal(sc.commands[2].name, "configure");
}

static void bash_arrays(void **state) {
    pl_sh_script sc = parse("confs=( $confs ); pkgs+=(a b) && echo \"${pkgs[@]}\"");
    assert_true(sc.complete);
    assert_int_equal(sc.ncommands, 3);
    assert_string_equal(sc.commands[0].assignments[0], "confs=( $confs )");
    assert_string_equal(sc.commands[1].assignments[0], "pkgs+=(a b)");
    assert_string_equal(sc.commands[2].argv[1], "${pkgs[@]}");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(apt_get_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(curl_pipe_sh, setup, teardown),
        cmocka_unit_test_setup_teardown(set_eux_and_semicolons, setup, teardown),
        cmocka_unit_test_setup_teardown(quotes_and_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(assignments_and_redirects, setup, teardown),
        cmocka_unit_test_setup_teardown(if_for_case, setup, teardown),
        cmocka_unit_test_setup_teardown(while_read_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(subshells_and_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(command_substitution, setup, teardown),
        cmocka_unit_test_setup_teardown(functions, setup, teardown),
        cmocka_unit_test_setup_teardown(comments_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(heredoc_in_script, setup, teardown),
        cmocka_unit_test_setup_teardown(lines_across_continuations, setup, teardown),
        cmocka_unit_test_setup_teardown(line_map, setup, teardown),
        cmocka_unit_test_setup_teardown(columns_without_a_map, setup, teardown),
        cmocka_unit_test_setup_teardown(name_is_basename, setup, teardown),
        cmocka_unit_test_setup_teardown(unbalanced_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_nesting_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(sudo_and_bang, setup, teardown),
        cmocka_unit_test_setup_teardown(case_inside_substitution, setup, teardown),
        cmocka_unit_test_setup_teardown(bash_arrays, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
