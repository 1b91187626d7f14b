"""Typed contact points, addresses and consents.

Creates ``parties_contact_point`` (emails and phones), ``parties_address`` and
``parties_consent`` (an append-only history), adds ``legal_name`` and an index on
``tax_code``, then copies every party's ``email``/``phone`` (normalised: emails lower-case,
phones E.164 when possible, else kept as they were), its untyped ``addresses`` JSON (older
keys such as ``street`` or ``zip`` understood) and its ``consents`` JSON into the new
tables, and empties those two JSON columns. Partial UNIQUE indexes (same statement on
SQLite and PostgreSQL) allow one primary email, one primary phone and one primary address
per party. Going back rebuilds the JSON columns from the tables.
"""

import datetime as dt
import json
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

from sportello.parties.validation import normalise_country, normalise_email, normalise_phone

ONE_PRIMARY = [
    "CREATE UNIQUE INDEX IF NOT EXISTS parties_contact_point_one_primary "
    "ON parties_contact_point (party_id, channel) WHERE is_primary",
    "CREATE UNIQUE INDEX IF NOT EXISTS parties_address_one_primary "
    "ON parties_address (party_id) WHERE is_primary",
]
NO_PRIMARY_RULE = [
    "DROP INDEX IF EXISTS parties_address_one_primary",
    "DROP INDEX IF EXISTS parties_contact_point_one_primary",
]
ADDRESS_KEYS = {
    "line1": ("line1", "street", "address", "address1", "line_1"),
    "line2": ("line2", "address2", "line_2"),
    "postcode": ("postcode", "zip", "zip_code", "postal_code", "postalCode", "cap"),
    "city": ("city", "town", "locality"),
    "region": ("region", "province", "state", "county"),
}
ADDRESS_LIMITS = {"line1": 200, "line2": 200, "postcode": 20, "city": 100, "region": 100}
ADDRESS_KINDS = ("home", "work", "billing", "delivery", "registered", "other")


class _Sql:
    def __init__(self, client: Any) -> None:
        self.client = client
        self.postgres = client.capabilities.dialect == "postgres"

    async def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = await self.client.execute_query_dict(
            self._marks(sql), list(params)
        )
        return found

    async def run(self, sql: str, params: Any = ()) -> None:
        await self.client.execute_query(self._marks(sql), list(params))

    def _marks(self, sql: str) -> str:
        if not self.postgres:
            return sql
        parts = sql.split("?")
        return "".join(p + (f"${i}" if i < len(parts) else "") for i, p in enumerate(parts, 1))


def _json(value: Any, empty: Any) -> Any:
    if value is None:
        return empty
    if isinstance(value, (bytes, str)):
        try:
            return json.loads(value)
        except ValueError:
            return empty
    return value


def _address(item: Any) -> dict[str, Any] | None:
    if isinstance(item, str):
        item = {"line1": item}
    if not isinstance(item, dict):
        return None
    out: dict[str, Any] = {}
    for name, keys in ADDRESS_KEYS.items():
        value = next((item[k] for k in keys if isinstance(item.get(k), str) and item[k].strip()), "")
        out[name] = value.strip()[: ADDRESS_LIMITS[name]]
    if not out["line1"] and not out["city"]:
        return None
    kind = str(item.get("kind") or item.get("type") or "other").strip().lower()
    out["kind"] = kind if kind in ADDRESS_KINDS else "other"
    country = item.get("country")
    out["country"] = normalise_country(country) if isinstance(country, str) else None
    out["primary"] = bool(item.get("primary"))
    return out


def _consents(value: Any, fallback: dt.datetime) -> list[dict[str, Any]]:
    """Legacy shapes: {purpose: bool}, {purpose: {granted, at, source}}, [{purpose, ...}]."""
    if isinstance(value, dict):
        value = [
            {"purpose": k, **(v if isinstance(v, dict) else {"granted": v})}
            for k, v in value.items()
        ]
    out = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict) or not str(item.get("purpose") or "").strip():
            continue
        at = fallback
        if isinstance(item.get("at"), str):
            try:
                at = dt.datetime.fromisoformat(item["at"])
                at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
            except ValueError:
                at = fallback
        granted = item.get("granted", item.get("given", False))
        out.append(
            {
                "purpose": str(item["purpose"]).strip().lower()[:64],
                "granted": granted is True or str(granted).lower() in ("true", "yes", "1"),
                "at": at,
                "source": str(item.get("source") or "")[:200],
            }
        )
    return out


def _when(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


async def copy_into_tables(apps: Any, editor: Any) -> None:
    db = _Sql(editor.client)
    now = dt.datetime.now(dt.UTC)
    parties = await db.rows(
        "SELECT id, email, phone, addresses, consents, tax_code, updated_at FROM parties_party"
    )
    for party in parties:
        pid = party["id"]
        addresses = [a for a in map(_address, _json(party["addresses"], [])) if a]
        if addresses and not any(a["primary"] for a in addresses):
            addresses[0]["primary"] = True
        seen_primary = False
        for i, a in enumerate(addresses):
            primary = a["primary"] and not seen_primary
            seen_primary = seen_primary or primary
            await db.run(
                "INSERT INTO parties_address (party_id, kind, line1, line2, postcode, city, "
                "region, country, is_primary, position, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [pid, a["kind"], a["line1"], a["line2"], a["postcode"], a["city"], a["region"],
                 a["country"], primary, i, now],
            )
        country = next((a["country"] for a in addresses if a["primary"]), None)
        email = (party["email"] or "").strip()
        email = normalise_email(email) or email.lower()
        phone = (party["phone"] or "").strip()
        phone = normalise_phone(phone, country) or phone
        for channel, value in (("email", email), ("phone", phone)):
            if value:
                await db.run(
                    "INSERT INTO parties_contact_point (party_id, channel, kind, value, "
                    "is_primary, position, created_at) VALUES (?, ?, 'other', ?, ?, 0, ?)",
                    [pid, channel, value[:254], True, now],
                )
        for c in _consents(_json(party["consents"], {}), _when(party["updated_at"])):
            await db.run(
                'INSERT INTO parties_consent (party_id, purpose, granted, "at", source) '
                "VALUES (?, ?, ?, ?, ?)",
                [pid, c["purpose"], c["granted"], c["at"], c["source"]],
            )
        tax = "".join((party["tax_code"] or "").split()).upper() or None
        await db.run(
            "UPDATE parties_party SET email = ?, phone = ?, tax_code = ?, "
            "addresses = '[]', consents = '{}' WHERE id = ?",
            [email or None, phone[:40] or None, tax, pid],
        )


async def copy_back(apps: Any, editor: Any) -> None:
    db = _Sql(editor.client)
    addresses: dict[int, list[dict[str, Any]]] = {}
    for a in await db.rows(
        "SELECT party_id, kind, line1, line2, postcode, city, region, country, is_primary "
        "FROM parties_address ORDER BY party_id, position, id"
    ):
        pid = a.pop("party_id")
        a["primary"] = bool(a.pop("is_primary"))
        addresses.setdefault(pid, []).append(a)
    consents: dict[int, dict[str, Any]] = {}
    for c in await db.rows(
        'SELECT party_id, purpose, granted, "at", source FROM parties_consent '
        'ORDER BY party_id, "at", id'
    ):
        consents.setdefault(c["party_id"], {})[c["purpose"]] = {
            "granted": bool(c["granted"]),
            "at": _when(c["at"]).isoformat(),
            "source": c["source"],
        }
    for pid in set(addresses) | set(consents):
        await db.run(
            "UPDATE parties_party SET addresses = ?, consents = ? WHERE id = ?",
            [json.dumps(addresses.get(pid, [])), json.dumps(consents.get(pid, {})), pid],
        )


class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Address',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_index=True, db_constraint=True, to_field='id', related_name='postal_addresses', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(default='other', description='home, work, billing, delivery, registered or other', max_length=16)),
                ('line1', fields.CharField(max_length=200)),
                ('line2', fields.CharField(default='', max_length=200)),
                ('postcode', fields.CharField(default='', max_length=20)),
                ('city', fields.CharField(default='', max_length=100)),
                ('region', fields.CharField(default='', max_length=100)),
                ('country', fields.CharField(null=True, description='ISO 3166-1 alpha-2 code, or null when unknown', max_length=2)),
                ('is_primary', fields.BooleanField(default=False)),
                ('position', fields.SmallIntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'parties_address', 'app': 'parties', 'pk_attr': 'id', 'table_description': 'A postal address of a party, at most one primary.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Consent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_index=True, db_constraint=True, to_field='id', related_name='consent_history', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharField(description='What the consent is for (marketing, newsletter, profiling...)', max_length=64)),
                ('granted', fields.BooleanField()),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('source', fields.CharField(default='', description='How it was collected (front desk, web form, signed paper...)', max_length=200)),
            ],
            options={'table': 'parties_consent', 'app': 'parties', 'pk_attr': 'id', 'table_description': 'One consent given or withdrawn: an append-only history, the latest per purpose counts.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ContactPoint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_index=True, db_constraint=True, to_field='id', related_name='contact_points', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharField(description='email or phone', max_length=8)),
                ('kind', fields.CharField(default='other', description='work, home, mobile or other', max_length=16)),
                ('value', fields.CharField(db_index=True, description='A lower-cased email address or a phone number in E.164 form (+393331234567)', max_length=254)),
                ('is_primary', fields.BooleanField(default=False)),
                ('position', fields.SmallIntField(default=0, description="Order within the party's list for this channel")),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'parties_contact_point', 'app': 'parties', 'pk_attr': 'id', 'table_description': 'An email address or a phone number of a party, at most one primary per channel.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Party',
            name='legal_name',
            field=fields.CharField(null=True, description='The registered name of an organisation (null for people)', max_length=200),
        ),
        ops.AddIndex(
            model_name='Party',
            index=Index(fields=['tax_code']),
        ),
        ops.RunPython(copy_into_tables, copy_back),
        ops.RunSQL(ONE_PRIMARY, NO_PRIMARY_RULE),
    ]
