"""Sites of their own for the tests, set up once per run and copied for each test.

Migrating a fresh SQLite database in a subprocess takes seconds, and loading the demo into it
tens of seconds; a dozen tests need one or the other, and none may see another's changes. So the
first test to ask builds the site's folder (its database and uploads) once for the whole run,
under a file lock the other xdist worker waits on, and every test gets a copy of it: the same
database and files ``tools.site`` would have made, minus the wait.
"""

import fcntl
import json
import os
import shutil
from pathlib import Path

from tools import site

# The demo the tests serve: the seed stories and two fillers, no desk logins.
DEMO_FILLER_ARTICLES = 2


def run_directory(tmp_path_factory):
    """A folder shared by this run's xdist workers and by no other run."""
    base = tmp_path_factory.getbasetemp()
    # Every worker's basetemp sits in the run's own folder; without xdist, basetemp is that
    # folder (its parent holds every earlier run).
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def migrate(env):
    site.manage(env, "migrate", "--noinput", "-v0")
    return None


def load_demo(env):
    return site.load_demo(env, articles=DEMO_FILLER_ARTICLES)


class SiteCopies:
    """``copies.migrated(var_dir)``, ``copies.demo(var_dir)``: a site's folder in ``var_dir``.

    ``demo`` returns the paths of the demo's published stories, as ``tools.site.load_demo``.
    """

    def __init__(self, shared):
        self.shared = Path(shared)

    def migrated(self, var_dir):
        return self.copy("migrated", migrate, var_dir)

    def demo(self, var_dir):
        return self.copy("demo", load_demo, var_dir)

    def copy(self, name, build, var_dir):
        template = self.shared / f"site-{name}"
        facts = self.shared / f"site-{name}.json"
        with open(self.shared / f"site-{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not template.exists():
                    # Built aside and renamed: a build that failed leaves no half a site behind.
                    building = self.shared / f"site-{name}.building"
                    shutil.rmtree(building, ignore_errors=True)
                    building.mkdir()
                    facts.write_text(json.dumps(build(site.site_env(building))))
                    building.rename(template)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        shutil.copytree(template, var_dir, dirs_exist_ok=True)
        return json.loads(facts.read_text())
