/* bundle.h — a policy bundle's manifest (bundle.yaml) and loading a bundle by it.
 *
 * A bundle directory carries bundle.yaml: its name (which namespaces its rule ids), its
 * semantic version, the plimsoll versions it works with, a description and a license.
 * The manifest is read with libyaml and checked completely: every problem (unknown key,
 * wrong type, bad name or version, unsatisfied constraint) is reported with file, line
 * and column, not just the first. */
#ifndef PLIMSOLL_BUNDLE_H
#define PLIMSOLL_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "plimsoll/core.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"

#define PL_MANIFEST_FILE "bundle.yaml"
/* The name of the built-in bundle: its rules keep bare ids. */
#define PL_BUILTIN_BUNDLE "builtin"

typedef struct pl_manifest {
    char *name;        /* lowercase kebab-case: "acme-policies" */
    char *version;     /* semver: "1.2.0" */
    char *description; /* NULL when absent */
    char *plimsoll;    /* version constraint: ">=0.1, <1.0"; NULL when absent */
    char *license;     /* SPDX expression; NULL when absent */
} pl_manifest;

/* Parses manifest text. Every problem goes to res->problems with path, line and column.
 * Returns the number of problems (0: *out is complete). *out is always safe to free. */
int pl_manifest_parse(const char *path, const char *text, size_t len, pl_manifest *out,
                      pl_results *res);
void pl_manifest_free(pl_manifest *m);

/* True for a lowercase kebab-case name: [a-z0-9]+(-[a-z0-9]+)*, at most 64 bytes. */
bool pl_manifest_name_ok(const char *name);
/* True for MAJOR.MINOR.PATCH with an optional -prerelease and +build (semver 2.0). */
bool pl_semver_ok(const char *v);
/* Compares two versions by MAJOR.MINOR.PATCH (missing parts are 0); a pre-release sorts
 * before its release. Returns <0, 0, >0. */
int pl_semver_cmp(const char *a, const char *b);
/* Does version satisfy constraint? A constraint is comma-separated comparators, all of
 * which must hold: ">=0.1", "<1.0", "=0.1.2", "0.1.2" (exact), "^0.1" (compatible: same
 * first non-zero part), "~0.1.2" (same minor). Returns 1 satisfied, 0 not, -1 malformed
 * (err filled). */
int pl_version_satisfies(const char *constraint, const char *version, pl_error *err);

/* Loads the bundle in dir by its manifest: reads dir/bundle.yaml (a missing manifest is a
 * problem that says what to write), checks it and the running plimsoll against it, then
 * loads the rules with ids namespaced "name/id" (bare for the built-in name). Nothing is
 * loaded when the manifest has a problem. out (may be NULL) receives the manifest.
 * Returns the number of problems added to res. */
int pl_engine_add_bundle_manifest(pl_engine *e, const char *dir, pl_manifest *out,
                                  pl_results *res);
/* The built-in bundle, checked against its embedded manifest. */
int pl_engine_add_builtin(pl_engine *e, pl_results *res);

#endif
