"""Flask extensions, created unbound and initialised in the app factory."""
from __future__ import annotations

from typing import Any

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.orm import DeclarativeBase

# A naming convention keeps constraint names identical on SQLite and PostgreSQL, so that
# migrations generated on one apply on the other and stay stable over time.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model; carries the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


@event.listens_for(db.Model, "init", propagate=True)
def _apply_scalar_defaults(target: Any, _args: Any, kwargs: dict[str, Any]) -> None:
    """Column defaults normally apply only at INSERT; applying the scalar ones on construction
    makes a new object coherent (a new call is a draft) before it is ever flushed."""
    for column in target.__table__.columns:
        default = column.default
        if default is not None and default.is_scalar and column.key not in kwargs:
            kwargs[column.key] = default.arg
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Storage: RATELIMIT_STORAGE_URI (memory by default; redis://... to share counts between processes).
limiter = Limiter(key_func=get_remote_address)
