"""The benchmark's table, its ratios to the floor, the targets, and a chart of the ratios (SVG)."""

import math
from dataclasses import asdict, dataclass
from html import escape

MODE_LABELS = {"uncached": "uncached", "origin": "origin cache", "varnish": "through Varnish"}
# Pages whose cost may grow with the archive a little more than the others (issue targets).
SCALE_TARGETS = {
    "search": 0.67,
    "uk-search": 0.67,
    "sitemap": 0.67,
    "sitemap-articles": 0.67,
    "news-sitemap": 0.67,
}
DEFAULT_SCALE_TARGET = 0.83


@dataclass
class Row:
    size: int
    mode: str
    page: str
    path: str
    bytes: int
    queries: int | None
    requests_per_s: float
    p50_ms: float | None  # None when no request completed in the run
    p99_ms: float | None
    cpu_ms: float | None  # server CPU per request
    floor_requests_per_s: float
    floor_cpu_ms: float | None
    failed: int = 0  # socket errors plus non-2xx/3xx answers
    completed: int | None = None  # requests answered within the run
    floor_completed: int | None = None

    @property
    def ratio(self):
        return ratio(self.requests_per_s, self.floor_requests_per_s)

    @property
    def cpu_ratio(self):
        """How many floors' worth of server CPU one request costs."""
        if not self.cpu_ms or not self.floor_cpu_ms:
            return None
        return self.cpu_ms / self.floor_cpu_ms

    def as_dict(self):
        return {**asdict(self), "ratio": self.ratio, "cpu_ratio": self.cpu_ratio}


def ratio(value, floor):
    return value / floor if floor else 0.0


def _number(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _ratio_text(value):
    if value is None:
        return "—"
    if value == 0:
        return "0"
    # Three significant digits, whether the ratio is 0.00213 or 4.21.
    return f"{value:.{max(0, 2 - math.floor(math.log10(abs(value))))}f}"


def _rate_text(value, completed):
    if completed == 0:
        return "0 (none answered)"
    return _number(value, 1)


def markdown_table(rows):
    header = (
        "| articles | mode | page | bytes | queries | req/s | p50 ms | p99 ms | CPU ms/req "
        "| floor req/s | floor CPU ms | × floor (req/s) | × floor (CPU) | failed |\n"
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = [
        f"| {row.size:,} | {MODE_LABELS.get(row.mode, row.mode)} | {row.page} "
        f"| {_number(row.bytes)} | {_number(row.queries)} "
        f"| {_rate_text(row.requests_per_s, row.completed)} "
        f"| {_number(row.p50_ms, 1)} | {_number(row.p99_ms, 1)} | {_number(row.cpu_ms, 2)} "
        f"| {_rate_text(row.floor_requests_per_s, row.floor_completed)} "
        f"| {_number(row.floor_cpu_ms, 2)} "
        f"| {_ratio_text(row.ratio)} | {_ratio_text(row.cpu_ratio)} | {row.failed} |"
        for row in rows
    ]
    return header + "\n".join(lines) + "\n"


def scale_ratios(rows):
    """For each mode and page measured at two sizes: its floor ratio at the larger size divided
    by the one at the smaller size (1.0 means the page costs no more on a bigger archive)."""
    sizes = sorted({row.size for row in rows})
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    by_key = {(row.size, row.mode, row.page): row for row in rows}
    results = []
    for row in rows:
        if row.size != large or (small, row.mode, row.page) not in by_key:
            continue
        before = by_key[(small, row.mode, row.page)].ratio
        target = SCALE_TARGETS.get(row.page, DEFAULT_SCALE_TARGET)
        results.append(
            {
                "mode": row.mode,
                "page": row.page,
                "small": small,
                "large": large,
                "scale": ratio(row.ratio, before),
                "target": target,
            }
        )
    return results


def scale_table(scales):
    if not scales:
        return ""
    small, large = scales[0]["small"], scales[0]["large"]
    lines = [
        f"| mode | page | {large:,} vs {small:,} articles (floor ratio) | target (uncached) |",
        "|---|---|---:|---:|",
    ]
    for item in scales:
        target = f"≥ {item['target']}" if item["mode"] == "uncached" else ""
        lines.append(
            f"| {MODE_LABELS.get(item['mode'], item['mode'])} | {item['page']} "
            f"| {_ratio_text(item['scale'])} | {target} |"
        )
    return "\n".join(lines) + "\n"


def target_checks(rows, scales, extras):
    """(what, target, measured, met) for each target the run has numbers for."""
    checks = []
    for row in rows:
        if row.mode == "origin":
            checks.append((f"{row.page} from the origin cache, {row.size:,}", 0.8, row.ratio))
        elif row.mode == "varnish":
            checks.append((f"{row.page} through Varnish, {row.size:,}", 3.0, row.ratio))
        elif row.mode == "uncached" and row.page in ("feed", "article"):
            target = 0.03 if row.page == "feed" else 0.04
            checks.append((f"uncached {row.page}, {row.size:,}", target, row.ratio))
    for item in scales:
        if item["mode"] == "uncached":
            what = f"uncached {item['page']}, {item['large']:,} vs {item['small']:,}"
            checks.append((what, item["target"], item["scale"]))
    results = [
        (what, f"≥ {target}", _ratio_text(value), value >= target) for what, target, value in checks
    ]
    search = extras.get("search_under_load")
    if search:
        met = search["timeouts"] == 0 and search["server_errors"] == 0 and search["ratio"] >= 0.01
        measured = (
            f"{_ratio_text(search['ratio'])}, {search['timeouts']} timeouts, "
            f"{search['server_errors']} 5xx"
        )
        results.append(
            (
                f"search, {search['connections']} connections, {search['size']:,}",
                "no timeout, no 5xx, ≥ 0.01",
                measured,
                met,
            )
        )
    image = extras.get("new_lead_image")
    if image:
        factor = ratio(image["first_ms"], image["warm_ms"])
        results.append(
            (
                "first view of a new 6000×4000 lead image",
                "≤ 2 × warm",
                f"{factor:.1f} ×",
                factor <= 2,
            )
        )
    memory = extras.get("worker_memory")
    if memory:
        mib = memory["rss_after_bytes"] / 2**20
        what = f"one worker after {memory['requests']:,} mixed requests"
        results.append((what, "≤ 150 MB", f"{mib:.0f} MB", mib <= 150))
    return results


def targets_table(checks):
    lines = ["| what | target | measured | met |", "|---|---|---:|---|"]
    lines += [
        f"| {what} | {target} | {measured} | {'yes' if met else 'NO'} |"
        for what, target, measured, met in checks
    ]
    return "\n".join(lines) + "\n"


def svg_chart(rows, *, title="Requests per second as a multiple of the floor (log scale)"):
    """A horizontal bar per page and run, on a log scale from 0.001 to 100 × the floor."""
    low, high = -3, 2  # decades: 0.001 … 100
    groups = []
    for row in rows:
        key = (row.size, row.mode)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(row)
    label_width, plot_width, bar_height, gap = 210, 560, 14, 4
    height = 60 + sum(28 + len(items) * (bar_height + gap) for _, items in groups) + 30
    width = label_width + plot_width + 70

    def x_of(value):
        value = min(max(value, 10**low), 10**high)
        return label_width + (math.log10(value) - low) / (high - low) * plot_width

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for decade in range(low, high + 1):
        x = x_of(10**decade)
        parts.append(
            f'<line x1="{x:.1f}" y1="40" x2="{x:.1f}" y2="{height - 25}" stroke="#ccc"/>'
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle">{10**decade:g}×</text>'
        )
    y = 50
    colours = {"uncached": "#c0392b", "origin": "#2471a3", "varnish": "#1e8449"}
    for (size, mode), items in groups:
        parts.append(
            f'<text x="10" y="{y + 12}" font-weight="bold">'
            f"{size:,} articles, {escape(MODE_LABELS.get(mode, mode))}</text>"
        )
        y += 20
        for row in items:
            end = x_of(row.ratio) if row.ratio > 0 else label_width
            parts.append(
                f'<text x="{label_width - 8}" y="{y + bar_height - 3}" text-anchor="end">'
                f"{escape(row.page)}</text>"
                f'<rect x="{label_width}" y="{y}" width="{max(end - label_width, 1):.1f}" '
                f'height="{bar_height}" fill="{colours.get(mode, "#555")}"/>'
                f'<text x="{end + 4:.1f}" y="{y + bar_height - 3}">{_ratio_text(row.ratio)}</text>'
            )
            y += bar_height + gap
        y += 8
    parts.append(
        f'<line x1="{x_of(1):.1f}" y1="40" x2="{x_of(1):.1f}" y2="{height - 25}" '
        'stroke="#000" stroke-dasharray="4 3"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
