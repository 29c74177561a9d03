"""The OParl 1.1 schema the crawler validates against catches what the specification forbids,
so a crawl that passes means something."""

import pytest
from jsonschema import ValidationError

from . import oparl_schema

PAPER = {
    "id": "http://testserver/oparl/v1/paper/1",
    "type": "https://schema.oparl.org/1.1/Paper",
    "superordinatedPaper": ["http://testserver/oparl/v1/paper/2"],
    "created": "2024-01-31T12:00:00+01:00",
    "modified": "2024-01-31T12:00:00+01:00",
}


def test_a_paper_as_the_specification_describes_it_validates():
    oparl_schema.validate(PAPER)


@pytest.mark.parametrize(
    "change",
    [
        {"superordinatedPaper": "http://testserver/oparl/v1/paper/2"},
        {"subordinatedPaper": ["paper/3"]},
        {"date": "31-01-2024"},
        {"modified": "2024-01-31T12:00:00.123456+01:00"},
        {"name": None},
        {"mainFile": {"id": "http://testserver/oparl/v1/file/1"}},
        {"type": "https://schema.oparl.org/1.0/Paper"},
    ],
)
def test_a_paper_breaking_a_rule_of_the_specification_is_refused(change):
    with pytest.raises(ValidationError):
        oparl_schema.validate({**PAPER, **change})


def test_a_deleted_object_needs_only_its_id_type_times_and_the_mark():
    deleted = {
        "id": "http://testserver/oparl/v1/body/x",
        "type": "https://schema.oparl.org/1.1/Body",
        "created": "2024-01-31T12:00:00+01:00",
        "modified": "2024-02-01T12:00:00+01:00",
        "deleted": True,
    }

    oparl_schema.validate(deleted)
    with pytest.raises(ValidationError):
        oparl_schema.validate({**deleted, "deleted": False})
