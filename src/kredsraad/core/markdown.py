"""Markdown as officials write it, rendered to HTML that is safe to show and to publish.

nh3 keeps only the tags and attributes a plan needs; scripts, iframes, styles, event handlers
and `javascript:` links are removed whatever the Markdown contained.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
HEADING = re.compile(r"<(/?)h([1-6])")


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for `text`. Headings start at h3: h1 and h2 belong to the page."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    html = HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)
