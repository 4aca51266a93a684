//! Issue 14's benchmark harness: runs billcoach and three teloxide
//! baselines (a bare echo bot, a dialogue bot over sled that flushes per
//! update, the same over `SqliteStorage`) against a fast fake Bot API in a
//! closed loop, interleaved over rounds, and prints medians and ratios.
//!
//! ```sh
//! cargo run --release --manifest-path loadtest/Cargo.toml -- \
//!     --billcoach target/release/billcoach [--rounds 3] [--shape 100x20] \
//!     [--bots echo,sled,sqlite,billcoach] [--cap 60] [--trace] \
//!     [--webhook] [--instances 3] [--billcoach-env BILLCOACH_DATABASE_URL=postgres://…]
//! ```
//!
//! `--webhook` runs billcoach by webhook (the fake API posts the updates);
//! `--instances N` runs N billcoach processes by webhook, the updates
//! posted round-robin over them, which needs a shared store
//! (`BILLCOACH_DATABASE_URL`). Their peak RSS and bytes written are summed;
//! a database server's own writes are not counted.

mod fake_api;
mod procstat;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_api::{FakeApi, Script};

/// Settings from the command line.
struct Args {
    billcoach: Option<PathBuf>,
    billcoach_env: Vec<(String, String)>,
    rounds: usize,
    shapes: Vec<(usize, u32)>,
    bots: Vec<String>,
    cap: Duration,
    trace: bool,
    keep: bool,
    data_root: PathBuf,
    webhook: bool,
    instances: usize,
}

fn parse_args() -> Args {
    let mut args = Args {
        billcoach: None,
        // A real operator's setting for a bot whose users type at human speed
        // is the default (3/s, 60/min); the closed loop types far faster, so
        // the per-chat limits are lifted to measure the bot's own work (the
        // baselines have no limiter at all). Override with --billcoach-env.
        billcoach_env: vec![
            ("BILLCOACH_CHAT_MESSAGES_PER_SECOND".into(), "1000".into()),
            ("BILLCOACH_CHAT_MESSAGES_PER_MINUTE".into(), "60000".into()),
        ],
        rounds: 3,
        shapes: Vec::new(),
        bots: Vec::new(),
        cap: Duration::from_secs(60),
        trace: false,
        keep: false,
        data_root: std::env::temp_dir().join("billcoach-loadtest"),
        webhook: false,
        instances: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--billcoach" => {
                let path = PathBuf::from(value());
                args.billcoach = Some(std::fs::canonicalize(&path).unwrap_or(path));
            }
            "--billcoach-env" => {
                let kv = value();
                let (k, v) = kv.split_once('=').expect("--billcoach-env KEY=VALUE");
                args.billcoach_env.retain(|(key, _)| key != k);
                args.billcoach_env.push((k.into(), v.into()));
            }
            "--rounds" => args.rounds = value().parse().expect("--rounds N"),
            "--shape" => {
                let s = value();
                let (c, m) = s.split_once('x').expect("--shape CHATSxMESSAGES");
                args.shapes
                    .push((c.parse().expect("chats"), m.parse().expect("messages")));
            }
            "--bots" => args.bots = value().split(',').map(String::from).collect(),
            "--cap" => args.cap = Duration::from_secs(value().parse().expect("--cap SECONDS")),
            "--data-root" => args.data_root = PathBuf::from(value()),
            "--trace" => args.trace = true,
            "--keep" => args.keep = true,
            "--webhook" => args.webhook = true,
            "--instances" => args.instances = value().parse().expect("--instances N"),
            other => panic!("unknown flag {other}"),
        }
    }
    if args.instances > 1 {
        args.webhook = true;
        assert!(
            args.billcoach_env.iter().any(|(k, _)| k == "BILLCOACH_DATABASE_URL"),
            "--instances needs a shared store: --billcoach-env BILLCOACH_DATABASE_URL=postgres://…"
        );
    }
    if args.shapes.is_empty() {
        args.shapes = vec![(1, 1000), (100, 20), (1000, 5)];
    }
    if args.bots.is_empty() {
        args.bots = vec!["echo".into(), "sled".into(), "sqlite".into()];
        if args.billcoach.is_some() {
            args.bots.push("billcoach".into());
        }
    }
    args
}

/// One bot run's figures.
#[derive(Clone)]
struct Run {
    answered: usize,
    complete: bool,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    last_p50_ms: f64,
    last_p99_ms: f64,
    sends_per_update: f64,
    peak_rss_mib: f64,
    bytes_per_update: f64,
    disk_mib: f64,
    driver_us: f64,
    load: f64,
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// How to start one bot.
fn command_for(bot: &str, args: &Args, data: &Path) -> Command {
    let bin_dir = std::env::current_exe()
        .expect("own path")
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let mut cmd = match bot {
        "echo" => Command::new(bin_dir.join("echo_bot")),
        "sled" | "sqlite" => {
            let mut c = Command::new(bin_dir.join("dialogue_bot"));
            c.arg(bot);
            c
        }
        "billcoach" => {
            let mut c = Command::new(args.billcoach.as_ref().expect("--billcoach PATH"));
            c.env("BILLCOACH_DB", data);
            for (k, v) in &args.billcoach_env {
                c.env(k, v);
            }
            c
        }
        other => panic!("unknown bot {other}"),
    };
    cmd.env("BENCH_DB", data);
    cmd
}

async fn run_one(args: &Args, bot: &str, chats: usize, per_chat: u32, dir: &Path) -> Option<Run> {
    let data = dir.join("data");
    std::fs::create_dir_all(dir).expect("run folder");
    let script = if bot == "billcoach" {
        Script::Billcoach
    } else {
        Script::Text
    };
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let api = FakeApi::new(script, run, chats, per_chat, args.trace);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("port").port();
    let server = tokio::spawn(api.clone().serve(listener));
    let instances = match bot == "billcoach" && args.webhook {
        true => args.instances,
        false => 1,
    };
    if bot == "billcoach" && args.webhook {
        api.expect_webhooks(instances);
    }
    let mut children = Vec::new();
    for instance in 0..instances {
        let log = std::fs::File::create(dir.join(format!("bot{instance}.log"))).expect("log file");
        let data = match instances {
            1 => data.clone(),
            _ => data.join(format!("instance{instance}")),
        };
        let mut command = command_for(bot, args, &data);
        if bot == "billcoach" && args.webhook {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            command
                .env("BILLCOACH_LISTEN", format!("127.0.0.1:{port}"))
                .env(
                    "BILLCOACH_WEBHOOK_URL",
                    format!("http://127.0.0.1:{port}/telegram/hook"),
                )
                .env("BILLCOACH_WEBHOOK_SECRET", "loadtest-shared-secret-0123456789");
        }
        let child = command
            .current_dir(dir)
            .env_remove("RUST_LOG")
            .env("TELOXIDE_TOKEN", "123:abc")
            .env("TELOXIDE_API_URL", format!("http://127.0.0.1:{port}/"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {bot}: {e}"));
        children.push(child);
    }
    let pids: Vec<u32> = children.iter().map(|c| c.id()).collect();
    let stop = |children: &mut Vec<std::process::Child>| {
        for child in children.iter_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    };
    if !api.wait_ready(Duration::from_secs(30)).await {
        eprintln!(
            "{bot} never polled or set its webhook; see {}",
            dir.join("bot0.log").display()
        );
        stop(&mut children);
        server.abort();
        return None;
    }
    // Let start-up work (commands, schedulers) settle before the load.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let written = |pids: &[u32]| {
        pids.iter()
            .map(|&pid| procstat::write_bytes(pid).unwrap_or(0))
            .sum::<u64>()
    };
    let written_before = written(&pids);
    let load = procstat::load1();
    let cpu_before = procstat::own_cpu();
    let started = api.start();
    let finished = api.wait_finished(args.cap).await;
    let cpu = procstat::own_cpu() - cpu_before;
    let elapsed = finished.unwrap_or_else(Instant::now) - started;
    let outcome = api.outcome();
    let peak: u64 = pids.iter().map(|&pid| procstat::peak_rss_kib(pid).unwrap_or(0)).sum();
    let written = written(&pids) - written_before;
    stop(&mut children);
    server.abort();
    let disk = procstat::disk_used(&data);
    if !outcome.unknown.is_empty() {
        eprintln!("{bot} called unknown methods: {:?}", outcome.unknown);
    }
    let mut first = outcome.first;
    let mut last = outcome.last;
    first.sort_unstable();
    last.sort_unstable();
    let n = outcome.answered.max(1) as f64;
    if !args.keep {
        let _ = std::fs::remove_dir_all(dir);
    }
    Some(Run {
        answered: outcome.answered,
        complete: finished.is_some(),
        per_second: outcome.answered as f64 / elapsed.as_secs_f64(),
        p50_ms: percentile(&first, 0.5),
        p99_ms: percentile(&first, 0.99),
        last_p50_ms: percentile(&last, 0.5),
        last_p99_ms: percentile(&last, 0.99),
        sends_per_update: outcome.sends as f64 / n,
        peak_rss_mib: peak as f64 / 1024.0,
        bytes_per_update: written as f64 / n,
        disk_mib: disk as f64 / (1024.0 * 1024.0),
        driver_us: cpu.as_secs_f64() * 1e6 / n,
        load,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| !x.is_nan());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// Medians over rounds of one bot at one shape.
fn summary(runs: &[Run]) -> Run {
    let m = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
    Run {
        answered: median(runs.iter().map(|r| r.answered as f64).collect()) as usize,
        complete: runs.iter().all(|r| r.complete),
        per_second: m(|r| r.per_second),
        p50_ms: m(|r| r.p50_ms),
        p99_ms: m(|r| r.p99_ms),
        last_p50_ms: m(|r| r.last_p50_ms),
        last_p99_ms: m(|r| r.last_p99_ms),
        sends_per_update: m(|r| r.sends_per_update),
        peak_rss_mib: m(|r| r.peak_rss_mib),
        bytes_per_update: m(|r| r.bytes_per_update),
        disk_mib: m(|r| r.disk_mib),
        driver_us: m(|r| r.driver_us),
        load: m(|r| r.load),
    }
}

fn ensure_baselines_built() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--bins", "--quiet", "--manifest-path", manifest])
        .status()
        .expect("run cargo");
    assert!(status.success(), "building the baseline bots failed");
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    ensure_baselines_built();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let root = args.data_root.join(format!("{stamp}-{}", std::process::id()));
    let mut results: Vec<((usize, u32), String, Run)> = Vec::new();
    for round in 0..args.rounds {
        for &(chats, per_chat) in &args.shapes {
            for bot in &args.bots {
                let dir = root.join(format!("{bot}-{chats}x{per_chat}-r{round}"));
                if let Some(run) = run_one(&args, bot, chats, per_chat, &dir).await {
                    eprintln!(
                        "round {round} {chats}x{per_chat} {bot:9}: {:7.0} upd/s p50 {:8.2} ms p99 {:8.2} ms \
                         ({} answered{}) load {:.2}",
                        run.per_second,
                        run.p50_ms,
                        run.p99_ms,
                        run.answered,
                        if run.complete { "" } else { ", capped" },
                        run.load
                    );
                    results.push(((chats, per_chat), bot.clone(), run));
                }
            }
        }
    }
    print_tables(&args, &results);
    if !args.keep {
        let _ = std::fs::remove_dir_all(&root);
    }
}

fn print_tables(args: &Args, results: &[((usize, u32), String, Run)]) {
    println!(
        "\n| shape | bot | updates/s | p50 ms | p99 ms | last msg p50/p99 ms | msgs/update | peak RSS MiB | bytes written/update | disk after MiB | driver µs/update | load1 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut summaries = Vec::new();
    for &shape in &args.shapes {
        for bot in &args.bots {
            let runs: Vec<Run> = results
                .iter()
                .filter(|(s, b, _)| *s == shape && b == bot)
                .map(|(_, _, r)| r.clone())
                .collect();
            if runs.is_empty() {
                continue;
            }
            let s = summary(&runs);
            println!(
                "| {}×{} | {}{} | {:.0} | {:.2} | {:.2} | {:.2} / {:.2} | {:.2} | {:.1} | {:.0} | {:.2} | {:.0} | {:.2} |",
                shape.0,
                shape.1,
                bot,
                if s.complete { "" } else { format!(" (capped, {} answered)", s.answered).leak() },
                s.per_second,
                s.p50_ms,
                s.p99_ms,
                s.last_p50_ms,
                s.last_p99_ms,
                s.sends_per_update,
                s.peak_rss_mib,
                s.bytes_per_update,
                s.disk_mib,
                s.driver_us,
                s.load
            );
            summaries.push((shape, bot.clone(), s));
        }
    }
    let get = |shape: (usize, u32), bot: &str| {
        summaries
            .iter()
            .find(|(s, b, _)| *s == shape && b == bot)
            .map(|(_, _, r)| r.clone())
    };
    println!("\n| shape | billcoach/echo upd/s | billcoach/sled upd/s | billcoach/sqlite upd/s | p50: billcoach vs 3×echo+1 ms | bytes/update: billcoach/sled |");
    println!("|---|---|---|---|---|---|");
    for &shape in &args.shapes {
        let Some(b) = get(shape, "billcoach") else { continue };
        let ratio = |bot: &str| {
            get(shape, bot)
                .map(|r| format!("{:.2}×", b.per_second / r.per_second))
                .unwrap_or_else(|| "–".into())
        };
        let latency = get(shape, "echo")
            .map(|e| format!("{:.2} ms vs {:.2} ms", b.p50_ms, 3.0 * e.p50_ms + 1.0))
            .unwrap_or_else(|| "–".into());
        let bytes = get(shape, "sled")
            .map(|s| format!("{:.2}×", b.bytes_per_update / s.bytes_per_update))
            .unwrap_or_else(|| "–".into());
        println!(
            "| {}×{} | {} | {} | {} | {} | {} |",
            shape.0,
            shape.1,
            ratio("echo"),
            ratio("sled"),
            ratio("sqlite"),
            latency,
            bytes
        );
    }
}
