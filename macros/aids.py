"""Decision-aid rules: triage, compensation and deadlines, over the rules data the pages embed.

data(pb) gathers the rules once (aids.yml, taxonomy.yml thresholds and targets, laws.yml numbers,
organisation.yml promises, the working-day table). docs/assets/javascripts/core/aids.js applies the
same rules to the same data in the browser; both are checked against tests/fixtures/aids-cases.yml,
amounts and wording, and every sentence comes from aids.yml texts, so neither can drift alone.
`python -m macros.aids` prints the data and the cases as JSON for the Node tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from typing import Any

from . import workdays
from .model import Playbook

_MONEY = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")
_FIELD = re.compile(r"\{([a-z_]+)\}")


def law_label(pb: Playbook, lid: str) -> str:
    prov = pb.provisions[lid]
    return pb.acts[prov["act"]]["name"] + prov["article"]


def _target_days(pb: Playbook, tid: str) -> dict[str, int]:
    t = next(t for t in pb.taxonomy.get("targets", []) if t["id"] == tid)
    w = t["within"]
    return w if isinstance(w, dict) else {"days": int(w.strip("PD"))}


def data(pb: Playbook) -> dict[str, Any]:
    """Everything the three calculators need, as plain JSON."""
    a, n = pb.aids, pb.number
    c = a["compensation"]
    promise = next((p for p in pb.organisation.get("promises", []) if p["id"] == "counterfeit-compensation"), None)
    advance = next((p for p in pb.organisation.get("promises", []) if p["id"] == "advance-payment"), None)
    d = a["deadlines"]
    return {
        "severities": [{k: s[k] for k in ("id", "name", "rank", "acknowledge", "grade", "resolve")} for s in pb.taxonomy["severities"]],
        "rule": pb.taxonomy["severity_rule"],
        "triage": {"questions": a["triage"]["questions"], "default": a["triage"]["default"], "amount_label": a["triage"]["amount_label"],
                   "thresholds": [{k: t[k] for k in ("id", "min", "severity")} for t in pb.taxonomy["thresholds"]],
                   "texts": a["triage"]["texts"]},
        "compensation": {
            "fraud": {"multiplier": n(c["fraud"]["multiplier"]), "minimum": n(c["fraud"]["minimum"]),
                      "law": c["fraud"]["multiplier"]["law"], "label": law_label(pb, c["fraud"]["multiplier"]["law"])},
            "food": {"price_multiplier": n(c["food"]["price_multiplier"]), "loss_multiplier": n(c["food"]["loss_multiplier"]),
                     "minimum": n(c["food"]["minimum"]), "law": c["food"]["price_multiplier"]["law"],
                     "label": law_label(pb, c["food"]["price_multiplier"]["law"])},
            "defect": {"max_multiplier": n(c["defect"]["max_multiplier"]), "law": c["defect"]["max_multiplier"]["law"],
                       "label": law_label(pb, c["defect"]["max_multiplier"]["law"])},
            "exclusions": [{**e, "law_labels": "、".join(law_label(pb, x) for x in e["laws"])} for e in c["exclusions"]],
            "promise": ({"name": promise["name"], "price_multiplier": promise.get("price_multiplier"), "law": "xfz-44",
                         "label": law_label(pb, "xfz-44")} if promise and "xfz-44" in pb.provisions else None),
            "advance_payment": (advance.get("text") or advance["name"] + "：待本单位填写") if advance else "待本单位填写",
            "remedy_laws": c["remedy_laws"],
            "texts": c["texts"],
        },
        "deadlines": {
            **{k: int(n(d[k])) for k in ("no_reason_days", "no_reason_offset", "refund_days", "delay_days", "burden_months", "admin_working_days")},
            "odr_working_days": int(n(d["odr_working_days"])) if "odr_working_days" in d else None,
            "refund_target_days": _target_days(pb, "refund")["days"] if _has_target(pb, "refund") else int(n(d["refund_days"])),
            "regulator_reply_working_days": _target_days(pb, "regulator-reply").get("working_days") if _has_target(pb, "regulator-reply") else None,
            "laws": {k: d[k]["law"] for k in d if k != "sections"},
        },
        "calendar": pb.calendar,
    }


def _has_target(pb: Playbook, tid: str) -> bool:
    return any(t["id"] == tid for t in pb.taxonomy.get("targets", []))


# ---- The rules (same steps as core/aids.js) ---------------------------------------------------


def fill(template: str, values: dict[str, Any]) -> str:
    return _FIELD.sub(lambda m: _str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def _str(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def cents(raw: Any) -> int | None | float:
    """Typed money → whole cents; '' → None; anything else invalid → NaN."""
    s = "" if raw is None else str(raw).strip()
    if s == "":
        return None
    m = _MONEY.match(s)
    if not m:
        return float("nan")
    return int(m.group(1)) * 100 + int(((m.group(2) or "") + "00")[:2])


def yuan(c: int) -> str:
    whole, frac = divmod(int(c), 100)
    return (f"{whole}.{frac:02d}" if frac else str(whole)) + " 元"


def _ok(v: Any) -> bool:
    return v is not None and v == v  # not None, not NaN


def triage(d: dict[str, Any], answers: dict[str, str], raw_amount: Any = "") -> dict[str, Any]:
    t = d["triage"]
    rank = {s["id"]: s["rank"] for s in d["severities"]}
    hits = [(q["severity"], q["text"] + (t["texts"]["unsure"] if answers.get(q["id"]) == "unsure" else ""))
            for q in t["questions"] if answers.get(q["id"]) in ("yes", "unsure")]
    amount = cents(raw_amount)
    if amount is not None and not amount >= 0:
        return {"error": t["texts"]["bad_amount"]}
    hits += [(th["severity"], fill(t["texts"]["threshold"], {"label": t["amount_label"], "min": yuan(th["min"] * 100)}))
             for th in t["thresholds"] if amount is not None and amount >= th["min"] * 100]
    if not hits:
        return {"severity": t["default"], "reasons": []}
    top = max(rank[s] for s, _ in hits)
    level = next(s["id"] for s in d["severities"] if s["rank"] == top)
    return {"severity": level, "reasons": [why for s, why in hits if rank[s] == top]}


def compensation(d: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    c, T = d["compensation"], d["compensation"]["texts"]
    price, loss = cents(inputs.get("price")), cents(inputs.get("loss"))
    if price is None or price == 0:
        return {"error": T["need_price"]}
    if not price > 0:
        return {"error": T["bad_price"]}
    if loss is None:
        loss = 0
    if not loss >= 0:
        return {"error": T["bad_loss"]}
    lines: list[str] = []
    laws: list[str] = []
    punitive, conditional, kind = 0, None, "none"
    basis = inputs.get("basis", "none")
    ex = next((e for e in c["exclusions"] if e["id"] == inputs.get("excluded")), None)
    if basis == "food" and inputs.get("goods") != "food":
        return {"error": T["food_only"]}
    if ex and basis in ex["bases"]:
        lines.append(fill(T["excluded"], {"reason": ex["text"], "law": ex["law_labels"]}))
        laws += ex["laws"]
    elif basis == "fraud":
        f = c["fraud"]
        base = int(f["multiplier"] * price)
        punitive, kind = max(base, int(f["minimum"] * 100)), "fraud"
        lines.append(fill(T["fraud"], {"law": f["label"], "multiplier": f["multiplier"], "base": yuan(base),
                                       "minimum": yuan(f["minimum"] * 100), "punitive": yuan(punitive)}))
        laws.append(f["law"])
        p = c["promise"]
        if inputs.get("promise") and p and p["price_multiplier"] and p["price_multiplier"] * price > punitive:
            lines.append(fill(T["promise"], {"name": p["name"], "multiplier": p["price_multiplier"], "amount": yuan(p["price_multiplier"] * price),
                                             "legal": yuan(punitive), "law": p["label"]}))
            punitive, kind = int(p["price_multiplier"] * price), "promise"
            laws.append(p["law"])
    elif basis == "food":
        f = c["food"]
        amount = int(max(f["price_multiplier"] * price, f["loss_multiplier"] * loss, f["minimum"] * 100))
        calc = fill(T["food"], {"law": f["label"], "price_multiplier": f["price_multiplier"], "by_price": yuan(f["price_multiplier"] * price),
                                "loss_multiplier": f["loss_multiplier"], "by_loss": yuan(f["loss_multiplier"] * loss),
                                "minimum": yuan(f["minimum"] * 100), "punitive": yuan(amount)})
        laws.append(f["law"])
        if inputs.get("party") == "producer" or inputs.get("knew") == "yes":
            punitive, kind = amount, "food"
            lines.append(calc)
        elif inputs.get("knew") == "no":
            lines.append(fill(T["food_not_known"], {"law": f["label"]}))
        else:
            conditional = amount
            lines.append(fill(T["food_unsure"], {"law": f["label"], "punitive": yuan(amount)}))
        lines.append(T["food_reasonable"])
    elif basis == "defect":
        x = c["defect"]
        conditional, kind = int(x["max_multiplier"] * loss), "defect"
        lines.append(fill(T["defect"], {"law": x["label"], "multiplier": x["max_multiplier"], "punitive": yuan(conditional)}))
        laws.append(x["law"])
    else:
        lines.append(T["none"])
    total = price + loss + punitive
    lines.insert(0, fill(T["total_defect"] if kind == "defect" else T["total"], {
        "refund": yuan(price), "loss": yuan(loss), "punitive": yuan(punitive), "total": yuan(total),
        "punitive_name": T["name_fraud"] if kind in ("fraud", "promise") else T["name_punitive"]}))
    lines.append(T["payer_self"] if inputs.get("seller") == "self" else fill(T["payer_third"], {"promise": c["advance_payment"]}))
    return {"refund": price, "loss": loss, "punitive": punitive, "total": total, "conditional": conditional, "kind": kind,
            "lines": lines, "laws": laws}


def deadlines(d: dict[str, Any], dates: dict[str, str], table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Dates ('YYYY-MM-DD') the calculator shows; see core/aids.js deadlines()."""
    r = d["deadlines"]
    day = dt.date.fromisoformat
    add = lambda s, n: (day(s) + dt.timedelta(days=n)).isoformat()  # noqa: E731
    out: dict[str, dict[str, Any]] = {}
    if dates.get("signed"):
        last = add(dates["signed"], r["no_reason_offset"] + r["no_reason_days"] - 1)
        out["last_return"] = {"date": last}
        ext = workdays.next_workday(table, day(last))
        if "uncovered" in ext:
            out["last_return"]["uncovered"] = ext["uncovered"]
        elif ext["date"].isoformat() != last:
            out["last_return"]["extended"] = ext["date"].isoformat()
    if dates.get("received"):
        out["refund_due"] = {"date": add(dates["received"], r["refund_days"])}
        out["refund_target"] = {"date": add(dates["received"], r["refund_target_days"])}
        out["refund_delay_after"] = {"date": add(dates["received"], r["delay_days"])}
    if dates.get("applied"):
        out["return_delay_after"] = {"date": add(dates["applied"], r["delay_days"])}
    if dates.get("accepted"):
        out["burden_until"] = {"date": workdays.add_months(day(dates["accepted"]), r["burden_months"]).isoformat()}
    if dates.get("regulator"):
        for key, n in (("regulator_reply", r["regulator_reply_working_days"]), ("odr_reply", r.get("odr_working_days"))):
            if n is None:
                continue
            res = workdays.add_workdays(table, day(dates["regulator"]), n)
            out[key] = {"uncovered": res["uncovered"]} if "uncovered" in res else {"date": res["date"].isoformat()}
    return out


def main() -> None:
    """Print {data, cases} as JSON: what the Node tests check core/aids.js against."""
    import yaml

    from .loader import ROOT, load

    pb = load()
    cases = yaml.safe_load((ROOT / "tests" / "fixtures" / "aids-cases.yml").read_text(encoding="utf-8"))
    json.dump({"data": data(pb), "cases": cases}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
