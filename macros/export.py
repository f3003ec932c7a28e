"""Files the site publishes for other systems: the validated plan as JSON and the JSON Schemas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .loader import SCHEMA_DIR
from .model import Playbook


def write_exports(pb: Playbook, site_dir: Path) -> list[Path]:
    """Write playbook.json and schemas/*.schema.json into the built site; returns the paths written."""
    written = [site_dir / "playbook.json"]
    written[0].write_text(json.dumps(pb.export(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    target = site_dir / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        written.append(Path(shutil.copyfile(schema, target / schema.name)))
    return written
