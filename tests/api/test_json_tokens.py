"""Personal API tokens made and revoked in the account pages: the secret is shown once and
stored only as its SHA-256, and a revoked or wrong token is a 401, never anonymous."""

import hashlib
import re

import pytest

from kredsraad.api.models import ApiToken

pytestmark = pytest.mark.django_db


def make_token(client, name="Kommunens intranet") -> str:
    page = client.post("/konto/api-noegler/", {"name": name})
    return re.search(r'id="new-token" type="text" readonly value="([^"]+)"', page.text)[1]


def test_sekretariat_makes_a_token_that_is_shown_once_and_stored_hashed(client, sekretariat):
    client.force_login(sekretariat)

    secret = make_token(client)
    later = client.get("/konto/api-noegler/")

    token = ApiToken.objects.get(user=sekretariat)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in later.text
    assert token.prefix in later.text


def test_the_token_reads_as_its_user(client, sekretariat, nordjylland):
    from kredsraad.plans import actions

    draft = actions.create_plan(nordjylland, year=2024, by=sekretariat)
    client.force_login(sekretariat)
    secret = make_token(client)
    client.logout()

    with_token = client.get(f"/api/plans/{draft.uuid}/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    without = client.get(f"/api/plans/{draft.uuid}/")

    assert with_token.status_code == 200
    assert without.status_code == 404


def test_a_revoked_token_is_401(client, sekretariat):
    client.force_login(sekretariat)
    secret = make_token(client)
    token = ApiToken.objects.get(user=sekretariat)

    client.post("/konto/api-noegler/", {"revoke": token.pk})
    client.logout()
    response = client.get("/api/districts/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert response.status_code == 401
    assert response.json()["detail"] == "API-nøglen er ukendt eller tilbagekaldt."
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_or_scheme_is_401(client):
    wrong = client.get("/api/districts/", HTTP_AUTHORIZATION="Bearer kr_forkert")
    basic = client.get("/api/districts/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")

    assert wrong.status_code == 401
    assert basic.status_code == 401


def test_nobody_revokes_another_users_token(client, sekretariat, sekretariat_midtvest):
    client.force_login(sekretariat)
    make_token(client)
    token = ApiToken.objects.get(user=sekretariat)
    client.force_login(sekretariat_midtvest)

    response = client.post("/konto/api-noegler/", {"revoke": token.pk})

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


@pytest.mark.parametrize("revoke", ["²", "x", "99999999999"])
def test_revoking_a_token_that_is_no_number_is_404(client, sekretariat, revoke):
    client.force_login(sekretariat)

    response = client.post("/konto/api-noegler/", {"revoke": revoke})

    assert response.status_code == 404


def test_a_token_needs_a_name(client, sekretariat):
    client.force_login(sekretariat)

    page = client.post("/konto/api-noegler/", {"name": "  "})

    assert ApiToken.objects.count() == 0
    assert "Dette felt er påkrævet." in page.text


def test_visitor_reads_the_docs_page_with_every_operation(client):
    page = client.get("/api/docs/")

    assert page.status_code == 200
    assert "POST /api/initiatives/{initiative_uuid}/status-updates/" in page.text
    for code in ("304", "401", "404", "412", "422", "428"):
        assert f"<td>{code}</td>" in page.text
    assert "<script" not in page.text.split("</head>")[1]
