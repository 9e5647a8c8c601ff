"""Write the shipped library (content/shipped.py) anew from the built-in pack's YAML, after
an edit of the built-in principles: `python -m lp_coach.content.write_shipped`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from lp_coach.content.packs import load_checked, order_lines
from lp_coach.content.plain import as_dicts
from lp_coach.content.shipped import SHIPPED, digest, format_signature
from lp_coach.content.sources import PackDir, builtin_pack


def checked_now(pack: PackDir) -> dict[str, Any]:
    """What the shipped file should hold for `pack`: its digest and its checked library, with
    places relative to the pack."""
    library = as_dicts(load_checked([pack], shipped=False))
    for principle in library["principles"]:
        principle["source"] = os.path.basename(principle["source"])
    for info in library["packs"]:
        info["path"] = ""
    library["order_lines"] = order_lines(pack)
    return {"files": digest(pack), "format": format_signature(), "library": library}


def main() -> int:
    """Write the shipped file anew from the built-in pack."""
    pack = builtin_pack()
    target = Path(__file__).parent.parent / "data" / SHIPPED
    text = json.dumps(checked_now(pack), ensure_ascii=False, sort_keys=True, indent=0)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
