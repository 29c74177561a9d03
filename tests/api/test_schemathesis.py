# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""Schemathesis reads /api/openapi.json from the WSGI application and calls every operation
with generated parameters, as a visitor and with a secretariat's token: no answer may be a
5xx, and every answer must be declared, with the declared content type and shape. A few
examples per operation keep it fast; the data is a small Nordjylland world."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kredsraad.config.wsgi import application

from .json_world import bearer, public_initiative, public_meeting, published_plan  # noqa: F401

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


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
    max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@schema.parametrize()
@LIMITS
def test_visitor_gets_no_failure_and_nothing_undeclared(case, world):
    case.call_and_validate(headers={"Host": "localhost"}, checks=CHECKS)


@schema.parametrize()
@LIMITS
def test_token_holder_gets_no_failure_and_nothing_undeclared(case, world, token):
    case.call_and_validate(headers={"Host": "localhost", "Authorization": token}, checks=CHECKS)
