from __future__ import annotations

import sys
from pathlib import Path

# The JavaScript client helpers of the transport tests (tests/core/transport/jsclients.py).
TRANSPORT = str(Path(__file__).resolve().parents[1] / "transport")
if TRANSPORT not in sys.path:
    sys.path.append(TRANSPORT)
