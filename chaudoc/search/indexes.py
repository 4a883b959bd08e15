from django.contrib.postgres.indexes import GinIndex


class PostgresGinIndex(GinIndex):
    """A GIN index on PostgreSQL and nothing elsewhere.

    PostgreSQL is the production and test database; SQLite (the `make run` default) has no GIN,
    and SQLite rebuilds tables with every index of the model, so the index must step aside
    itself rather than in one migration.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)
