"""Backup and restore of what the site cannot rebuild: the database and the
media (docs/operations.md, "Backup and restore").

A backup is a folder:

    database.dump   pg_dump's custom format (PostgreSQL) or a copy of the
                    SQLite file made with SQLite's online backup
    media/          every file of the media storage (local folder or bucket)
    manifest.json   the rows of every table and the SHA-256 of every file,
                    which a restore is checked against

Media is read and written through Django's storage, so the same commands work
for a local folder and for S3-compatible object storage.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"


class BackupError(Exception):
    pass


def _postgres_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(argv, env):
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[:2000]}")


def table_rows():
    """{table: number of rows} of every table of the database."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_rows(db):
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def media_files(folder=""):
    """Every file name in the media storage, walking its folders."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from media_files(f"{folder}/{sub}" if folder else sub)


def _sha256(stream):
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def backup(target):
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    (target / "media").mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        # The dump and the row counts from one snapshot, so a backup taken
        # while the site runs still matches its own manifest.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            _run(
                ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}"]
                + [f"--file={target / DUMP}"],
                _postgres_env(),
            )
            tables = table_rows()
    elif vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / DUMP) as copy:
            connection.connection.backup(copy)
            tables = _sqlite_rows(copy)
    else:
        raise BackupError(f"no backup for a {vendor} database")

    files = {}
    for name in media_files():
        path = target / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(path, "wb") as copy:
            shutil.copyfileobj(source, copy)
        with open(path, "rb") as copy:
            files[name] = _sha256(copy)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "tables": tables,
        "media": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def database_has_content():
    tables = connection.introspection.table_names()
    if "wagtailcore_page" not in tables:
        return False
    with connection.cursor() as cursor:
        # The migrations alone create the root and the welcome page.
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        return cursor.fetchone()[0] > 2


def restore(source, force=False):
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable {MANIFEST}: {error}") from error
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"a {manifest['database']} backup cannot go into {vendor}")
    if not force and database_has_content():
        raise BackupError("the database already has content; restore with --force to replace it")

    if vendor == "postgresql":
        connections.close_all()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            + [f"--dbname={settings.DATABASES['default']['NAME']}", str(source / DUMP)],
            _postgres_env(),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source / DUMP) as dump:
            dump.backup(connection.connection)
    connections.close_all()

    for name in manifest["media"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(source / "media" / name, "rb") as stream:
            saved = default_storage.save(name, File(stream))
        if saved != name:
            raise BackupError(f"media file {name} was stored as {saved}")
    return verify(manifest)


def verify(manifest):
    """Differences between the database and media now and the manifest ([] if none)."""
    problems = []
    rows = table_rows()
    for table, count in manifest["tables"].items():
        if rows.get(table) != count:
            problems.append(f"table {table}: {rows.get(table)} rows, {count} in the backup")
    for name, digest in manifest["media"].items():
        try:
            with default_storage.open(name, "rb") as stream:
                if _sha256(stream) != digest:
                    problems.append(f"media {name}: different content")
        except OSError:
            problems.append(f"media {name}: missing")
    return problems
