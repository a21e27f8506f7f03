"""tamper-evident audit log: hash chain over every record, UPDATE and DELETE refused by triggers

Revision ID: c3d1a7e90f12
Revises: c4e2a9d17b35
Create Date: 2026-11-29 20:10:00.000000

"""
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from selection.models.audit import APPEND_ONLY_TRIGGERS, GENESIS, chain_hash
from selection.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = 'c3d1a7e90f12'
down_revision = 'c4e2a9d17b35'
branch_labels = None
depends_on = None

EVENTS = sa.table(
    "audit_event", sa.column("id", sa.Integer), sa.column("at", UTCDateTime()), sa.column("actor_id", sa.Integer),
    sa.column("object_type", sa.String), sa.column("object_id", sa.Integer), sa.column("action", sa.String),
    sa.column("from_state", sa.String), sa.column("to_state", sa.String), sa.column("details", sa.JSON),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
)


def upgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), server_default='', nullable=False))
    _chain_existing_records()
    for statement in APPEND_ONLY_TRIGGERS.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def _chain_existing_records():
    """Chain the records written before the chain existed, in the order they were written."""
    connection = op.get_bind()
    previous = GENESIS
    rows = connection.execute(sa.select(EVENTS).order_by(EVENTS.c.id)).mappings().all()
    for row in rows:
        digest = chain_hash(previous, SimpleNamespace(**row))
        connection.execute(EVENTS.update().where(EVENTS.c.id == row["id"]).values(prev_hash=previous, hash=digest))
        previous = digest


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_refuse()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
