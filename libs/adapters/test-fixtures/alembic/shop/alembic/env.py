# Not a revision: Alembic's environment script lives next to versions/, and is never scanned.
from alembic import context

config = context.config


def run_migrations_online():
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
