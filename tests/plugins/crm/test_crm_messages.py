"""Every message the CRM raises exists in English, Italian, Spanish and Greek, and every
notification template has its placeholders in each language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import sportello_crm
from sportello_crm.messages import MESSAGES
from sportello_crm.services import mail, notices

ROOT = Path(sportello_crm.__file__).parent
RAISED = re.compile(r'ServiceError\(\s*"[A-Z_]+",\s*"(crm\.[a-z_]+)"')


def test_every_raised_message_is_translated() -> None:
    keys = {k for f in ROOT.rglob("*.py") for k in RAISED.findall(f.read_text())}
    assert len(keys) > 20
    for lang in ("en", "it", "es", "el"):
        missing = sorted(keys - set(MESSAGES[lang]))
        assert not missing, (lang, missing)


def test_templates_use_only_their_parameters_in_every_language() -> None:
    for kind in [*notices.KINDS, mail.CASE_REPLY]:
        for lang in ("en", "it", "es", "el"):
            for part in ("subject", "body"):
                text = MESSAGES[lang][f"notify.{kind.name}.{part}"]
                used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                assert used <= set(kind.params), (kind.name, lang, part, used)
