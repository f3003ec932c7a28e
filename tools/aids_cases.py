"""Fill in the `lines` (exact wording) of tests/fixtures/aids-cases.yml from macros/aids.py, after
checking every hand-worked amount. Run after changing an aids.yml text, then review the diff:
  .venv/bin/python tools/aids_cases.py [input.yml]
The amounts are never generated: a row whose amount differs stops the script."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import aids  # noqa: E402
from macros.loader import load  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "aids-cases.yml"


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else CASES
    text = src.read_text(encoding="utf-8")
    cases = yaml.safe_load(text)
    data = aids.data(load())
    rows = []
    for row in cases["compensation"]:
        got = aids.compensation(case_data(data, row), {**DEFAULTS, **row["inputs"]})
        check(row, got, data)
        rows.append(emit(row, None if "error" in row else got["lines"]))
    head, _, rest = text.partition("\ncompensation:\n")
    tail = rest[rest.index("\ndeadlines:"):]
    src.write_text(head + "\ncompensation:\n" + "".join(rows) + tail, encoding="utf-8")


def _flow(v: object) -> str:
    return yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=10000).strip().removesuffix("...").strip()


def emit(row: dict, lines: list[str] | None) -> str:
    out = [f"  - name: {_flow(row['name'])}\n"]
    for k, v in row.items():
        if k not in ("name", "lines"):
            out.append(f"    {k}: {_flow(v)}\n")
    if lines is not None:
        out.append("    lines:\n" + "".join(f"      - {_flow(x)}\n" for x in lines))
    return "".join(out)


DEFAULTS = {"goods": "other", "seller": "third", "party": "seller", "knew": "unsure", "excluded": "", "promise": False, "loss": ""}


def case_data(data: dict, row: dict) -> dict:
    if "promise_multiplier" not in row:
        return data
    comp = {**data["compensation"], "promise": {**data["compensation"]["promise"], "price_multiplier": row["promise_multiplier"]}}
    return {**data, "compensation": comp}


def check(row: dict, got: dict, data: dict) -> None:
    if "error" in row:
        assert got.get("error") == data["compensation"]["texts"][row["error"]], (row, got)
        return
    for k in ("refund", "loss", "punitive", "total", "conditional"):
        want = aids.cents(row[k]) if k in row else (None if k == "conditional" else 0)
        assert got[k] == want, (row["name"], k, got[k], want)


if __name__ == "__main__":
    main()
