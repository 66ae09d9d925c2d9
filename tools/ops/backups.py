"""What `make backup` and `make restore` share: the site's settings and the archive's layout.

A backup is one tar file:

    manifest.json        what it holds: the database vendor, when it was made, how many uploads
    database.dump        PostgreSQL: pg_dump's custom format (restored with pg_restore)
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    uploads/...          every file under MEDIA_ROOT (images and their renditions)

The database is copied first, then the uploads: a file is written before the row that names it
is committed, so every file the copied database refers to is already there to be archived.
"""

import os
import subprocess

FORMAT = 1
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def database():
    from django.db import connection

    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise SystemExit(f"Backups know PostgreSQL and SQLite, not {vendor}.")
    return connection, vendor


def libpq_command(program, connection, *args):
    """``program`` with the connection settings of ``connection``; the password in the env."""
    params = connection.settings_dict
    command = [program, "--no-password"]
    for flag, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
        if params.get(key):
            command += [flag, str(params[key])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return [*command, *args, "--dbname", params["NAME"]], env


def run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr.strip()}")
