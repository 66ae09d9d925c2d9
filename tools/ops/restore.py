"""Restore a backup made by `make backup` into an empty database and uploads folder.

    python -m tools.ops.restore var/backups/newsroom-<time>.tar

The site's DATABASE_URL (or its SQLite file) and MEDIA_ROOT are the targets. Both must be
empty: a restore never mixes two newsrooms or overwrites one. Create the empty PostgreSQL
database first (`createdb newsroom`); a SQLite file is created. Run `migrate` afterwards when the
code is newer than the backup.
"""

import argparse
import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from tools.ops.backups import DATABASE_FILES, FORMAT, database, libpq_command, run, setup_django


def refuse(message):
    raise SystemExit(f"Not restored: {message}")


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except KeyError:
        refuse("this file is not a newsroom backup (no manifest.json).")
    if manifest.get("format") != FORMAT:
        refuse(f"backup format {manifest.get('format')} is not {FORMAT}.")
    return manifest


def restore_database(connection, vendor, database_file):
    if vendor == "postgresql":
        command, env = libpq_command(
            "pg_restore",
            connection,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
        )
        run([*command, str(database_file)], env)
        with connection.cursor() as cursor:
            # pg_restore leaves the planner without statistics until autovacuum comes round.
            cursor.execute("ANALYZE")
    else:
        connection.close()
        source = sqlite3.connect(database_file)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        with target:
            source.backup(target)
        target.close()
        source.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backup", type=Path)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.cache import caches

    connection, vendor = database()
    media_root = Path(settings.MEDIA_ROOT)
    if not args.backup.is_file():
        refuse(f"{args.backup} does not exist.")
    with tarfile.open(args.backup) as archive, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(archive)
        if manifest["database"] != vendor:
            refuse(f"the backup holds a {manifest['database']} database; this site uses {vendor}.")
        if vendor == "sqlite":
            Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        if connection.introspection.table_names():
            refuse(f"the {vendor} database {connection.settings_dict['NAME']} is not empty.")
        if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
            refuse(f"the uploads folder {media_root} is not empty.")

        archive.extract(DATABASE_FILES[vendor], work, filter="data")
        restore_database(connection, vendor, Path(work) / DATABASE_FILES[vendor])
        uploads = [member for member in archive.getmembers() if member.name.startswith("uploads/")]
        media_root.mkdir(parents=True, exist_ok=True)
        for member in uploads:
            member.name = member.name.removeprefix("uploads/")
            # "data" refuses absolute paths, links out of the folder and device files.
            archive.extract(member, media_root, filter="data")
    # Pages cached before the restore may show another state of the newsroom.
    for alias in settings.CACHES:
        caches[alias].clear()
    print(
        f"Restored the {vendor} database and {len(uploads)} uploads from {args.backup} "
        f"(made {manifest['created_at']}). Purge the edge cache if one serves this site."
    )


if __name__ == "__main__":
    main()
