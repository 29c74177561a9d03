"""Going through a confirmation page the way a user does: open it, then post its form."""

import re

from kredsraad.core.confirm import TOKEN_FIELD

_TOKEN = re.compile(rf'name="{TOKEN_FIELD}" value="([^"]+)"')


def confirm(client, url: str, data: dict | None = None):
    """GET the confirmation page at `url` (it must answer 200), then POST its token with
    `data`; returns the POST's response."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    match = _TOKEN.search(page.content.decode())
    assert match, "no confirmation token on the page"
    return client.post(url, {TOKEN_FIELD: match.group(1), **(data or {})})
