"""The audit trail keeps the client's X-Request-ID apart from the server's own request id."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("identity", "0002_audit_sites")]

    initial = False

    operations = [
        ops.AddField(
            model_name="AuditEntry",
            name="client_request_id",
            field=fields.CharField(
                null=True,
                max_length=64,
                description=(
                    "the client's X-Request-ID, sanitised and capped, for correlation with its "
                    "own logs"
                ),
            ),
        ),
    ]
