"""What the `lp-coach journal` commands share: the entry id argument."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up.
from typing import Annotated

import typer

EntryId = Annotated[int, typer.Argument(metavar="ID", help="The entry's number.")]
