//! Baseline 1: a bare teloxide echo bot (`teloxide::repl`) that sends every
//! text back to its chat. No storage, no throttle: the floor of what a
//! teloxide bot costs per update.

use teloxide::prelude::*;

#[tokio::main]
async fn main() {
    let bot = Bot::from_env();
    teloxide::repl(bot, |bot: Bot, msg: Message| async move {
        let text = msg.text().unwrap_or("?").to_string();
        bot.send_message(msg.chat.id, text).await?;
        Ok(())
    })
    .await;
}
