/* report_internal.h — what the report writers share and nothing outside src/report sees:
 * the one way each output carries untrusted text (JSON strings, XML text and attributes,
 * URIs), and the one mapping from plimsoll's severities to each format's levels. */
#ifndef PL_REPORT_INTERNAL_H
#define PL_REPORT_INTERNAL_H

#include <jansson.h>

#include "plimsoll/report.h"

/* A JSON string for s (null for NULL); bytes that are not UTF-8 become `\xNN`. */
json_t *pl_rep_jstr(const char *s);
/* Sets obj[key] / appends to arr; aborts only on out of memory. */
void pl_rep_set(json_t *obj, const char *key, json_t *value);
void pl_rep_append(json_t *arr, json_t *value);
/* Serialises root (which it releases) into out, with a final newline. */
void pl_rep_dump(json_t *root, size_t flags, pl_buf *out);

/* XML 1.0 character data or attribute value: & < > " ' escaped, stray bytes as `\xNN`,
 * and the control characters XML 1.0 cannot carry (all below U+0020 but tab, LF, CR)
 * written as `\xNN` too, so a report always parses. */
void pl_rep_xml(pl_buf *out, const char *s);
/* ` name="value"`, the value escaped as above. */
void pl_rep_xml_attr(pl_buf *out, const char *name, const char *value);

/* A relative path as a URI reference: RFC 3986 unreserved characters and '/' as they
 * are, every other byte percent-encoded; a leading "./" dropped. */
void pl_rep_uri(pl_buf *out, const char *path);
/* True for a path that is absolute (it becomes a file:// URI). */
bool pl_rep_path_absolute(const char *path);

/* Severity as SARIF level (error, warning, note), GitHub command (error, warning,
 * notice), GitLab Code Quality severity (blocker ... info), checkstyle severity
 * (error, warning, info), and SARIF security-severity ("9.5" ... "3.0"; NULL for info). */
const char *pl_rep_sarif_level(pl_severity s);
const char *pl_rep_github_level(pl_severity s);
const char *pl_rep_gitlab_severity(pl_severity s);
const char *pl_rep_checkstyle_severity(pl_severity s);
const char *pl_rep_security_severity(pl_severity s);

/* True when path is one of the checked files (targets). */
bool pl_rep_is_target(const pl_results *r, const char *path);

/* A rule's metadata by id among the results' rules, or NULL. */
const pl_rule_meta *pl_rep_rule(const pl_results *r, const char *id);

#endif
