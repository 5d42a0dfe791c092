"""scripts/build_site.py puts a new site in place: the old or the new one is at site/ at every instant, and a
build whose new site is in place succeeds even when the old copy cannot be removed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import build_site


def _sites(tmp_path: Path) -> tuple[Path, Path]:
    site, staging = tmp_path / "site", tmp_path / ".site-build-x"
    site.mkdir()
    (site / "index.html").write_text("cũ", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("mới", encoding="utf-8")
    return site, staging


def _watch_renames(monkeypatch, site: Path) -> list:
    """After every rename the build makes, is there a site at `site`?"""
    seen = []
    real = Path.rename

    def rename(self, target):
        result = real(self, target)
        seen.append(site.is_dir())
        return result

    monkeypatch.setattr(Path, "rename", rename)
    return seen


def test_swap_leaves_a_site_at_every_instant(tmp_path, monkeypatch):
    site, staging = _sites(tmp_path)
    seen = _watch_renames(monkeypatch, site)
    build_site.install(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"
    assert all(seen), "a moment with no site/"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the old copy removed


def test_exchange_is_one_step_on_linux(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").touch()
    assert build_site._exchange(a, b)
    assert (b / "x").exists() and not (a / "x").exists()


def test_fallback_without_exchange(tmp_path, monkeypatch):
    """Where the system cannot exchange two folders: two renames, the new site in place, the old one removed."""
    site, staging = _sites(tmp_path)
    monkeypatch.setattr(build_site, "_exchange", lambda a, b: False)
    build_site.install(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_fallback_puts_the_old_site_back_when_the_new_cannot_go_in(tmp_path, monkeypatch):
    site, staging = _sites(tmp_path)
    monkeypatch.setattr(build_site, "_exchange", lambda a, b: False)
    real = Path.rename

    def rename(self, target):
        if self == staging:
            raise OSError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        build_site.install(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "cũ"


def test_first_build_has_no_old_site(tmp_path):
    site, staging = _sites(tmp_path)
    shutil.rmtree(site)
    build_site.install(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"


def test_old_copy_that_cannot_be_removed_is_a_warning(tmp_path, monkeypatch, capsys):
    site, staging = _sites(tmp_path)

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(build_site.shutil, "rmtree", refuse)
    build_site.install(staging, site)  # no exception: the build succeeded
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"
    assert "Cảnh báo" in capsys.readouterr().err
