"""A tiny document model (sections of paragraphs, tables and charts) and its two renderings.

report.md and report.html are the same document: building it once and rendering it twice keeps
their numbers identical.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass(slots=True)
class Section:
    title: str
    blocks: list[str | Table] = field(default_factory=list)  # a str is a paragraph
    chart: str | None = None  # a key of the charts dict given to `to_html`
    level: int = 2

    def para(self, text: str) -> Section:
        self.blocks.append(text)
        return self

    def table(self, header: list[str], rows: list[list[str]], caption: str = "") -> Section:
        self.blocks.append(Table(header, rows, caption))
        return self


@dataclass(slots=True)
class Document:
    title: str
    sections: list[Section] = field(default_factory=list)

    def add(self, title: str, level: int = 2) -> Section:
        section = Section(title, level=level)
        self.sections.append(section)
        return section


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    for section in doc.sections:
        out += ["#" * section.level + " " + section.title, ""]
        for block in section.blocks:
            if isinstance(block, Table):
                if block.caption:
                    out += [f"*{block.caption}*", ""]
                out.append("| " + " | ".join(map(_md_cell, block.header)) + " |")
                out.append("|" + "|".join("---" for _ in block.header) + "|")
                out += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in block.rows]
            else:
                out.append(block)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def _inline(text: str) -> str:
    """Escape, then the two bits of Markdown the report uses: `code` and **bold**."""
    escaped = html.escape(text)
    return _BOLD.sub(r"<strong>\1</strong>", _CODE.sub(r"<code>\1</code>", escaped))


STYLE = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.85em}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f0f0f0} caption{caption-side:top;text-align:left;font-style:italic}
code{background:#f4f4f4;padding:0 3px} img{max-width:100%}
"""


def to_html(doc: Document, charts: dict[str, str]) -> str:
    """A single self-contained page; `charts` maps a section's chart key to a data: URI."""
    out = ["<!doctype html>", "<html><head><meta charset='utf-8'>",
           f"<title>{html.escape(doc.title)}</title><style>{STYLE}</style></head><body>",
           f"<h1>{html.escape(doc.title)}</h1>"]
    for section in doc.sections:
        tag = f"h{section.level}"
        out.append(f"<{tag}>{_inline(section.title)}</{tag}>")
        if section.chart and section.chart in charts:
            out.append(f"<img alt='{html.escape(section.title)}' src='{charts[section.chart]}'>")
        for block in section.blocks:
            out.append(_html_block(block))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _html_block(block: str | Table) -> str:
    if isinstance(block, Table):
        return _html_table(block)
    if block.startswith("```"):
        return f"<pre>{html.escape(block.strip('`').strip())}</pre>"
    return f"<p>{_inline(block)}</p>"


def _html_table(table: Table) -> str:
    caption = f"<caption>{_inline(table.caption)}</caption>" if table.caption else ""
    head = "".join(f"<th>{_inline(h)}</th>" for h in table.header)
    body = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
                   for row in table.rows)
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
