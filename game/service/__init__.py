"""The one door: every change to a game goes through `GameService.handle` (see core.py).

    service = GameService()                      # DATABASE_URL from the settings
    deadlines = service.recover()                # after a start: states rebuilt, timers to re-arm
    result = service.create_game(guild_id=..., channel_id=..., scenario="tutorial",
                                 facilitator_id=...)
    result = await service.aio.handle(game_id, Actor.of(user), Share(...), command_id=interaction)
    for stored in result.events: ...             # stored.seq, stored.event, stored.visibility
"""

from game.service.aio import AsyncGameService
from game.service.core import GameService
from game.service.types import Deadline, GameInfo, HandleResult
from game.store.repo import StoredEvent

__all__ = ["AsyncGameService", "Deadline", "GameInfo", "GameService", "HandleResult",
           "StoredEvent"]
