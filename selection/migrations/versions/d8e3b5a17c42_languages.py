"""languages: a person's interface language, a nomination's language, a call's texts per language

Revision ID: d8e3b5a17c42
Revises: c3e9d1a7b2f4
Create Date: 2026-11-29 22:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd8e3b5a17c42'
down_revision = 'c3e9d1a7b2f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
    with op.batch_alter_table('stakeholder_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('translations')
    with op.batch_alter_table('stakeholder_group', schema=None) as batch_op:
        batch_op.drop_column('translations')
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_column('translations')
        batch_op.drop_column('language')
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('language')
