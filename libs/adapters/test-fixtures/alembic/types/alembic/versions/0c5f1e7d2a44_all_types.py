"""every column type, default and key rule the adapter maps

Revision ID: 0c5f1e7d2a44
Revises:
Create Date: 2024-05-05 12:00:00.000000

"""
import datetime
import enum

from alembic import op
import sqlalchemy
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from app.db.types import Money

revision = '0c5f1e7d2a44'
down_revision = None
branch_labels = None
depends_on = None


class Mood(enum.Enum):
    happy = 'happy'
    sad = 'sad'


def upgrade():
    op.create_table(
        'samples',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('small', sa.SmallInteger()),
        sa.Column('plain_int', sqlalchemy.Integer),
        sa.Column('name', sa.String(40)),
        sa.Column('any_length', sa.String()),
        sa.Column('label', sa.Unicode(20)),
        sa.Column('code', sa.VARCHAR(length=10)),
        sa.Column('body', sa.Text()),
        sa.Column('unicode_body', sa.UnicodeText()),
        sa.Column('country', sa.CHAR(2)),
        sa.Column('flag', sa.CHAR()),
        sa.Column('active', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created', sa.DateTime()),
        sa.Column('created_tz', sa.DateTime(timezone=True)),
        sa.Column('precise_tz', postgresql.TIMESTAMP(timezone=True, precision=3)),
        sa.Column('day', sa.Date()),
        sa.Column('at', sa.Time()),
        sa.Column('amount', sa.Numeric(8, 2)),
        sa.Column('ratio', sa.Numeric(precision=5)),
        sa.Column('any_numeric', sa.DECIMAL()),
        sa.Column('weight', sa.Float()),
        sa.Column('weight_single', sa.Float(precision=10)),
        sa.Column('weight_double', sa.Float(53)),
        sa.Column('real_value', sa.REAL()),
        sa.Column('double_value', postgresql.DOUBLE_PRECISION()),
        sa.Column('doc', sa.JSON()),
        sa.Column('docb', postgresql.JSONB(astext_type=sa.Text())),
        sa.Column('doc_variant', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')),
        sa.Column('uid', postgresql.UUID(as_uuid=True), server_default=sa.text('gen_random_uuid()')),
        sa.Column('uid2', sa.Uuid(), server_default=sa.text('uuid_generate_v4()')),
        sa.Column('uid_text', sa.Uuid(native_uuid=False)),
        sa.Column('blob', sa.LargeBinary()),
        sa.Column('duration', sa.Interval()),
        sa.Column('duration_fields', postgresql.INTERVAL(fields='DAY TO SECOND', precision=3)),
        sa.Column('tags', postgresql.ARRAY(sa.String(length=20))),
        sa.Column('matrix', sa.ARRAY(sa.Integer(), dimensions=2)),
        sa.Column('letter', sa.Enum('a', 'b', name='letter')),
        sa.Column('letters', postgresql.ARRAY(sa.Enum('a', 'b', name='letter'))),
        sa.Column('mood', sa.Enum(Mood)),
        sa.Column('size', sa.Enum('s', 'xl', name='size', native_enum=False)),
        sa.Column('address', postgresql.INET()),
        sa.Column('search', postgresql.TSVECTOR()),
        sa.Column('price', Money()),
        sa.Column('touched_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()')),
        sa.Column('seen_at', sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column('score', sa.Float(), server_default=sa.text('random()')),
        sa.Column('settings', postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('state', sa.String(10), server_default=sa.text("'new'")),
        sa.Column('retries', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('imported_at', sa.DateTime(), default=datetime.datetime.utcnow),
        sa.Column('version', sa.Integer(), default=1, nullable=False),
        sa.Column('doubled', sa.Integer(), sa.Computed('plain_int * 2')),
    )
    op.create_table(
        'identities',
        sa.Column('id', sa.Integer(), sa.Identity(always=True), primary_key=True),
        sa.Column('ref', sa.SmallInteger(), primary_key=True, autoincrement=False),
    )
    op.create_table(
        'links',
        sa.Column('id', sa.SmallInteger(), nullable=False),
        sa.Column('sample_id', sa.BigInteger(), sa.ForeignKey('samples.id'), primary_key=True),
        sa.PrimaryKeyConstraint('sample_id', 'id'),
    )


def downgrade():
    op.drop_table('links')
    op.drop_table('identities')
    op.drop_table('samples')
