"""Back up the site: its database and its uploads in one tar file (`make backup`).

    python -m tools.ops.backup [--output var/backups/newsroom.tar]

Safe while the site is serving: pg_dump reads one consistent snapshot, SQLite's backup API
copies a consistent database, and uploads never change once written.
"""

import argparse
import datetime
import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from tools.ops.backups import DATABASE_FILES, FORMAT, database, libpq_command, run, setup_django


def dump_database(connection, vendor, target):
    if vendor == "postgresql":
        command, env = libpq_command(
            "pg_dump", connection, "--format=custom", "--no-owner", "--no-privileges"
        )
        run([*command, "--file", str(target)], env)
    else:
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()


def upload_files(media_root):
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    parser.add_argument("--output", type=Path, help="default: var/backups/newsroom-<time>.tar")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    connection, vendor = database()
    output = args.output or Path(settings.VAR_DIR) / "backups" / f"newsroom-{stamp}.tar"
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)

    with tempfile.TemporaryDirectory(dir=output.parent) as work:
        database_file = Path(work) / DATABASE_FILES[vendor]
        dump_database(connection, vendor, database_file)
        uploads = upload_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": vendor,
            "uploads": len(uploads),
        }
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as archive:
            manifest_file = Path(work) / "manifest.json"
            manifest_file.write_text(json.dumps(manifest, indent=2) + "\n")
            archive.add(manifest_file, "manifest.json")
            archive.add(database_file, database_file.name)
            for path in uploads:
                archive.add(path, f"uploads/{path.relative_to(media_root).as_posix()}")
        # Only a complete archive ever carries the final name.
        partial.replace(output)
    base_dir = Path(settings.BASE_DIR)
    shown = output.relative_to(base_dir) if output.is_relative_to(base_dir) else output
    print(f"Backed up the {vendor} database and {len(uploads)} uploads to {shown}")


if __name__ == "__main__":
    main()
