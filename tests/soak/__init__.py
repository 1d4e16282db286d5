"""The soak harness: many games at once through the bot in simcord, with faults (see harness.py).

    python -m tests.soak --games 500 --minutes 30
"""
