"""half written

Revision ID: 1a2b3c4d5e6f
Revises: 0f1e2d3c4b5a
Create Date: 2024-04-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('products', sa.Column('sku', sa.String(20)
    op.create_index('ix_products_sku', 'products', ['sku'])


def downgrade():
    op.drop_column('products', 'sku')
