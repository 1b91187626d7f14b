"""Stay segments: which room a reservation holds on which nights.

Creates ``lodging_room_stay``, gives every existing reservation one segment covering its
arrival to departure (``holding`` when it is confirmed, checked in or checked out), and on
PostgreSQL moves the no-double-booking exclusion constraint from the reservation's dates to
the segments, so that a guest moved in house keeps the nights already slept in the old room.
SQLite has no exclusion constraints: there the single connection lock serialises the
check-then-insert the services do inside one transaction.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

OLD_CONSTRAINT = "lodging_reservation_no_overlap"
NO_OVERLAP = "lodging_room_stay_no_overlap"
NO_SELF_OVERLAP = "lodging_room_stay_no_self_overlap"

BACKFILL = [
    'INSERT INTO lodging_room_stay (reservation_id, room_id, start, "end", holding) '
    "SELECT id, room_id, arrival, departure, "
    "CASE WHEN status IN ('confirmed', 'checked_in', 'checked_out') THEN 1 = 1 ELSE 1 = 0 END "
    "FROM lodging_reservation WHERE departure > arrival ORDER BY id"
]
UNFILL = ["DELETE FROM lodging_room_stay"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE lodging_reservation DROP CONSTRAINT IF EXISTS {OLD_CONSTRAINT}",
    # Two holding segments never share a room on one night.
    f"ALTER TABLE lodging_room_stay ADD CONSTRAINT {NO_OVERLAP} "
    "EXCLUDE USING gist (room_id WITH =, daterange(start, \"end\", '[)') WITH &&) "
    "WHERE (holding)",
    # The segments of one stay never overlap each other.
    f"ALTER TABLE lodging_room_stay ADD CONSTRAINT {NO_SELF_OVERLAP} "
    "EXCLUDE USING gist (reservation_id WITH =, daterange(start, \"end\", '[)') WITH &&)",
    "ALTER TABLE lodging_room_stay ADD CONSTRAINT lodging_room_stay_dates CHECK (\"end\" > start)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE lodging_room_stay DROP CONSTRAINT IF EXISTS lodging_room_stay_dates",
    f"ALTER TABLE lodging_room_stay DROP CONSTRAINT IF EXISTS {NO_SELF_OVERLAP}",
    f"ALTER TABLE lodging_room_stay DROP CONSTRAINT IF EXISTS {NO_OVERLAP}",
    # Fails if a guest was moved in house since (the reservation row no longer tells the nights).
    f"ALTER TABLE lodging_reservation ADD CONSTRAINT {OLD_CONSTRAINT} "
    "EXCLUDE USING gist (room_id WITH =, daterange(arrival, departure, '[)') WITH &&) "
    "WHERE (status IN ('confirmed', 'checked_in', 'checked_out'))",
]


class PostgresOnlySQL(ops.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op on every other database."""

    @staticmethod
    def _is_postgres(state_editor: BaseSchemaEditor) -> bool:
        client = getattr(state_editor, "client", None)
        dialect = getattr(getattr(client, "capabilities", None), "dialect", "")
        return dialect == "postgres"

    async def database_forward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        if state_editor is not None and self._is_postgres(state_editor):
            await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        if state_editor is not None and self._is_postgres(state_editor):
            await super().database_backward(app_label, old_state, new_state, state_editor)


class Migration(migrations.Migration):
    dependencies = [('lodging', '0002_no_double_booking'), ('parties', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RoomStay',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reservation', fields.ForeignKeyField('lodging.Reservation', source_field='reservation_id', db_index=True, db_constraint=True, to_field='id', related_name='room_stays', on_delete=OnDelete.CASCADE)),
                ('room', fields.ForeignKeyField('lodging.Room', source_field='room_id', db_constraint=True, to_field='id', related_name='stays', on_delete=OnDelete.RESTRICT)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
                ('holding', fields.BooleanField(default=True, description='Whether the nights are held (the reservation is confirmed, checked in or checked out)')),
            ],
            options={'table': 'lodging_room_stay', 'app': 'lodging', 'indexes': [Index(fields=['room_id', 'start', 'end'])], 'pk_attr': 'id', 'table_description': 'One stretch of a stay in one room: the nights from start to end (end exclusive).'},
            bases=['Model'],
        ),
        ops.RunSQL(BACKFILL, UNFILL),
        PostgresOnlySQL(POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
