"""nomination summary: each nomination's counting reviews, mean and merit, kept by the workflow
so that the review list, the shortlist and the slate editor sort and filter in SQL; a nominee's
name and e-mail as candidates are recognised by, so that lists find duplicates in SQL

Revision ID: d4f1c8a2b957
Revises: a9f4c7d2e613
Create Date: 2026-11-30 02:10:00.000000

"""
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from selection.models.call import DEFAULT_MERIT_FORMULA
from selection.models.names import normalised_email, normalised_name
from selection.workflow.review_query import scores_select

# revision identifiers, used by Alembic.
revision = 'd4f1c8a2b957'
down_revision = 'a9f4c7d2e613'
branch_labels = None
depends_on = None

COLUMNS = ["nomination_id", "call_id", "review_count", "mean", "merit"]


def upgrade():
    _identity_columns()
    summary = op.create_table(
        'nomination_summary',
        sa.Column('nomination_id', sa.Integer(), nullable=False),
        sa.Column('call_id', sa.Integer(), nullable=False),
        sa.Column('review_count', sa.Integer(), nullable=False),
        sa.Column('mean', sa.Float(), nullable=True),
        sa.Column('merit', sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(['call_id'], ['call.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['nomination_id'], ['nomination.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('nomination_id'),
    )
    op.create_index('ix_nomination_summary_call_merit', 'nomination_summary', ['call_id', 'merit'], unique=False)
    op.create_index('ix_nomination_summary_call_mean', 'nomination_summary', ['call_id', 'mean'], unique=False)
    # Backfill with the same SQL the workflow refreshes rows with, call by call.
    bind = op.get_bind()
    call = sa.table('call', sa.column('id', sa.Integer), sa.column('merit_formula', sa.JSON))
    for call_id, formula in bind.execute(sa.select(call.c.id, call.c.merit_formula)).all():
        stub = SimpleNamespace(id=call_id, merit_settings=formula or DEFAULT_MERIT_FORMULA)
        bind.execute(sa.insert(summary).from_select(COLUMNS, scores_select(stub)))


def _identity_columns():
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity_name', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('identity_email', sa.String(length=254), server_default='', nullable=False))
        batch_op.create_index('ix_nominee_identity_name', ['identity_name'], unique=False)
        batch_op.create_index('ix_nominee_identity_email', ['identity_email'], unique=False)
    bind = op.get_bind()
    nominee = sa.table('nominee', sa.column('id', sa.Integer), sa.column('name', sa.String),
                       sa.column('email', sa.String), sa.column('identity_name', sa.Text),
                       sa.column('identity_email', sa.String))
    rows = [{"key": id_, "name_": normalised_name(name or ""), "email_": normalised_email(email or "")}
            for id_, name, email in bind.execute(sa.select(nominee.c.id, nominee.c.name, nominee.c.email))]
    if rows:
        bind.execute(nominee.update().where(nominee.c.id == sa.bindparam("key"))
                     .values(identity_name=sa.bindparam("name_"), identity_email=sa.bindparam("email_")), rows)


def downgrade():
    op.drop_index('ix_nomination_summary_call_mean', table_name='nomination_summary')
    op.drop_index('ix_nomination_summary_call_merit', table_name='nomination_summary')
    op.drop_table('nomination_summary')
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.drop_index('ix_nominee_identity_email')
        batch_op.drop_index('ix_nominee_identity_name')
        batch_op.drop_column('identity_email')
        batch_op.drop_column('identity_name')
