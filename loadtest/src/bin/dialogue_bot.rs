//! Baselines 2 and 3: a teloxide dialogue bot that counts each chat's
//! messages and replies once per message with the count. Its state lives in
//! `BENCH_DB` through a teloxide `Storage`: `sled` (our own storage below,
//! which flushes sled after every update, the durable floor on this disk)
//! or `sqlite` (teloxide's `SqliteStorage`). Usage: `dialogue_bot sled|sqlite`.

use std::sync::Arc;

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use teloxide::dispatching::dialogue::serializer::Json;
use teloxide::dispatching::dialogue::{Dialogue, ErasedStorage, SqliteStorage, Storage};
use teloxide::prelude::*;
use teloxide::types::ChatId;

/// Where a chat is: how many messages it has sent so far.
#[derive(Clone, Default, Serialize, Deserialize)]
enum State {
    #[default]
    Start,
    Counted(u64),
}

type Counter = Dialogue<State, ErasedStorage<State>>;

/// A teloxide dialogue storage over one sled tree, keyed by chat id, with a
/// flush to disk after every change (before the handler's reply is sent).
struct SledStorage {
    db: sled::Db,
}

#[derive(Debug)]
struct SledError(String);

impl std::fmt::Display for SledError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SledError {}

fn sled_error(e: impl std::fmt::Display) -> SledError {
    SledError(e.to_string())
}

impl<D> Storage<D> for SledStorage
where
    D: Serialize + DeserializeOwned + Send + 'static,
{
    type Error = SledError;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> futures_like::BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            self.db.remove(chat_id.0.to_be_bytes()).map_err(sled_error)?;
            flush(&self.db).await?;
            Ok(())
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> futures_like::BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let bytes = serde_json::to_vec(&dialogue).map_err(sled_error)?;
            self.db.insert(chat_id.0.to_be_bytes(), bytes).map_err(sled_error)?;
            flush(&self.db).await?;
            Ok(())
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> futures_like::BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            match self.db.get(chat_id.0.to_be_bytes()).map_err(sled_error)? {
                Some(bytes) => Ok(Some(serde_json::from_slice(&bytes).map_err(sled_error)?)),
                None => Ok(None),
            }
        })
    }
}

/// Flushes sled on a blocking thread. (sled 0.34's `flush_async` can
/// stall when many chats call it at once, so the blocking flush is used.)
async fn flush(db: &sled::Db) -> Result<(), SledError> {
    let db = db.clone();
    tokio::task::spawn_blocking(move || db.flush())
        .await
        .map_err(sled_error)?
        .map_err(sled_error)?;
    Ok(())
}

/// The boxed future type teloxide's `Storage` methods return.
mod futures_like {
    pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
}

async fn count(bot: Bot, dialogue: Counter, state: State, msg: Message) -> ResponseResult<()> {
    let n = match state {
        State::Start => 1,
        State::Counted(n) => n + 1,
    };
    if let Err(e) = dialogue.update(State::Counted(n)).await {
        log_error(&e);
    }
    bot.send_message(msg.chat.id, format!("message {n}")).await?;
    Ok(())
}

fn log_error(e: &dyn std::fmt::Display) {
    eprintln!("storage error: {e}");
}

#[tokio::main]
async fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let dir = std::path::PathBuf::from(std::env::var("BENCH_DB").expect("BENCH_DB is set"));
    std::fs::create_dir_all(&dir).expect("data folder");
    let storage: Arc<ErasedStorage<State>> = match kind.as_str() {
        "sled" => {
            let db = sled::open(dir.join("sled")).expect("open sled");
            Arc::new(SledStorage { db }).erase()
        }
        "sqlite" => {
            let path = dir.join("dialogues.sqlite");
            SqliteStorage::open(path.to_str().expect("utf-8 path"), Json)
                .await
                .expect("open sqlite")
                .erase()
        }
        other => panic!("usage: dialogue_bot sled|sqlite (got {other:?})"),
    };
    let bot = Bot::from_env();
    let handler = Update::filter_message()
        .enter_dialogue::<Message, ErasedStorage<State>, State>()
        .endpoint(count);
    Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![storage])
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
}
