"""gunicorn's warm-up (kredsraad.config.gunicorn): what a fresh worker's first visitor used to wait
for is done before the workers fork, without the database, which a forked worker must not share."""

import importlib
import logging
import sys

from kredsraad.config import gunicorn


def test_warm_up_compiles_every_template_without_touching_the_database(caplog):
    # No database fixture: pytest-django refuses any query here.
    with caplog.at_level(logging.ERROR, logger="gunicorn.error"):
        gunicorn.warm_up()

    assert [record.getMessage() for record in caplog.records] == []


def test_reloading_server_loads_the_application_in_each_worker(monkeypatch):
    # A preloaded application would be the master's old code after every reload.
    monkeypatch.setattr(sys, "argv", ["gunicorn", "--reload", "kredsraad.config.wsgi"])
    reloading = importlib.reload(gunicorn).preload_app
    monkeypatch.setattr(sys, "argv", ["gunicorn", "kredsraad.config.wsgi"])
    serving = importlib.reload(gunicorn).preload_app

    assert (reloading, serving) == (False, True)
