"""``python -m generator`` is the same CLI as ``briefing``."""

from generator.cli import main

raise SystemExit(main())
