"""Versions and requirements read off ``.dist-info`` folders agree with ``importlib.metadata``."""

from __future__ import annotations

from importlib import metadata

from packaging.version import Version

from leaflet import installed


def test_every_installed_distribution_has_the_version_and_requirements_metadata_gives() -> None:
    distributions = list(metadata.distributions())
    assert len(distributions) > 20
    for distribution in distributions:
        name = distribution.metadata["Name"]
        found = installed.version(name)
        assert found is not None and Version(found) == Version(distribution.version), name
        assert sorted(installed.requires(name)) == sorted(distribution.requires or []), name


def test_names_are_compared_as_the_specification_normalises_them() -> None:
    assert installed.version("Resvg_Py") == installed.version("resvg-py") == metadata.version("resvg-py")
    assert "markdown-it-py" in " ".join(installed.requires("leaflet-publisher"))


def test_a_distribution_that_is_not_installed_has_no_version_and_no_requirements() -> None:
    assert installed.version("no-such-distribution-here") is None
    assert installed.requires("no-such-distribution-here") == []
