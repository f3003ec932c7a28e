"""Vendored browser libraries match the versions pinned in package.json (tools/vendor.py)."""

from __future__ import annotations

from tools.vendor import VENDOR, manifest


def test_every_vendored_package_is_the_pinned_version():
    """A bump in package.json without `make vendor` (or a hand-edited copy's VERSION) fails here."""
    pins, wanted = manifest()
    assert wanted, "package.json lists no vendored package"
    for name, files in wanted.items():
        assert (VENDOR / name / "VERSION").read_text(encoding="utf-8") == f"{name} {pins[name]}\n"
        for dest in files.values():
            assert (VENDOR / name / dest).is_file(), f"{name}: {dest} missing; run make vendor"


def test_every_vendored_package_ships_its_licence():
    """Each vendored package carries a licence file beside it."""
    _, wanted = manifest()
    for name, files in wanted.items():
        assert any("LICEN" in dest.upper() for dest in files.values()), f"{name}: add its LICENSE to package.json vendor"
