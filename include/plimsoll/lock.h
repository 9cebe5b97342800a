/* lock.h — plimsoll.lock: pinning the content of policy bundles.
 *
 * A lockfile records, per bundle, its manifest name and version, its path (relative to
 * the lockfile's directory when it lies below it) and sha256 digests: one per file and
 * one over the whole bundle. Verifying compares a bundle's files as they are now with
 * the lockfile and names every file that changed, appeared or disappeared, so a shared
 * policy repository consumed as a submodule or vendored directory cannot drift
 * unnoticed. The format is JSON, described in docs/sharing-policies.md. */
#ifndef PLIMSOLL_LOCK_H
#define PLIMSOLL_LOCK_H

#include <stddef.h>

#include "plimsoll/result.h"

#define PL_LOCK_FILE "plimsoll.lock"

/* Writes lockfile (atomically) for the bundles in bundle_dirs. Every problem (unreadable
 * bundle, bad manifest) goes to res and nothing is written. Returns the number of
 * problems. */
int pl_lock_write(const char *lockfile, const char *const *bundle_dirs, size_t n, pl_results *res);

/* Checks each bundle in bundle_dirs against lockfile: a missing or malformed lockfile, a
 * bundle the lockfile does not list, and every changed, added or removed file is a problem
 * in res (path: the bundle file or the lockfile). Returns the number of problems (0: every
 * bundle matches). */
int pl_lock_verify(const char *lockfile, const char *const *bundle_dirs, size_t n, pl_results *res);

/* Reads lockfile text (lockfile names it in messages) as pl_lock_verify does before it
 * looks at any bundle: JSON without duplicate keys, lockfile-version 1, and every entry of
 * bundles an object with a path, a digest and a digest string per file. Every problem
 * goes to res; returns their number (0: the text is a well-formed lockfile). */
int pl_lock_check_text(const char *lockfile, const char *text, size_t len, pl_results *res);

/* The digest of a bundle directory as a lockfile records it ("sha256:<64 hex>"), into
 * out; 0, or -1 with err. */
int pl_lock_digest(const char *bundle_dir, char out[72], pl_error *err);

#endif
