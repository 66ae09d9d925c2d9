"""The demo newsroom for browser tests: loaded once, served by a live server, put back when a
test changed it."""

import contextlib

from django.apps import apps
from django.core.management import call_command
from django.db.models import Max, Sum
from django.test import Client, override_settings

# What the tests see: the stories, their people and pictures (renditions made), and nothing the
# demo adds elsewhere (front slots, live updates, newsletters, desk logins).
KEPT_APPS = ("media", "authors", "taggit", "articles", "embeds")


def flush():
    call_command("flush", interactive=False, verbosity=0)


def warm_up(client, paths):
    """Renders every page the tests visit, so the image renditions they use exist."""
    for path in paths:
        url = path
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.context.get("page")
            url = f"{path}?before={page.next_cursor}" if page and page.has_next else None


def fingerprint():
    """Row counts of every table, and the stories' latest revision: what a test that changed
    the demo leaves different (an edit in place moves ``revised_at`` or ``version``)."""
    from articles.models import Article

    counts = {model._meta.label: model._base_manager.count() for model in apps.get_models()}
    return counts, Article.objects.aggregate(Max("revised_at"), Sum("version"))


class DemoSite:
    """The demo's data as a fixture file, restored into the database, and the server showing it
    (pytest-django's ``LiveServer``, one for the session: stopping it under a request that is
    still being answered breaks that request's thread)."""

    def __init__(self, fixture, media_root, server):
        self.fixture = fixture
        self.media_root = media_root
        self.server = server
        self.url = server.url
        self.restores = 0
        self.restore()

    @classmethod
    def load(cls, tmp_path_factory, server, *, articles, warm_paths):
        media_root = tmp_path_factory.mktemp("demo-uploads")
        fixture = tmp_path_factory.mktemp("demo") / "demo.json"
        with override_settings(MEDIA_ROOT=media_root):
            flush()
            call_command("load_demo", "--articles", str(articles), "--no-logins", verbosity=0)
            warm_up(Client(), warm_paths)
            call_command(
                "dumpdata", *KEPT_APPS, natural_foreign=True, output=str(fixture), verbosity=0
            )
        return cls(fixture, media_root, server)

    def restore(self):
        flush()
        call_command("loaddata", str(self.fixture), verbosity=0)
        self.loaded = fingerprint()
        self.restores += 1

    def restore_if_changed(self):
        if fingerprint() != self.loaded:
            self.restore()

    @contextlib.contextmanager
    def serving(self):
        """The live server's host allowed, as pytest-django's ``live_server`` does per test."""
        self.server._live_server_modified_settings.enable()
        try:
            yield
        finally:
            self.server._live_server_modified_settings.disable()

    def close(self):
        flush()
