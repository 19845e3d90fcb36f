"""Upgrading a workspace file: each schema version's tables, added step by step.

`migrate(conn)` creates the tables of a fresh file or brings an older workspace up to
`workspace_schema.SCHEMA_VERSION`, each step and its version stamp in one transaction, so a
crash mid-upgrade leaves the previous version intact. Tables are only ever added (an older
program ignores them); a workspace written by a newer version is refused rather than damaged.
"""
from __future__ import annotations

import sqlite3

from intake.workspace_schema import DDL, SCHEMA_VERSION

# version -> the DDL that brings the previous version to it (tables only ever added)
MIGRATIONS: dict[int, str] = {
    2: """
CREATE TABLE IF NOT EXISTS county_files (
    id INTEGER PRIMARY KEY, file_hash TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL,
    received_at TEXT NOT NULL, message TEXT);
CREATE INDEX IF NOT EXISTS county_files_hash ON county_files (file_hash);
CREATE TABLE IF NOT EXISTS county_sheets (
    sheet_id INTEGER PRIMARY KEY REFERENCES sheets(id), file_id INTEGER NOT NULL REFERENCES county_files(id),
    fill_line TEXT, latest_row_date TEXT, n_errors INTEGER NOT NULL, n_warnings INTEGER NOT NULL,
    n_hints INTEGER NOT NULL, rows_with_errors INTEGER NOT NULL, checked TEXT NOT NULL, towns TEXT);
CREATE TABLE IF NOT EXISTS county_keys (
    sheet_id INTEGER NOT NULL REFERENCES sheets(id), key TEXT NOT NULL, vals BLOB NOT NULL,
    PRIMARY KEY (sheet_id, key));
CREATE TABLE IF NOT EXISTS county_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, command TEXT NOT NULL, target TEXT NOT NULL,
    payload TEXT NOT NULL, reason TEXT, undone INTEGER NOT NULL DEFAULT 0, undone_at TEXT);
CREATE INDEX IF NOT EXISTS county_log_target ON county_log (target);
""",
    3: """
CREATE TABLE IF NOT EXISTS dept_lists (
    id INTEGER PRIMARY KEY, dept TEXT NOT NULL, at TEXT NOT NULL, path TEXT NOT NULL,
    n_children INTEGER NOT NULL, encrypted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS dept_answers (
    id INTEGER PRIMARY KEY, dept TEXT NOT NULL, at TEXT NOT NULL, file_name TEXT NOT NULL,
    path TEXT NOT NULL, file_hash TEXT NOT NULL, n_records INTEGER NOT NULL, mapping TEXT,
    notes TEXT, records BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS dept_answers_dept ON dept_answers (dept);
CREATE TABLE IF NOT EXISTS dept_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, command TEXT NOT NULL, target TEXT NOT NULL,
    payload TEXT NOT NULL, reason TEXT, undone INTEGER NOT NULL DEFAULT 0, undone_at TEXT);
CREATE INDEX IF NOT EXISTS dept_log_target ON dept_log (target);
""",
}


class NewerWorkspace(Exception):
    """The workspace was written by a newer version of the program."""


def migrate(conn: sqlite3.Connection) -> int:
    """Create the tables (fresh file) or upgrade an older workspace, step by step; returns the
    version found before. Each step and its version stamp commit together."""
    conn.executescript(DDL)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    found = int(row[0]) if row else 0
    if found > SCHEMA_VERSION:
        raise NewerWorkspace(found)
    for version in range(max(found, 1) + 1, SCHEMA_VERSION + 1):
        with conn:
            conn.executescript("BEGIN;" + MIGRATIONS[version] +
                               f"INSERT OR REPLACE INTO meta VALUES ('schema', '{version}');")
    if not row:
        with conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    return found
