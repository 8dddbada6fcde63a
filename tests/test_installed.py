"""Versions and requirements read off ``.dist-info`` folders agree with ``importlib.metadata``."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.version import Version

from leaflet.core import installed


def test_every_installed_distribution_has_the_version_and_requirements_metadata_gives() -> None:
    names = {installed.normalised(d.metadata["Name"]): d.metadata["Name"] for d in metadata.distributions()}
    assert len(names) > 20
    for name in names.values():  # once a name: the one in force, as importlib finds it
        found = installed.version(name)
        assert found is not None and Version(found) == Version(metadata.version(name)), name
        assert sorted(installed.requires(name)) == sorted(metadata.requires(name) or []), name


def test_two_folders_for_one_name_are_left_to_importlib_and_an_old_style_name_keeps_its_dashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("twice-1.0.dist-info", "twice-2.0.dist-info", "old-style-name-3.1.dist-info"):
        (tmp_path / folder).mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    installed._folders.cache_clear()
    try:
        listed = installed._folders()
        assert listed["twice"] is None  # an upgrade cut short: not this module's guess
        assert installed.version("old-style-name") == "3.1"
    finally:
        installed._folders.cache_clear()


def test_names_are_compared_as_the_specification_normalises_them() -> None:
    assert installed.version("Resvg_Py") == installed.version("resvg-py") == metadata.version("resvg-py")
    assert "markdown-it-py" in " ".join(installed.requires("leaflet-publisher"))


def test_a_distribution_that_is_not_installed_has_no_version_and_no_requirements() -> None:
    assert installed.version("no-such-distribution-here") is None
    assert installed.requires("no-such-distribution-here") == []
