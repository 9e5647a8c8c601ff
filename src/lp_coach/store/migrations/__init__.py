"""Schema migrations: ordered functions, each applied once (store/schema.py) and recorded."""

# The migrations, in the order they were written (importing them registers them); a new one goes
# at the end of the newest module, or in a new module named for its month, imported last.
from lp_coach.store.migrations import schema_2026_11, schema_2026_12  # noqa: F401
from lp_coach.store.migrations.kit import MIGRATIONS, Migration, migration, run_script

__all__ = ["MIGRATIONS", "Migration", "migration", "run_script"]
