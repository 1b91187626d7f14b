"""The pipeline's first stages and lost reasons, which managers rename, reorder and extend
(the same SQL on SQLite and PostgreSQL)."""

from tortoise import migrations
from tortoise.migrations import operations as ops

STAGES = (
    ("New", 10, "open", 10),
    ("Qualified", 20, "open", 30),
    ("Proposal", 30, "open", 60),
    ("Negotiation", 40, "open", 80),
    ("Won", 90, "won", 100),
    ("Lost", 99, "lost", 0),
)
REASONS = ("Price", "Competitor", "No budget", "No answer", "Timing")

FORWARD = [
    *(
        "INSERT INTO crm_stage (name, position, outcome, probability, active) "
        f"VALUES ('{name}', {position}, '{outcome}', {probability}, TRUE)"
        for name, position, outcome, probability in STAGES
    ),
    *(f"INSERT INTO crm_lost_reason (name, active) VALUES ('{name}', TRUE)" for name in REASONS),
]
BACKWARD = ["DELETE FROM crm_stage", "DELETE FROM crm_lost_reason"]


class Migration(migrations.Migration):
    dependencies = [("crm", "0002_pipeline")]

    operations = [ops.RunSQL(FORWARD, BACKWARD)]
