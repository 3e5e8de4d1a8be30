-- Listing a million repositories (issue 16): the default order (present or removed, then name, then id) and the
-- export's (by id) are read from an index, so a page or a seek costs its own rows instead of a sort of the whole
-- table, and counting the present ones reads an index alone. They cover the single-column name and removed indexes,
-- which go, so a write maintains as many indexes as before.

CREATE INDEX repositories_removed_name_idx ON repositories (removed, name, id);
CREATE INDEX repositories_removed_id_idx ON repositories (removed, id);
DROP INDEX repositories_name_idx;
DROP INDEX repositories_removed_idx;
CREATE INDEX users_removed_id_idx ON users (removed, id);
