"""invoice totals

Revision ID: 6c7d8e9f0a08
Revises: 5b6c7d8e9f06
Create Date: 2024-01-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '6c7d8e9f0a08'
down_revision = '5b6c7d8e9f06'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('invoices', sa.Column('total', sa.Numeric(10, 2)))


def downgrade():
    pass
