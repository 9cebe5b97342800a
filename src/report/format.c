/* format.c — choosing a report format by name and dispatching to its writer.
 *
 * The CLI parses --format once with pl_format_parse and hands the result here, so adding
 * a format means one name, one enum value and one case. */
#include <string.h>

#include "plimsoll/report.h"

static const struct {
    const char *name;
    pl_format format;
} formats[] = {
    {"text", PL_FORMAT_TEXT},
    {"json", PL_FORMAT_JSON},
    {"sarif", PL_FORMAT_SARIF},
    {"junit", PL_FORMAT_JUNIT},
    {"github", PL_FORMAT_GITHUB},
    {"gitlab", PL_FORMAT_GITLAB},
    {"checkstyle", PL_FORMAT_CHECKSTYLE},
};

const char *pl_format_names(void) {
    return "text|json|sarif|junit|github|gitlab|checkstyle";
}

int pl_format_parse(const char *s, pl_format *out) {
    for (size_t i = 0; s && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(s, formats[i].name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return -1;
}

void pl_report_write(pl_format f, const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    switch (f) {
    case PL_FORMAT_JSON: pl_report_json(r, o, out); return;
    case PL_FORMAT_SARIF: pl_report_sarif(r, o, out); return;
    case PL_FORMAT_JUNIT: pl_report_junit(r, o, out); return;
    case PL_FORMAT_GITHUB: pl_report_github(r, o, out); return;
    case PL_FORMAT_GITLAB: pl_report_gitlab(r, o, out); return;
    case PL_FORMAT_CHECKSTYLE: pl_report_checkstyle(r, o, out); return;
    case PL_FORMAT_TEXT: break;
    }
    pl_report_text(r, o, out);
}
