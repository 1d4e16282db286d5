"""One cog per area: /game (lobby, White Cell, debrief), /intel, and /act with /done."""

from bot.cogs.game import GameCog
from bot.cogs.play import IntelCog, PlayCog

__all__ = ["GameCog", "IntelCog", "PlayCog"]
