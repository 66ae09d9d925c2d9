"""`make bench`: the newsroom's pages against a bare Django view (the floor), in one run.

Builds the archives when they are missing (tools/bench/archives.py), serves them
production-like (gunicorn with gunicorn.conf.py, DEBUG off, 2 sync workers), and measures with
wrk, alternating floor and page: uncached, from the origin cache and through Varnish, at each
size. Knobs and results: docs/benchmark.md.
"""

import contextlib
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile

from tools import site
from tools.bench import client, proc, report, wrk
from tools.bench.archives import (
    Config,
    database_name,
    ensure_postgres_database,
    flush_cache,
    postgres_available,
    prepare_archive,
    probe,
    site_env,
)


def measure(config, url, master_pid, *, origin, connections=None, duration=None, script=None):
    """One wrk run against ``url`` and the CPU the server's processes spent serving it."""
    waited = client.wait_until_drained(floor_url(origin, 1))
    if waited > 5:
        print(f"  (waited {waited:.0f} s for the server to finish the previous run's requests)")
    before = proc.tree_cpu_seconds(master_pid)
    result = wrk.run_wrk(
        url,
        duration_s=duration or config.duration,
        connections=connections or config.connections,
        threads=config.threads,
        timeout_s=config.timeout,
        script=script,
    )
    cpu = proc.tree_cpu_seconds(master_pid) - before
    cpu_ms = cpu * 1000 / result.requests if result.requests else None
    return result, cpu_ms


def floor_url(base, size):
    return f"{base}/_bench/floor/{size}/"


def run_mode(config, size, mode, env, pages, queries, logs):
    origin = f"http://127.0.0.1:{config.port}"
    rows = []
    with contextlib.ExitStack() as stack:
        _, server = stack.enter_context(
            site.gunicorn(
                env,
                port=config.port,
                workers=config.workers,
                access_log=False,
                log_path=logs / f"gunicorn-{size}-{mode}.log",
            )
        )
        front = origin
        if mode == "varnish":
            stack.enter_context(
                site.varnish(
                    port=config.port + 1,
                    backends=[f"127.0.0.1:{config.port}"],
                    log_path=logs / f"varnish-{size}.log",
                    vcl=config.vcl,
                    storage="malloc,256m",
                )
            )
            front = f"http://127.0.0.1:{config.port + 1}"
        for path in pages.values():  # Fill the caches before measuring.
            client.http_get(front + path)
        for name, path in pages.items():
            size_bytes = queries[path]["bytes"]
            floor, floor_cpu = measure(
                config, floor_url(origin, size_bytes), server.pid, origin=origin
            )
            page, page_cpu = measure(config, front + path, server.pid, origin=origin)
            row = report.Row(
                size=size,
                mode=mode,
                page=name,
                path=path,
                bytes=size_bytes,
                queries=None if mode == "varnish" else queries[path]["queries"],
                requests_per_s=page.requests_per_s,
                p50_ms=page.latency_s[50] * 1000 if page.requests else None,
                p99_ms=page.latency_s[99] * 1000 if page.requests else None,
                cpu_ms=page_cpu,
                floor_requests_per_s=floor.requests_per_s,
                floor_cpu_ms=floor_cpu,
                failed=page.failed,
                completed=page.requests,
                floor_completed=floor.requests,
            )
            rows.append(row)
            print(
                f"  {size:>7,} {mode:<9} {name:<17} {page.requests_per_s:9.1f} req/s "
                f"p50 {report._number(row.p50_ms, 1):>7} ms "
                f"p99 {report._number(row.p99_ms, 1):>7} ms "
                f"cpu {report._number(page_cpu, 2):>6} ms  floor {floor.requests_per_s:8.1f} "
                f"→ {report._ratio_text(row.ratio)} × floor"
                + (f"  ({page.failed} failed)" if page.failed else ""),
                flush=True,
            )
    return rows


def search_under_load(config, size, env, pages, queries, logs):
    origin = f"http://127.0.0.1:{config.port}"
    path = pages["search"]
    # Longer than wrk's timeout, so that a request waiting past it is counted as timed out
    # rather than still outstanding when the run ends.
    duration = max(config.duration, config.timeout + 2)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(wrk.SERVER_ERRORS_LUA)
    try:
        with site.gunicorn(
            env,
            port=config.port,
            workers=config.workers,
            access_log=False,
            log_path=logs / f"gunicorn-{size}-search.log",
        ) as (_, server):
            client.http_get(origin + path)
            floor, _ = measure(
                config,
                floor_url(origin, queries[path]["bytes"]),
                server.pid,
                origin=origin,
                connections=16,
                duration=duration,
            )
            search, cpu_ms = measure(
                config,
                origin + path,
                server.pid,
                origin=origin,
                connections=16,
                duration=duration,
                script=script.name,
            )
    finally:
        os.unlink(script.name)
    result = {
        "size": size,
        "connections": 16,
        "duration_s": duration,
        "timeout_s": config.timeout,
        "completed": search.requests,
        "requests_per_s": search.requests_per_s,
        "floor_requests_per_s": floor.requests_per_s,
        "ratio": report.ratio(search.requests_per_s, floor.requests_per_s),
        "timeouts": search.timeouts,
        "socket_errors": search.socket_errors,
        "server_errors": search.server_errors or 0,
        "non_2xx_3xx": search.non_2xx_3xx,
        "p99_ms": search.latency_s[99] * 1000 if search.requests else None,
        "cpu_ms": cpu_ms,
    }
    print(f"  search under 16 connections at {size:,}: {json.dumps(result)}", flush=True)
    return result


def new_lead_image(config, size, env, logs):
    origin = f"http://127.0.0.1:{config.port}"
    story = probe(env, "new-lead-image")
    try:
        with site.gunicorn(
            env,
            port=config.port,
            workers=config.workers,
            access_log=False,
            log_path=logs / f"gunicorn-{size}-image.log",
        ):
            status, _, first = client.http_get(origin + story["path"])
            warm = [client.http_get(origin + story["path"])[2] for _ in range(5)]
    finally:
        probe(env, "remove-story", str(story["article_id"]))
    result = {
        "size": size,
        "status": status,
        "image_bytes": story["image_bytes"],
        "first_ms": first * 1000,
        "warm_ms": statistics.median(warm) * 1000,
    }
    print(
        f"  first view of a new 6000×4000 lead image at {size:,}: {json.dumps(result)}", flush=True
    )
    return result


def worker_memory(config, size, env, mixed, logs):
    origin = f"http://127.0.0.1:{config.port + 2}"
    with site.gunicorn(
        env,
        port=config.port + 2,
        workers=1,
        access_log=False,
        log_path=logs / f"gunicorn-{size}-memory.log",
    ) as (_, server):
        (worker,) = proc.children_of(server.pid)
        for path in mixed:
            client.http_get(origin + path)
        rss_before = proc.resident_bytes(worker)
        statuses = {}
        for number in range(config.memory_requests):
            status = client.http_get(origin + mixed[number % len(mixed)])[0]
            statuses[status] = statuses.get(status, 0) + 1
        rss_after = proc.resident_bytes(worker)
    result = {
        "size": size,
        "requests": config.memory_requests,
        "statuses": statuses,
        "rss_after_warmup_bytes": rss_before,
        "rss_after_bytes": rss_after,
    }
    print(f"  one worker's memory at {size:,}: {json.dumps(result)}", flush=True)
    return result


def origin_cache_has_effect(uncached_queries, cached_queries):
    """False when every page makes as many queries with the page cache on as with it off."""
    return any(
        cached_queries[path]["queries"] < uncached_queries[path]["queries"]
        for path in uncached_queries
    )


def main():
    # Stopped with SIGTERM, the servers this run started are stopped too (context managers).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    config = Config()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (as root), then run again.")
    config.out.mkdir(parents=True, exist_ok=True)
    logs = config.out / "logs"
    use_postgres = postgres_available(config)
    if not use_postgres:
        print("PostgreSQL is not reachable: the archives are built on SQLite under var/bench/.")
    modes = list(config.modes)
    if "varnish" in modes and not site.varnish_available():
        print(
            "Varnish mode skipped: varnishd is not installed "
            "(apt-get install varnish varnish-modules)."
        )
        modes.remove("varnish")
    if "varnish" in modes and not config.vcl.exists():
        print(f"Varnish mode skipped: no VCL at {config.vcl} (BENCH_VCL names another).")
        modes.remove("varnish")
    rows, extras, notes = [], {}, []
    collected = False
    for size in config.sizes:
        database_url = None
        if use_postgres:
            name = database_name(size, config.database_prefix)
            ensure_postgres_database(config, name)
            database_url = f"{config.postgres_url}/{name}"
        uncached_env = site_env(config, size, page_cache=False, database_url=database_url)
        cached_env = site_env(config, size, page_cache=True, database_url=database_url)
        prepare_archive(config, size, uncached_env)
        if not collected:
            site.manage(uncached_env, "collectstatic", "--noinput", "-v0")
            collected = True
        listed = probe(uncached_env, "pages")
        pages = {
            name: path
            for name, path in listed["pages"].items()
            if not config.pages or name in config.pages
        }
        flush_cache(config)
        uncached_queries = probe(uncached_env, "queries", *pages.values())
        cached_queries = None
        for mode in modes:
            env = uncached_env if mode == "uncached" else cached_env
            queries = uncached_queries
            if mode != "uncached":
                flush_cache(config)
                cached_queries = cached_queries or probe(cached_env, "queries", *pages.values())
                queries = {
                    path: {**uncached_queries[path], "queries": cached_queries[path]["queries"]}
                    for path in pages.values()
                }
                if mode == "origin" and not origin_cache_has_effect(
                    uncached_queries, cached_queries
                ):
                    note = (
                        f"Origin-cache mode skipped at {size:,}: NEWSROOM_PAGE_CACHE=1 changes "
                        "nothing here (every page makes the same queries as uncached)."
                    )
                    print(note)
                    notes.append(note)
                    continue
            flush_cache(config)
            print(f"Measuring {size:,} articles, {report.MODE_LABELS[mode]} ...", flush=True)
            rows += run_mode(config, size, mode, env, pages, queries, logs)
        if size == max(config.sizes) and "search" in config.extras and "search" in listed["pages"]:
            search_queries = (
                uncached_queries
                if "search" in pages
                else probe(uncached_env, "queries", listed["pages"]["search"])
            )
            extras["search_under_load"] = search_under_load(
                config, size, uncached_env, listed["pages"], search_queries, logs
            )
        if size == max(config.sizes) and "image" in config.extras:
            extras["new_lead_image"] = new_lead_image(config, size, uncached_env, logs)
        if size == config.memory_size and "memory" in config.extras:
            extras["worker_memory"] = worker_memory(
                config, size, uncached_env, listed["mixed"], logs
            )
    write_results(config, rows, extras, notes)


def write_results(config, rows, extras, notes):
    scales = report.scale_ratios(rows)
    checks = report.target_checks(rows, scales, extras)
    settings = (
        f"wrk {config.duration} s per run, {config.connections} connections, "
        f"{config.threads} threads; "
        f"gunicorn {config.workers} sync workers; {os.cpu_count()} CPUs"
    )
    markdown = "\n".join(
        [
            "# Benchmark",
            "",
            settings,
            "",
            *[f"- {note}" for note in notes],
            "",
            report.markdown_table(rows),
            report.scale_table(scales),
            report.targets_table(checks),
            "```json",
            json.dumps(extras, indent=2),
            "```",
            "",
        ]
    )
    (config.out / "bench.md").write_text(markdown)
    (config.out / "ratios.svg").write_text(report.svg_chart(rows))
    (config.out / "results.json").write_text(
        json.dumps(
            {
                "settings": settings,
                "notes": notes,
                "rows": [row.as_dict() for row in rows],
                "extras": extras,
            },
            indent=2,
        )
    )
    print()
    print(markdown)
    print(
        f"Written: {config.out / 'bench.md'}, {config.out / 'ratios.svg'}, "
        f"{config.out / 'results.json'}"
    )


if __name__ == "__main__":
    sys.exit(main())
