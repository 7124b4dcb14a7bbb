"""base

Revision ID: 0b1a5e000001
Revises: 
Create Date: 2024-06-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0b1a5e000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('things', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    pass
