# MkDocs hook for bench/budgets.py: saves each page's Markdown as the macros rendered it, so the
# same pages can be built again by plain mkdocs-material without macros.
import os
from pathlib import Path


def on_page_markdown(markdown, *, page, config, files):
    out = Path(os.environ["PB_DUMP_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
