"""Saving the page's files: never over a change made elsewhere, but following an editor's own chain of saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.web.saving import Conflict, Saves, version_of


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "section.yaml"
    path.write_text("title: One\n", encoding="utf-8")
    return path


def test_a_save_over_the_version_on_disk_is_written(file: Path) -> None:
    saved = Saves().save(file, "title: Two\n", version_of("title: One\n"))
    assert saved.written and saved.version == version_of("title: Two\n")
    assert file.read_text(encoding="utf-8") == "title: Two\n"


def test_the_same_text_is_not_written_again(file: Path) -> None:
    before = file.stat().st_mtime_ns
    saved = Saves().save(file, "title: One\n", version_of("title: One\n"))
    assert not saved.written and file.stat().st_mtime_ns == before


def test_a_change_made_on_disk_meanwhile_is_a_conflict(file: Path) -> None:
    file.write_text("title: Changed in a text editor\n", encoding="utf-8")
    with pytest.raises(Conflict) as raised:
        Saves().save(file, "title: Two\n", version_of("title: One\n"), "editor-1")
    assert raised.value.on_disk == "title: Changed in a text editor\n"
    assert file.read_text(encoding="utf-8") == "title: Changed in a text editor\n"


def test_an_editor_that_has_not_heard_of_its_own_save_yet_carries_on(file: Path) -> None:
    saves, one = Saves(), version_of("title: One\n")
    saves.save(file, "title: Tw\n", one, "editor-1")  # an autosave, its answer still on its way
    saves.save(file, "title: Two\n", one, "editor-1")  # a button pressed meanwhile, made from the same version
    assert file.read_text(encoding="utf-8") == "title: Two\n"


def test_the_chain_is_followed_over_several_saves(file: Path) -> None:
    saves, one = Saves(), version_of("title: One\n")
    second = saves.save(file, "title: T\n", one, "editor-1").version
    saves.save(file, "title: Tw\n", second, "editor-1")
    saves.save(file, "title: Two\n", one, "editor-1")
    assert file.read_text(encoding="utf-8") == "title: Two\n"


def test_another_editor_on_the_same_version_is_a_conflict(file: Path) -> None:
    saves, one = Saves(), version_of("title: One\n")
    saves.save(file, "title: From the first tab\n", one, "editor-1")
    with pytest.raises(Conflict):
        saves.save(file, "title: From the second tab\n", one, "editor-2")
    assert file.read_text(encoding="utf-8") == "title: From the first tab\n"


def test_a_save_without_an_editor_never_follows_a_chain(file: Path) -> None:
    saves, one = Saves(), version_of("title: One\n")
    saves.save(file, "title: Two\n", one)
    with pytest.raises(Conflict):
        saves.save(file, "title: Three\n", one)


def test_text_that_comes_back_to_an_earlier_version_ends_the_walk(file: Path) -> None:
    saves, one = Saves(), version_of("title: One\n")
    two = saves.save(file, "title: Two\n", one, "editor-1").version
    saves.save(file, "title: One\n", two, "editor-1")  # typed back: the chain now loops
    with pytest.raises(Conflict):
        saves.save(file, "title: Three\n", version_of("title: Elsewhere\n"), "editor-1")


def test_a_new_file_is_saved_over_the_version_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    Saves().save(path, "title: New\n", version_of(""))
    assert path.read_text(encoding="utf-8") == "title: New\n"


def test_a_link_to_a_file_in_the_report_folder_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "sections" / "purpose.yaml"
    real.parent.mkdir()
    real.write_text("title: One\n", encoding="utf-8")
    link = tmp_path / "purpose.yaml"
    link.symlink_to(real)
    Saves(within=tmp_path).save(link, "title: Two\n", version_of("title: One\n"))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "title: Two\n"


def test_a_link_out_of_the_report_folder_is_refused_and_nothing_written(tmp_path: Path) -> None:
    from report_builder.errors import PublishError

    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("title: One\n", encoding="utf-8")
    report = tmp_path / "report"
    report.mkdir()
    (report / "purpose.yaml").symlink_to(outside)
    with pytest.raises(PublishError, match="symbolic link"):
        Saves(within=report).save(report / "purpose.yaml", "title: Two\n", version_of("title: One\n"))
    assert outside.read_text(encoding="utf-8") == "title: One\n"
