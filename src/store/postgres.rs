//! The shared store, over PostgreSQL (or an engine that speaks its wire
//! protocol): several bot instances on one database
//! (`BILLCOACH_DATABASE_URL=postgres://…`, issue 21).
//!
//! Tables (created by the versioned migrations in [`MIGRATIONS`], run at
//! start under an advisory lock so instances starting together take
//! turns):
//! - `chat_keys`: chat → its key, sealed with the master key (from
//!   `BILLCOACH_MASTER_KEY` or `BILLCOACH_MASTER_KEY_FILE`) together with
//!   the chat id, so a key copied to another chat's row does not open;
//! - `chats`: chat → its record without the bills' items, sealed with the
//!   chat's key, and a `version` raised by every save: a save names the
//!   version it loaded and writes nothing when another instance saved in
//!   between ([`Saved::Conflict`]; the engine loads again and redoes the
//!   step). The record keeps the ids of the updates it applied, so a
//!   redelivered update is seen as applied by whichever instance gets it;
//! - `bill_items`: (chat, bill) → that bill's items, sealed, written only
//!   when their digest changes (as in sled);
//! - `set_aside`: records that could not be read, kept for inspection;
//! - `groups_told`: group chats already told the bot is private-only;
//! - `inbox`: (chat, update id) → an update kept until handled, sealed;
//! - `reminders_due`: (chat, reminder, due) with a lease: a scheduler
//!   claims due rows with `FOR UPDATE SKIP LOCKED` and leases them for
//!   [`LEASE`], so N instances hand each reminder to one of them; a claim
//!   left by a dead instance is taken over when its lease runs out; the
//!   claim names its instance (`claimed_by`, migration 2), which renews it
//!   right before it sends ([`PgStore::hold_claim`]) and sends nothing when
//!   another instance took it over meanwhile;
//! - `settings`: small shared values (the webhook secret, later);
//! - `chat_turns`: chat → the instance whose turn it is to handle the
//!   chat's updates, until when (migration 2). An instance takes a chat's
//!   turn before it handles the chat's updates, renews it while a long
//!   handler runs and ends it when done; a turn whose lease ran out (its
//!   instance died) is taken over. The times are the database's own
//!   clock, so instances whose clocks differ still agree.
//!
//! A record, its items and its reminder rows change in one transaction.
//! Every statement commits before it returns (`synchronous_commit` as the
//! server has it), so [`PgStore::flush`] has nothing left to wait for.
//!
//! The [`super::Store`] interface is synchronous (sled's is): each call
//! runs on this store's own small runtime, which owns the connection pool,
//! and the caller waits for it (in `block_in_place` on a multi-threaded
//! runtime, so the caller's other tasks move to another thread). There is
//! no decoded-record cache here: another instance may have written since.

use super::chat_keys::{self, Key, Unreadable};
use super::{due, packing, record, ChatRecord, DueEntry, LoadedChat, Saved, StoreError, MAX_CHAT_BYTES};
use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::{GenericClient, NoTls};

/// How long a claimed reminder stays with the instance that claimed it,
/// unless `BILLCOACH_REMINDER_LEASE_SECONDS` says otherwise
/// ([`PgStore::connect_with`]); after that another instance may claim it
/// again (its sender died).
pub const LEASE: Duration = Duration::from_secs(120);

/// The most reminders one claim takes: a claim is leased, so an instance
/// claims no more than it sends well within a lease (at a few dozen
/// messages a second, a short lease in tests included); another instance
/// would send again what it still holds when the lease runs out. Of
/// reminders due at the same second, a claim takes each chat's first
/// before any chat's second: a chat's reminders go one after another, so
/// a claim of many chats is sent sooner than one of a few.
pub const CLAIM_AT_MOST: usize = 64;

/// How long a connection may take to open, a pooled one to come free,
/// and one statement to run.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const STATEMENT_TIMEOUT_MS: u32 = 10_000;

/// Connections per instance.
const POOL_SIZE: usize = 8;

/// How many times a read-modify-write of the store's own (a chat marked
/// blocked) is tried again when another instance saved the chat between.
const CONFLICT_TRIES: usize = 8;

/// The key that makes instances take turns at the migrations.
const MIGRATION_LOCK: i64 = 0x6269_6c6c_636f_6163;

/// The schema, one step per version; a started database runs the steps
/// it has not run yet, in order, and records each in
/// `billcoach_migrations`. Never edit a step that shipped: add one.
pub const MIGRATIONS: &[(i32, &str)] = &[
    (
        1,
        "CREATE TABLE chat_keys (chat BIGINT PRIMARY KEY, sealed BYTEA NOT NULL);
     CREATE TABLE chats (chat BIGINT PRIMARY KEY, version BIGINT NOT NULL, record BYTEA NOT NULL);
     CREATE TABLE bill_items (chat BIGINT NOT NULL, bill INT NOT NULL, items BYTEA NOT NULL,
                              PRIMARY KEY (chat, bill));
     CREATE TABLE set_aside (id BIGSERIAL PRIMARY KEY, chat BIGINT NOT NULL, bytes BYTEA NOT NULL,
                             set_aside_at TIMESTAMPTZ NOT NULL DEFAULT now());
     CREATE INDEX set_aside_by_chat ON set_aside (chat);
     CREATE TABLE groups_told (chat BIGINT PRIMARY KEY);
     CREATE TABLE inbox (chat BIGINT NOT NULL, update_id BIGINT NOT NULL, bytes BYTEA NOT NULL,
                         PRIMARY KEY (chat, update_id));
     CREATE TABLE reminders_due (chat BIGINT NOT NULL, reminder BIGINT NOT NULL, due BIGINT NOT NULL,
                                 leased_until BIGINT, PRIMARY KEY (chat, reminder, due));
     CREATE INDEX reminders_due_by_time ON reminders_due (due);
     CREATE TABLE settings (name TEXT PRIMARY KEY, value BYTEA NOT NULL);",
    ),
    (
        2,
        "CREATE TABLE chat_turns (chat BIGINT PRIMARY KEY, owner TEXT NOT NULL,
                                  leased_until TIMESTAMPTZ NOT NULL);
         ALTER TABLE reminders_due ADD COLUMN claimed_by TEXT;",
    ),
];

/// The store over PostgreSQL; clones share the pool.
#[derive(Clone)]
pub struct PgStore {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    master: Key,
    /// How long a claimed reminder stays with its instance.
    reminder_lease: Duration,
    /// This store's name in the reminders it claims: unique per connect.
    instance: String,
    /// Owns the pool's connections; ended without waiting when the last
    /// handle goes (which may be inside another runtime).
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// A master key from its 64 hex digits (`BILLCOACH_MASTER_KEY`, or the
/// first line of `BILLCOACH_MASTER_KEY_FILE`).
pub fn master_key_from_hex(text: &str) -> Option<Key> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut key = Key::default();
    for (byte, pair) in key.iter_mut().zip(text.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(key)
}

/// `url` without its password, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "(a database URL that cannot be read)".to_string(),
    }
}

/// A database error with its causes, on one line ("error connecting to
/// server: Connection refused").
fn db_error(e: impl std::error::Error) -> StoreError {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text = format!("{text}: {cause_text}");
        }
        source = cause.source();
    }
    StoreError::Database(text)
}

impl PgStore {
    /// Connects to the database at `url` (a `postgres://` URL), checks it
    /// answers and runs the migrations it lacks. `master` seals the chats'
    /// keys: every instance must have the same.
    pub fn connect(url: &str, master: Key) -> Result<PgStore, StoreError> {
        PgStore::connect_with(url, master, LEASE)
    }

    /// [`PgStore::connect`], with reminders claimed for `reminder_lease`
    /// instead of [`LEASE`].
    pub fn connect_with(url: &str, master: Key, reminder_lease: Duration) -> Result<PgStore, StoreError> {
        let mut config: tokio_postgres::Config = url.parse().map_err(db_error)?;
        config.connect_timeout(CONNECT_TIMEOUT);
        config.options(format!("-c statement_timeout={STATEMENT_TIMEOUT_MS}"));
        config.application_name("billcoach");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("billcoach-pg")
            .enable_all()
            .build()?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(CONNECT_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(db_error)?;
        let store = PgStore {
            inner: Arc::new(Inner {
                pool,
                master,
                reminder_lease,
                instance: format!(
                    "{}:{:x}",
                    std::process::id(),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_nanos())
                ),
                runtime: Some(runtime),
            }),
        };
        store.run(|pool, _| async move {
            let mut client = pool.get().await.map_err(db_error)?;
            migrate(&mut client).await
        })?;
        Ok(store)
    }

    /// Runs `work` on this store's runtime and waits for it.
    fn run<T, F>(&self, work: impl FnOnce(Pool, Key) -> F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, StoreError>> + Send + 'static,
    {
        let Some(runtime) = &self.inner.runtime else {
            return Err(StoreError::Database("the store is closed".into()));
        };
        let (done, answer) = std::sync::mpsc::sync_channel(1);
        let task = work(self.inner.pool.clone(), self.inner.master);
        runtime.spawn(async move {
            let _ = done.send(task.await);
        });
        let wait = move || {
            answer
                .recv()
                .unwrap_or_else(|_| Err(StoreError::Database("the database task stopped".into())))
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(wait)
            }
            _ => wait(),
        }
    }

    /// See [`super::Store::load_chat`]; also says which version was read.
    pub fn load_chat(&self, chat: i64) -> Result<LoadedChat, StoreError> {
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            load(&**client, master, chat).await
        })
    }

    /// Writes a record whatever version is stored (seeding, tests).
    pub fn save_chat(&self, chat: i64, record: &ChatRecord) -> Result<Saved, StoreError> {
        self.save(chat, record, None)
    }

    /// Writes a record loaded at `revision`; [`Saved::Conflict`] (nothing
    /// written) when another instance saved the chat since.
    pub fn save_loaded(&self, chat: i64, record: &ChatRecord, revision: u64) -> Result<Saved, StoreError> {
        self.save(chat, record, Some(revision))
    }

    fn save(&self, chat: i64, record: &ChatRecord, revision: Option<u64>) -> Result<Saved, StoreError> {
        let (body, items) = record::encode_apart(record);
        if body.len() + items.iter().map(|part| part.json.len()).sum::<usize>() > MAX_CHAT_BYTES {
            return Ok(Saved::TooLarge);
        }
        let on_disk = |index: usize| record.item_digests.get(index).copied().unwrap_or(0);
        // (bill index, new items or None to remove)
        let mut item_writes: Vec<(i32, Option<Vec<u8>>)> = Vec::new();
        for (index, part) in items.iter().enumerate() {
            if part.digest != on_disk(index) {
                let json = (part.digest != 0).then(|| part.json.clone());
                item_writes.push((index as i32, json));
            }
        }
        for index in items.len()..record.item_digests.len() {
            if on_disk(index) != 0 {
                item_writes.push((index as i32, None));
            }
        }
        let (reminders, dues): (Vec<i64>, Vec<i64>) = due::keys_of(chat, record)
            .iter()
            .filter_map(|key| DueEntry::from_key(key))
            .map(|entry| (i64::from(entry.reminder), entry.due.timestamp()))
            .unzip();
        let expected = revision.map(|r| i64::try_from(r).unwrap_or(i64::MAX));
        self.run(move |pool, master| async move {
            let mut client = pool.get().await.map_err(db_error)?;
            let tx = client.transaction().await.map_err(db_error)?;
            let key = chat_key(&*tx, master, chat, true)
                .await?
                .ok_or(StoreError::Database("the chat's key could not be made".into()))?;
            let sealed = seal(&key, &body)?;
            let written = match expected {
                None => {
                    let sql = "INSERT INTO chats (chat, version, record) VALUES ($1, 1, $2)
                               ON CONFLICT (chat) DO UPDATE SET version = chats.version + 1, record = $2";
                    tx.execute(sql, &[&chat, &sealed]).await.map_err(db_error)?
                }
                Some(0) => {
                    let sql = "INSERT INTO chats (chat, version, record) VALUES ($1, 1, $2)
                               ON CONFLICT (chat) DO NOTHING";
                    tx.execute(sql, &[&chat, &sealed]).await.map_err(db_error)?
                }
                Some(version) => {
                    let sql = "UPDATE chats SET version = version + 1, record = $2 WHERE chat = $1 AND version = $3";
                    tx.execute(sql, &[&chat, &sealed, &version]).await.map_err(db_error)?
                }
            };
            if written == 0 {
                // Another instance saved (or erased) the chat since it was
                // loaded: nothing of this save is kept.
                tx.rollback().await.map_err(db_error)?;
                return Ok(Saved::Conflict);
            }
            for (bill, json) in &item_writes {
                match json {
                    Some(json) => {
                        let sealed = seal(&key, json)?;
                        let sql = "INSERT INTO bill_items (chat, bill, items) VALUES ($1, $2, $3)
                                   ON CONFLICT (chat, bill) DO UPDATE SET items = $3";
                        tx.execute(sql, &[&chat, bill, &sealed]).await.map_err(db_error)?;
                    }
                    None => {
                        let sql = "DELETE FROM bill_items WHERE chat = $1 AND bill = $2";
                        tx.execute(sql, &[&chat, bill]).await.map_err(db_error)?;
                    }
                }
            }
            // The reminder rows the record calls for: the others go, new
            // ones come, and a row that stays keeps its lease.
            let sql = "DELETE FROM reminders_due WHERE chat = $1
                       AND (reminder, due) NOT IN (SELECT * FROM unnest($2::BIGINT[], $3::BIGINT[]))";
            tx.execute(sql, &[&chat, &reminders, &dues]).await.map_err(db_error)?;
            if !reminders.is_empty() {
                let sql = "INSERT INTO reminders_due (chat, reminder, due)
                           SELECT $1, r, d FROM unnest($2::BIGINT[], $3::BIGINT[]) AS t(r, d)
                           ON CONFLICT DO NOTHING";
                tx.execute(sql, &[&chat, &reminders, &dues]).await.map_err(db_error)?;
            }
            tx.commit().await.map_err(db_error)?;
            Ok(Saved::Written)
        })
    }

    /// Removes every row of the chat, its key last (one transaction).
    pub fn erase_chat(&self, chat: i64) -> Result<(), StoreError> {
        self.run(move |pool, _| async move {
            let mut client = pool.get().await.map_err(db_error)?;
            let tx = client.transaction().await.map_err(db_error)?;
            for table in [
                "chats",
                "bill_items",
                "set_aside",
                "inbox",
                "reminders_due",
                "chat_keys",
            ] {
                let sql = format!("DELETE FROM {table} WHERE chat = $1");
                tx.execute(sql.as_str(), &[&chat]).await.map_err(db_error)?;
            }
            tx.commit().await.map_err(db_error)
        })
    }

    /// Whether the chat has a key (for tests).
    pub fn has_chat_key(&self, chat: i64) -> bool {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let row = client
                .query_opt("SELECT 1 FROM chat_keys WHERE chat = $1", &[&chat])
                .await
                .map_err(db_error)?;
            Ok(row.is_some())
        })
        .unwrap_or(false)
    }

    /// See [`super::Store::keep_update`]; committed when it returns.
    pub fn keep_update(&self, chat: i64, update_id: u32, bytes: &[u8]) -> Result<(), StoreError> {
        let bytes = bytes.to_vec();
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            let key = chat_key(&**client, master, chat, true)
                .await?
                .ok_or(StoreError::Database("the chat's key could not be made".into()))?;
            let sealed = seal(&key, &bytes)?;
            let sql = "INSERT INTO inbox (chat, update_id, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
            client
                .execute(sql, &[&chat, &i64::from(update_id), &sealed])
                .await
                .map_err(db_error)?;
            Ok(())
        })
    }

    /// See [`super::Store::forget_update`].
    pub fn forget_update(&self, chat: i64, update_id: u32) -> Result<(), StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "DELETE FROM inbox WHERE chat = $1 AND update_id = $2";
            client
                .execute(sql, &[&chat, &i64::from(update_id)])
                .await
                .map_err(db_error)?;
            Ok(())
        })
    }

    /// See [`super::Store::kept_updates`].
    pub fn kept_updates(&self) -> Result<Vec<(i64, u32, Vec<u8>)>, StoreError> {
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT i.chat, i.update_id, i.bytes, k.sealed FROM inbox i
                       LEFT JOIN chat_keys k ON k.chat = i.chat ORDER BY i.update_id";
            let rows = client.query(sql, &[]).await.map_err(db_error)?;
            let mut updates = Vec::with_capacity(rows.len());
            for row in rows {
                let (chat, id): (i64, i64) = (row.get(0), row.get(1));
                let Ok(id) = u32::try_from(id) else { continue };
                let key = row
                    .get::<_, Option<Vec<u8>>>(3)
                    .and_then(|sealed| open_key(&master, chat, &sealed));
                match key.ok_or(Unreadable::NoKey).and_then(|key| unseal(&key, row.get(2))) {
                    Ok(plain) => updates.push((chat, id, plain)),
                    Err(_) => log::warn!("update {id}: the kept copy does not decrypt; skipped"),
                }
            }
            Ok(updates)
        })
    }

    /// The chat's kept updates in id order, as (update id, bytes).
    pub fn kept_of(&self, chat: i64) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT update_id, bytes FROM inbox WHERE chat = $1 ORDER BY update_id";
            let rows = client.query(sql, &[&chat]).await.map_err(db_error)?;
            if rows.is_empty() {
                return Ok(Vec::new());
            }
            let key = chat_key(&**client, master, chat, false).await?;
            let mut updates = Vec::with_capacity(rows.len());
            for row in rows {
                let Ok(id) = u32::try_from(row.get::<_, i64>(0)) else {
                    continue;
                };
                match key
                    .as_ref()
                    .ok_or(Unreadable::NoKey)
                    .and_then(|key| unseal(key, row.get(1)))
                {
                    Ok(plain) => updates.push((id, plain)),
                    Err(_) => log::warn!("update {id}: the kept copy does not decrypt; skipped"),
                }
            }
            Ok(updates)
        })
    }

    /// The lowest id of the chat's kept updates, if it has any.
    pub fn first_kept(&self, chat: i64) -> Result<Option<u32>, StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT min(update_id) FROM inbox WHERE chat = $1";
            let row = client.query_one(sql, &[&chat]).await.map_err(db_error)?;
            Ok(row.get::<_, Option<i64>>(0).and_then(|id| u32::try_from(id).ok()))
        })
    }

    /// Takes the chat's turn for `owner` for `lease`: true when no one
    /// holds it, its holder's lease ran out, or `owner` holds it already.
    pub fn take_turn(&self, chat: i64, owner: &str, lease: Duration) -> Result<bool, StoreError> {
        let (owner, seconds) = (owner.to_string(), lease.as_secs_f64());
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "INSERT INTO chat_turns (chat, owner, leased_until)
                       VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::FLOAT8))
                       ON CONFLICT (chat) DO UPDATE SET owner = EXCLUDED.owner, leased_until = EXCLUDED.leased_until
                       WHERE chat_turns.leased_until < clock_timestamp() OR chat_turns.owner = EXCLUDED.owner";
            Ok(client
                .execute(sql, &[&chat, &owner, &seconds])
                .await
                .map_err(db_error)?
                == 1)
        })
    }

    /// Extends `owner`'s turn of the chat by `lease` from now; false when
    /// it is no longer `owner`'s (its lease ran out and another took it).
    pub fn renew_turn(&self, chat: i64, owner: &str, lease: Duration) -> Result<bool, StoreError> {
        let (owner, seconds) = (owner.to_string(), lease.as_secs_f64());
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "UPDATE chat_turns SET leased_until = clock_timestamp() + make_interval(secs => $3::FLOAT8)
                       WHERE chat = $1 AND owner = $2";
            Ok(client
                .execute(sql, &[&chat, &owner, &seconds])
                .await
                .map_err(db_error)?
                == 1)
        })
    }

    /// Ends `owner`'s turn of the chat (another's turn is left alone).
    pub fn end_turn(&self, chat: i64, owner: &str) -> Result<(), StoreError> {
        let owner = owner.to_string();
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "DELETE FROM chat_turns WHERE chat = $1 AND owner = $2";
            client.execute(sql, &[&chat, &owner]).await.map_err(db_error)?;
            Ok(())
        })
    }

    /// Up to `limit` chats with kept updates whose turn no one holds (or
    /// whose holder's lease ran out), those waiting longest first.
    pub fn chats_waiting(&self, limit: usize) -> Result<Vec<i64>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT i.chat FROM inbox i LEFT JOIN chat_turns t ON t.chat = i.chat
                       WHERE i.chat <> 0 AND (t.chat IS NULL OR t.leased_until < clock_timestamp())
                       GROUP BY i.chat ORDER BY min(i.update_id) LIMIT $1";
            let rows = client.query(sql, &[&limit]).await.map_err(db_error)?;
            Ok(rows.iter().map(|row| row.get(0)).collect())
        })
    }

    /// Reminders due at or before `now` as stored, soonest first, whether
    /// claimed or not (a read).
    pub fn due_reminders(
        &self,
        now: DateTime<Utc>,
        limit: usize,
        only_chat: Option<i64>,
    ) -> Result<Vec<DueEntry>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT due, chat, reminder FROM reminders_due
                       WHERE due <= $1 AND ($2::BIGINT IS NULL OR chat = $2)
                       ORDER BY due, chat, reminder LIMIT $3";
            let rows = client
                .query(sql, &[&now.timestamp(), &only_chat, &limit])
                .await
                .map_err(db_error)?;
            Ok(rows
                .iter()
                .filter_map(|row| entry(row.get(0), row.get(1), row.get(2)))
                .collect())
        })
    }

    /// Claims up to `limit` reminders due at or before `now` that no other
    /// instance holds: each is leased to this caller for the reminder lease (rows
    /// another transaction is claiming are skipped, not waited for).
    pub fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: usize,
        only_chat: Option<i64>,
    ) -> Result<Vec<DueEntry>, StoreError> {
        let limit = i64::try_from(limit.min(CLAIM_AT_MOST)).unwrap_or(i64::MAX);
        let lease = i64::try_from(self.inner.reminder_lease.as_secs()).unwrap_or(i64::MAX);
        let until = now.timestamp().saturating_add(lease);
        let instance = self.inner.instance.clone();
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "UPDATE reminders_due r SET leased_until = $4, claimed_by = $5
                       FROM (SELECT chat, reminder, due FROM reminders_due
                             WHERE due <= $1 AND (leased_until IS NULL OR leased_until <= $1)
                               AND ($2::BIGINT IS NULL OR chat = $2)
                             ORDER BY due, reminder, chat LIMIT $3
                             FOR UPDATE SKIP LOCKED) picked
                       WHERE r.chat = picked.chat AND r.reminder = picked.reminder AND r.due = picked.due
                       RETURNING r.due, r.chat, r.reminder";
            let rows = client
                .query(sql, &[&now.timestamp(), &only_chat, &limit, &until, &instance])
                .await
                .map_err(db_error)?;
            let mut entries: Vec<DueEntry> = rows
                .iter()
                .filter_map(|row| entry(row.get(0), row.get(1), row.get(2)))
                .collect();
            entries.sort_by_key(|entry| (entry.due, entry.chat, entry.reminder));
            Ok(entries)
        })
    }

    /// Renews this store's claim of `entry` for the reminder lease from
    /// `now`, right before its message goes out: false when the claim is no
    /// longer this store's (its lease ran out and another instance claimed
    /// it, or it is gone), and then the caller sends nothing.
    pub fn hold_claim(&self, entry: &DueEntry, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let (chat, reminder, due) = (entry.chat, i64::from(entry.reminder), entry.due.timestamp());
        let lease = i64::try_from(self.inner.reminder_lease.as_secs()).unwrap_or(i64::MAX);
        let until = now.timestamp().saturating_add(lease);
        let instance = self.inner.instance.clone();
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "UPDATE reminders_due SET leased_until = $4
                       WHERE chat = $1 AND reminder = $2 AND due = $3 AND claimed_by = $5";
            let held = client
                .execute(sql, &[&chat, &reminder, &due, &until, &instance])
                .await
                .map_err(db_error)?;
            Ok(held == 1)
        })
    }

    /// When the next reminder may be claimed: its due time, or the end of
    /// its lease when another instance holds it.
    pub fn next_due(&self, only_chat: Option<i64>) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT min(GREATEST(due, COALESCE(leased_until, 0))) FROM reminders_due
                       WHERE $1::BIGINT IS NULL OR chat = $1";
            let row = client.query_one(sql, &[&only_chat]).await.map_err(db_error)?;
            Ok(row
                .get::<_, Option<i64>>(0)
                .and_then(|seconds| DateTime::from_timestamp(seconds, 0)))
        })
    }

    /// See [`super::Store::drop_due_entry`].
    pub fn drop_due_entry(&self, entry: &DueEntry) -> Result<(), StoreError> {
        let (chat, reminder, due) = (entry.chat, i64::from(entry.reminder), entry.due.timestamp());
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "DELETE FROM reminders_due WHERE chat = $1 AND reminder = $2 AND due = $3";
            client.execute(sql, &[&chat, &reminder, &due]).await.map_err(db_error)?;
            Ok(())
        })
    }

    /// See [`super::Store::note_group_told`].
    pub fn note_group_told(&self, chat: i64) -> Result<bool, StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "INSERT INTO groups_told (chat) VALUES ($1) ON CONFLICT DO NOTHING";
            Ok(client.execute(sql, &[&chat]).await.map_err(db_error)? == 1)
        })
    }

    /// Changes a chat's stored record with `change` (when it has one),
    /// again from a fresh load when another instance saved in between.
    fn change_record(&self, chat: i64, change: impl Fn(&mut ChatRecord) -> bool) -> Result<(), StoreError> {
        for _ in 0..CONFLICT_TRIES {
            let loaded = self.load_chat(chat)?;
            if loaded.revision == 0 {
                return Ok(());
            }
            let mut record = loaded.record;
            if !change(&mut record) {
                return Ok(());
            }
            match self.save_loaded(chat, &record, loaded.revision)? {
                Saved::Conflict => continue,
                saved => return saved.written(),
            }
        }
        Err(StoreError::Conflict)
    }

    /// See [`super::Store::mark_screen_lost`].
    pub fn mark_screen_lost(&self, chat: i64) -> Result<(), StoreError> {
        self.change_record(chat, |record| !std::mem::replace(&mut record.screen_lost, true))
    }

    /// See [`super::Store::mark_blocked`].
    pub fn mark_blocked(&self, chat: i64) -> Result<(), StoreError> {
        self.change_record(chat, |record| {
            record.blocked = true;
            record.state.reminders.drop_pending();
            true
        })
    }

    /// How many chats have a record and how many reminders wait.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT (SELECT count(*) FROM chats), (SELECT count(*) FROM reminders_due)";
            let row = client.query_one(sql, &[]).await.map_err(db_error)?;
            let count = |i: usize| u64::try_from(row.get::<_, i64>(i)).unwrap_or(0);
            Ok((count(0), count(1)))
        })
    }

    /// How many chats have a readable record and how many bills they hold.
    pub fn totals(&self) -> Result<(u64, u64), StoreError> {
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "SELECT c.chat, c.record, k.sealed FROM chats c LEFT JOIN chat_keys k ON k.chat = c.chat";
            let (mut chats, mut bills) = (0, 0);
            for row in client.query(sql, &[]).await.map_err(db_error)? {
                let chat: i64 = row.get(0);
                let Some(key) = row
                    .get::<_, Option<Vec<u8>>>(2)
                    .and_then(|sealed| open_key(&master, chat, &sealed))
                else {
                    continue;
                };
                if let Some(record) = unseal(&key, row.get(1))
                    .ok()
                    .and_then(|plain| record::decode(&plain).ok())
                {
                    chats += 1;
                    bills += record.state.bills.len() as u64;
                }
            }
            Ok((chats, bills))
        })
    }

    /// The database's size on disk (all of it, not only the bot's tables).
    pub fn stored_bytes(&self) -> u64 {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let row = client
                .query_one("SELECT pg_database_size(current_database())", &[])
                .await
                .map_err(db_error)?;
            Ok(u64::try_from(row.get::<_, i64>(0)).unwrap_or(0))
        })
        .unwrap_or(0)
    }

    /// The shared setting `name`: the one stored, or `new` stored now
    /// (the first instance's wins), sealed with the master key.
    pub fn shared_setting(&self, name: &'static str, new: &str) -> Result<String, StoreError> {
        let new = new.to_string();
        self.run(move |pool, master| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sealed = chat_keys::seal_with(&master, new.as_bytes())?;
            let insert = "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
            client.execute(insert, &[&name, &sealed]).await.map_err(db_error)?;
            let row = client
                .query_one("SELECT value FROM settings WHERE name = $1", &[&name])
                .await
                .map_err(db_error)?;
            chat_keys::open_with(&master, &row.get::<_, Vec<u8>>(0))
                .ok()
                .and_then(|plain| String::from_utf8(plain).ok())
                .ok_or(StoreError::Database(format!(
                    "the setting {name} does not open with the master key"
                )))
        })
    }

    /// See [`super::Store::chat_ids`].
    pub fn chat_ids(&self) -> Result<Vec<i64>, StoreError> {
        self.ids("SELECT chat FROM chats ORDER BY chat")
    }

    /// See [`super::Store::groups_told`].
    pub fn groups_told(&self) -> Result<Vec<i64>, StoreError> {
        self.ids("SELECT chat FROM groups_told ORDER BY chat")
    }

    fn ids(&self, sql: &'static str) -> Result<Vec<i64>, StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let rows = client.query(sql, &[]).await.map_err(db_error)?;
            Ok(rows.iter().map(|row| row.get(0)).collect())
        })
    }

    /// See [`super::Store::damage_record_for_tests`].
    pub fn damage_record_for_tests(&self, chat: i64) -> Result<(), StoreError> {
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let sql = "UPDATE chats SET record = $2 WHERE chat = $1";
            client
                .execute(sql, &[&chat, &b"{broken".to_vec()])
                .await
                .map_err(db_error)?;
            Ok(())
        })
    }

    /// Every chat id stored in each table, for tests that check what is
    /// stored after `/delete`.
    pub fn all_keys(&self) -> Vec<(String, Vec<u8>)> {
        let tables = [
            "chat_keys",
            "chats",
            "bill_items",
            "set_aside",
            "inbox",
            "reminders_due",
        ];
        self.run(move |pool, _| async move {
            let client = pool.get().await.map_err(db_error)?;
            let mut keys = Vec::new();
            for table in tables {
                let sql = format!("SELECT chat FROM {table}");
                for row in client.query(sql.as_str(), &[]).await.map_err(db_error)? {
                    keys.push((table.to_string(), row.get::<_, i64>(0).to_be_bytes().to_vec()));
                }
            }
            Ok(keys)
        })
        .unwrap_or_default()
    }
}

/// Runs the migrations the database lacks, one instance at a time.
async fn migrate(client: &mut deadpool_postgres::Client) -> Result<(), StoreError> {
    let tx = client.transaction().await.map_err(db_error)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(db_error)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS billcoach_migrations (
             version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await
    .map_err(db_error)?;
    let applied: i32 = tx
        .query_one("SELECT COALESCE(max(version), 0) FROM billcoach_migrations", &[])
        .await
        .map_err(db_error)?
        .get(0);
    for (version, sql) in MIGRATIONS.iter().filter(|(version, _)| *version > applied) {
        tx.batch_execute(sql).await.map_err(db_error)?;
        tx.execute("INSERT INTO billcoach_migrations (version) VALUES ($1)", &[version])
            .await
            .map_err(db_error)?;
        log::info!("database: schema migrated to version {version}");
    }
    tx.commit().await.map_err(db_error)
}

/// Loads a chat's record (see [`super::Store::load_chat`]).
async fn load(client: &impl GenericClient, master: Key, chat: i64) -> Result<LoadedChat, StoreError> {
    let sql = "SELECT c.version, c.record, k.sealed FROM chats c
               LEFT JOIN chat_keys k ON k.chat = c.chat WHERE c.chat = $1";
    let Some(row) = client.query_opt(sql, &[&chat]).await.map_err(db_error)? else {
        return Ok(LoadedChat {
            record: ChatRecord::new(),
            was_reset: false,
            revision: 0,
        });
    };
    let (version, bytes): (i64, Vec<u8>) = (row.get(0), row.get(1));
    let key = row
        .get::<_, Option<Vec<u8>>>(2)
        .and_then(|sealed| open_key(&master, chat, &sealed));
    let read = match key
        .as_ref()
        .ok_or(Unreadable::NoKey)
        .and_then(|key| unseal(key, &bytes))
    {
        Ok(plain) => match record::decode(&plain) {
            Ok(mut record) => match key.as_ref() {
                Some(key) => fill_items(client, key, chat, &mut record).await.map(|()| record),
                None => Err("its key is missing".to_string()),
            },
            Err(e) => Err(e.to_string()),
        },
        Err(Unreadable::NoKey) => Err("its key is missing".to_string()),
        Err(Unreadable::Damaged) => Err("it does not decrypt".to_string()),
    };
    match read {
        Ok(record) => Ok(LoadedChat {
            record,
            was_reset: false,
            revision: u64::try_from(version).unwrap_or(0),
        }),
        Err(error) => {
            // Set aside once: only the instance whose delete removes the
            // row keeps the copy and tells the user.
            let sql = "WITH gone AS (DELETE FROM chats WHERE chat = $1 AND version = $2 RETURNING chat, record)
                       INSERT INTO set_aside (chat, bytes) SELECT chat, record FROM gone";
            let moved = client.execute(sql, &[&chat, &version]).await.map_err(db_error)?;
            if moved == 1 {
                log::warn!("chat {chat}: stored record set aside: {error}");
            }
            Ok(LoadedChat {
                record: ChatRecord::new(),
                was_reset: moved == 1,
                revision: 0,
            })
        }
    }
}

/// Puts back the line items a record keeps apart.
async fn fill_items(client: &impl GenericClient, key: &Key, chat: i64, record: &mut ChatRecord) -> Result<(), String> {
    if record.item_digests.iter().all(|digest| *digest == 0) {
        return Ok(());
    }
    let rows = client
        .query("SELECT bill, items FROM bill_items WHERE chat = $1", &[&chat])
        .await
        .map_err(|e| e.to_string())?;
    let stored: std::collections::HashMap<i32, Vec<u8>> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
    for (index, digest) in record.item_digests.iter().enumerate() {
        if *digest == 0 {
            continue;
        }
        let bytes = i32::try_from(index)
            .ok()
            .and_then(|index| stored.get(&index))
            .ok_or("a bill's items are missing")?;
        let plain = unseal(key, bytes).map_err(|_| "a bill's items do not decrypt")?;
        let items = record::decode_items(&plain).map_err(|e| e.to_string())?;
        let bill = record
            .state
            .bills
            .get_mut(index)
            .ok_or("items of a bill that is not there")?;
        bill.items = items;
    }
    Ok(())
}

/// The chat's key, made (and stored, sealed with the master key) when it
/// has none and `create` is set. Two instances making one at once: the
/// first insert wins and both use it.
async fn chat_key(
    client: &impl GenericClient,
    master: Key,
    chat: i64,
    create: bool,
) -> Result<Option<Key>, StoreError> {
    let select = "SELECT sealed FROM chat_keys WHERE chat = $1";
    if let Some(row) = client.query_opt(select, &[&chat]).await.map_err(db_error)? {
        return open_key(&master, chat, &row.get::<_, Vec<u8>>(0))
            .map(Some)
            .ok_or(StoreError::Database(format!(
                "chat {chat}: its key does not open with the master key"
            )));
    }
    if !create {
        return Ok(None);
    }
    let key = chat_keys::new_key();
    let mut plain = chat.to_be_bytes().to_vec();
    plain.extend_from_slice(&key);
    let sealed = chat_keys::seal_with(&master, &plain)?;
    let insert = "INSERT INTO chat_keys (chat, sealed) VALUES ($1, $2) ON CONFLICT (chat) DO NOTHING";
    client.execute(insert, &[&chat, &sealed]).await.map_err(db_error)?;
    let row = client.query_one(select, &[&chat]).await.map_err(db_error)?;
    open_key(&master, chat, &row.get::<_, Vec<u8>>(0))
        .map(Some)
        .ok_or(StoreError::Database(format!(
            "chat {chat}: its key does not open with the master key"
        )))
}

/// A chat key as stored: sealed with the master key, with the chat id
/// before it so a key moved to another chat's row is refused.
fn open_key(master: &Key, chat: i64, sealed: &[u8]) -> Option<Key> {
    let plain = chat_keys::open_with(master, sealed).ok()?;
    let (owner, key) = plain.split_at_checked(8)?;
    (owner == chat.to_be_bytes() && key.len() == 32).then(|| *Key::from_slice(key))
}

/// `plain` packed, then sealed with the chat's key.
fn seal(key: &Key, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
    Ok(chat_keys::seal_with(key, &packing::pack(plain))?)
}

/// A stored value opened, then unpacked.
fn unseal(key: &Key, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
    packing::unpack(chat_keys::open_with(key, stored)?).ok_or(Unreadable::Damaged)
}

fn entry(due: i64, chat: i64, reminder: i64) -> Option<DueEntry> {
    Some(DueEntry {
        due: DateTime::from_timestamp(due, 0)?,
        chat,
        reminder: u32::try_from(reminder).ok()?,
    })
}
