"""Our own JavaScript and CSS, minified in the built site (sources stay commented and readable).

Comments explain why the browser code does what it does; users should not download them. jsmin and
csscompressor are the libraries mkdocs-minify-plugin uses; run here on every file of ours (the
plugin needs each file listed by name, a second list to keep in step)."""

from __future__ import annotations

from pathlib import Path


def minify_assets(site_dir: Path) -> list[Path]:
    """Minify assets/javascripts/**/*.js and assets/stylesheets/*.css in place; returns the files."""
    import csscompressor
    import jsmin

    done = []
    for path in sorted((site_dir / "assets" / "javascripts").rglob("*.js")):
        rel = path.relative_to(site_dir / "assets" / "javascripts")
        if path.name.startswith("bundle.") or path.name.endswith(".min.js") or rel.parts[0] in ("workers", "lunr"):
            continue  # Material's own (bundle, search worker, lunr languages), already minified
        path.write_text(jsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
        done.append(path)
    for path in sorted((site_dir / "assets" / "stylesheets").glob("*.css")):
        if path.name.startswith(("main.", "palette.")):
            continue
        path.write_text(csscompressor.compress(path.read_text(encoding="utf-8")), encoding="utf-8")
        done.append(path)
    return done
