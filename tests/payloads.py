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
    "template": "{{ 7*7 }} {% if true %}XSSMARK TPL{% endif %} {{ config }} ${7*7} {#c#} {case_number} $& $1 `x` *b*",
}

PROBE = "XSSMARK"


def all_families(shift: int = 0) -> str:
    """Every family in one value, rotated so each one leads and ends somewhere."""
    names = list(FAMILIES)
    shift %= len(names)
    return " ".join(FAMILIES[n] for n in names[shift:] + names[:shift])


def text_paths(schema: dict[str, Any], common: dict[str, Any], path: tuple = ()) -> set[tuple]:
    """Paths (with '*' for list items) of every plain-text field a schema defines."""
    ref = schema.get("$ref", "")
    if ref.endswith("/text"):
        return {path}
    if ref.endswith("/texts"):
        return {path + ("*",)}
    out: set[tuple] = set()
    if ref.startswith("common.schema.json#/$defs/"):
        out |= text_paths(common["$defs"][ref.rsplit("/", 1)[1]], common, path)
    for sub in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        out |= text_paths(sub, common, path)
    for key, sub in schema.get("properties", {}).items():
        out |= text_paths(sub, common, path + (key,))
    if isinstance(schema.get("additionalProperties"), dict):
        out |= text_paths(schema["additionalProperties"], common, path + ("*",))
    if isinstance(schema.get("items"), dict):
        out |= text_paths(schema["items"], common, path + ("*",))
    return out


def poison(data: Any, paths: set[tuple], make: Callable[[tuple, str], str], path: tuple = ()) -> Any:
    """data with every string at one of paths replaced by make(path, old value)."""
    if path in paths and isinstance(data, str):
        return make(path, data)
    if isinstance(data, dict):
        return {k: poison(v, paths, make, path + (k,)) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, paths, make, path + ("*",)) for v in data]
    return data
