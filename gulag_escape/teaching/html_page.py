"""A self-contained HTML page: one file, no scripts, no network, readable on screen and on paper.

Reports and class summaries are opened from a USB stick or a school's shared drive, printed,
and filed: the page carries its own stylesheet (with a print stylesheet), loads nothing and
runs nothing. Every piece of text goes through :func:`esc`; scenario text and answers come
from strangers.
"""

from __future__ import annotations

import html

STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b60; --rule: #d5d5da;
        --accent: #7a2418; --paper: #fbfaf7; --box: #f1efe9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
       font: 16px/1.5 Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p { margin: .4rem 0 .8rem; }
.byline { font-size: 1.1rem; margin: 0 0 1rem; }
.muted, .moment, .meta { color: var(--muted); }
.meta { font-size: .9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
           margin: .5rem 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.ending { background: var(--box); border-left: 4px solid var(--accent);
          padding: .6rem 1rem; margin: 1rem 0; }
.ending h2 { margin: .2rem 0 .5rem; padding: 0; border: none; }
.ending .kind { text-transform: uppercase; letter-spacing: .06em; font-size: .85rem;
                color: var(--accent); font-weight: bold; }
ol.run { padding-left: 2.6rem; }
ol.run > li { margin: .15rem 0; }
ol.run .scene { color: var(--muted); }
.odds { font-style: italic; color: var(--muted); }
.decision { margin: .6rem 0 1rem; }
.scene-text { font-size: .92rem; color: var(--muted); border-left: 2px solid var(--rule);
              padding-left: .7rem; margin: .4rem 0; }
.answer { background: var(--box); padding: .6rem .9rem; margin: .5rem 0 .9rem;
          border-radius: 3px; break-inside: avoid; }
.answer .ask { font-weight: bold; margin: 0 0 .2rem; }
.answer .moment { font-size: .85rem; margin: 0 0 .4rem; }
.answer blockquote { margin: 0; padding: 0; white-space: pre-wrap; }
.note { break-inside: avoid; }
.evidence { font-size: .85rem; text-transform: uppercase; letter-spacing: .05em;
            color: var(--accent); }
.sources { font-size: .9rem; color: var(--muted); padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
         border-bottom: 1px solid var(--rule); }
th { font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #8a1c12; }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
         border-top: 1px solid var(--rule); padding-top: .6rem; }
code { font-size: .8rem; word-break: break-all; }
@media print {
  @page { margin: 18mm 16mm; }
  body { background: white; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .ending, .answer { background: none; border: 1px solid #999; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: object) -> str:
    """Text as HTML shows it, never as markup."""
    return html.escape(str(text), quote=True)


def paragraphs(text: str, css: str = "") -> str:
    """Blank-line separated paragraphs; single line breaks kept."""
    attribute = f' class="{css}"' if css else ""
    return "".join(f"<p{attribute}>{esc(p).replace(chr(10), '<br>')}</p>"
                   for p in text.split("\n\n") if p.strip())


def page(title: str, body: str) -> str:
    """The whole document around ``body``."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">\n"
            f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n</body>\n</html>\n")
