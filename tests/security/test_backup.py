"""Backups: `backup PATH` writes the database and the uploaded files; `restore PATH` brings both
back, and a restore into a fresh database has every table's row count of the original."""

import io
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from alianzas.backup import Database, backup, restore, table_counts
from registry.models import Initiative

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "fichas").mkdir(parents=True)
    (settings.MEDIA_ROOT / "fichas" / "ficha-CR.docx").write_bytes(b"PK word file")
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def fresh_database():
    current = Database.from_settings()
    fresh = current.with_name(f"alianzas_restore_{uuid.uuid4().hex[:8]}")
    with current.connect(autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{fresh.name}"')
    yield fresh
    with current.connect(autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{fresh.name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_has_every_table_and_file(demo, fresh_database, tmp_path):
    archive = tmp_path / "alianzas.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    original = table_counts(Database.from_settings())
    assert original["registry_initiative"] == Initiative.objects.count() > 0

    restored_media = tmp_path / "restored-media"
    differences = restore(archive, database=fresh_database, media_root=restored_media)
    assert differences == {}
    assert table_counts(fresh_database) == original
    assert (restored_media / "fichas" / "ficha-CR.docx").read_bytes() == b"PK word file"


def test_restore_puts_back_what_was_lost_since_the_backup(demo, tmp_path):
    archive = tmp_path / "before.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = table_counts(Database.from_settings())
    Initiative.objects.filter(status="published").delete()
    (Path(settings.MEDIA_ROOT) / "fichas" / "ficha-CR.docx").unlink()

    output = io.StringIO()
    call_command("restore", str(archive), "--noinput", stdout=output)
    assert "every table" in output.getvalue()
    assert table_counts(Database.from_settings()) == before
    assert (Path(settings.MEDIA_ROOT) / "fichas" / "ficha-CR.docx").exists()


def test_a_backup_never_overwrites_an_existing_file(demo, tmp_path):
    existing = tmp_path / "old.tar.gz"
    existing.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"an older backup"


def test_restoring_something_that_is_not_a_backup_changes_nothing(demo, tmp_path):
    before = table_counts(Database.from_settings())
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        note = tmp_path / "note.txt"
        note.write_text("hello")
        archive.add(note, arcname="note.txt")
    for path in (bogus, tmp_path / "missing.tar.gz"):
        with pytest.raises(CommandError, match="not an Alianzas backup"):
            call_command("restore", str(path), "--noinput")
    assert table_counts(Database.from_settings()) == before


def test_the_manifest_matches_the_dump_even_when_taken_from_python(demo, tmp_path):
    manifest = backup(tmp_path / "b.tar.gz", database=Database.from_settings(), media_root=Path(settings.MEDIA_ROOT))
    assert manifest["tables"]["registry_country"] > 20 and manifest["format"] == 1


def test_a_backup_is_readable_by_its_owner_only(demo, tmp_path):
    archive = tmp_path / "alianzas.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o777 == 0o600


def _crafted_backup(tmp_path, name: str, **member) -> Path:
    """A real manifest beside one member that a restore must refuse."""
    import json

    path = tmp_path / f"crafted-{uuid.uuid4().hex[:6]}.tar.gz"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": 1, "created_at": "2026-01-01", "tables": {}}))
    with tarfile.open(path, "w:gz") as archive:
        archive.add(manifest, arcname="manifest.json")
        info = tarfile.TarInfo(name)
        for key, value in member.items():
            setattr(info, key, value)
        archive.addfile(info, io.BytesIO(b"x" * info.size))
    return path


@pytest.mark.parametrize(
    ("name", "member", "says"),
    [
        ("media/../../escaped.txt", {"size": 1}, "outside the destination"),
        ("/etc/alianzas-test", {"size": 1}, "which no backup has"),
        ("media/link", {"type": tarfile.SYMTYPE, "linkname": "/etc/passwd"}, "link to an absolute path"),
        ("media/up", {"type": tarfile.SYMTYPE, "linkname": "../../../etc"}, "outside the destination"),
        ("media/device", {"type": tarfile.CHRTYPE}, "special file"),
        ("evil.sh", {"size": 1}, "which no backup has"),
    ],
)
def test_a_crafted_archive_is_refused_with_one_clear_line(demo, tmp_path, name, member, says):
    before = table_counts(Database.from_settings())
    path = _crafted_backup(tmp_path, name, **member)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), "--noinput")
    message = str(refused.value)
    assert says in message and "\n" not in message and "nothing was changed" in message
    assert table_counts(Database.from_settings()) == before
    assert not (tmp_path.parent / "escaped.txt").exists()
