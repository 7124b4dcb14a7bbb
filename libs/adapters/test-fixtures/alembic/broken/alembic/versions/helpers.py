"""Shared helpers kept next to the revisions (not a revision)."""
import sqlalchemy as sa


def timestamps():
    return [sa.Column('created_at', sa.DateTime()), sa.Column('updated_at', sa.DateTime())]
