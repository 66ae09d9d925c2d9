"""A bounded load test on loopback (`make loadtest`): readers and the desk at once.

It prepares a site of its own (the demo newsroom, desk logins and a few drafts to edit), serves
it as `make serve` does (gunicorn with gunicorn.conf.py, DEBUG off) and, for a fixed time, keeps
CONNECTIONS clients busy: most read pages (the feed, articles, sections, tags, authors, search,
feeds), one in eight is an editor who logs in and saves drafts through the real admin form (CSRF
token, every field the form holds, the version it was opened on). Several editors share each
draft, so saves collide.

Every accepted save appends a paragraph with its own token to the body it was opened on. At the
end each draft must hold every accepted token, and its history one revision per accepted save:
a missing token is a save that was lost or silently overwritten. A save refused as a conflict
(the editor is shown who saved meanwhile) is counted as a conflict, not a loss.

    python -m tools.ops.loadtest [--connections 64] [--duration 30] [--database-url URL]

The database is SQLite in var/loadtest/ unless --database-url (or LOADTEST_DATABASE_URL) names
a PostgreSQL database kept for this purpose: the test writes to it. Exits non-zero on any 5xx,
failed request, lost save or missing revision. Standard library only.
"""

import argparse
import collections
import contextlib
import http.cookiejar
import json
import os
import random
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from tools import site

SITE_DIR = site.BASE_DIR / "var" / "loadtest"
DESK_PASSWORD = secrets.token_urlsafe(16)
PREPARE = """
import json
from django.contrib.auth.models import Group, User
from articles.models import Article, Section
from authors.models import Author
from taggit.models import Tag
editors = Group.objects.get(name="Editors")
logins = []
for n in range({editors}):
    user, _ = User.objects.get_or_create(
        username=f"loadtest-editor-{{n}}", defaults={{"is_staff": True}}
    )
    user.set_password({password!r})
    user.save()
    user.groups.add(editors)
    logins.append(user.username)
drafts = []
for n in range({drafts}):
    article, _ = Article.objects.get_or_create(
        slug=f"load-test-draft-{{n}}",
        defaults={{"headline": f"Load test draft {{n}}", "section": Section.objects.first()}},
    )
    article.body = "<p>The draft as it started.</p>"
    article.status = Article.Status.DRAFT
    article.save()
    drafts.append(article.pk)
published = Article.objects.published()
paths = ["/", "/search/?q=Kyiv", "/feeds/rss/", "/sitemap.xml", "/corrections/"]
paths += [a.get_absolute_url() for a in published.order_by("-published_at")[:20]]
paths += [s.get_absolute_url() for s in Section.objects.all()]
paths += [a.get_absolute_url() for a in Author.objects.all()[:10]]
paths += [f"/tags/{{t.slug}}/" for t in Tag.objects.all()[:10]]
print(json.dumps({{"logins": logins, "drafts": drafts, "paths": paths}}))
"""
OUTCOME = """
import json
from reversion.models import Version
from articles.models import Article
print(json.dumps({{
    str(a.pk): {{
        "body": a.body,
        "revisions": Version.objects.get_for_object(a).filter(
            revision__date_created__gte={started!r}
        ).count(),
    }}
    for a in Article.objects.filter(pk__in={drafts!r})
}}))
"""


def site_env(database_url, site_dir):
    return site.site_env(
        site_dir,
        database_url,
        # Instances share the shell's cache, as production's share theirs, when it names one.
        REDIS_URL=os.environ.get("REDIS_URL"),
        # One line per request would be 64 × 30 s of log; errors still show.
        NEWSROOM_REQUEST_LOG_LEVEL="WARNING",
    )


def manage(env, *args):
    return site.manage(env, *args).stdout


class FormFields(HTMLParser):
    """The fields a browser would post from the form ``form_id``, in order."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            # Browsers drop the one newline that may follow <textarea>.
            self.fields.append((name, value.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.failures = collections.Counter()
        self.reads = self.saves = self.conflicts = 0
        self.accepted = collections.defaultdict(list)
        self.refused = collections.defaultdict(list)
        self.latencies = []

    def record(self, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)

    def fail(self, reason):
        with self.lock:
            self.failures[reason] += 1


class Client:
    """One connection's person at a browser: cookies kept, every answer tallied."""

    def __init__(self, base_url, tally):
        self.base_url = base_url
        self.tally = tally
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect,
        )

    def request(self, path, fields=None):
        body = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base_url + path)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        except OSError as error:
            self.tally.fail(type(error).__name__)
            return None, ""
        self.tally.record(status, time.perf_counter() - started)
        return status, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A 302 after a save is the answer we count; we don't follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match[1] if match else ""


def reader(base_url, paths, stop_at, tally):
    client = Client(base_url, tally)
    while time.monotonic() < stop_at:
        client.request(random.choice(paths))
        with tally.lock:
            tally.reads += 1


def editor(base_url, login, drafts, stop_at, tally, number):
    client = Client(base_url, tally)
    status, page = client.request("/admin/login/")
    status, page = client.request(
        "/admin/login/",
        {"csrfmiddlewaretoken": csrf_token(page), "username": login, "password": DESK_PASSWORD},
    )
    if status != 302:
        tally.fail("login refused")
        return
    saves = 0
    # At least one save each, however slow the machine: a desk part that saved nothing
    # would prove nothing.
    while saves == 0 or time.monotonic() < stop_at:
        pk = random.choice(drafts)
        change_url = f"/admin/articles/article/{pk}/change/"
        status, page = client.request(change_url)
        if status != 200:
            if status is None or saves > 3:
                return
            saves += 1
            continue
        parser = FormFields("article_form")
        parser.feed(page)
        fields = [(name, value) for name, value in parser.fields if name != "step"]
        token = f"save-{number}-{saves}-{secrets.token_hex(4)}"
        saves += 1
        fields = [
            (name, value + f"<p>{token}</p>" if name == "body" else value) for name, value in fields
        ]
        status, page = client.request(change_url, [*fields, ("step", "save")])
        with tally.lock:
            tally.saves += 1
            if status == 302:
                tally.accepted[pk].append(token)
            elif status == 200 and "Not saved:" in page:
                tally.conflicts += 1
                tally.refused[pk].append(token)
            elif status is not None and status < 500:
                errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
                tally.failures[f"save answered {status}: {' '.join(errors)[:200]}"] += 1


def warm_up(base_url, paths):
    """Each page once, unmeasured: the first view of a page makes its image renditions."""
    for path in paths:
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(base_url + path, timeout=300).read()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0


def run(base_url, facts, connections, duration, desk_connections):
    tally = Tally()
    stop_at = time.monotonic() + duration
    threads = [
        threading.Thread(
            target=editor,
            args=(base_url, facts["logins"][n], facts["drafts"], stop_at, tally, n),
        )
        for n in range(desk_connections)
    ]
    threads += [
        threading.Thread(target=reader, args=(base_url, facts["paths"], stop_at, tally))
        for _ in range(connections - desk_connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def check_saves(env, facts, tally, started):
    outcome = json.loads(
        manage(env, "shell", "-v0", "-c", OUTCOME.format(drafts=facts["drafts"], started=started))
    )
    lost = phantom = missing_revisions = 0
    for pk in facts["drafts"]:
        article = outcome[str(pk)]
        lost += sum(token not in article["body"] for token in tally.accepted[pk])
        phantom += sum(token in article["body"] for token in tally.refused[pk])
        missing_revisions += max(0, len(tally.accepted[pk]) - article["revisions"])
    return lost, phantom, missing_revisions


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", ""))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--articles", type=int, default=60, help="demo filler articles")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    args = parser.parse_args()
    desk_connections = max(1, args.connections // 8)
    env = site_env(args.database_url, args.site_dir)
    args.site_dir.mkdir(parents=True, exist_ok=True)

    print(f"Preparing the site ({'PostgreSQL' if args.database_url else 'SQLite'}) ...", flush=True)
    site.load_demo(env, articles=args.articles)
    site.manage(env, "collectstatic", "--noinput", "-v0")
    prepare = PREPARE.format(
        editors=desk_connections, drafts=max(2, desk_connections // 2), password=DESK_PASSWORD
    )
    facts = json.loads(manage(env, "shell", "-v0", "-c", prepare))

    port = args.port or site.free_port()
    log_path = args.site_dir / "server.log"
    with site.gunicorn(env, port=port, log_path=log_path, workers=args.workers) as (base_url, _):
        warm_up(base_url, facts["paths"])
        print(
            f"{args.connections} connections ({desk_connections} editors saving "
            f"{len(facts['drafts'])} shared drafts) for {args.duration:g} s on {base_url}, "
            f"{args.workers} gunicorn workers",
            flush=True,
        )
        started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 1))
        began = time.monotonic()
        tally = run(base_url, facts, args.connections, args.duration, desk_connections)
        elapsed = time.monotonic() - began
    lost, phantom, missing_revisions = check_saves(env, facts, tally, started)

    server_errors = sum(count for status, count in tally.statuses.items() if status >= 500)
    requests = sum(tally.statuses.values())
    accepted = sum(len(tokens) for tokens in tally.accepted.values())
    print(f"requests        {requests} in {elapsed:.1f} s ({requests / elapsed:.0f}/s)")
    print(f"statuses        {dict(sorted(tally.statuses.items()))}")
    print(
        f"latency         median {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(tally.latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(tally.latencies, default=0) * 1000:.0f} ms"
    )
    print(f"reader pages    {tally.reads}")
    print(
        f"desk saves      {tally.saves}: {accepted} accepted, "
        f"{tally.conflicts} refused as conflicts"
    )
    print(f"5xx             {server_errors}")
    print(f"failed requests {sum(tally.failures.values())} {dict(tally.failures) or ''}")
    print(f"lost saves      {lost} (accepted, then missing from the saved body)")
    print(f"phantom saves   {phantom} (refused, yet in the saved body)")
    print(f"missing history {missing_revisions} (accepted saves without a revision)")
    failed = server_errors or tally.failures or lost or phantom or missing_revisions
    if not accepted:
        print("no save was accepted: the desk part measured nothing")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
