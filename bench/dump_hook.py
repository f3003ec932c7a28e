# MkDocs hook for bench/budgets.py: saves each page as the macros rendered it (Markdown plus the
# metadata they set: tags, description, page scripts) and the theme's extra values, so plain
# mkdocs-material can build exactly the same pages again without macros.
import os
from pathlib import Path

import yaml

OUT = Path(os.environ.get("PB_DUMP_DIR", "."))


def on_page_markdown(markdown, *, page, config, files):
    out = OUT / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), allow_unicode=True) if page.meta else ""
    out.write_text(f"---\n{meta}---\n\n{markdown}" if meta else markdown, encoding="utf-8")
    return markdown


def on_post_build(config):
    (OUT.parent / "extra.yml").write_text(yaml.safe_dump(dict(config["extra"]), allow_unicode=True), encoding="utf-8")
