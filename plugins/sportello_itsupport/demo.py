"""A day at work for IT support: the hotel's PMS workstation, key-card encoder and hall
display, the town hall's ticket kiosk and its printer; categories routed to the organisation's
service desk, tickets in every state, knowledge-base articles in four languages.
Idempotent: skipped once the PMS workstation is registered."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport import services

#: (name, kind)
CATEGORIES = [
    ("PMS and front desk systems", m.INCIDENT),
    ("Key cards and door locks", m.INCIDENT),
    ("Displays and signage", m.INCIDENT),
    ("Printers", m.INCIDENT),
    ("Network and Wi-Fi", m.INCIDENT),
    ("Accounts and access", m.SERVICE_REQUEST),
]
#: (site code, tag, name, kind, model type, vendor, seats)
ASSETS: list[tuple[str | None, str, str, str, str, str, int | None]] = [
    ("HOTEL", "WS-PMS-01", "PMS workstation, front desk", m.HARDWARE, "workstation", "Dell", None),
    ("HOTEL", "ENC-01", "Key-card encoder", m.HARDWARE, "card_reader", "Assa Abloy", None),
    ("HOTEL", "DSP-HALL-01", "Hall display, lobby", m.HARDWARE, "display", "Samsung", None),
    ("HOTEL", "PRN-REC-01", "Reception printer", m.HARDWARE, "printer", "Brother", None),
    ("HOTEL", "AP-LOBBY", "Lobby Wi-Fi access point", m.NETWORK, "access_point", "Ubiquiti", None),
    ("HOTEL", "SW-CORE", "Core switch", m.NETWORK, "switch", "HPE", None),
    (None, "LIC-PMS", "PMS client licence", m.SOFTWARE, "licence", "Oracle Hospitality", 5),
    ("TOWNHALL", "KIOSK-01", "Ticket kiosk, hall", m.HARDWARE, "kiosk", "Wincor", None),
    ("TOWNHALL", "PRN-KIOSK-01", "Kiosk ticket printer", m.HARDWARE, "printer", "Epson", None),
    ("TOWNHALL", "DSP-QUEUE-01", "Queue display, hall", m.HARDWARE, "display", "LG", None),
]
#: (source tag, target tag, relation)
RELATIONS = [
    ("ENC-01", "WS-PMS-01", "depends_on"),
    ("KIOSK-01", "PRN-KIOSK-01", "depends_on"),
    ("WS-PMS-01", "SW-CORE", "connected_to"),
    ("AP-LOBBY", "SW-CORE", "connected_to"),
    ("LIC-PMS", "WS-PMS-01", "installed_on"),
]
#: (language, title, body, visibility, category)
ARTICLES = [
    (
        "it",
        "La stampante della reception non stampa",
        "Spegnere la stampante, aprire lo sportello frontale e togliere la carta inceppata. "
        "Riaccendere e stampare una pagina di prova dal PMS.",
        m.STAFF,
        "Printers",
    ),
    (
        "en",
        "Key-card encoder does not write cards",
        "Check the USB cable to the PMS workstation, restart the encoder service from the "
        "system tray, then encode a test card for room 101.",
        m.AGENTS,
        "Key cards and door locks",
    ),
    (
        "es",
        "La pantalla del vestíbulo no muestra nada",
        "Compruebe que la pantalla está en la entrada HDMI 1 y reinicie el reproductor.",
        m.STAFF,
        "Displays and signage",
    ),
    (
        "el",
        "Σύνδεση επισκεπτών στο Wi-Fi",
        "Επιλέξτε το δίκτυο Hotel-Guest και εισάγετε τον αριθμό δωματίου και το επώνυμο.",
        m.PUBLIC,
        "Network and Wi-Fi",
    ),
]


async def _team_id() -> int | None:
    """The organisation's service desk (code IT-SD, from the core's demo units), if loaded."""
    team_field: Any = m.Category._meta.fields_map["team"]
    department: Any = team_field.related_model
    unit = await department.filter(code="IT-SD").first()
    return None if unit is None else int(unit.id)


async def load() -> None:
    if await m.Asset.filter(tag="WS-PMS-01").exists():
        return
    sites = {s.code: s.id for s in await api.SiteModel.filter(code__in=["HOTEL", "TOWNHALL"])}
    team_id = await _team_id()
    actor = api.SYSTEM
    cats: dict[str, int] = {}
    for name, kind in CATEGORIES:
        cat = await services.create_category(actor, name, kind, team_id)
        cats[name] = cat.id
    tags: dict[str, m.Asset] = {}
    for site, tag, name, kind, model_type, vendor, seats in ASSETS:
        if site is not None and site not in sites:
            continue
        tags[tag] = await services.create_asset(
            actor,
            tag=tag,
            name=name,
            kind=kind,
            model_type=model_type,
            vendor=vendor,
            serial=f"SN-{tag}",
            seats=seats,
            site_id=sites.get(site) if site else None,
        )
    for source, target, kind in RELATIONS:
        if source in tags and target in tags:
            await services.relate(actor, tags[source].id, tags[target].id, kind)
    for tag in ("WS-PMS-01", "DSP-HALL-01", "KIOSK-01"):
        asset = tags.get(tag)
        site_id = asset.site_id if asset is not None else None
        if asset is not None and site_id is not None:
            await services.assign_asset(actor, asset.id, "Site", site_id)
    people = await api.PartyModel.filter(kind="person").order_by("id").limit(6)
    if "LIC-PMS" in tags:
        for person in people[:3]:
            await services.assign_asset(actor, tags["LIC-PMS"].id, "Party", person.id)
    articles = []
    for language, title, body, visibility, category in ARTICLES:
        article = await services.create_article(
            actor,
            title=title,
            body=body,
            language=language,
            visibility=visibility,
            category_id=cats[category],
        )
        articles.append(article)
    await _tickets(actor, sites, cats, tags, [p.id for p in people], articles)


async def _tickets(
    actor: api.Actor,
    sites: dict[str, int],
    cats: dict[str, int],
    tags: dict[str, m.Asset],
    people: list[int],
    articles: list[m.KbArticle],
) -> None:
    hotel, townhall = sites.get("HOTEL"), sites.get("TOWNHALL")

    def who(n: int) -> int | None:
        return people[n % len(people)] if people else None

    def assets(*wanted: str) -> list[int]:
        return [tags[t].id for t in wanted if t in tags]

    pms = await services.create_ticket(
        actor,
        subject="PMS workstation freezes at check-in",
        description="The front desk PC hangs when printing the registration card.",
        requester_id=who(0),
        category_id=cats["PMS and front desk systems"],
        impact="high",
        urgency="high",
        asset_ids=assets("WS-PMS-01"),
        site_id=hotel,
        channel="phone",
    )
    await services.reply(actor, pms.id, "Restarting the print spooler remotely now.")
    encoder = await services.create_ticket(
        actor,
        subject="Key-card encoder does not write cards",
        description="Guests in room 214 and 215 got cards that do not open the door.",
        requester_id=who(1),
        category_id=cats["Key cards and door locks"],
        impact="medium",
        urgency="high",
        asset_ids=assets("ENC-01", "WS-PMS-01"),
        site_id=hotel,
        channel="walk_in",
    )
    await services.reply(actor, encoder.id, "Encoder firmware issue: vendor asked.", internal=True)
    await services.set_status(actor, encoder.id, m.WAITING_SUPPLIER)
    display = await services.create_ticket(
        actor,
        subject="Hall display shows yesterday's events",
        description="The lobby screen did not refresh overnight.",
        requester_id=who(2),
        category_id=cats["Displays and signage"],
        impact="low",
        urgency="medium",
        asset_ids=assets("DSP-HALL-01"),
        site_id=hotel,
    )
    await services.reply(actor, display.id, "Please check it shows HDMI 1.")
    await services.set_status(actor, display.id, m.WAITING_REQUESTER)
    printer = await services.create_ticket(
        actor,
        subject="La stampante della reception non stampa",
        description="Carta inceppata, la spia arancione lampeggia.",
        requester_id=who(3),
        category_id=cats["Printers"],
        asset_ids=assets("PRN-REC-01"),
        site_id=hotel,
        channel="email",
    )
    await services.set_status(
        actor, printer.id, m.CLOSED, article_id=articles[0].id, satisfaction=5
    )
    kiosk = await services.create_ticket(
        actor,
        subject="Ticket kiosk prints blank tickets",
        description="Citizens get empty tickets from the hall kiosk since 8:30.",
        requester_id=who(4),
        category_id=cats["Printers"],
        impact="high",
        urgency="medium",
        asset_ids=assets("KIOSK-01", "PRN-KIOSK-01"),
        site_id=townhall,
    )
    queue = await services.create_ticket(
        actor,
        subject="Queue display frozen on A012",
        description="The display in the hall stopped updating.",
        requester_id=who(4),
        category_id=cats["Displays and signage"],
        asset_ids=assets("DSP-QUEUE-01"),
        site_id=townhall,
    )
    await services.set_parent(actor, queue.id, kiosk.id)
    await services.create_ticket(
        actor,
        subject="PMS account for the new night auditor",
        description="Starts on Monday: needs PMS and e-mail access.",
        requester_id=who(5),
        category_id=cats["Accounts and access"],
        impact="low",
        urgency="low",
        site_id=hotel,
    )
    await services.set_status(actor, pms.id, m.RESOLVED)
