"""A NUL character anywhere in a request is refused before any view: PostgreSQL cannot store or
compare it, so it used to be a 500 on whichever view used the value first."""

from django.urls import reverse

from tests import factories


def test_visitor_with_nul_in_a_list_filter_gets_a_danish_400(client, nordjylland):
    response = client.get(
        reverse("publishing:public_initiatives", args=[nordjylland.slug]) + "?q=%00&status=%00"
    )

    assert response.status_code == 400
    assert "ugyldigt tegn (NUL)" in response.text


def test_sekretariat_with_nul_in_a_filter_gets_a_danish_400(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(
        reverse("initiatives:initiatives", args=[nordjylland.slug]) + "?municipality=%00"
    )

    assert response.status_code == 400
    assert "Feltet »municipality« indeholder et ugyldigt tegn (NUL)." in response.text


def test_nul_in_the_path_is_refused(client, db):
    response = client.get("/offentlig/nord%00jylland/")

    assert response.status_code == 400


def test_nul_in_a_posted_field_is_refused(client, sekretariat):
    response = client.post(
        reverse("accounts:login"),
        {"username": sekretariat.email + "\x00", "password": factories.PASSWORD},
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_api_client_with_nul_in_a_filter_gets_the_apis_json_error(client, db):
    response = client.get("/api/plans/?district=%00")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["query", "district"],
            "msg": "Feltet »district« indeholder et ugyldigt tegn (NUL).",
            "type": "nul_character",
        }
    ]


def test_oparl_client_with_nul_in_modified_since_gets_oparls_json_error(client, db):
    response = client.get("/oparl/v1/body?modified_since=%00")

    assert response.status_code == 422
    assert response.json() == {
        "error": "Feltet »modified_since« indeholder et ugyldigt tegn (NUL)."
    }


def test_api_write_with_nul_in_its_json_body_is_refused(client, db):
    response = client.post(
        "/api/plans/", data='{"title": "a\\u0000b"}', content_type="application/json"
    )

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
