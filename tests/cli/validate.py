#!/usr/bin/python3
"""validate.py — checks a report against the real schema of its format (tests only).

usage: validate.py sarif|junit|checkstyle|gitlab|json REPORT [SHARED_DIR]

SARIF is validated with Debian's python3-jsonschema against the OASIS schema in
shared/schemas; JUnit and checkstyle with xmllint against their XSDs; GitLab Code
Quality against the fields GitLab documents as required (there is no schema). Every
report is decoded as strict UTF-8 first. Exits 0 when valid, 1 with the reasons."""
import json
import subprocess
import sys


def fail(msg):
    print(f"invalid: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else "../shared"
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("byte-order mark")
    try:
        text = raw.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    if kind == "sarif":
        import jsonschema
        schema = json.load(open(f"{shared}/schemas/sarif/sarif-schema-2.1.0.json"))
        doc = json.loads(text)
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)
        if errors:
            fail("; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    elif kind in ("junit", "checkstyle"):
        xsd = {"junit": "junit/junit-10.xsd",
               "checkstyle": "checkstyle/checkstyle-report-1.0.0.xsd"}[kind]
        r = subprocess.run(["xmllint", "--noout", "--schema", f"{shared}/schemas/{xsd}", path],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(r.stderr.strip()[:2000])
    elif kind == "gitlab":
        doc = json.loads(text)
        if not isinstance(doc, list):
            fail("not a single array")
        for i, issue in enumerate(doc):
            for key in ("description", "check_name", "fingerprint", "severity"):
                if not isinstance(issue.get(key), str) or not issue[key]:
                    fail(f"issue {i}: {key} missing or not a non-empty string")
            if issue["severity"] not in ("info", "minor", "major", "critical", "blocker"):
                fail(f"issue {i}: severity {issue['severity']}")
            loc = issue.get("location") or {}
            if not isinstance(loc.get("path"), str) or loc["path"].startswith("./"):
                fail(f"issue {i}: location.path")
            begin = (loc.get("lines") or {}).get("begin")
            if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
                fail(f"issue {i}: location.lines.begin must be a positive integer")
        fps = [x["fingerprint"] for x in doc]
        if len(fps) != len(set(fps)):
            fail("fingerprints are not unique")
    elif kind == "json":
        json.loads(text)
    else:
        fail(f"unknown kind {kind}")


main()
