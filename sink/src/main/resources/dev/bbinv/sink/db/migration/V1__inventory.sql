-- The inventory: one row per asset, child tables for lists, so that plain SQL answers plain questions.
-- Portable between SQLite and PostgreSQL: TEXT, BIGINT, INTEGER, BOOLEAN only; times are ISO-8601 UTC text.

CREATE TABLE repositories (
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    slug            TEXT,
    full_name       TEXT,
    service_type    TEXT    NOT NULL,
    base_url        TEXT    NOT NULL,
    scope_key       TEXT    NOT NULL,
    scope_name      TEXT,
    project_key     TEXT,
    project_name    TEXT,
    browse_url      TEXT,
    default_branch  TEXT,
    visibility      TEXT    NOT NULL,
    archived        BOOLEAN NOT NULL,
    description     TEXT,
    created_at      TEXT,
    updated_at      TEXT,
    removed         BOOLEAN NOT NULL,
    removed_at      TEXT,
    first_seen      TEXT    NOT NULL,
    last_seen       TEXT    NOT NULL,
    version         BIGINT  NOT NULL
);
CREATE INDEX repositories_name_idx ON repositories (name);
CREATE INDEX repositories_removed_idx ON repositories (removed);

CREATE TABLE repository_languages (
    repository_id   TEXT    NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    raw             TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    recognised      BOOLEAN NOT NULL,
    PRIMARY KEY (repository_id, position)
);
CREATE INDEX repository_languages_name_idx ON repository_languages (name);

CREATE TABLE repository_app_context (
    repository_id   TEXT    NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    catalog_name    TEXT,
    title           TEXT,
    category        TEXT,
    lifecycle       TEXT,
    owner           TEXT,
    application     TEXT,
    file_path       TEXT    NOT NULL,
    commit_id       TEXT,
    error           TEXT
);
CREATE INDEX repository_app_context_owner_idx ON repository_app_context (owner);

CREATE TABLE repository_clone_urls (
    repository_id   TEXT    NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    href            TEXT    NOT NULL,
    PRIMARY KEY (repository_id, position)
);

CREATE TABLE users (
    id              TEXT    NOT NULL PRIMARY KEY,
    service_type    TEXT    NOT NULL,
    base_url        TEXT    NOT NULL,
    account_id      TEXT,
    username        TEXT,
    display_name    TEXT,
    email           TEXT,
    active          BOOLEAN,
    user_type       TEXT,
    removed         BOOLEAN NOT NULL,
    removed_at      TEXT,
    first_seen      TEXT    NOT NULL,
    last_seen       TEXT    NOT NULL,
    version         BIGINT  NOT NULL
);

CREATE TABLE user_scopes (
    user_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope           TEXT    NOT NULL,
    PRIMARY KEY (user_id, scope)
);

-- Which integration profiles see an asset, and why it was removed; asset_type is 'repository' or 'user'
-- because a Data Center repository and user may share an id.
CREATE TABLE asset_profiles (
    asset_type      TEXT    NOT NULL,
    asset_id        TEXT    NOT NULL,
    profile         TEXT    NOT NULL,
    PRIMARY KEY (asset_type, asset_id, profile)
);
CREATE INDEX asset_profiles_profile_idx ON asset_profiles (profile);

CREATE TABLE asset_removed_reasons (
    asset_type      TEXT    NOT NULL,
    asset_id        TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    PRIMARY KEY (asset_type, asset_id, position)
);

-- The sink's position in each topic partition, written in the same transaction as the rows it covers.
CREATE TABLE consumer_offsets (
    topic           TEXT    NOT NULL,
    partition_id    INTEGER NOT NULL,
    next_offset     BIGINT  NOT NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (topic, partition_id)
);
