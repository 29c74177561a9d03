"""Markdown as officials write it, rendered to HTML that is safe to show and to publish.

The parser is markdown-it-py with the CommonMark rules and tables: its time grows with the length
of the text whatever the text is (runs of "[", emphasis, tables, deep quotes), where the former
parser took seconds on a few thousand "[" (docs/design.md, "Text"). Nesting deeper than
MAX_NESTING is not parsed further, so the HTML stays shallow enough for nh3, browsers and
WeasyPrint. Images are not a feature: the image rule is off, so `![x](y)` reads as a link.

nh3 keeps only the tags and attributes a plan needs; scripts, iframes, styles, event handlers
and `javascript:` links are removed whatever the Markdown contained.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Lists in lists in a quote are about 8 deep; the parser's cost per character grows with this.
MAX_NESTING = 20

_parser = (
    # Raw HTML is parsed as HTML so that nh3 can drop what is not allowed (a <script> and its
    # text vanish) rather than showing the markup as text.
    MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    .enable("table")
    .disable("image")
)
# Which links survive is nh3's decision alone (URL_SCHEMES), as before: a `javascript:` link
# loses its href there instead of staying behind as Markdown source text.
_parser.validateLink = lambda url: True


def render_markdown(text: str | None) -> SafeString:
    """Sanitised HTML for `text`. Headings start at h3: h1 and h2 belong to the page."""
    return _render(text or "")


# A public page shows the same few texts to every visitor; rendering each once per process
# keeps a long text from costing its parse on every view.
@lru_cache(maxsize=128)
def _render(text: str) -> SafeString:
    tokens = _parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)
