# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""Schemathesis reads /api/openapi.json from the WSGI application and calls every operation with
generated parameters, valid and invalid, as a visitor and with a secretariat's token, and runs
every check it has that applies to this API: no 5xx; every status, content type, header and body
as declared; what the document calls invalid is refused and what it calls valid is accepted; a
write that needs the token refuses a request without one or with a wrong one.

One exception, stated here so it is a decision and not a blind spot: a filter naming something
that does not exist (an unknown district, area or offence) is valid to the document, which
cannot list the districts, and is answered 422 with every error of type `unknown`; the
positive-data check accepts exactly that answer.

A few examples per operation, derandomized, keep it to a minute or two; set
KREDSRAAD_SCHEMATHESIS_EXAMPLES=100 for a longer hunt. The data is a small Nordjylland world."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kredsraad.config.wsgi import application

from .json_world import bearer, public_initiative, public_meeting, published_plan  # noqa: F401


def _names_nothing(response) -> bool:
    """A 422 whose every error is a value naming nothing (kredsraad.api.responses.unknown)."""
    if response.status_code != 422:
        return False
    try:
        errors = json.loads(response.content)["errors"]
    except (ValueError, KeyError, TypeError):
        return False
    return bool(errors) and all(error.get("type") == "unknown" for error in errors)


def valid_data_is_accepted_unless_it_names_nothing(ctx, response, case):
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if _names_nothing(response):
            return None
        raise


@pytest.fixture
def world(db, public_initiative, public_meeting):
    """Something to find behind the ids Schemathesis tries. The WSGI application would close
    the test's database connection after each request, as Django's own test client prevents."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(sekretariat):
    return bearer(sekretariat)["HTTP_AUTHORIZATION"]


# Read once at collection; the request touches no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

LIMITS = settings(
    max_examples=int(os.environ.get("KREDSRAAD_SCHEMATHESIS_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Every built-in check that is enabled, with the positive-data check as explained above.
CHECKS = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [valid_data_is_accepted_unless_it_names_nothing],
}


@schema.parametrize()
@LIMITS
def test_visitor_gets_no_failure_and_nothing_undeclared(case, world):
    case.call_and_validate(headers={"Host": "localhost"}, **CHECKS)


@schema.parametrize()
@LIMITS
def test_token_holder_gets_no_failure_and_nothing_undeclared(case, world, token):
    case.call_and_validate(headers={"Host": "localhost", "Authorization": token}, **CHECKS)
