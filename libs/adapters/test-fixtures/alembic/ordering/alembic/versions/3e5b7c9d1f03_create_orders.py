"""create orders (a second branch off the base)

Revision ID: 3e5b7c9d1f03
Revises: 1c3f5e7a9b01
Create Date: 2024-01-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '3e5b7c9d1f03'
down_revision = '1c3f5e7a9b01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    pass
