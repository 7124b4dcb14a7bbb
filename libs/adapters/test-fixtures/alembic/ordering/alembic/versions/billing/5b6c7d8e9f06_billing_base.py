"""billing branch base

Revision ID: 5b6c7d8e9f06
Revises:
Create Date: 2024-01-06 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '5b6c7d8e9f06'
down_revision = None
branch_labels = ('billing',)
depends_on = None


def upgrade():
    op.create_table('invoices', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    pass
