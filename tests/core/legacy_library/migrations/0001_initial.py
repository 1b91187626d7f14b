from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Book',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=300)),
                ('author', fields.CharField(max_length=200)),
                ('isbn', fields.CharField(unique=True, description='ISBN-13 digits only, no hyphens', max_length=13)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'library_book', 'app': 'library', 'pk_attr': 'id', 'table_description': 'A book the library can lend.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Loan',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('book', fields.ForeignKeyField('library.Book', source_field='book_id', db_constraint=True, to_field='id', related_name='loans', on_delete=OnDelete.RESTRICT)),
                ('borrower', fields.ForeignKeyField('parties.Party', source_field='borrower_id', db_constraint=True, to_field='id', related_name='legacy_library_loans', on_delete=OnDelete.RESTRICT)),
                ('due_on', fields.DateField()),
                ('returned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'library_loan', 'app': 'library', 'pk_attr': 'id', 'table_description': 'A book lent to a party until a due date.'},
            bases=['Model'],
        ),
    ]
