/* baseline.h — findings a team has accepted as they are, so that only new ones fail.
 *
 * A baseline is a sorted text file, one finding per line: its fingerprint with its
 * occurrence in the file (pl_results_fingerprint), the rule, the path, and the message for
 * the reader, separated by tabs. `check --baseline FILE` marks the findings it lists as
 * suppressed (kind "baseline"), so they are reported but never fail the run, and notes
 * each entry that no longer occurs, so the file can shrink. Format: docs/ci.md. */
#ifndef PLIMSOLL_BASELINE_H
#define PLIMSOLL_BASELINE_H

#include "plimsoll/core.h"
#include "plimsoll/result.h"

#define PL_BASELINE_HEADER "# plimsoll baseline 1"
/* Where `plimsoll baseline` writes without -o. */
#define PL_BASELINE_FILE "plimsoll.baseline"

typedef struct pl_baseline pl_baseline;

/* Reads a baseline file. Returns 0, or -1 with err naming the file and line of the first
 * line that is not a baseline entry (a foreign or corrupt file is never half-read). */
int pl_baseline_read(const char *path, pl_baseline **out, pl_error *err);
void pl_baseline_free(pl_baseline *b);

/* Marks every finding of r (sorted) that b lists as suppressed by the baseline, then adds
 * a note for each entry that matched nothing (fixed) and one that counts what was
 * hidden. Returns the number of findings hidden. */
size_t pl_baseline_apply(const pl_baseline *b, const char *path, pl_results *r);

/* The baseline text for r's findings that are not suppressed otherwise (sorted). */
char *pl_baseline_text(const pl_results *r);

#endif
