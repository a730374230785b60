"""``python -m generator`` is the same CLI as ``briefing``."""

from generator.cli import run

run()
