"""The benchmark's own parts that need no load: parsing wrk, the floor, the ratios, /proc."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from tools import site
from tools.bench import archives, proc, run, wrk
from tools.bench import report as bench_report

# The bench's arithmetic and its files: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8400/search/?q=russia+sanctions
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s   350.12ms   9.87s    81.00%
    Req/Sec     6.50      3.20    20.00     70.00%
  Latency Distribution
     50%    1.02s
     75%  980.50ms
     90%    2.50s
     99%  850.00us
  131 requests in 10.05s, 5.61MB read
  Socket errors: connect 0, read 2, write 0, timeout 7
  Non-2xx or 3xx responses: 4
Requests/sec:     13.03
Transfer/sec:    571.72KB
Server errors (5xx): 3
"""


def test_wrk_output_is_read_with_its_units():
    result = wrk.parse_wrk_output(WRK_OUTPUT)
    assert result.requests == 131
    assert result.duration_s == pytest.approx(10.05)
    assert result.requests_per_s == pytest.approx(13.03)
    assert result.latency_s == pytest.approx({50: 1.02, 75: 0.9805, 90: 2.5, 99: 0.00085})
    assert result.bytes_read == round(5.61 * 1024 * 1024)
    assert result.socket_errors == {"connect": 0, "read": 2, "write": 0, "timeout": 7}
    assert result.timeouts == 7
    assert result.non_2xx_3xx == 4
    assert result.server_errors == 3
    assert result.failed == 13


def test_a_clean_wrk_run_has_no_errors():
    clean = "\n".join(
        line
        for line in WRK_OUTPUT.splitlines()
        if not line.strip().startswith(("Socket", "Non", "Server"))
    )
    result = wrk.parse_wrk_output(clean)
    assert result.failed == 0
    assert result.server_errors is None


def test_wrk_output_without_totals_is_refused():
    with pytest.raises(ValueError, match="no totals"):
        wrk.parse_wrk_output("unable to connect to 127.0.0.1:8400 Connection refused\n")


def test_wrk_is_asked_for_latency_percentiles_and_a_timeout():
    command = wrk.wrk_command(
        "http://127.0.0.1:8400/", duration_s=5, connections=1, threads=2, timeout_s=10
    )
    assert command == [
        "wrk",
        "--latency",
        "--duration=5s",
        "--connections=1",
        "--threads=1",
        "--timeout=10s",
        "http://127.0.0.1:8400/",
    ]


@pytest.mark.urls("tools.bench.urls")
@pytest.mark.django_db
def test_the_floor_returns_as_many_bytes_as_the_page_through_the_same_middleware(client):
    from articles.tests.factories import ArticleFactory

    ArticleFactory.create_batch(3)
    page = client.get("/")
    assert page.status_code == 200
    floor = client.get(f"/_bench/floor/{len(page.content)}/")
    assert floor.status_code == 200
    assert len(floor.content) == len(page.content)
    assert floor["Content-Type"] == page["Content-Type"]
    # What the middleware adds to every page, it adds to the floor. (Vary differs: public pages
    # declare theirs for shared caches; the floor, declaring no keys, stays private.)
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert floor[header] == page[header], header
    compressed = client.get(f"/_bench/floor/{len(page.content)}/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"


def test_the_bench_site_is_the_production_site_plus_the_floor():
    from tools.bench import settings as bench_settings

    assert bench_settings.MIDDLEWARE == settings.MIDDLEWARE
    assert bench_settings.CACHES == settings.CACHES
    assert bench_settings.ROOT_URLCONF == "tools.bench.urls"


def row(size, mode, page, rps, floor_rps, cpu=10.0, floor_cpu=0.5):
    return bench_report.Row(
        size=size,
        mode=mode,
        page=page,
        path="/",
        bytes=30_000,
        queries=5,
        requests_per_s=rps,
        p50_ms=12.5,
        p99_ms=40.0,
        cpu_ms=cpu,
        floor_requests_per_s=floor_rps,
        floor_cpu_ms=floor_cpu,
    )


def test_each_page_is_divided_by_the_floor_measured_beside_it():
    rows = [
        row(1000, "uncached", "feed", 20.0, 1000.0),
        row(1000, "varnish", "feed", 5000.0, 1250.0),
    ]
    assert rows[0].ratio == pytest.approx(0.02)
    assert rows[0].cpu_ratio == pytest.approx(20)
    assert rows[1].ratio == pytest.approx(4)
    table = bench_report.markdown_table(rows)
    assert "| 1,000 | uncached | feed | 30,000 | 5 | 20.0 | 12.5 | 40.0 | 10.00 | 1,000.0 " in table
    assert "| 0.0200 | 20.0 | 0 |" in table
    assert "| 1,000 | through Varnish | feed |" in table
    assert "| 4.00 |" in table


def test_growth_with_the_archive_is_a_ratio_of_floor_ratios_with_its_own_targets():
    rows = [
        row(1000, "uncached", "article", 30.0, 1000.0),
        row(1000, "uncached", "search", 10.0, 1000.0),
        row(100_000, "uncached", "article", 15.0, 800.0),
        row(100_000, "uncached", "search", 8.0, 1000.0),
    ]
    scales = {item["page"]: item for item in bench_report.scale_ratios(rows)}
    assert scales["article"]["scale"] == pytest.approx((15 / 800) / (30 / 1000))
    assert scales["article"]["target"] == 0.83
    assert scales["search"]["scale"] == pytest.approx(0.8)
    assert scales["search"]["target"] == 0.67
    checks = {
        what: met for what, _, _, met in bench_report.target_checks(rows, list(scales.values()), {})
    }
    assert checks["uncached article, 100,000 vs 1,000"] is False
    assert checks["uncached search, 100,000 vs 1,000"] is True
    assert checks["uncached article, 1,000"] is False  # 0.03 < 0.04


def test_targets_cover_search_under_load_the_new_image_and_memory():
    extras = {
        "search_under_load": {
            "size": 100_000,
            "connections": 16,
            "ratio": 0.02,
            "timeouts": 0,
            "server_errors": 1,
        },
        "new_lead_image": {"first_ms": 90.0, "warm_ms": 50.0},
        "worker_memory": {"requests": 10_000, "rss_after_bytes": 160 * 2**20},
    }
    checks = {what: met for what, _, _, met in bench_report.target_checks([], [], extras)}
    assert checks == {
        "search, 16 connections, 100,000": False,
        "first view of a new 6000×4000 lead image": True,
        "one worker after 10,000 mixed requests": False,
    }


def test_the_chart_is_an_svg_with_a_bar_for_every_measurement():
    rows = [
        row(1000, "uncached", "feed", 20.0, 1000.0),
        row(1000, "uncached", "article", 0.0, 1000.0),
        row(1000, "varnish", "feed", 5000.0, 1250.0),
    ]
    svg = ET.fromstring(bench_report.svg_chart(rows))
    bars = [rect for rect in svg.iter("{http://www.w3.org/2000/svg}rect")][1:]
    assert len(bars) == 3
    texts = [text.text for text in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "1,000 articles, through Varnish" in texts
    assert "0.0200" in texts and "4.00" in texts


def write_stat(proc, pid, name, ppid, utime, stime, cutime=0, cstime=0):
    folder = proc / str(pid)
    folder.mkdir()
    fields = ["S", ppid, 0, 0, 0, 0, 0, 0, 0, 0, 0, utime, stime, cutime, cstime, 20, 0, 1]
    (folder / "stat").write_text(f"{pid} ({name}) " + " ".join(map(str, fields)) + "\n")


def test_server_cpu_counts_the_master_its_workers_and_workers_already_reaped(tmp_path):
    write_stat(tmp_path, 100, "gunicorn: master [newsroom]", 1, 5, 5, cutime=300, cstime=100)
    write_stat(tmp_path, 101, "gunicorn: worker (a) [x]", 100, 150, 50)
    write_stat(tmp_path, 102, "gunicorn: worker", 100, 70, 30)
    write_stat(tmp_path, 200, "postgres", 1, 9000, 9000)
    (tmp_path / "self").mkdir()
    assert sorted(proc.children_of(100, tmp_path)) == [101, 102]
    # (5 + 5 + 300 + 100) + (150 + 50) + (70 + 30) ticks, at 100 ticks a second.
    assert proc.tree_cpu_seconds(100, tmp_path, ticks_per_second=100) == pytest.approx(7.1)


def test_resident_memory_is_read_from_proc_status(tmp_path):
    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "status").write_text("Name:\tgunicorn\nVmRSS:\t   81920 kB\nThreads:\t1\n")
    assert proc.resident_bytes(42, tmp_path) == 81920 * 1024


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_this_process_has_cpu_time_and_memory_in_the_real_proc():
    import os

    assert proc.tree_cpu_seconds(os.getpid()) > 0
    assert proc.resident_bytes(os.getpid()) > 1024 * 1024


def test_the_probe_runs_with_the_python_that_runs_the_bench(tmp_path):
    """Not a .venv of the checkout's own, which a second checkout of the project lacks."""
    env = site.site_env(tmp_path, settings="tools.bench.settings")
    assert archives.probe(env, "status")["articles"] == 0


def test_each_archive_size_has_its_own_database():
    assert archives.database_name(1000) == "newsroom_bench_1k"
    assert archives.database_name(100_000) == "newsroom_bench_100k"
    assert archives.database_name(2500) == "newsroom_bench_2500"
    assert archives.database_name(1000, "newsroom_search_bench") == "newsroom_search_bench_1k"


@pytest.mark.django_db
def test_the_archive_is_split_between_the_editions_once(client):
    from articles.models import Article, TaggedArticle
    from articles.tests.factories import ArticleFactory
    from tools.bench import probe

    ArticleFactory.create_batch(60, body="<p>Grain leaves the port.</p>", tags=["Grain"])
    assert probe.split_editions("0.4") == {"ukrainian": 4, "moved": 4}
    moved = Article.objects.filter(language="uk")
    # Two in five of the stories older than the newest fifty, spread over the ids.
    assert sorted(pk % 5 for pk in moved.values_list("pk", flat=True)) == [0, 0, 1, 1]
    assert set(
        TaggedArticle.objects.filter(content_object__in=moved).values_list("language", flat=True)
    ) == {"uk"}
    response = client.get("/uk/search/", {"q": "grain"})
    assert len(response.context["page"].object_list) == 4
    assert probe.split_editions("0.4") == {"ukrainian": 4, "moved": 0}


def test_the_origin_cache_counts_as_working_only_when_pages_skip_queries():
    uncached = {"/": {"queries": 5}, "/news/x/": {"queries": 11}}
    assert (
        run.origin_cache_has_effect(uncached, {"/": {"queries": 5}, "/news/x/": {"queries": 11}})
        is False
    )
    assert (
        run.origin_cache_has_effect(uncached, {"/": {"queries": 0}, "/news/x/": {"queries": 0}})
        is True
    )


def test_a_run_where_no_request_was_answered_says_so_instead_of_a_latency():
    silent = row(100_000, "uncached", "search", 0.0, 300.0, cpu=None)
    silent.p50_ms = silent.p99_ms = None
    silent.completed, silent.floor_completed = 0, 1200
    line = bench_report.markdown_table([silent]).splitlines()[-1]
    assert "| 0 (none answered) | — | — | — | 300.0 |" in line
    assert "| 0 | — | 0 |" in line
