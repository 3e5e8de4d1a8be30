-- Snyk's asset attributes (issue 12): commit activity, freshness, class, developers, tags and labels.
-- Upgrades an inventory in place: existing rows get the defaults the schema gives an asset without them
-- (freshness NA, class D, not locked, no developers, tags or labels) until the enricher re-emits them.

ALTER TABLE repositories ADD COLUMN last_commit_at TEXT;
ALTER TABLE repositories ADD COLUMN freshness TEXT NOT NULL DEFAULT 'NA';
ALTER TABLE repositories ADD COLUMN asset_class TEXT NOT NULL DEFAULT 'D';
ALTER TABLE repositories ADD COLUMN class_locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE repositories ADD COLUMN class_source TEXT;
CREATE INDEX repositories_freshness_idx ON repositories (freshness);
CREATE INDEX repositories_asset_class_idx ON repositories (asset_class);

CREATE TABLE repository_developers (
    repository_id   TEXT    NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    username        TEXT,
    display_name    TEXT,
    email           TEXT,
    url             TEXT,
    user_asset_id   TEXT,
    discovered_by   TEXT    NOT NULL,
    commit_count    INTEGER NOT NULL,
    last_commit_at  TEXT    NOT NULL,
    PRIMARY KEY (repository_id, position)
);
CREATE INDEX repository_developers_username_idx ON repository_developers (username);
CREATE INDEX repository_developers_email_idx ON repository_developers (email);

CREATE TABLE repository_tags (
    repository_id   TEXT    NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    tag_key         TEXT    NOT NULL,
    tag_value       TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    PRIMARY KEY (repository_id, position)
);
CREATE INDEX repository_tags_key_value_idx ON repository_tags (tag_key, tag_value);

CREATE TABLE repository_labels (
    repository_id   TEXT    NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    PRIMARY KEY (repository_id, position)
);
CREATE INDEX repository_labels_name_idx ON repository_labels (name);
