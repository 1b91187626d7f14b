from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Account',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=20)),
                ('name', fields.CharField(max_length=200)),
                ('type', fields.CharField(description='asset, liability, equity, income or expense', max_length=16)),
                ('role', fields.CharField(default='', db_index=True, description='receivable, payable, bank, cash, vat_output, vat_input, rounding and so on (or empty)', max_length=24)),
                ('archived', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'accounting_account', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'An account of the chart: code, name, type and an optional role.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FiscalYear',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=20)),
                ('start', fields.DateField(unique=True)),
                ('end', fields.DateField()),
                ('status', fields.CharField(default='open', max_length=8)),
            ],
            options={'table': 'accounting_fiscal_year', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'A fiscal year, split into monthly periods.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Journal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=10)),
                ('name', fields.CharField(max_length=100)),
                ('kind', fields.CharField(max_length=16)),
                ('archived', fields.BooleanField(default=False)),
            ],
            options={'table': 'accounting_journal', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'A book of entries: sales, purchases, bank, cash or miscellaneous.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EntrySequence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('journal', fields.ForeignKeyField('accounting.Journal', source_field='journal_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('fiscal_year', fields.ForeignKeyField('accounting.FiscalYear', source_field='fiscal_year_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('last_number', fields.IntField(default=0)),
            ],
            options={'table': 'accounting_entry_sequence', 'app': 'accounting', 'unique_together': (('journal', 'fiscal_year'),), 'pk_attr': 'id', 'table_description': 'The last entry number issued in a journal and fiscal year (gapless numbering).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Period',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fiscal_year', fields.ForeignKeyField('accounting.FiscalYear', source_field='fiscal_year_id', db_constraint=True, to_field='id', related_name='periods', on_delete=OnDelete.RESTRICT)),
                ('start', fields.DateField(unique=True)),
                ('end', fields.DateField()),
                ('status', fields.CharField(default='open', max_length=8)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('entries_at_close', fields.IntField(null=True, description='how many entries the period held when its close committed (it never holds more)')),
            ],
            options={'table': 'accounting_period', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'A month of a fiscal year: closing it locks posting inside it, for everyone.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Entry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('journal', fields.ForeignKeyField('accounting.Journal', source_field='journal_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.RESTRICT)),
                ('fiscal_year', fields.ForeignKeyField('accounting.FiscalYear', source_field='fiscal_year_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('period', fields.ForeignKeyField('accounting.Period', source_field='period_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('number', fields.IntField()),
                ('date', fields.DateField(db_index=True)),
                ('reference', fields.CharField(default='', max_length=200)),
                ('source_office', fields.CharField(description='The office that caused the entry (accounting for manual entries)', max_length=40)),
                ('source_document', fields.CharField(null=True, description='The source document (invoice:12), unique per office: posting is idempotent per source', max_length=120)),
                ('source_event', fields.BigIntField(null=True, description='The event that caused the entry, when one did')),
                ('reversal_of', fields.ForeignKeyField('accounting.Entry', source_field='reversal_of_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('reversed_by_id', fields.IntField(null=True, description='set on the entry that a later entry reverses')),
                ('created_by', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'accounting_entry', 'app': 'accounting', 'unique_together': (('journal', 'fiscal_year', 'number'), ('source_office', 'source_document')), 'pk_attr': 'id', 'table_description': 'A posted journal entry: immutable, balanced, numbered without gaps per journal and year.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EntryLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('entry', fields.ForeignKeyField('accounting.Entry', source_field='entry_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.RESTRICT)),
                ('account', fields.ForeignKeyField('accounting.Account', source_field='account_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('date', fields.DateField(description="the entry's date, repeated for the reports' index")),
                ('debit', fields.BigIntField(default=0, description='company currency, in cents (integers: exact sums on every database)')),
                ('credit', fields.BigIntField(default=0, description='company currency, in cents')),
                ('currency', fields.CharField(description='the transaction currency (ISO 4217)', max_length=3)),
                ('amount', fields.BigIntField(description='signed amount in the transaction currency, in cents (debit positive)')),
                ('rate', fields.DecimalField(default=1, description='company currency units per unit of the transaction currency', max_digits=18, decimal_places=8)),
                ('label', fields.CharField(default='', max_length=200)),
                ('tax_rate', fields.DecimalField(null=True, description='the VAT rate in percent, on VAT base and VAT lines', max_digits=6, decimal_places=2)),
                ('tax_kind', fields.CharField(default='', description='base or tax on VAT lines (empty otherwise)', max_length=8)),
            ],
            options={'table': 'accounting_entry_line', 'app': 'accounting', 'indexes': [Index(fields=['account_id', 'date']), Index(fields=['date', 'account_id']), Index(fields=['entry_id'])], 'pk_attr': 'id', 'table_description': 'A debit or credit of an entry, in the company currency, with the transaction currency.'},
            bases=['Model'],
        ),
    ]
