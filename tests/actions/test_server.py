"""The action server's warm-up: the first person after a start does not wait for the catalogue."""

from actions import actions, server
from bot.catalogue.catalogue import catalogue_from_url


def test_the_warm_up_loads_the_catalogue_the_first_suggestion_uses(monkeypatch, catalogue_url, caplog):
    caplog.set_level("INFO")
    monkeypatch.setenv("MEEDOEN_CATALOGUE_URL", catalogue_url)
    catalogue_from_url.cache_clear()
    actions.municipality_at.cache_clear()
    server.warm_up()
    assert "action server warmed up in" in caplog.text
    assert catalogue_from_url.cache_info().currsize == 1
    assert actions.municipality_at.cache_info().currsize == 1
    # The person's first suggestion then finds it ready (a cache hit, not a second read).
    actions.catalogue()
    assert catalogue_from_url.cache_info().hits >= 1


def test_a_catalogue_that_cannot_be_read_does_not_stop_the_server(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("MEEDOEN_CATALOGUE_URL", f"sqlite:///{tmp_path}/not-there/catalogue.db")
    catalogue_from_url.cache_clear()
    actions.municipality_at.cache_clear()
    server.warm_up()  # no exception: the server starts, and the turn reports the trouble
    assert "warming up the action server failed" in caplog.text
    assert "warmed up in" not in caplog.text
