"""Site search (articles now, albums later): see engine.py for how it ranks and stays fast."""
