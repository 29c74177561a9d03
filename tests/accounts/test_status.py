"""The bare view: the benchmark's yardstick, a fixed answer behind the same middleware and sign-in
as every page."""

from django.urls import reverse


def test_signed_in_secretariat_gets_the_fixed_answer(client, sekretariat):
    client.force_login(sekretariat)

    response = client.get(reverse("accounts:status"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok"


def test_visitor_is_sent_to_sign_in(client):
    url = reverse("accounts:status")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_bare_view_reads_only_the_session_and_the_user(
    client, sekretariat, django_assert_num_queries
):
    client.force_login(sekretariat)
    client.get(reverse("accounts:status"))  # the idle timeout's first stamp of the session

    with django_assert_num_queries(2):
        client.get(reverse("accounts:status"))
