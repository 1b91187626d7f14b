"""The font of every office's PDF documents (invoices, reports, printouts): DejaVu Sans, which
covers Latin and Greek (fpdf2's built-in fonts are Latin-1 only), shipped once with the core."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).with_name("fonts")
#: The family name to register the files under
FONT = "DejaVuSans"


def font_files() -> dict[str, Path]:
    """fpdf2 style ("" regular, "B" bold) -> the TrueType file, for ``FPDF.add_font``."""
    return {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
