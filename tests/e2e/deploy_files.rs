//! The container without Docker (none on CI): the Dockerfile's entrypoint
//! settings run the same binary (its `ENV` lines, its `CMD`), its
//! `HEALTHCHECK` command passes against it, and SIGTERM stops it cleanly.
//! The systemd unit keeps its hardening. `docker build` itself is not run
//! here (README.md, "Deploy with Docker").

use crate::bot::bot_process::{BotProcess, TEST_TOKEN};
use crate::bot::fake_bot_api::FakeBotApi;
use crate::bot::http::free_port;
use crate::bot::phone::Phone;
use std::time::Duration;

fn deploy_file(name: &str) -> String {
    std::fs::read_to_string(format!("{}/deploy/{name}", env!("CARGO_MANIFEST_DIR"))).expect(name)
}

/// The JSON array of the Dockerfile instruction whose line starts with
/// `start` (`CMD [` for `CMD ["telegram"]`; a `HEALTHCHECK`'s `CMD` array).
fn exec_form(dockerfile: &str, start: &str) -> Vec<String> {
    let joined = dockerfile.replace("\\\n", " ");
    let line = joined
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no {start}"));
    serde_json::from_str(&line[line.find('[').expect("exec form")..]).expect("a JSON array")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_containers_entrypoint_runs_answers_its_healthcheck_and_stops_on_sigterm() {
    let dockerfile = deploy_file("Dockerfile");
    for needed in [
        "FROM rust:1.95-slim-bookworm AS build",
        "FROM debian:bookworm-slim",
        "tesseract-ocr-eng",
        "USER billcoach:billcoach",
        "VOLUME [\"/data\"]",
        "STOPSIGNAL SIGTERM",
    ] {
        assert!(dockerfile.contains(needed), "the Dockerfile has {needed}");
    }
    let entrypoint = exec_form(&dockerfile, "ENTRYPOINT");
    assert_eq!(entrypoint, ["/usr/bin/tini", "--", "/usr/local/bin/billcoach"]);
    let cmd = exec_form(&dockerfile, "CMD [");
    assert_eq!(cmd, ["telegram"]);
    let healthcheck = exec_form(&dockerfile, "HEALTHCHECK");
    assert_eq!(healthcheck[..2], ["bash", "-c"]);

    // The image's settings, with the data folder and the port moved here.
    let port = free_port();
    let mut env: Vec<(String, String)> = dockerfile
        .lines()
        .filter_map(|l| l.strip_prefix("ENV "))
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert!(env.contains(&("BILLCOACH_DB".into(), "/data".into())), "{env:?}");
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    for (key, value) in env.iter_mut() {
        match key.as_str() {
            "BILLCOACH_DB" => *value = dir.path().join("data").display().to_string(),
            "BILLCOACH_LISTEN" => *value = format!("127.0.0.1:{port}"),
            _ => {}
        }
    }
    let mut settings: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    settings.push(("TELOXIDE_TOKEN", TEST_TOKEN));
    let mut bot = BotProcess::spawn_with_env(&api.url, dir.path(), &settings);
    let mut pat = Phone::new(&api, 5_550_090);
    pat.send("/start");
    pat.expect("Hi, I'm billcoach").await;

    let check = healthcheck[2].replace("/8080", &format!("/{port}"));
    let healthy = std::process::Command::new("bash")
        .arg("-c")
        .arg(&check)
        .status()
        .unwrap();
    assert!(healthy.success(), "the HEALTHCHECK command passes: {check}");

    let started = std::time::Instant::now();
    assert!(bot.terminate().success(), "log:\n{}", bot.log());
    assert!(started.elapsed() < Duration::from_secs(5), "SIGTERM stops it promptly");
    assert!(bot.log().contains("stopped; data flushed"), "log:\n{}", bot.log());
    let down = std::process::Command::new("bash")
        .arg("-c")
        .arg(&check)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!down.success(), "the HEALTHCHECK fails once it is down");
}

#[test]
fn the_systemd_unit_is_hardened_and_the_compose_file_keeps_data_in_a_volume() {
    let unit = deploy_file("billcoach.service");
    for needed in [
        "User=billcoach",
        "StateDirectory=billcoach",
        "StateDirectoryMode=0700",
        "EnvironmentFile=/etc/billcoach/billcoach.env",
        "ExecStart=/usr/local/bin/billcoach telegram",
        "KillSignal=SIGTERM",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "CapabilityBoundingSet=\n",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "SystemCallFilter=@system-service",
        "UMask=0077",
    ] {
        assert!(unit.contains(needed), "the unit has {needed:?}");
    }
    let compose = deploy_file("compose.yaml");
    for needed in [
        "billcoach-data:/data",
        "read_only: true",
        "no-new-privileges:true",
        "127.0.0.1:8080:8080",
    ] {
        assert!(compose.contains(needed), "compose.yaml has {needed}");
    }
}

/// The several-instances files agree with each other: Caddy forwards the
/// webhook's path (from the settings' example) to the port the instances
/// listen on, the database URL names the compose file's database service,
/// the instances are the service Caddy looks up, and the settings file,
/// which holds the token and keys, is kept out of git.
#[test]
fn the_several_instances_files_agree() {
    let compose = deploy_file("compose.several.yaml");
    let caddy = deploy_file("Caddyfile.several");
    let settings = deploy_file("several.env.example");
    let setting = |name: &str| {
        settings
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("several.env.example sets {name}"))
            .to_string()
    };
    let hook = url::Url::parse(&setting("BILLCOACH_WEBHOOK_URL")).expect("a webhook URL");
    assert!(
        caddy.contains(&format!("handle {} {{", hook.path())),
        "Caddy forwards {}",
        hook.path()
    );
    let listen = compose
        .lines()
        .find_map(|l| l.trim().strip_prefix("BILLCOACH_LISTEN: "))
        .expect("the instances' BILLCOACH_LISTEN");
    let port = listen.rsplit(':').next().unwrap();
    assert!(caddy.contains(&format!("port {port}\n")), "Caddy dials port {port}");
    assert!(caddy.contains("name billcoach\n") && compose.contains("\n  billcoach:\n"));
    assert!(compose.contains("replicas: 3"));
    let database = setting("BILLCOACH_DATABASE_URL");
    assert!(
        database.contains("@db/"),
        "the database URL names the db service: {database}"
    );
    assert!(compose.contains("\n  db:\n"));
    for name in ["MASTER_KEY", "WEBHOOK_SECRET"] {
        assert!(
            settings.contains(&format!("BILLCOACH_{name}=")),
            "several.env.example has {name}"
        );
    }
    let ignored = std::fs::read_to_string(format!("{}/.gitignore", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(compose.contains("env_file: several.env") && ignored.lines().any(|l| l == "deploy/several.env"));
}
