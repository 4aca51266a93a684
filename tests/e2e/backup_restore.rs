//! `billcoach backup` while twenty chats are answering, then `billcoach
//! restore` into a fresh folder: every answer acknowledged before the
//! backup began is in the copy, readable (the keys came along), and a bot
//! started on the copy goes on where each chat was.

use crate::bot::bot_process::BotProcess;
use crate::bot::fake_bot_api::FakeBotApi;
use crate::bot::phone::Phone;
use crate::bot::test_bot::TestBot;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FIRST_CHAT: i64 = 5_550_100;
const CHATS: i64 = 20;
const ROUNDS: usize = 12;

/// Runs `billcoach <args>` on the data folder `data`.
fn billcoach(dir: &Path, data: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_billcoach"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BILLCOACH_DB", data)
        .args(args)
        .output()
        .expect("run billcoach")
}

/// (update id, when its reply was seen) for every answer a chat got.
type Acks = Arc<Mutex<Vec<(i64, u32, Instant)>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_twenty_chats_answer_restores_every_acknowledged_answer() {
    let TestBot { api, mut bot, dir } = TestBot::start().await;
    let acks: Acks = Arc::default();
    let mut chats = Vec::new();
    for n in 0..CHATS {
        let (api, acks) = (api.clone(), acks.clone());
        chats.push(tokio::spawn(async move {
            let chat = FIRST_CHAT + n;
            let mut phone = Phone::new(&api, chat);
            let q1 = phone.start_review().await;
            let id = phone.tap(&q1, "Ambulance");
            phone.expect("What coverage did you have for this care?").await;
            acks.lock().unwrap().push((chat, id, Instant::now()));
            for _ in 0..ROUNDS {
                let id = phone.send("/start");
                phone.expect("Hi, I'm billcoach").await;
                acks.lock().unwrap().push((chat, id, Instant::now()));
            }
        }));
    }
    // Once every chat is well into its answers, the backup, while they
    // go on.
    while acks.lock().unwrap().len() < (CHATS as usize) * 3 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let started = Instant::now();
    let file = dir.path().join("backup.bin");
    let (run_dir, data, target) = (dir.path().to_path_buf(), dir.path().join("data"), file.clone());
    let taken = tokio::task::spawn_blocking(move || billcoach(&run_dir, &data, &["backup", target.to_str().unwrap()]))
        .await
        .unwrap();
    let took = started.elapsed();
    assert!(taken.status.success(), "{}", String::from_utf8_lossy(&taken.stderr));
    let during = acks.lock().unwrap().iter().filter(|(_, _, at)| *at > started).count();
    for chat in chats {
        chat.await.unwrap();
    }
    let total = acks.lock().unwrap().len();
    assert!(
        during > 0 || total < (CHATS as usize) * (ROUNDS + 1),
        "the chats answered during the backup"
    );
    eprintln!(
        "backup under load: {} bytes in {} ms, {during} answers acknowledged meanwhile, {total} in all",
        std::fs::metadata(&file).unwrap().len(),
        took.as_millis()
    );
    assert!(bot.log().contains("backup written"), "the running bot wrote it");

    // A restore into the folder in use is refused.
    let refused = billcoach(
        dir.path(),
        &dir.path().join("data"),
        &["restore", file.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not empty"));
    // `-`: through stdout and stdin (for `docker compose exec -T`).
    let piped = billcoach(dir.path(), &dir.path().join("data"), &["backup", "-"]);
    assert!(piped.status.success(), "{}", String::from_utf8_lossy(&piped.stderr));
    assert!(piped.stdout.len() > 1000);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("data"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("backup-"))
        .collect();
    assert!(leftovers.is_empty(), "the staged file is removed: {leftovers:?}");
    let from_stdin = dir.path().join("from-stdin");
    let mut restore = std::process::Command::new(env!("CARGO_BIN_EXE_billcoach"))
        .current_dir(dir.path())
        .env_clear()
        .env("BILLCOACH_DB", &from_stdin)
        .args(["restore", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut restore.stdin.take().unwrap(), &piped.stdout).unwrap();
    let restored_from_stdin = restore.wait_with_output().unwrap();
    assert!(
        restored_from_stdin.status.success(),
        "{}",
        String::from_utf8_lossy(&restored_from_stdin.stderr)
    );
    {
        let store = billcoach::store::Store::open(&from_stdin).unwrap();
        assert!(!store.load_chat(FIRST_CHAT).unwrap().was_reset);
    }
    assert!(bot.terminate().success(), "log:\n{}", bot.log());

    let restored = dir.path().join("restored");
    let done = billcoach(dir.path(), &restored, &["restore", file.to_str().unwrap()]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    {
        let store = billcoach::store::Store::open(&restored).unwrap();
        for (chat, id, at) in acks.lock().unwrap().iter() {
            if *at >= started {
                continue;
            }
            let loaded = store.load_chat(*chat).unwrap();
            assert!(!loaded.was_reset, "chat {chat}: readable after the restore");
            assert!(
                loaded.record.recent_update_ids.contains(id),
                "chat {chat}: update {id}, acknowledged before the backup, is in it"
            );
        }
    }

    // A bot on the restored folder goes on where each chat was.
    let api2 = FakeBotApi::start().await;
    let run = tempfile::tempdir().unwrap();
    std::fs::rename(&restored, run.path().join("data")).unwrap();
    let mut bot2 = BotProcess::spawn(&api2.url, run.path());
    // (Updates received but not yet handled when the backup was taken are
    // in its inbox, and are handled first: a /start may come before.)
    let chat = FIRST_CHAT + 7;
    let pat = Phone::new(&api2, chat);
    pat.send("/bills");
    let bills = api2
        .wait_until(chat, Duration::from_secs(20), |api| {
            api.messages(chat).into_iter().find(|m| m.text.contains("Your bills"))
        })
        .await;
    assert!(bills.text.contains("Ambulance"), "{}", bills.text);
    assert!(bot2.terminate().success(), "log:\n{}", bot2.log());

    // With the bot stopped, the command writes the backup itself.
    let stopped = dir.path().join("stopped.bin");
    let direct = billcoach(
        dir.path(),
        &run.path().join("data"),
        &["backup", stopped.to_str().unwrap()],
    );
    assert!(direct.status.success(), "{}", String::from_utf8_lossy(&direct.stderr));
    let again = dir.path().join("again");
    assert!(billcoach(dir.path(), &again, &["restore", stopped.to_str().unwrap()])
        .status
        .success());
    let store = billcoach::store::Store::open(&again).unwrap();
    assert!(!store.load_chat(FIRST_CHAT + 7).unwrap().was_reset);
}
