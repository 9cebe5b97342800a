/* new_rule.c — `plimsoll new-rule`: scaffold a rule, its fixtures and its test.
 *
 * The scaffold is a working rule, not a template full of blanks: it flags a placeholder
 * command (or environment variable, for images) so its fixtures and *_test.lua pass
 * `plimsoll test` as generated, and the author edits a green rule into the real one. No
 * existing file is ever overwritten. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plimsoll/bundle.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll new-rule [OPTIONS] ID\n"
    "\n"
    "Creates, in the bundle directory (default: the current directory):\n"
    "  INPUT/ID.lua              the rule, with every metadata field\n"
    "  tests/ID/before.*         a fixture the rule must flag (annotated); with after.*,\n"
    "                            the example 'rules --explain' and the rule's page show\n"
    "  tests/ID/after.*          a fixture the rule must pass\n"
    "  tests/ID/ID_test.lua      tests in the *_test.lua API\n"
    "and bundle.yaml when the directory has none. The scaffold passes 'plimsoll test'.\n"
    "\n"
    "options:\n"
    "  --input dockerfile|image  what the rule reads (default dockerfile)\n"
    "  --dir BUNDLE              the bundle directory (default .)\n"
    "  -h, --help                show this help\n";

enum { OPT_INPUT, OPT_DIR, OPT_HELP };

static const cli_opt options[] = {
    {"input", 0, true, OPT_INPUT},
    {"dir", 0, true, OPT_DIR},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

static const char dockerfile_rule[] =
    "-- %s: TODO say in one line what this rule enforces and why.\n"
    "--\n"
    "-- Scaffolded by `plimsoll new-rule`: it flags RUN commands that call\n"
    "-- `example-forbidden-tool`. Replace the check with the real condition, then the\n"
    "-- fixtures in tests/%s/ and the cases in tests/%s/%s_test.lua.\n"
    "return {\n"
    "  title    = \"TODO: the problem, as a short noun phrase\",\n"
    "  severity = \"medium\",        -- critical | high | medium | low | info\n"
    "  input    = \"dockerfile\",    -- dockerfile | image\n"
    "  preset   = \"default\",       -- default | strict (strict: only in the strict preset)\n"
    "  aliases  = {},              -- ids other tools use for this concern, e.g. { \"DL3008\" }\n"
    "  params   = {\n"
    "    -- name = { type = \"string\", default = \"x\", description = \"what it tunes\" },\n"
    "  },\n"
    "  help     = [[\n"
    "Why this matters, and how to fix it, in Markdown. The example shown under it is\n"
    "tests/%s/before.Dockerfile and after.Dockerfile (tested, not written here).\n"
    "]],\n"
    "  check = function(df, report)\n"
    "    -- df:commands(name) yields every simple command of every RUN, with its line\n"
    "    for _, cmd in df:commands(\"example-forbidden-tool\") do\n"
    "      report { message = \"do not run example-forbidden-tool\", at = cmd }\n"
    "    end\n"
    "  end,\n"
    "}\n";

static const char image_rule[] =
    "-- %s: TODO say in one line what this rule enforces and why.\n"
    "--\n"
    "-- Scaffolded by `plimsoll new-rule`: it flags an EXAMPLE_FORBIDDEN environment\n"
    "-- variable in the image config. Replace the check with the real condition, then the\n"
    "-- fixtures in tests/%s/ and the cases in tests/%s/%s_test.lua.\n"
    "return {\n"
    "  title    = \"TODO: the problem, as a short noun phrase\",\n"
    "  severity = \"medium\",        -- critical | high | medium | low | info\n"
    "  input    = \"image\",         -- dockerfile | image\n"
    "  preset   = \"default\",       -- default | strict (strict: only in the strict preset)\n"
    "  aliases  = {},              -- ids other tools use for this concern\n"
    "  params   = {\n"
    "    -- name = { type = \"string\", default = \"x\", description = \"what it tunes\" },\n"
    "  },\n"
    "  help     = [[\n"
    "Why this matters, and how to fix it, in Markdown. The example shown under it is\n"
    "tests/%s/before.json and after.json (tested, not written here).\n"
    "]],\n"
    "  check = function(img, report)\n"
    "    -- env_list keeps each variable with its line and JSON pointer\n"
    "    for _, var in ipairs(img.env_list) do\n"
    "      if var.key == \"EXAMPLE_FORBIDDEN\" then\n"
    "        report { message = \"do not set EXAMPLE_FORBIDDEN\", at = var }\n"
    "      end\n"
    "    end\n"
    "  end,\n"
    "}\n";

static const char dockerfile_fail[] = "FROM alpine:3.20\n"
                                      "# expect: %s\n"
                                      "RUN example-forbidden-tool --all\n";
static const char dockerfile_pass[] = "FROM alpine:3.20\n"
                                      "RUN echo example-forbidden-tool is only mentioned here\n";

static const char image_fail[] = "{\n"
                                 "  \"architecture\": \"amd64\",\n"
                                 "  \"os\": \"linux\",\n"
                                 "  \"config\": {\n"
                                 "    \"Env\": [\"PATH=/usr/bin:/bin\", \"EXAMPLE_FORBIDDEN=1\"]\n"
                                 "  },\n"
                                 "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}\n"
                                 "}\n";
static const char image_fail_expect[] = "%s 5\n";
static const char image_pass[] = "{\n"
                                 "  \"architecture\": \"amd64\",\n"
                                 "  \"os\": \"linux\",\n"
                                 "  \"config\": {\n"
                                 "    \"Env\": [\"PATH=/usr/bin:/bin\"]\n"
                                 "  },\n"
                                 "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}\n"
                                 "}\n";

static const char dockerfile_test[] =
    "-- Tests for %s in the *_test.lua API (docs/writing-rules.md): each test() gives\n"
    "-- a document inline and says what the rule must do with it.\n"
    "test(\"flags the forbidden tool\", function(t)\n"
    "  t:dockerfile [[\n"
    "FROM alpine:3.20\n"
    "RUN apk add --no-cache curl && example-forbidden-tool --all\n"
    "]]:rule(\"%s\"):finds { { 2, \"example-forbidden-tool\" } }\n"
    "end)\n"
    "\n"
    "test(\"passes when the tool is not run\", function(t)\n"
    "  t:dockerfile(\"FROM alpine:3.20\\nRUN echo hello\\n\"):rule(\"%s\"):passes()\n"
    "end)\n"
    "\n"
    "test(\"does not apply to image configs\", function(t)\n"
    "  t:image([[{\"architecture\": \"amd64\", \"os\": \"linux\", \"config\": {},\n"
    "            \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}}]]):rule(\"%s\"):skips()\n"
    "end)\n";

static const char image_test[] =
    "-- Tests for %s in the *_test.lua API (docs/writing-rules.md): each test() gives\n"
    "-- a document inline and says what the rule must do with it.\n"
    "test(\"flags the variable\", function(t)\n"
    "  t:image([[{\"architecture\": \"amd64\", \"os\": \"linux\",\n"
    "  \"config\": {\"Env\": [\"EXAMPLE_FORBIDDEN=yes\"]},\n"
    "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}}]]):rule(\"%s\"):finds { 2 }\n"
    "end)\n"
    "\n"
    "test(\"passes without it\", function(t)\n"
    "  t:image([[{\"architecture\": \"amd64\", \"os\": \"linux\", \"config\": {},\n"
    "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}}]]):rule(\"%s\"):passes()\n"
    "end)\n"
    "\n"
    "test(\"does not apply to Dockerfiles\", function(t)\n"
    "  t:dockerfile(\"FROM alpine:3.20\\n\"):rule(\"%s\"):skips()\n"
    "end)\n";

static int mkdirs(const char *path) {
    char *p = strdup(path);
    if (!p)
        abort();
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* Writes a new file (never replacing one); prints it. */
static int create(const char *path, const char *text) {
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(stderr, "plimsoll: new-rule: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    bool ok = fputs(text, f) >= 0;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        fprintf(stderr,
                "plimsoll: new-rule: cannot write %s (%s); free some space or check "
                "the directory's permissions\n",
                path, strerror(errno));
        return -1;
    }
    printf("created %s\n", path);
    return 0;
}

static char *fmt(const char *f, const char *id) {
    pl_buf b;
    pl_buf_init(&b);
    /* every %s of the templates is the id (five at most) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    pl_buf_printf(&b, f, id, id, id, id, id);
#pragma GCC diagnostic pop
    return pl_buf_take(&b);
}

/* A manifest name from the directory's base name, or a generic one. */
static char *guess_name(const char *dir) {
    char *real = realpath(dir, NULL);
    const char *base = real ? strrchr(real, '/') : NULL;
    base = base ? base + 1 : "";
    char *name = strdup(base);
    if (!name)
        abort();
    for (char *c = name; *c; c++) {
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
        else if (*c == '_' || *c == '.' || *c == ' ')
            *c = '-';
    }
    free(real);
    if (!pl_manifest_name_ok(name)) {
        free(name);
        name = strdup("my-policies");
    }
    return name;
}

int cli_new_rule(int argc, char **argv) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "new-rule");
    const char *id = NULL, *dir = ".";
    bool image = false;
    char msg[256];
    const char *v;
    int opt;
    while ((opt = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (opt) {
        case CLI_BAD: return cli_usage_error("%s", msg);
        case CLI_OPERAND:
            if (id)
                return cli_usage_error("new-rule: give one rule ID ('%s' and '%s')", id, v);
            id = v;
            break;
        case OPT_INPUT:
            if (strcmp(v, "dockerfile") != 0 && strcmp(v, "image") != 0)
                return cli_usage_error("new-rule: --input must be dockerfile or image, not '%s'",
                                       v);
            image = strcmp(v, "image") == 0;
            break;
        case OPT_DIR: dir = v; break;
        case OPT_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        }
    }
    if (!id)
        return cli_usage_error("new-rule: no rule ID given (lowercase kebab-case, e.g. "
                               "approved-base-image)");
    if (!pl_manifest_name_ok(id))
        return cli_usage_error("new-rule: bad rule id '%s': use lowercase letters, digits and "
                               "single hyphens (the bundle name is added as a prefix)",
                               id);

    pl_buf rule, tdir, fail, fail_expect, pass, test, manifest;
    pl_buf_init(&rule), pl_buf_init(&tdir), pl_buf_init(&fail), pl_buf_init(&fail_expect);
    pl_buf_init(&pass), pl_buf_init(&test), pl_buf_init(&manifest);
    const char *input = image ? "image" : "dockerfile";
    const char *ext = image ? "json" : "Dockerfile";
    pl_buf_printf(&rule, "%s/%s/%s.lua", dir, input, id);
    pl_buf_printf(&tdir, "%s/tests/%s", dir, id);
    /* the failing and passing fixtures are also the rule's before-and-after example */
    pl_buf_printf(&fail, "%s/before.%s", tdir.data, ext);
    pl_buf_printf(&fail_expect, "%s/before.%s.expect", tdir.data, ext);
    pl_buf_printf(&pass, "%s/after.%s", tdir.data, ext);
    pl_buf_printf(&test, "%s/%s_test.lua", tdir.data, id);
    pl_buf_printf(&manifest, "%s/%s", dir, PL_MANIFEST_FILE);

    int status = CLI_EXIT_OK;
    const char *all[] = {rule.data, fail.data, pass.data, test.data,
                         image ? fail_expect.data : NULL};
    for (size_t i = 0; i < 5; i++) {
        if (all[i] && exists(all[i])) {
            fprintf(stderr, "plimsoll: new-rule: %s already exists; nothing was created\n", all[i]);
            status = CLI_EXIT_ERROR;
        }
    }
    pl_buf sub;
    pl_buf_init(&sub);
    pl_buf_printf(&sub, "%s/%s", dir, input);
    if (status == CLI_EXIT_OK && (mkdirs(sub.data) != 0 || mkdirs(tdir.data) != 0)) {
        fprintf(stderr, "plimsoll: new-rule: cannot create directories under %s: %s\n", dir,
                strerror(errno));
        status = CLI_EXIT_ERROR;
    }
    pl_buf_free(&sub);
    if (status == CLI_EXIT_OK && !exists(manifest.data)) {
        char *name = guess_name(dir);
        pl_buf m;
        pl_buf_init(&m);
        pl_buf_printf(&m,
                      "# The policy bundle's manifest (docs/sharing-policies.md).\n"
                      "name: %s\nversion: 0.1.0\ndescription: TODO what these rules are for\n"
                      "plimsoll: \">=%s, <1.0\"\napi: %d\n",
                      name, PL_VERSION, PL_RULE_API);
        if (create(manifest.data, m.data) != 0)
            status = CLI_EXIT_ERROR;
        pl_buf_free(&m);
        free(name);
    }
    struct {
        const char *path, *tmpl;
    } files[] = {
        {rule.data, image ? image_rule : dockerfile_rule},
        {fail.data, image ? image_fail : dockerfile_fail},
        {image ? fail_expect.data : NULL, image_fail_expect},
        {pass.data, image ? image_pass : dockerfile_pass},
        {test.data, image ? image_test : dockerfile_test},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0] && status == CLI_EXIT_OK; i++) {
        if (!files[i].path)
            continue;
        char *text = fmt(files[i].tmpl, id);
        if (create(files[i].path, text) != 0)
            status = CLI_EXIT_ERROR;
        free(text);
    }
    if (status == CLI_EXIT_OK)
        printf("next: edit %s, then run 'plimsoll test %s'\n", rule.data, dir);
    pl_buf_free(&rule), pl_buf_free(&tdir), pl_buf_free(&fail), pl_buf_free(&fail_expect);
    pl_buf_free(&pass), pl_buf_free(&test), pl_buf_free(&manifest);
    return status;
}
