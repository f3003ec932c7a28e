"""macros/minify.py: our scripts and styles lose their comments in the built site; Material's own
files, already minified, are left byte for byte."""

from __future__ import annotations

from pathlib import Path

from macros.minify import minify_assets

OURS_JS = "// why the code does this\nvar label = \"已完成\";  /* a block comment */\nfunction tick(a) {\n  return a + 1;\n}\n"
OURS_CSS = "/* print: hide the panel */\n.pb-run  {\n  color : red ;\n}\n"
THEIRS = "/* keep me */ var  kept = 1 ;\n"


def site(tmp_path: Path) -> Path:
    files = {
        "assets/javascripts/page.js": OURS_JS,
        "assets/javascripts/core/events.js": OURS_JS,
        "assets/javascripts/bundle.5f1a.min.js": THEIRS,
        "assets/javascripts/bundle.js": THEIRS,
        "assets/javascripts/vendor.min.js": THEIRS,
        "assets/javascripts/workers/search.js": THEIRS,
        "assets/javascripts/lunr/min/lunr.zh.js": THEIRS,
        "assets/stylesheets/extra.css": OURS_CSS,
        "assets/stylesheets/main.8c3c.min.css": THEIRS,
        "assets/stylesheets/palette.06af.min.css": THEIRS,
        "assets/stylesheets/deep/other.css": THEIRS,
        "index.html": THEIRS,
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_our_scripts_and_styles_are_minified_in_place(tmp_path):
    root = site(tmp_path)
    done = minify_assets(root)
    assert [p.relative_to(root).as_posix() for p in done] == [
        "assets/javascripts/core/events.js", "assets/javascripts/page.js", "assets/stylesheets/extra.css"]
    for rel in ("assets/javascripts/page.js", "assets/javascripts/core/events.js"):
        js = (root / rel).read_text(encoding="utf-8")
        assert "why the code" not in js and "block comment" not in js
        assert 'var label="已完成";function tick(a){return a+1;}' in js.replace("\n", "")
    assert (root / "assets/stylesheets/extra.css").read_text(encoding="utf-8") == ".pb-run{color:red}"


def test_material_files_and_pages_are_left_alone(tmp_path):
    root = site(tmp_path)
    minify_assets(root)
    for rel in ("assets/javascripts/bundle.5f1a.min.js", "assets/javascripts/bundle.js",
                "assets/javascripts/vendor.min.js", "assets/javascripts/workers/search.js",
                "assets/javascripts/lunr/min/lunr.zh.js", "assets/stylesheets/main.8c3c.min.css",
                "assets/stylesheets/palette.06af.min.css", "assets/stylesheets/deep/other.css", "index.html"):
        assert (root / rel).read_text(encoding="utf-8") == THEIRS, rel
