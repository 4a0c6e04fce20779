"""SQLAlchemy models, repositories, engine setup and migrations."""
