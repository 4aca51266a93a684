//! One user's phone in a test: sends messages and taps buttons through the
//! fake Bot API server, and reads the bot's replies in order.

use super::fake_bot_api::{BotMessage, FakeBotApi};

/// A private chat seen from the user's side.
pub struct Phone {
    pub api: FakeBotApi,
    pub chat: i64,
    /// How many of the bot's messages the test has read.
    seen: usize,
}

impl Phone {
    pub fn new(api: &FakeBotApi, chat: i64) -> Phone {
        Phone {
            api: api.clone(),
            chat,
            seen: 0,
        }
    }

    /// `/start`, then "Review a bill": returns the first question.
    pub async fn start_review(&mut self) -> BotMessage {
        self.send("/start");
        let greeting = self.next().await;
        self.tap(&greeting, "Review a bill");
        self.expect("Who sent this bill?").await
    }

    /// The optional questions at the end of a review: household and income
    /// skipped (with the button, then `/skip`), the state typed, no lump
    /// sum, and `monthly` for what they could pay each month (`/skip` for
    /// none). Returns the summary that follows.
    pub async fn answer_the_last_questions(&mut self, state: &str, monthly: &str) -> BotMessage {
        let q = self.expect("How many people live in your household?").await;
        self.tap(&q, "Skip");
        self.expect("yearly income").await;
        self.send("/skip");
        self.expect("Which state do you live in?").await;
        self.send(state);
        self.expect("lump sum").await;
        self.send("/skip");
        self.expect("each month").await;
        self.send(monthly);
        self.expect("Your bill").await
    }

    /// The user types a message. Returns the update id.
    pub fn send(&self, text: &str) -> u32 {
        self.api.user_sends(self.chat, text)
    }

    /// The user taps the button labelled `label` under `message`.
    pub fn tap(&self, message: &BotMessage, label: &str) -> u32 {
        self.api.user_presses(message, label)
    }

    /// The user uploads a file.
    pub fn upload(&self, name: &str, contents: &str) -> u32 {
        self.api.user_uploads(self.chat, name, contents.as_bytes())
    }

    /// Sends a photo (JPEG bytes of a picture this size).
    pub fn photo(&self, jpeg: &[u8], width: u32, height: u32) -> u32 {
        self.api.user_sends_photo(self.chat, jpeg, width, height)
    }

    /// The bot's next message (waits for it).
    pub async fn next(&mut self) -> BotMessage {
        let message = self.api.nth_message(self.chat, self.seen).await;
        self.seen += 1;
        message
    }

    /// The bot's next message, which must contain `text`.
    pub async fn expect(&mut self, text: &str) -> BotMessage {
        let message = self.next().await;
        assert!(
            message.text.contains(text),
            "expected {text:?} in the bot's message:\n{}",
            message.text
        );
        message
    }

    /// A message the bot sent earlier, as shown now (after edits).
    pub fn reread(&self, message: &BotMessage) -> BotMessage {
        self.api.message(self.chat, message.message_id).expect("message exists")
    }

    /// Waits until the bot has edited `message` and returns it as shown.
    pub async fn edited(&self, message: &BotMessage, times: usize) -> BotMessage {
        let id = message.message_id;
        let chat = self.chat;
        self.api
            .wait_until(chat, std::time::Duration::from_secs(20), |api| {
                let shown = api.message(chat, id)?;
                (api.edits_of(chat, id) >= times).then_some(shown)
            })
            .await
    }

    /// Every message read so far is all there is (nothing unexpected).
    pub fn nothing_more(&self) {
        let all = self.api.messages(self.chat);
        assert_eq!(
            all.len(),
            self.seen,
            "unexpected messages: {:?}",
            &all[self.seen.min(all.len())..]
        );
    }
}
