"""The log as stored: every event comes back as it went in, and a seq is taken only once."""

from __future__ import annotations

import binascii
import json
import zlib

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from game.engine import replay, state_digest
from game.engine.events import NewsPublished
from game.engine.types import PUBLIC
from game.runner import play_game
from game.scenario import load_scenario
from game.store import repo, snapshot
from game.store.codec import decode_event, encode_event, encode_event_json
from game.store.db import make_engine, read_session, write_session, writer
from game.store.migrate import upgrade
from game.store.models import GameRow
from game.store.writes import write_tx

TUTORIAL = load_scenario("tutorial")
GAMES = {seed: play_game(TUTORIAL, seed) for seed in (1, 2, 3)}


def _row(game_id: str, channel: str | None = "c", phase: str = "lobby") -> GameRow:
    return GameRow(id=game_id, channel_id=channel, scenario="tutorial", seed=1, phase=phase,
                   created_at=0.0)


@pytest.fixture
def engine(database_url):
    upgrade(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("seed", sorted(GAMES))
def test_every_event_survives_its_json_form(seed):
    final, events = GAMES[seed]
    decoded = []
    for event in events:
        visibility, payload = encode_event(event)
        visibility_text, payload_text = encode_event_json(event)  # what the store writes
        assert json.loads(visibility_text) == visibility
        assert json.loads(payload_text) == payload
        assert decode_event(event.type, payload_text) == event
        decoded.append(decode_event(event.type, json.dumps(payload)))
    assert decoded == events
    assert state_digest(replay(decoded)) == state_digest(final)


def test_a_whole_game_goes_through_the_database_unchanged(engine):
    final, events = GAMES[1]
    with write_tx(writer(engine)) as tx:
        tx.session.add(_row(final.game_id))
        tx.session.flush()
        tx.append_events(game_id=final.game_id, first_seq=1, events=events, command_id=None,
                         now=1.0)
    with read_session(engine) as session:
        stored = repo.load_events(session, game_id=final.game_id)
    assert [s.seq for s in stored] == list(range(1, len(events) + 1))
    assert [s.event for s in stored] == events
    assert state_digest(replay(s.event for s in stored)) == state_digest(final)
    assert stored[0].event.scenario is stored[0].event.scenario  # interned, not re-validated


def test_a_seq_is_taken_once(engine):
    event = NewsPublished(turn=0, text="x", visibility=PUBLIC)
    with write_tx(writer(engine)) as tx:
        tx.session.add(_row("g"))
        tx.session.flush()
        tx.append_events(game_id="g", first_seq=1, events=[event], command_id=None, now=0.0)
    with pytest.raises(IntegrityError), write_tx(writer(engine)) as tx:
        tx.append_events(game_id="g", first_seq=1, events=[event], command_id=None, now=0.0)


def test_a_channel_holds_one_game_that_is_not_closed(engine):
    with write_session(writer(engine)) as session:
        session.add(_row("old", phase="ended"))
        session.add(_row("live"))
    with pytest.raises(IntegrityError), write_session(writer(engine)) as session:
        session.add(_row("second"))
    with write_session(writer(engine)) as session:
        session.add(_row("elsewhere", channel="d"))
        session.add(_row("no channel 1", channel=None))
        session.add(_row("no channel 2", channel=None))
    with read_session(engine) as session:
        assert repo.live_game_for_channel(session, channel_id="c").id == "live"  # type: ignore


def test_events_need_their_game(engine):
    event = NewsPublished(turn=0, text="x", visibility=PUBLIC)
    with pytest.raises(IntegrityError), write_tx(writer(engine)) as tx:
        tx.append_events(game_id="ghost", first_seq=1, events=[event], command_id=None, now=0.0)


@settings(max_examples=25, deadline=None)
@given(seed=st.sampled_from(sorted(GAMES)), cut=st.floats(0, 1))
def test_a_snapshot_decodes_to_the_same_state(seed, cut):
    _final, events = GAMES[seed]
    state = replay(events[: max(1, round(cut * len(events)))])
    text, key, digest = snapshot.encode(state)
    assert digest == snapshot.text_digest(text)
    decoded = snapshot.decode(text, snapshot.known_scenario(key) or TUTORIAL, digest)
    assert state_digest(decoded) == state_digest(state)
    assert decoded == state


def test_a_damaged_snapshot_is_refused():
    state = replay(GAMES[sorted(GAMES)[0]][1][:40])
    text, _key, digest = snapshot.encode(state)
    edited = text[:-8] + ("A" * 8 if not text.endswith("A" * 8) else "B" * 8)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.decode(edited, TUTORIAL, digest)
    bomb = binascii.hexlify(zlib.compress(b"0" * (65 * 1024 * 1024), 9)).decode()
    truncated = snapshot.pack((1, 2, 3))[:-10]
    for junk in ("", "not hexadecimal!", snapshot.pack({"a": 1}), snapshot.pack((1, 2, 3)),
                 bomb, truncated):
        with pytest.raises(snapshot.SnapshotError):
            snapshot.decode(junk, TUTORIAL)


def test_one_scenario_object_per_distinct_scenario():
    data, key = snapshot.scenario_data(TUTORIAL)
    assert snapshot.intern_scenario(json.loads(json.dumps(data))) is snapshot.known_scenario(key)
    assert snapshot.scenario_key(data) == key


def test_the_command_text_is_stored_as_given(engine):
    """Unicode, quotes and newlines come back byte for byte (JSON on SQLite, JSONB on Postgres)."""
    text = 'Emergency: "ünïcödé" ✓ 🟦\nline two\\ and a backslash'
    event = NewsPublished(turn=1, text=text, visibility=PUBLIC)
    with write_tx(writer(engine)) as tx:
        tx.session.add(_row("g"))
        tx.session.flush()
        tx.append_events(game_id="g", first_seq=1, events=[event], command_id=None, now=0.0)
    with read_session(engine) as session:
        [stored] = repo.load_events(session, game_id="g")
        assert stored.event == event
        raw = session.execute(sa.text("SELECT payload FROM events")).scalar_one()
    assert (json.loads(raw) if isinstance(raw, str) else raw)["text"] == text
