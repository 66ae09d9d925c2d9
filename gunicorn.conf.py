"""Gunicorn settings for `make serve` and the benchmark; every value can come from the environment.

Sync workers: each handles one request at a time and keeps one persistent database connection
(CONN_MAX_AGE with health checks in newsroom/settings.py), so an instance holds at most
``workers`` connections. Sync workers close the client connection after each response and
expect a buffering proxy in front (Varnish, a CDN or a load balancer) for slow clients.
"""

import os


def cpu_count():
    # The CPUs this process may run on, which a container or cgroup limit may make fewer than
    # the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Not on Linux.
        return os.cpu_count() or 1


def default_workers(cpus):
    """Gunicorn's own rule of thumb: two workers per CPU, plus one."""
    return 2 * cpus + 1


wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers(cpu_count()))
# A request that takes longer than this is killed (and logged), so one slow page cannot hold a
# worker forever; on SIGTERM, workers get graceful_timeout to finish what they are serving.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Recycling workers hides memory leaks instead of showing them; off unless asked for.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory: a disk-backed /tmp can stall workers into timeouts.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# "-" logs each request to stdout; an empty value turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# X-Forwarded-Proto is trusted from these proxies only (an edge cache on the same machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def post_worker_init(worker):
    drop_server_header()
    # Before the first request: see website/warmup.py.
    from website.warmup import warm_up

    warm_up(worker.wsgi)


def drop_server_header():
    """Answers without the ``Server: gunicorn`` line, which gunicorn has no setting for.

    It tells a scanner what to try and a reader nothing. Patched in each worker (this hook runs
    there), not on import, so reading this file changes nothing in the process that reads it.
    """
    from gunicorn.http.wsgi import Response

    default_headers = Response.default_headers

    def headers_without_server(response):
        return [line for line in default_headers(response) if not line.startswith("Server:")]

    Response.default_headers = headers_without_server
