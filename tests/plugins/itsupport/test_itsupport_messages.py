"""Every message of the office exists in English, Italian, Spanish and Greek, and every
message key the code raises is in the catalogue; a refusal reads in the caller's language."""

from __future__ import annotations

import re
from pathlib import Path

from itsupport_helpers import MODULES, create

PACKAGE = Path(__file__).resolve().parents[3] / "plugins" / "sportello_itsupport"
#: The message key of a ServiceError raised or api.require'd by the services
KEY = re.compile(r'(?:ServiceError|require)\(\s*[^"]*"[A-Z_]+",\s*"(itsupport\.[a-z_]+)"', re.S)


def test_every_message_in_four_languages_and_every_key_raised_is_written() -> None:
    from sportello_itsupport.messages import MESSAGES

    assert set(MESSAGES) == {"en", "it", "es", "el"}
    english = set(MESSAGES["en"])
    for language, catalogue in MESSAGES.items():
        assert set(catalogue) == english, language
        assert all(text.strip() for text in catalogue.values()), language
    raised: set[str] = set()
    for path in (PACKAGE / "services").glob("*.py"):
        raised |= set(KEY.findall(path.read_text()))
    assert len(raised) > 20
    assert raised <= english, raised - english


async def test_a_refusal_reads_in_the_callers_language(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        for language, word in (("it", "Solo"), ("es", "Solo"), ("el", "Μόνο")):
            ticket = (await create(h))["supportTicket"]
            reply = """
            mutation($i: SupportTicketReplyInput!) {
              supportTicketReply(input: $i) { errors { field code message } } }
            """
            result = await h.gql(
                reply,
                {"i": {"id": ticket["id"], "body": "x", "internal": True}},
                as_="front_desk",
                headers={"Accept-Language": language},
            )
            [error] = result["data"]["supportTicketReply"]["errors"]
            assert error["code"] == "FORBIDDEN" and error["message"].startswith(word), error
