"""Decision-aid rules over playbook/aids.yml: triage, compensation and deadlines.

docs/assets/javascripts/aids.js applies the same rules in the browser; both are tested against
the same worked cases (tests/fixtures/aids-cases.yml), so they cannot drift apart unnoticed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Playbook, add_duration

ANSWERS = ("yes", "no", "unsure")


def triage(pb: Playbook, answers: dict[str, str], amount: float = 0) -> tuple[str, list[str]]:
    """(severity id, reasons): the highest level any 'yes' or 'unsure' answer or the amount implies."""
    rules = pb.aids["triage"]
    rank = {s["id"]: s["rank"] for s in pb.taxonomy["severities"]}
    hits = [(q["severity"], q["text"] + ("(不确定,按“是”处理)" if answers.get(q["id"]) == "unsure" else ""))
            for q in rules["questions"] if answers.get(q["id"]) in ("yes", "unsure")]
    hits += [(t["severity"], f"{rules['amount']['label']} ≥ {t['min']:g}") for t in rules["amount"]["thresholds"] if amount >= t["min"]]
    if not hits:
        return rules["default"], []
    top = max(rank[s] for s, _ in hits)
    level = next(s for s in rank if rank[s] == top)
    return level, [why for s, why in hits if rank[s] == top]


def compensation(pb: Playbook, *, price: float, goods: str, basis: str, loss: float = 0, excluded: bool = False) -> dict[str, Any]:
    """What may be claimed besides return/exchange/repair and actual loss: the extra (punitive) amount."""
    rules = pb.aids["compensation"]
    if basis == "none":
        return {"punitive": 0.0, "formula": "", "laws": rules["remedy_laws"]}
    if basis == "fraud":
        r = rules["fraud"]
        if excluded:
            return {"punitive": 0.0, "formula": "", "laws": r["exclusions"], "excluded": True}
        m, low = pb.number(r["multiplier"]), pb.number(r["minimum"])
        amount = max(m * price, low)
        return {"punitive": round(amount, 2), "formula": f"max({m:g} × {price:.2f}, {low:g})", "laws": [r["multiplier"]["law"]]}
    if basis == "food" and goods == "food":
        r = rules["food"]
        if excluded:
            return {"punitive": 0.0, "formula": "", "laws": r["exclusions"], "excluded": True}
        pm, lm, low = pb.number(r["price_multiplier"]), pb.number(r["loss_multiplier"]), pb.number(r["minimum"])
        amount = max(pm * price, lm * loss, low)
        return {"punitive": round(amount, 2), "formula": f"max({pm:g} × {price:.2f}, {lm:g} × {loss:.2f}, {low:g})",
                "laws": [r["price_multiplier"]["law"]]}
    raise ValueError(f"unknown basis {basis!r} for goods {goods!r}")


def deadlines(pb: Playbook, *, signed: dt.date | None = None, received: dt.date | None = None,
              applied: dt.date | None = None, accepted: dt.date | None = None) -> dict[str, dt.date]:
    """Last days and thresholds derived from the given dates (each optional)."""
    r = pb.aids["deadlines"]
    days = lambda key: dt.timedelta(days=int(pb.number(r[key])))  # noqa: E731
    out: dict[str, dt.date] = {}
    if signed:
        # The period starts the day after signing, so day 1 is signed + offset and the last day
        # is day N: signed + offset + (N - 1).
        out["last_return"] = signed + days("no_reason_offset") + days("no_reason_days") - dt.timedelta(days=1)
    if received:
        out["refund_due"] = received + days("refund_days")
    if applied:
        out["delay_after"] = applied + days("delay_days")
    if accepted:
        out["burden_until"] = add_duration(accepted, f"P{int(pb.number(r['burden_months']))}M")
    return out
