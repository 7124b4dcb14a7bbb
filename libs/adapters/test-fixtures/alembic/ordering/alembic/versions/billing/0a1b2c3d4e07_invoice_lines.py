"""invoice lines (depends on the merged main branch)

Revision ID: 0a1b2c3d4e07
Revises: 5b6c7d8e9f06
Create Date: 2024-01-07 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0a1b2c3d4e07'
down_revision = '5b6c7d8e9f06'
branch_labels = None
depends_on = '4a1b2c3d4e05'


def upgrade():
    op.create_table('invoice_lines', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    pass
