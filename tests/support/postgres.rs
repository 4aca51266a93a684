//! A throwaway PostgreSQL server for the tests of the PostgreSQL store:
//! `initdb` into a temporary folder, `pg_ctl start` on a free port of
//! 127.0.0.1 (and a socket in that folder), shared by every test of the
//! binary and stopped when the binary exits. PostgreSQL refuses to run as
//! root, so as root it runs as the `postgres` user (`runuser`), in a folder
//! that user owns. The binaries come from Debian's packages
//! (`/usr/lib/postgresql/*/bin`, `.ci/run` installs them) or `PATH`.
//!
//! Where it cannot start, [`server`] says why: the tests print one
//! "skipped: PostgreSQL could not start: …" line and pass.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// The running server.
pub struct TempPostgres {
    folder: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres_user: bool,
}

static SERVER: OnceLock<Result<TempPostgres, String>> = OnceLock::new();

/// The shared server, started on first use; why not, when it cannot start.
pub fn server() -> Result<&'static TempPostgres, String> {
    SERVER.get_or_init(start).as_ref().map_err(Clone::clone)
}

/// A new empty database on the shared server, as a `postgres://` URL.
pub fn new_database() -> Result<String, String> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let server = server()?;
    let name = format!("t{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    let out = server
        .command("createdb")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &server.port.to_string(),
            "-U",
            "postgres",
            &name,
        ])
        .output()
        .map_err(|e| format!("createdb: {e}"))?;
    if !out.status.success() {
        return Err(format!("createdb: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(server.url(&name))
}

impl TempPostgres {
    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// One of PostgreSQL's programs, run as the user that owns the server.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match self.as_postgres_user {
            true => {
                let mut command = Command::new("runuser");
                command.args(["-u", "postgres", "--"]).arg(path);
                command
            }
            false => Command::new(path),
        }
    }

    fn stop(&self) {
        let data = self.folder.join("data");
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Where `initdb` is: the newest of Debian's versions, else `PATH`.
fn bin_folder() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find(|dir| dir.join("initdb").exists())
}

fn start() -> Result<TempPostgres, String> {
    let bin = bin_folder().ok_or("no initdb in /usr/lib/postgresql/*/bin or PATH (install postgresql)")?;
    let as_postgres_user = unsafe { libc::geteuid() } == 0;
    let folder = std::env::temp_dir().join(format!("billcoach-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let server = TempPostgres {
        folder: folder.clone(),
        bin,
        port,
        as_postgres_user,
    };
    if as_postgres_user {
        let owned = Command::new("chown")
            .args(["-R", "postgres:"])
            .arg(&folder)
            .status()
            .map_err(|e| format!("chown: {e}"))?;
        if !owned.success() {
            return Err("cannot give the temporary folder to the postgres user".into());
        }
    }
    let data = folder.join("data");
    run(server.command("initdb").arg("-D").arg(&data).args([
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
    ]))?;
    let options = format!(
        "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        folder.display()
    );
    let started = run(server
        .command("pg_ctl")
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(folder.join("log"))
        .args(["-o", &options, "-w", "-t", "30", "start"]));
    if let Err(e) = started {
        let log = std::fs::read_to_string(folder.join("log")).unwrap_or_default();
        server.stop();
        return Err(format!("{e} {}", last_line(&log)));
    }
    // Stopped when the test binary exits (statics are never dropped).
    extern "C" fn stop_at_exit() {
        if let Some(Ok(server)) = SERVER.get() {
            server.stop();
        }
    }
    unsafe { libc::atexit(stop_at_exit) };
    Ok(server)
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "{} failed: {}",
            Path::new(command.get_program()).display(),
            last_line(&String::from_utf8_lossy(&out.stderr))
        )),
    }
}

fn last_line(text: &str) -> &str {
    text.trim().lines().last().unwrap_or("")
}
