# SPDX-License-Identifier: MIT OR GPL-2.0-only
"""gate.py - decide whether the Frama-C/WP proofs of the core pass.

Frama-C exits 0 with unproved goals and with failed smoke tests, so this gate reads
the logs and JSON reports written by proofs/run_wp.sh (<name>.log, <name>.wp.json,
<name>.rc, <name>.time per analysed .c file) and fails (exit 1) on:

  * a frama-c run that exited non-zero, or left no log / JSON report / summary line;
  * any goal not proved (per goal, and proved != total in each log summary);
  * any failed smoke test;
  * any unsoundness or fatal message in a log (see UNSOUND_PATTERNS, FATAL_PATTERNS);
  * a function whose proved-goal count is below its floor in floors.json, or a
    function listed there that produced no goals;
  * a public function (declared in the public headers) that produced no goals or has
    no contract (no ensures/assigns/exits goal);
  * `admit` or `assume` inside an ACSL annotation in core/ or spec/.

It writes report.json and report.md, prints the table, and ends with the line
`proofs: P/T goals proved`. With --update-floors it writes floors.json from a run
that passes every other check (floor = current goal count per function).
"""

import argparse
import glob
import json
import os
import re
import sys

SCHEMA = "vkalloc-proofs/1"

# Messages after which a "proved" verdict cannot be trusted.
UNSOUND_PATTERNS = [
    "might be unsound",
    "not yet supported (skipped)",
    "Missing RTE guards",
    "annot:missing-spec",
    "interpreted as reads nothing",
    "Memory model hypotheses for function",
    "Neither code nor specification for function",
    "No 'assigns' specification for function",
    "Failed smoke-test",
]
# Messages that mean the analysis did not run as asked.
FATAL_PATTERNS = [
    "User Error",
    "Frama-C aborted",
    "Plug-in wp aborted",
    "annot-error",
    "[kernel] Failure",
    "Unexpected error",
    "fatal error",
    "Fatal error",
    ": not tried",
]

GOAL_VALID_RE = re.compile(
    r"^\[wp\] \[(?P<by>[^\]]+)\] Goal typed_(?P<goal>\S+) : (?P<verdict>\w+)(?P<rest>.*)$")
GOAL_FAILED_RE = re.compile(r"^\[wp\] \[(?P<by>[^\]]+)\] Goal typed_(?P<goal>\S+)\s*$")
SMOKE_RE = re.compile(r"^\[wp\] \[(?P<res>\w+)\] Smoke-test typed_(?P<goal>\S+)")
CACHE_RE = re.compile(r"^\[wp\] \[Cache\]")
SUMMARY_RE = re.compile(r"^\[wp\] Proved goals:\s+(\d+)\s*/\s*(\d+)")
DURATION_RE = re.compile(r"\((?:Qed:)?(\d+(?:\.\d+)?)(ms|s)\)")
CONTRACT_GOAL_RE = re.compile(r"(^|_)(ensures|assigns|exits|complete|disjoint|terminates)(_|$)")


def seconds(text):
    """Sum of the durations "(2ms)", "(Qed:2ms)", "(1.4s)" printed on one goal line."""
    total = 0.0
    for value, unit in DURATION_RE.findall(text):
        total += float(value) / (1000.0 if unit == "ms" else 1.0)
    return total


def strip_c_comments_keep_acsl(text):
    """Return (code without comments, list of ACSL annotation texts)."""
    acsl = []
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            body = text[i:j]
            if body.startswith("/*@"):
                acsl.append((text.count("\n", 0, i) + 1, body))
            out.append(" " + "\n" * body.count("\n"))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            body = text[i:j]
            if body.startswith("//@"):
                acsl.append((text.count("\n", 0, i) + 1, body))
            i = j
        elif text[i] in "\"'":
            q = text[i]
            j = i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out), acsl


def public_functions(header_paths):
    """Names of the functions declared or defined at file scope in the headers."""
    names = {}
    for path in header_paths:
        with open(path, encoding="utf-8") as fh:
            code, _ = strip_c_comments_keep_acsl(fh.read())
        # Drop preprocessor lines (with continuations).
        code = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", code, flags=re.M)
        depth = 0
        stmt = []
        for ch in code:
            if depth == 0:
                stmt.append(ch)
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    _declared_function(stmt, names, path)
                    stmt = []
            elif ch == ";" and depth == 0:
                _declared_function(stmt, names, path)
                stmt = []
    return names


def _declared_function(stmt_chars, names, path):
    stmt = " ".join("".join(stmt_chars).split())
    if not stmt or stmt.startswith(("typedef", "struct", "enum", "union")) and "(" not in stmt.split("{")[0]:
        return
    if stmt.startswith("typedef"):
        return
    m = re.match(r"^(?:[A-Za-z_][\w]*[\s\*]+)+?\**\s*([A-Za-z_]\w*)\s*\(", stmt)
    if not m:
        return
    head = stmt[:m.start(1)]
    if "=" in head or "(" in head:
        return
    names[m.group(1)] = os.path.basename(path)


def scan_forbidden(paths):
    """`admit` / `assume` in ACSL annotations: each is an unproved assumption."""
    problems = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as fh:
            _, acsl = strip_c_comments_keep_acsl(fh.read())
        for line, body in acsl:
            for word in ("admit", "assume"):
                for m in re.finditer(r"\b%s\b" % word, body):
                    at = line + body.count("\n", 0, m.start())
                    problems.append("%s:%d: forbidden `%s` in an ACSL annotation" % (path, at, word))
    return problems


class Prop:
    """One WP property (JSON report entry); -wp-split may make it several goals."""

    def __init__(self, function, name, smoke):
        self.function = function
        self.name = name
        self.smoke = smoke
        self.total = 0
        self.valid = 0
        self.runs = 0


def owner_of(goal, props, functions):
    """Function a log goal name belongs to.

    Log names are the JSON property names, split into _partN goals, with
    -wp-split's _exit/_normal suffixes, and sometimes shortened (long behavior
    names); smoke tests of calls are named after the callee. So: the property
    that is the longest prefix of the goal, else the longest function name that
    is, else "?".
    """
    best = None
    for name in props:
        if (goal == name or goal.startswith(name + "_")) and (best is None or len(name) > len(best)):
            best = name
    if best is not None:
        return props[best].function
    for function in functions:
        plain = "lemma_" + function[len("lemma:"):] if function.startswith("lemma:") else function
        if (goal == plain or goal.startswith(plain + "_")) and (best is None or len(plain) > len(best[0])):
            best = (plain, function)
    return best[1] if best else "?"


def load_run(base, log_dir, goals, logdata, files, failures, warnings, prover_attempts):
    """Read one frama-c run (log + JSON + rc + time) into goals/files."""
    def read(ext):
        path = os.path.join(log_dir, base + ext)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    src = (read(".src") or base + ".c").strip()
    # A "<file>.smoke" run (run_wp.sh's smoke pass, cvc4 only) counts for its
    # smoke tests alone; goal verdicts come from the file's proof pass.
    smoke_only = base.endswith(".smoke")
    rc_text = read(".rc")
    time_text = read(".time")
    log = read(".log")
    report_text = read(".wp.json")
    entry = {"file": src, "rc": None, "time_s": None, "logged_proved": None, "logged_total": None}
    files.append(entry)
    if rc_text is not None and rc_text.strip():
        entry["rc"] = int(rc_text.strip())
        if entry["rc"] != 0:
            failures.append("%s: frama-c exited %d (see %s.log)" % (src, entry["rc"], base))
    else:
        failures.append("%s: no exit status recorded" % src)
    if time_text:
        entry["time_s"] = float(time_text.strip())
    if log is None:
        failures.append("%s: no log" % src)
        return
    if report_text is None:
        failures.append("%s: no JSON report (frama-c did not reach WP's report)" % src)
        report = {}
    else:
        try:
            report = json.loads(report_text)
        except ValueError as err:
            failures.append("%s: JSON report unreadable: %s" % (src, err))
            report = {}

    # JSON: the authoritative list of properties, per function, with goal counts.
    props = {}

    def add_prop(function, name, stats):
        if smoke_only and "_wp_smoke_" not in name:
            props[name] = Prop(function, name, False)  # owner lookup only
            return
        key = (function, name)
        p = goals.get(key)
        if p is None:
            p = goals[key] = Prop(function, name, "_wp_smoke_" in name)
        main = stats.get("wp:main", {})
        total = int(main.get("total", 0))
        valid = int(main.get("valid", 0))
        if p.runs == 0:
            p.total, p.valid = total, valid
        else:  # same property from another translation unit (inline helper)
            p.total, p.valid = max(p.total, total), min(p.valid, valid)
        p.runs += 1
        props[name] = p

    for function, section in report.get("wp:functions", {}).items():
        for name, stats in section.items():
            if name != "wp:section":
                add_prop(function, name, stats)
    for _axiomatic, section in report.get("wp:axiomatics", {}).items():
        for name, stats in section.items():
            if name != "wp:section":
                add_prop("lemma:" + (name[len("lemma_"):] if name.startswith("lemma_") else name),
                         name, stats)
    for prover, stats in report.get("wp:global", {}).items():
        acc = prover_attempts.setdefault(prover, {})
        for k, v in stats.items():
            if isinstance(v, int) and k != "rank":
                acc[k] = acc.get(k, 0) + v

    json_functions = sorted({p.function for p in props.values()})

    def log_of(goal):
        function = owner_of(goal, props, json_functions)
        return logdata.setdefault(function, {"by": {}, "time_s": 0.0, "failed": [], "failed_smoke": []})

    # Log: who proved each goal, times, failure details, messages.
    lines = log.splitlines()
    summary_seen = False
    current_failed = None
    consumed = set()
    for idx, line in enumerate(lines):
        if idx in consumed:
            continue
        if current_failed is not None and line.startswith("  ") and ":" in line:
            current_failed[1].append(line.strip())
            current_failed[0]["time_s"] += seconds(line)
            continue
        current_failed = None
        m = GOAL_VALID_RE.match(line)
        if m and smoke_only:
            continue
        if m:
            d = log_of(m.group("goal"))
            d["time_s"] += seconds(m.group("rest"))
            if m.group("verdict") == "Valid":
                d["by"][m.group("by")] = d["by"].get(m.group("by"), 0) + 1
            else:
                d["failed"].append("typed_%s (%s: %s)" % (m.group("goal"), m.group("by"), m.group("verdict")))
            continue
        m = GOAL_FAILED_RE.match(line)
        if m and smoke_only:
            current_failed = ({"time_s": 0.0}, [])  # swallow its prover lines
            continue
        if m:
            d = log_of(m.group("goal"))
            verdicts = []
            d["failed"].append(("typed_" + m.group("goal"), verdicts))
            current_failed = (d, verdicts)
            continue
        m = SMOKE_RE.match(line)
        if m:
            d = log_of(m.group("goal"))
            text = "typed_%s" % m.group("goal")
            if m.group("res") != "Passed" and text not in d["failed_smoke"]:
                d["failed_smoke"].append(text)
            continue
        m = CACHE_RE.match(line)
        if m and re.search(r"\bfailed:\s*[1-9]", line):
            # -wp-cache offline and a goal not in the cache: no prover ran, and a
            # smoke test is then reported "Passed" although nothing was checked.
            failures.append("%s: WP cache misses in offline mode, results not computed: %s" % (
                src, line.strip()))
            continue
        m = SUMMARY_RE.match(line)
        if m:
            summary_seen = True
            entry["logged_proved"] = int(m.group(1))
            entry["logged_total"] = int(m.group(2))
            if m.group(1) != m.group(2) and not smoke_only:
                failures.append("%s: WP summary says %s / %s goals proved" % (src, m.group(1), m.group(2)))
            continue
        message = line
        j = idx + 1
        while j < len(lines) and lines[j].startswith("  ") and "Warning" in line:
            message += " " + lines[j].strip()
            consumed.add(j)
            j += 1
        for pat in UNSOUND_PATTERNS:
            if pat in message:
                failures.append("%s: gated message: %s" % (src, message.strip()))
                break
        else:
            for pat in FATAL_PATTERNS:
                if pat in line:
                    failures.append("%s: %s" % (src, line.strip()))
                    break
            else:
                if "Warning:" in line:
                    warnings.append("%s: %s" % (src, message.strip()))
    if not summary_seen:
        failures.append("%s: no 'Proved goals' summary in the log (did WP run?)" % src)


def describe(items):
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.append("%s (%s)" % (item[0], "; ".join(item[1]) or "not proved"))
        else:
            out.append(item)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--log-dir", required=True, help="directory written by run_wp.sh")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="repository root (for headers, floors and the admit scan)")
    ap.add_argument("--out", help="where report.json and report.md go (default: --log-dir)")
    ap.add_argument("--floors", help="floors file (default: <root>/proofs/floors.json)")
    ap.add_argument("--headers", action="append",
                    help="glob (relative to root) of public headers; repeatable (default: core/*.h)")
    ap.add_argument("--scan", action="append",
                    help="glob (relative to root) of files refused if an ACSL annotation says "
                         "admit/assume; repeatable (default: core/*.[ch], spec/**/*.[ch])")
    ap.add_argument("--require-floors", action="store_true",
                    help="also fail for a function that has no floor in floors.json")
    ap.add_argument("--fail-on-any-warning", action="store_true",
                    help="also fail on any other Frama-C warning")
    ap.add_argument("--update-floors", action="store_true",
                    help="write floors.json from this run (refused unless every other check passes)")
    args = ap.parse_args(argv)

    root = os.path.abspath(args.root)
    out_dir = args.out or args.log_dir
    floors_path = args.floors or os.path.join(root, "proofs", "floors.json")
    header_globs = args.headers or ["core/*.h"]
    scan_globs = args.scan or ["core/*.c", "core/*.h", "spec/**/*.c", "spec/**/*.h"]

    failures = []
    warnings = []
    goals = {}
    logdata = {}
    files = []
    prover_attempts = {}

    bases = sorted(os.path.basename(p)[:-len(".log")] for p in glob.glob(os.path.join(args.log_dir, "*.log"))
                   if not p.endswith("why3-detect.log"))
    bases = sorted(set(bases) | {os.path.basename(p)[:-len(".rc")]
                                 for p in glob.glob(os.path.join(args.log_dir, "*.rc"))})
    if not bases:
        failures.append("no frama-c logs in %s" % args.log_dir)
    for base in bases:
        load_run(base, args.log_dir, goals, logdata, files, failures, warnings, prover_attempts)

    # Per function.
    functions = {}
    def entry(function):
        return functions.setdefault(function, {
            "kind": "lemma" if function.startswith("lemma:") else "function",
            "goals": 0, "proved": 0, "time_s": 0.0, "smoke_passed": 0, "smoke_failed": 0,
            "provers": {}, "unproved": [], "failed_smoke": [], "contract_goals": 0})

    bad_props = {}
    for (function, name), p in sorted(goals.items()):
        f = entry(function)
        bad = p.valid < p.total or p.total == 0
        if p.smoke:
            f["smoke_passed"] += p.valid
            f["smoke_failed"] += max(p.total - p.valid, 1 if p.total == 0 else 0)
        else:
            f["goals"] += p.total
            f["proved"] += p.valid
            rest = name[len(function):] if name.startswith(function) else name
            if CONTRACT_GOAL_RE.search(rest):
                f["contract_goals"] += p.total
        if bad:
            bad_props.setdefault((function, p.smoke), []).append(
                "typed_%s (%d/%d valid in the JSON report)" % (name, p.valid, p.total))
    for function, d in sorted(logdata.items()):
        f = entry(function)
        f["time_s"] += d["time_s"]
        for by, n in d["by"].items():
            f["provers"][by] = f["provers"].get(by, 0) + n
        # A failure the log shows but the JSON does not count still fails.
        f["proved"] = min(f["proved"], max(0, f["goals"] - len(d["failed"])))
        if len(d["failed_smoke"]) > f["smoke_failed"]:
            f["smoke_passed"] -= min(f["smoke_passed"], len(d["failed_smoke"]) - f["smoke_failed"])
            f["smoke_failed"] = len(d["failed_smoke"])
    for function, f in sorted(functions.items()):
        d = logdata.get(function, {"failed": [], "failed_smoke": []})
        unproved = describe(d["failed"]) or bad_props.get((function, False), [])
        if unproved:
            f["unproved"] = unproved
            failures.append("unproved goal%s in %s: %s" % (
                "s" if len(unproved) > 1 else "", function, ", ".join(unproved)))
        smoke = d["failed_smoke"] or bad_props.get((function, True), [])
        if smoke:
            f["failed_smoke"] = smoke
            failures.append("smoke test failed in %s: %s: a requires, an assumption or a code path "
                            "is inconsistent or dead, so proofs under it are vacuous" % (
                                function, ", ".join(smoke)))

    # Floors.
    floors = {}
    if os.path.exists(floors_path):
        try:
            with open(floors_path, encoding="utf-8") as fh:
                floors = json.load(fh).get("functions", {})
        except (ValueError, AttributeError) as err:
            if not args.update_floors:
                failures.append("floors file %s is unreadable: %s" % (floors_path, err))
    elif not args.update_floors:
        failures.append("no floors file %s" % floors_path)
    floor_failures = []
    for function, floor in sorted(floors.items()):
        f = functions.get(function)
        if f is None or f["goals"] == 0:
            floor_failures.append("%s is listed in %s (floor %d) but produced no goals" % (
                function, os.path.basename(floors_path), floor))
        elif f["proved"] < floor:
            floor_failures.append("%s: %d goals proved, below its floor of %d in %s" % (
                function, f["proved"], floor, os.path.basename(floors_path)))
    if args.require_floors:
        for function in sorted(functions):
            if function != "?" and function not in floors:
                floor_failures.append("%s has no floor in %s" % (function, os.path.basename(floors_path)))

    # Public functions need goals and a contract.
    headers = sorted({p for g_ in header_globs for p in glob.glob(os.path.join(root, g_))})
    public = public_functions(headers)
    public_bad = set()
    for name, header in sorted(public.items()):
        f = functions.get(name)
        if f is None or f["goals"] == 0 or f["contract_goals"] == 0:
            public_bad.add(name)
        if f is None or f["goals"] == 0:
            failures.append("public function %s (%s) produced no goals: no contract, or not defined "
                            "in the analysed files" % (name, header))
        elif f["contract_goals"] == 0:
            failures.append("public function %s (%s) has no contract: only RTE goals, no "
                            "ensures/assigns goal" % (name, header))

    scan_paths = sorted({p for g_ in scan_globs for p in glob.glob(os.path.join(root, g_), recursive=True)})
    failures.extend(scan_forbidden(scan_paths))

    if args.fail_on_any_warning:
        failures.extend("warning: " + w for w in warnings)

    total = sum(f["goals"] for f in functions.values())
    proved = sum(f["proved"] for f in functions.values())
    smoke_passed = sum(f["smoke_passed"] for f in functions.values())
    smoke_failed = sum(f["smoke_failed"] for f in functions.values())
    provers = {}
    for f in functions.values():
        for p, n in f["provers"].items():
            provers[p] = provers.get(p, 0) + n

    wall_s = None
    wall_path = os.path.join(args.log_dir, "wall.time")
    if os.path.exists(wall_path):
        with open(wall_path, encoding="utf-8") as fh:
            wall_s = float(fh.read().strip())

    rc = 0
    if args.update_floors:
        if failures:
            print("gate: refusing to update floors: the run is not clean", file=sys.stderr)
            rc = 1
        else:
            new = {fn: f["goals"] for fn, f in sorted(functions.items()) if fn != "?"}
            with open(floors_path, "w", encoding="utf-8") as fh:
                json.dump({"comment": "Per-function floor on proved WP goals (smoke tests not "
                           "counted). Written by proofs/gate.py --update-floors from a clean run; "
                           "lowering a floor needs a reason in the commit message.",
                           "functions": new}, fh, indent=2, sort_keys=True)
                fh.write("\n")
            print("gate: wrote %d floors to %s" % (len(new), floors_path))
            floors = new
    else:
        failures.extend(floor_failures)
    failures = list(dict.fromkeys(failures))
    if failures:
        rc = 1

    for name, f in functions.items():
        f["floor"] = floors.get(name)
        f["time_s"] = round(f["time_s"], 3)
        bad = (f["unproved"] or f["failed_smoke"] or name in public_bad or
               (f["floor"] is not None and f["proved"] < f["floor"]))
        f["status"] = "FAIL" if bad else "ok"
        del f["contract_goals"]
    for name in public:
        if name not in functions:
            functions[name] = {"kind": "function", "goals": 0, "proved": 0, "time_s": 0.0,
                               "smoke_passed": 0, "smoke_failed": 0, "provers": {}, "unproved": [],
                               "failed_smoke": [], "floor": floors.get(name), "status": "FAIL"}
    for name, floor in floors.items():
        if name not in functions:
            functions[name] = {"kind": "function", "goals": 0, "proved": 0, "time_s": 0.0,
                               "smoke_passed": 0, "smoke_failed": 0, "provers": {}, "unproved": [],
                               "failed_smoke": [], "floor": floor, "status": "FAIL"}

    report = {
        "schema": SCHEMA,
        "status": "pass" if rc == 0 else "fail",
        "total": total,
        "proved": proved,
        "smoke_tests": {"total": smoke_passed + smoke_failed, "passed": smoke_passed, "failed": smoke_failed},
        "wall_time_s": wall_s,
        "provers": provers,
        "prover_attempts": prover_attempts,
        "files": files,
        "functions": dict(sorted(functions.items())),
        "failures": failures,
        "warnings": warnings,
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "report.json"), "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
        fh.write("\n")

    md = ["# WP proof report", "",
          "| function | goals | proved | floor | smoke | time (s) | status |",
          "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, f in sorted(functions.items()):
        md.append("| %s | %d | %d | %s | %d/%d | %.2f | %s |" % (
            name, f["goals"], f["proved"], "-" if f["floor"] is None else f["floor"],
            f["smoke_passed"], f["smoke_passed"] + f["smoke_failed"], f["time_s"], f["status"]))
    md.append("")
    md.append("Smoke tests: %d passed, %d failed. Proved by: %s. Frama-C wall time: %s s." % (
        smoke_passed, smoke_failed,
        ", ".join("%s %d" % kv for kv in sorted(provers.items())) or "-",
        "-" if wall_s is None else "%.1f" % wall_s))
    if failures:
        md += ["", "## Failures", ""] + ["- " + x for x in failures]
    if warnings:
        md += ["", "## Other warnings (not gated)", ""] + ["- " + x for x in warnings]
    md += ["", "gate: %s" % ("PASS" if rc == 0 else "FAIL"), "proofs: %d/%d goals proved" % (proved, total)]
    with open(os.path.join(out_dir, "report.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(md) + "\n")

    print("\n".join(md[2:2 + len(functions) + 2]))
    print()
    for w in warnings:
        print("warning (not gated): " + w)
    for x in failures:
        print("FAIL: " + x)
    print("gate: %s%s; smoke tests %d/%d passed; report: %s" % (
        "PASS" if rc == 0 else "FAIL", "" if rc == 0 else " (%d problems)" % len(failures),
        smoke_passed, smoke_passed + smoke_failed, os.path.join(out_dir, "report.md")))
    print("proofs: %d/%d goals proved" % (proved, total))
    return rc


if __name__ == "__main__":
    sys.exit(main())
