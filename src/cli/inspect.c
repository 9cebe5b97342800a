/* inspect.c — `plimsoll inspect`: the model a rule receives, for people writing rules.
 *
 * The JSON comes from the engine (the same tables check hands to rules), so what a policy
 * author sees here is what their rule sees; --ast shows the parser's BuildKit-compatible
 * AST instead, for comparing with BuildKit itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/dockerfile.h"
#include "plimsoll/report.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll inspect [OPTIONS] FILE\n"
    "\n"
    "Prints the model a rule receives for FILE as JSON ('-' reads standard input).\n"
    "\n"
    "options:\n"
    "  --ast                   print BuildKit's AST dump instead (Dockerfiles only)\n"
    "  --type dockerfile|image the kind of FILE when its name and content do not tell\n"
    "  --build-arg KEY=VALUE   a build argument for ARG expansion (repeatable)\n"
    "  -h, --help              show this help\n";

enum { OPT_AST, OPT_TYPE, OPT_BUILD_ARG, OPT_HELP };

static const cli_opt options[] = {
    {"ast", 0, false, OPT_AST},
    {"type", 0, true, OPT_TYPE},
    {"build-arg", 0, true, OPT_BUILD_ARG},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

static int run(const char *file, bool ast, pl_doc_kind type, const cli_strs *build_args) {
    const char *display = strcmp(file, "-") == 0 ? "<stdin>" : file;
    pl_arena a;
    pl_arena_init(&a);
    pl_error err = {0};
    char *text;
    size_t len;
    int status = CLI_EXIT_ERROR;
    pl_buf out;
    pl_buf_init(&out);
    pl_engine *e = NULL;
    if (pl_file_read(&a, file, CLI_MAX_INPUT, &text, &len, &err) != 0) {
        cli_print_error(&err, display);
        goto done;
    }
    pl_doc_kind kind = type ? type : cli_kind_of(display, text, len);
    if (kind == PL_DOC_UNKNOWN) {
        fprintf(stderr, "plimsoll: inspect: cannot tell what kind of file this is; give --type "
                        "dockerfile or --type image\n");
        goto done;
    }
    if (ast) {
        if (kind != PL_DOC_DOCKERFILE) {
            fprintf(stderr, "plimsoll: inspect: --ast is for Dockerfiles only; without it, "
                            "inspect prints the image's model\n");
            goto done;
        }
        pl_dockerfile *df;
        if (pl_dockerfile_parse(&a, display, text, len, &df, &err) != 0) {
            cli_print_error(&err, display);
            goto done;
        }
        pl_dockerfile_dump_ast(df, &out);
    } else {
        pl_build_args args = {build_args->items, build_args->n};
        pl_document *docs = NULL;
        size_t ndocs = 0;
        if (pl_document_load(&a, kind, display, text, len, build_args->n ? &args : NULL, &docs,
                             &ndocs, &err) != 0) {
            cli_print_error(&err, display);
            goto done;
        }
        if (ndocs == 1 && pl_document_attach_context(&a, &docs[0], file, &err) != 0) {
            cli_print_error(&err, display);
            goto done;
        }
        pl_limits limits;
        pl_limits_default(&limits);
        e = pl_engine_new(&limits);
        /* several images in one file (docker inspect of several names): a JSON array */
        if (ndocs != 1)
            pl_buf_puts(&out, "[\n");
        for (size_t i = 0; i < ndocs; i++) {
            char *json = pl_engine_inspect_json(e, &docs[i], &err);
            if (!json) {
                cli_print_error(&err, display);
                goto done;
            }
            pl_buf_puts(&out, json);
            size_t n = strlen(json);
            free(json);
            if (ndocs != 1 && i + 1 < ndocs)
                pl_buf_puts(&out, ",");
            if (n == 0 || out.data[out.len - 1] != '\n')
                pl_buf_puts(&out, "\n");
        }
        if (ndocs != 1)
            pl_buf_puts(&out, "]\n");
    }
    status =
        cli_write_stdout(out.data ? out.data : "", out.len) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
done:
    pl_buf_free(&out);
    if (e)
        pl_engine_free(e);
    pl_arena_free(&a);
    return status;
}

int cli_inspect(int argc, char **argv) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "inspect");
    cli_strs build_args = {0};
    bool ast = false;
    pl_doc_kind type = PL_DOC_UNKNOWN;
    const char *file = NULL;
    char msg[256];
    const char *v;
    int id, status = -1;
    while (status < 0 && (id = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (id) {
        case CLI_BAD: status = cli_usage_error("%s", msg); break;
        case CLI_OPERAND:
            if (file)
                status = cli_usage_error("inspect: give one FILE ('%s' and '%s')", file, v);
            file = v;
            break;
        case OPT_AST: ast = true; break;
        case OPT_TYPE:
            if (pl_doc_kind_parse(v, &type) != 0 || type == PL_DOC_UNKNOWN)
                status =
                    cli_usage_error("inspect: --type must be dockerfile or image, not '%s'", v);
            break;
        case OPT_BUILD_ARG: cli_strs_push(&build_args, v); break;
        case OPT_HELP:
            fputs(usage, stdout);
            status = CLI_EXIT_OK;
            break;
        }
    }
    if (status < 0 && !file)
        status = cli_usage_error("inspect: no FILE given");
    if (status < 0)
        status = run(file, ast, type, &build_args);
    cli_strs_free(&build_args);
    return status;
}
