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
