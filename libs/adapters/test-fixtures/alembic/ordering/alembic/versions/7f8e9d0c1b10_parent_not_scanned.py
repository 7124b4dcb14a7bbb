"""its parent is not part of the scan

Revision ID: 7f8e9d0c1b10
Revises: deadbeef0000
Create Date: 2024-01-10 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '7f8e9d0c1b10'
down_revision = 'deadbeef0000'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('legacy_id', sa.Integer()))


def downgrade():
    pass
