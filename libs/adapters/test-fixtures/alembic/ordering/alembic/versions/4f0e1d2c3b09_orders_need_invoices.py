"""orders need invoices (depends on the billing branch)

Revision ID: 4f0e1d2c3b09
Revises: 4a1b2c3d4e05
Create Date: 2024-01-09 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4f0e1d2c3b09'
down_revision = '4a1b2c3d4e05'
branch_labels = None
depends_on = 'billing'


def upgrade():
    op.add_column('orders', sa.Column('invoice_id', sa.Integer(), sa.ForeignKey('invoices.id')))


def downgrade():
    pass
