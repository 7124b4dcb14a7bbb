"""products

Revision ID: 0f1e2d3c4b5a
Revises:
Create Date: 2024-04-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0f1e2d3c4b5a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'products',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(80), nullable=False),
    )


def downgrade():
    op.drop_table('products')
