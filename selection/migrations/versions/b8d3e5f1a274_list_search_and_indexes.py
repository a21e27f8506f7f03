"""lists in SQL: a nominee's normalised search text (name and organization, case and accents
ignored), and an index on a nomination's call and status

Revision ID: b8d3e5f1a274
Revises: 6ca2ce4ae17b
Create Date: 2026-11-29 22:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

from selection.models.names import search_text

# revision identifiers, used by Alembic.
revision = 'b8d3e5f1a274'
down_revision = '6ca2ce4ae17b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.create_index('ix_nomination_call_id_status', ['call_id', 'status'], unique=False)
    bind = op.get_bind()
    nominee = sa.table('nominee', sa.column('id', sa.Integer), sa.column('name', sa.String),
                       sa.column('organization', sa.String), sa.column('search_text', sa.Text))
    rows = [{"key": id_, "text": search_text(name or "", organization or "")}
            for id_, name, organization in bind.execute(sa.select(nominee.c.id, nominee.c.name, nominee.c.organization))]
    if rows:
        bind.execute(nominee.update().where(nominee.c.id == sa.bindparam("key"))
                     .values(search_text=sa.bindparam("text")), rows)


def downgrade():
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.drop_index('ix_nomination_call_id_status')
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.drop_column('search_text')
