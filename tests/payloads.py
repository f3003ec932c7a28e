"""Markup-injection payload families, and a walker that puts them into every text field.

Each family is a string of attacks of one kind. A payload that runs sets window.__xss or opens a
dialog; one that builds an element builds an <xss-probe> or an <img src=x>. Every family holds
the word XSSMARK so its text can be found where it should show as text.
"""

from __future__ import annotations

from typing import Any, Callable

FAMILIES = {
    # Tags and event handlers.
    "html": '<img src=x onerror="window.__xss=\'html\'"><script>window.__xss="html"</script>'
            '<svg onload=alert("html")></svg><xss-probe>XSSMARK html</xss-probe>'
            '<iframe src="javascript:alert(\'html\')"></iframe><a href="JaVaScRiPt:alert(1)">a</a>',
    # Breaking out of a double- or single-quoted attribute value.
    "attribute": '" onmouseover="window.__xss=\'attr\'" data-x="\' onfocus=\'window.__xss=1\' autofocus x=\''
                 '"><xss-probe>XSSMARK attribute</xss-probe>',
    # Closing the element that holds the text: <title>, <textarea>, <script>, <style>, comments.
    "closer": '</title><script>window.__xss="title"</script></textarea><img src=x onerror=alert("textarea")>'
              '</script><script>alert("script")</script></style><xss-probe>XSSMARK closer</xss-probe>--><!--',
    # Markdown links and images with dangerous schemes, in mixed case.
    "md-link": '[XSSMARK 点我](javascript:window.__xss=1) [a](JaVaScRiPt:alert("md")) '
               '![i](javascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) '
               '[v](VbScRiPt:msgbox(1)) [h](#x "t\\" onmouseover=alert(1) x=\\"")',
    # The same hidden by entities, whitespace, reference definitions and autolinks.
    "md-obfuscated": '   [XSSMARK e](&#106;avascript:alert(1)) [x](&#x6A;&#x61;vascript:alert(1)) '
                     '[t](java&#9;script:alert(1)) [s](   javascript:alert(1)) [n](\njavascript:alert(1)) '
                     '<javascript:alert(1)> <JAVASCRIPT:alert(1)> <data:text/html,x> [r][ref] [ref]\n\n'
                     '[ref]: javascript:alert(1)\n\n    <script>alert(1)</script>',
    # attr_list: any attribute on the element just before, or on a heading.
    "attr-list": '![i](x){: onerror=alert(document.domain) } [XSSMARK x](#){: onmouseover=window.__xss=1 } '
                 '*e*{: onclick=alert(1) } {: onload=alert(1) }',
    # Template syntax: Jinja, JavaScript, our own placeholders and replacement patterns.
    "template": "{{ 7*7 }} {% if true %}XSSMARK TPL{% endif %} {{ config }} ${7*7} {#c#} $& $1 `x` *b*",
}

PROBE = "XSSMARK"


def all_families() -> str:
    return " ".join(FAMILIES.values())


def spread(occurrences: int, index: int) -> str:
    """The families for the index-th of a field's occurrences: each family exactly once over the
    first min(occurrences, families) values, nothing for the rest (keeps the site small)."""
    k = min(occurrences, len(FAMILIES))
    return " ".join(v for i, v in enumerate(FAMILIES.values()) if i % k == index) if index < k else ""


def _kind(schema: dict[str, Any]) -> str:
    """'text' for a free-text field (common text, or any string with no pattern, enum or format),
    'texts' for a list of them, '' otherwise."""
    ref = schema.get("$ref", "")
    if ref.endswith("/texts"):
        return "texts"
    types = schema.get("type")
    free = (types == "string" or isinstance(types, list) and "string" in types) and not (
        {"pattern", "enum", "const", "format"} & set(schema))
    return "text" if ref.endswith("/text") or free else ""


def _branches(schema: dict[str, Any], common: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema and what it refers to or combines (common $defs, allOf/anyOf/oneOf)."""
    out = [schema]
    ref = schema.get("$ref", "")
    if ref.startswith("common.schema.json#/$defs/") and not _kind(schema):
        out += _branches(common["$defs"][ref.rsplit("/", 1)[1]], common)
    for sub in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        out += _branches(sub, common)
    return out


def text_paths(schema: dict[str, Any], common: dict[str, Any], path: tuple = ()) -> set[tuple]:
    """Paths (with '*' for list items) of every plain-text field a schema defines."""
    if _kind(schema):
        return {path + (("*",) if _kind(schema) == "texts" else ())}
    out: set[tuple] = set()
    for s in _branches(schema, common):
        for key, sub in s.get("properties", {}).items():
            out |= text_paths(sub, common, path + (key,))
        if isinstance(s.get("items"), dict):
            out |= text_paths(s["items"], common, path + ("*",))
    return out


def poison(data: Any, schema: dict[str, Any], common: dict[str, Any], make: Callable[[tuple, str], str],
           add: set[tuple] = frozenset(), path: tuple = ()) -> Any:
    """data with every text field replaced by make(path, old value). Optional text fields at the
    paths in `add` are added where absent and make(path, "") gives a value: fields no file uses yet."""
    kind = _kind(schema)
    if kind == "text" and isinstance(data, str):
        return make(path, data)
    if kind == "texts" and isinstance(data, list):
        return [make(path + ("*",), v) for v in data]
    for s in _branches(schema, common):
        if isinstance(data, dict) and "properties" in s:
            out = dict(data)
            for key, sub in s["properties"].items():
                if key in out and not (out[key] is None and _kind(sub)):
                    out[key] = poison(out[key], sub, common, make, add, path + (key,))
                elif _kind(sub) and path + (key,) + (("*",) if _kind(sub) == "texts" else ()) in add:
                    value = make(path + (key,) + (("*",) if _kind(sub) == "texts" else ()), "")
                    if value:
                        out[key] = value if _kind(sub) == "text" else [value]
            return out
        if isinstance(data, list) and isinstance(s.get("items"), dict):
            return [poison(v, s["items"], common, make, add, path + ("*",)) for v in data]
    return data
