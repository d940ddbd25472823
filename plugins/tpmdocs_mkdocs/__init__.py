"""MkDocs plugins of tpmdocs: thin adapters over the core in ``tpmdocs``."""
