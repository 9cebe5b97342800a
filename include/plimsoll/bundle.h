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
    char *name;                 /* lowercase kebab-case: "acme-policies" */
    char *version;              /* semver: "1.2.0" */
    char *description;          /* NULL when absent */
    char *plimsoll;             /* version constraint: ">=0.1, <1.0"; NULL when absent */
    char *license;              /* SPDX expression; NULL when absent */
    char *api;                  /* the rule API targeted: "1"; NULL when absent (then 1) */
    int name_line, name_column; /* where the name is written; 0 when absent */
} pl_manifest;

/* Parses manifest text. Every problem goes to res->problems with path, line and column.
 * Returns the number of problems (0: *out is complete). *out is always safe to free. */
int pl_manifest_parse(const char *path, const char *text, size_t len, pl_manifest *out,
                      pl_results *res);
/* Reads and parses DIR/bundle.yaml, as pl_manifest_parse. A file that cannot be read is one
 * problem saying how to create it. */
int pl_manifest_read(const char *dir, pl_manifest *out, pl_results *res);
void pl_manifest_free(pl_manifest *m);

/* True for a lowercase kebab-case name: [a-z0-9]+(-[a-z0-9]+)*, at most 64 bytes (the
 * grammar of rule ids too: pl_name_ok). */
bool pl_manifest_name_ok(const char *name);
/* Names a bundle directory may not take: "builtin" belongs to the built-in bundle, whose
 * rules keep bare ids (a bundle of that name would pose as it and shadow its ids), and
 * "plimsoll" to the project. */
bool pl_bundle_name_reserved(const char *name);
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
 * loads the rules with ids namespaced "name/id". Nothing is loaded when the manifest has
 * a problem or a reserved name (pl_bundle_name_reserved). A bundle is identified by its
 * real path: a directory already loaded into e is not loaded again (no problem either).
 * out (may be NULL) receives the manifest. Returns the number of problems added to res. */
int pl_engine_add_bundle_manifest(pl_engine *e, const char *dir, pl_manifest *out, pl_results *res);
/* The same for `plimsoll test`, where the bundle is the engine's only one: the built-in
 * bundle's own sources (name: builtin) load too, with bare ids as when embedded; there is
 * nothing beside them to shadow. Any other reserved name is still refused. */
int pl_engine_add_bundle_alone(pl_engine *e, const char *dir, pl_manifest *out, pl_results *res);
/* Keeps the first of the entries of dirs that name the same directory (by real path, so
 * "x", "./x/" and a symlink to x are one bundle), in order; returns the new count.
 * Entries that do not resolve are kept for the loader to report. */
size_t pl_bundle_dirs_unique(const char **dirs, size_t n);

/* The built-in bundle, checked against its embedded manifest. */
int pl_engine_add_builtin(pl_engine *e, pl_results *res);

#endif
