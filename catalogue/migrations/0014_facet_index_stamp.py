"""A stamp that changes with every statement writing a tool or a provider: the list page's
facet index (``catalogue.selectors.facet_index``) is rebuilt when it differs. Values come
from a sequence, so a rolled-back change never leaves a stamp that comes back later.

The triggers run before the statement: a transaction takes the stamp's row lock before it locks
any tool or provider row of that statement, so two writers queue on the stamp instead of each
holding a tool the other waits for (which PostgreSQL would end as a deadlock)."""

from django.db import migrations

FORWARD = """
CREATE SEQUENCE catalogue_facet_stamp_seq;
CREATE TABLE catalogue_facet_stamp (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO catalogue_facet_stamp (id, value) VALUES (1, nextval('catalogue_facet_stamp_seq'));
CREATE FUNCTION catalogue_facet_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalogue_facet_stamp SET value = nextval('catalogue_facet_stamp_seq') WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER catalogue_tool_facet_stamp
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_tool
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facet_stamp_bump();
CREATE TRIGGER catalogue_provider_facet_stamp
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_provider
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facet_stamp_bump();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS catalogue_provider_facet_stamp ON catalogue_provider;
DROP TRIGGER IF EXISTS catalogue_tool_facet_stamp ON catalogue_tool;
DROP FUNCTION IF EXISTS catalogue_facet_stamp_bump();
DROP TABLE IF EXISTS catalogue_facet_stamp;
DROP SEQUENCE IF EXISTS catalogue_facet_stamp_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0013_taxonomy_translations_data")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
