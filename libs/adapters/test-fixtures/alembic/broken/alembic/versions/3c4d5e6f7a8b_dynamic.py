"""operations the adapter cannot follow statically

Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
Create Date: 2024-04-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from alembic_utils.pg_view import PGView

revision = '3c4d5e6f7a8b'
down_revision = '2b3c4d5e6f7a'
branch_labels = None
depends_on = None

TABLES = ['products', 'archived_products']

active_products = PGView(schema='public', signature='active_products', definition='SELECT * FROM products')


def add_timestamps(table):
    op.add_column(table, sa.Column('created_at', sa.DateTime(), nullable=True))


def upgrade():
    op.add_column('products', sa.Column('price', sa.Numeric(10, 2), nullable=True))
    for table in TABLES:
        op.add_column(table, sa.Column('updated_at', sa.DateTime(), nullable=True))
    if op.get_context().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    add_timestamps('products')
    op.create_entity(active_products)
    op.execute(f"COMMENT ON TABLE products IS '{TABLES[0]}'")
    op.add_column('products', sa.Column(f'{TABLES[0]}_code', sa.String(10)))
    op.drop_column('products', 'name')


def downgrade():
    pass
