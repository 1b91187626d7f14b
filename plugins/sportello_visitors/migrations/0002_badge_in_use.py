"""One checked-in visitor per badge and site: a partial UNIQUE index.

The model layer cannot declare a partial unique index that SQLite accepts (Tortoise refuses
conditional constraints there), but the statement is the same on SQLite (3.8+) and
PostgreSQL, so it runs as plain SQL on both. The check-in service maps a violation to
BADGE_IN_USE: two desks handing out one badge at the same moment cannot both succeed.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEX = "visitors_visit_badge_in_use"

FORWARD = [
    f"CREATE UNIQUE INDEX IF NOT EXISTS {INDEX} ON visitors_visit (site_id, badge_number) "
    "WHERE status = 'checked_in'",
]
BACKWARD = [f"DROP INDEX IF EXISTS {INDEX}"]


class Migration(migrations.Migration):
    dependencies = [("visitors", "0001_initial")]

    operations = [ops.RunSQL(FORWARD, BACKWARD)]
