"""after the loop

Revision ID: c3a17e000004
Revises: b2c7c1e00003
Create Date: 2024-06-04 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'c3a17e000004'
down_revision = 'b2c7c1e00003'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('things', sa.Column('c', sa.Integer()))


def downgrade():
    pass
