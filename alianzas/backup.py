"""Backups: one archive holding the database (pg_dump's custom format), the uploaded files and a
manifest with every table's row count, so a restore can prove it brought everything back.

The dump comes from the PostgreSQL client programs matching the server: those inside pgserver
for the embedded database, else the ones on PATH (PG_BIN chooses a folder explicitly)."""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings

FORMAT_VERSION = 1
DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_FOLDER = "media"


class BackupError(Exception):
    """A backup or restore that could not be completed; the message says why, for a person."""


@dataclass(frozen=True)
class Database:
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> "Database":
        config = settings.DATABASES[alias]
        options = config.get("OPTIONS", {})
        return cls(
            name=config["NAME"], user=config.get("USER") or "", password=config.get("PASSWORD") or "",
            # The embedded server is reached through a socket folder given as an option.
            host=config.get("HOST") or options.get("host") or "", port=str(config.get("PORT") or options.get("port") or ""),
        )

    def with_name(self, name: str) -> "Database":
        return Database(name=name, user=self.user, password=self.password, host=self.host, port=self.port)

    def client_arguments(self) -> list[str]:
        arguments = [f"--dbname={self.name}"]
        for flag, value in (("--username", self.user), ("--host", self.host), ("--port", self.port)):
            if value:
                arguments.append(f"{flag}={value}")
        return arguments

    def client_environment(self) -> dict:
        environment = dict(os.environ)
        if self.password:
            environment["PGPASSWORD"] = self.password
        return environment

    def connect(self, **kwargs):
        return psycopg.connect(
            dbname=self.name, user=self.user or None, password=self.password or None,
            host=self.host or None, port=self.port or None, **kwargs,
        )


def client_program(name: str) -> str:
    folder = os.environ.get("PG_BIN")
    if folder:
        return str(Path(folder) / name)
    if not os.environ.get("DATABASE_URL"):
        from pgserver._commands import POSTGRES_BIN_PATH

        return str(POSTGRES_BIN_PATH / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found: install the PostgreSQL client programs or set PG_BIN.")
    return found


def _count_tables(connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    ]
    # Table names come from the catalog, not from a person.
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def table_counts(database: Database) -> dict[str, int]:
    with database.connect() as connection:
        return _count_tables(connection)


def _run(command: list[str], database: Database) -> None:
    result = subprocess.run(command, env=database.client_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def backup(path: Path, *, database: Database, media_root: Path) -> dict:
    """Writes the archive at `path` (a .tar.gz) and returns its manifest."""
    path = Path(path)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        # The counts and the dump read one exported snapshot, so the manifest describes exactly
        # what the dump holds even while people keep saving.
        with database.connect(autocommit=True) as connection:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "database": database.name,
                "tables": _count_tables(connection),
            }
            _run(
                [client_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={work / DUMP_NAME}", *database.client_arguments()],
                database,
            )
        (work / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
        temporary = path.with_name(path.name + ".partial")
        # Created readable by its owner only, from the first byte: it holds password hashes,
        # sessions, API token hashes and people's contacts.
        handle = os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        with handle, tarfile.open(fileobj=handle, mode="w:gz") as archive:
            archive.add(work / MANIFEST_NAME, arcname=MANIFEST_NAME)
            archive.add(work / DUMP_NAME, arcname=DUMP_NAME)
            if media_root.exists():
                archive.add(media_root, arcname=MEDIA_FOLDER)
        temporary.replace(path)  # a half-written archive never carries the final name
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST_NAME)
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{path} is not an Alianzas backup: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{path} was written in backup format {manifest.get('format')}; this version reads {FORMAT_VERSION}.")
    return manifest


def _extract(path: Path, work: Path) -> None:
    """Unpack a backup, refusing what our backups never hold: members outside the manifest, the
    dump and the media folder, and (through the "data" filter) absolute paths, links out of the
    folder and devices. Checked before anything is written, so a crafted archive changes nothing."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive.getmembers():
                name = member.name
                if name not in (MANIFEST_NAME, DUMP_NAME) and name != MEDIA_FOLDER and not name.startswith(MEDIA_FOLDER + "/"):
                    raise BackupError(f"{path} is not an Alianzas backup: it holds {name!r}, which no backup has; nothing was changed.")
                tarfile.data_filter(member, str(work))
            archive.extractall(work, filter="data")
    except tarfile.FilterError as error:
        raise BackupError(f"{path} was refused: {error}; nothing was changed.") from None
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} could not be read: {error}; nothing was changed.") from None


def restore(path: Path, *, database: Database, media_root: Path) -> dict[str, tuple[int, int]]:
    """Replaces the database's contents and the uploaded files with the archive's. Returns the
    tables whose counts differ from the manifest (empty when everything came back)."""
    path = Path(path)
    manifest = read_manifest(path)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        _extract(path, work)
        _run(
            [client_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", *database.client_arguments(), str(work / DUMP_NAME)],
            database,
        )
        restored_media = work / MEDIA_FOLDER
        if media_root.exists():
            shutil.rmtree(media_root)
        if restored_media.exists():
            media_root.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(restored_media, media_root)
    counts = table_counts(database)
    return {
        table: (expected, counts.get(table, 0))
        for table, expected in manifest["tables"].items()
        if counts.get(table, 0) != expected
    }
