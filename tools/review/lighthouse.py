"""Lighthouse on the reader pages of the demo site served as by `make serve` (`make lighthouse`).

Runs npm's Lighthouse (mobile emulation, the default) with Debian's Chromium on the front page,
the seed article, the live story, an author page and the Ukrainian edition's front page and seed
story, prints the four scores of each page with
whatever keeps a score under 100, and exits non-zero unless performance, accessibility and best
practices score 100 and SEO at least 95. Scores vary from run to run, so each page is measured
LIGHTHOUSE_RUNS times (default 3) and the run with the median performance score counts, as
Lighthouse's documentation advises. The JSON and HTML reports are kept in var/lighthouse/reports/.

Standard library only. BASE_URL=http://host:port measures a site that is already running.
"""

import json
import os
import subprocess
import sys

from tools.review.demo_site import (
    BASE_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    SITE_DIR,
    demo_site,
    page_paths,
    site_env,
)

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORT_DIR = SITE_DIR / "reports"
CATEGORIES = {
    "performance": 100,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 95,
}
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
]
UNSCORED = {"notApplicable", "manual", "informative", "error"}
DETAIL_ITEMS = 5


ATTEMPTS = 3


def run_lighthouse(url, name):
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    output = REPORT_DIR / name
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        "--quiet",
    ]
    # Lighthouse sometimes loses the page-load trace (NO_NAVSTART); that run measured nothing.
    for attempt in range(1, ATTEMPTS + 1):
        if subprocess.run(command).returncode == 0:
            return json.loads(output.with_suffix(".report.json").read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS})", file=sys.stderr)
    raise SystemExit(f"Lighthouse could not measure {url}")


def scores(report):
    return {
        category: round((report["categories"][category]["score"] or 0) * 100)
        for category in CATEGORIES
    }


def errored_audits(report):
    """Audits Lighthouse could not run (scored or not): their checks are missing from the report.

    A Lighthouse older than the Chromium it drives misreads its traces, and such audits (the
    layout shifts' causes, the render-blocking requests, the LCP element) end in an error that
    leaves the scores as they were: say so rather than skip them as if they had passed.
    """
    for audit_id, audit in report["audits"].items():
        if audit["scoreDisplayMode"] == "error":
            yield audit_id, audit.get("errorMessage") or "no message"


def failing_audits(report, category):
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in UNSCORED or audit["score"] is None:
            continue
        if audit["score"] < 1:
            yield ref, audit


def describe_value(value):
    if isinstance(value, dict):
        if value.get("type") == "node":
            parts = [value.get("selector"), value.get("snippet"), value.get("explanation")]
            return " | ".join(str(part) for part in parts if part)
        if value.get("type") == "source-location":
            return f"{value.get('url')}:{value.get('line')}"
        if "text" in value:
            return str(value["text"])
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def describe_details(details, indent):
    lines = []
    items = (details or {}).get("items") or []
    for item in items[:DETAIL_ITEMS]:
        if isinstance(item, dict):
            fields = [f"{key}={describe_value(value)}" for key, value in item.items()]
            lines.append(indent + "- " + "; ".join(fields))
        else:
            lines.append(indent + "- " + describe_value(item))
    if len(items) > DETAIL_ITEMS:
        lines.append(f"{indent}  ... and {len(items) - DETAIL_ITEMS} more")
    return lines


def median_run(url, name, runs):
    reports = [run_lighthouse(url, f"{name}-{run}") for run in range(1, runs + 1)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    page_runs = [(scores(report)["performance"], blocking_time(report)) for report in reports]
    return reports[len(reports) // 2], page_runs


def blocking_time(report):
    """Total Blocking Time in ms: what moves a score between runs on a busy machine."""
    return round(report["audits"]["total-blocking-time"].get("numericValue") or 0)


def report_page(name, url, report, runs):
    page_scores = scores(report)
    print(f"\n{name}: {url}")
    print(
        f"  median of {len(runs)} runs (performance: {[score for score, _ in runs]}; "
        f"total blocking time: {[tbt for _, tbt in runs]} ms); "
        f"CPU benchmark index {report['environment']['benchmarkIndex']:.0f}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print("  " + "  ".join(f"{category} {score}" for category, score in page_scores.items()))
    metrics = [report["audits"][metric].get("displayValue", "?") for metric in METRICS]
    print("  " + "  ".join(f"{m} {v}" for m, v in zip(METRICS, metrics, strict=True)))
    for category, score in page_scores.items():
        if score == 100:
            continue
        print(f"  {category} {score}, held back by:")
        for ref, audit in failing_audits(report, category):
            weight = f"weight {ref.get('weight', 0)}" if ref.get("weight") else "unweighted"
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            print(f"    {audit['id']}: {audit['title']}{value} [score {audit['score']}, {weight}]")
            for line in describe_details(audit.get("details"), "      "):
                print(line)
    errored = list(errored_audits(report))
    if errored:
        print(f"  {len(errored)} audits could not run (Lighthouse {report['lighthouseVersion']}):")
        for audit_id, message in errored:
            print(f"    {audit_id}: {describe_value(message)}")
    return [
        f"{name} {category} {score} < {CATEGORIES[category]}"
        for category, score in page_scores.items()
        if score < CATEGORIES[category]
    ]


def measure(base_url, paths):
    runs = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "3")))
    failures, table = [], []
    for name, path in paths.items():
        report, page_runs = median_run(base_url + path, name, runs)
        failures += report_page(name, base_url + path, report, page_runs)
        table.append((name, scores(report)))
    width = max(len("page"), *(len(name) for name, _ in table))
    print(f"\n{'page':<{width}} " + "  ".join(f"{category:>14}" for category in CATEGORIES))
    for name, page_scores in table:
        print(f"{name:<{width}} " + "  ".join(f"{page_scores[c]:>14}" for c in CATEGORIES))
    print(f"Reports: {REPORT_DIR.relative_to(BASE_DIR)}/")
    return failures


def main():
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` (make lighthouse does)")
    if not os.path.exists(CHROMIUM):
        sys.exit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    base_url = os.environ.get("BASE_URL", "").rstrip("/")
    if base_url:
        failures = measure(base_url, page_paths(site_env()))
    else:
        with demo_site() as (base_url, paths):
            failures = measure(base_url, paths)
    if failures:
        sys.exit("Lighthouse budget missed: " + ", ".join(failures))
    print("Lighthouse budget met.")


if __name__ == "__main__":
    main()
