/**
 * Node-only: applies a versioned migration list (api/tickets/migrations.ts scheme) to a node:sqlite database, with a
 * bookkeeping table of the caller's choosing, each migration in its own BEGIN IMMEDIATE transaction. The same rules
 * as the ticket store's runner: pending ones only, checked inside the write lock, a newer database is refused.
 */
import type { DatabaseSync } from 'node:sqlite';
import { checkMigrations, type Migration } from '../tickets/migrations.ts';

/** A migration list and where it records itself. `label` names the module in error messages ("api/events"). */
export interface MigrationSet {
  table: string;
  migrations: readonly Migration[];
  label: string;
}

const TABLE_NAME = /^[a-z_]+$/;

export function bookkeepingTable(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`api/storage: invalid migrations table name ${JSON.stringify(table)}`);
  return `CREATE TABLE IF NOT EXISTS ${table} (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;
}

export function newerDatabaseError(label: string, newest: number, known: number): Error {
  return new Error(`${label}: the database is at schema version ${newest}, newer than this program's ${known}; upgrade Rahnama`);
}

export function migrateSqlite(db: DatabaseSync, set: MigrationSet): void {
  checkMigrations(set.migrations);
  db.exec(bookkeepingTable(set.table));
  const newest = (db.prepare(`SELECT MAX(version) AS version FROM ${set.table}`).get() as { version: number | null }).version ?? 0;
  if (newest > set.migrations.length) throw newerDatabaseError(set.label, newest, set.migrations.length);
  const applied = db.prepare(`SELECT 1 FROM ${set.table} WHERE version = ?`);
  const record = db.prepare(`INSERT INTO ${set.table} (version, name, applied_at) VALUES (?, ?, ?)`);
  for (const migration of set.migrations) {
    const sql = migration.sql.sqlite;
    if (sql === undefined) throw new Error(`${set.label}: migration ${migration.version} "${migration.name}" has no SQLite version`);
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!applied.get(migration.version)) {
        db.exec(sql);
        record.run(migration.version, migration.name, Date.now());
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
