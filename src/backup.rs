//! `billcoach backup PATH` and `billcoach restore PATH`.
//!
//! sled locks its folder while the bot runs, so a second process cannot
//! open the store. The running bot therefore listens on a Unix socket in
//! its data folder (`control.sock`, `0600`, in the `0700` folder: only the
//! user running the bot can connect), and `billcoach backup` asks it to
//! write the backup ([`Engine::backup_to`]: every chat's lock held, so the
//! copy is consistent). When no bot answers there, the command opens the
//! store itself and writes the same file. `restore` writes into an empty
//! (or new) data folder only, so it can never mix with a running bot's.

use crate::engine::Engine;
use crate::store::{RestoreError, Store};
use std::path::{Path, PathBuf};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

/// The control socket's name in the data folder.
pub const CONTROL_SOCKET: &str = "control.sock";

/// Why a backup failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no data folder at {0}")]
    NoData(String),
    #[error("the running bot could not write the backup: {0}")]
    Refused(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// Serves `billcoach backup` while the bot runs, until the task is
/// dropped; a socket that cannot be made is logged (a backup then needs
/// the bot stopped).
pub async fn serve(engine: Engine, data_dir: PathBuf) {
    let path = data_dir.join(CONTROL_SOCKET);
    // A socket left by a killed bot: nobody listens on it any more (the
    // store's lock, taken before this, says no other bot runs here).
    let _ = std::fs::remove_file(&path);
    let listener = match UnixListener::bind(&path) {
        Ok(listener) => listener,
        Err(e) => {
            log::warn!("no control socket ({e}): `billcoach backup` needs the bot stopped");
            return;
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let engine = engine.clone();
        tokio::spawn(async move {
            if let Err(e) = answer(&engine, stream).await {
                log::warn!("control socket: {e}");
            }
        });
    }
}

/// One request: `backup <absolute path>` → `ok <bytes>` or `error <why>`.
async fn answer(engine: &Engine, stream: UnixStream) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    BufReader::new(read).read_line(&mut line).await?;
    let reply = match line.trim_end().split_once(' ') {
        Some(("backup", path)) if Path::new(path).is_absolute() => {
            let started = std::time::Instant::now();
            match engine.backup_to(PathBuf::from(path)).await {
                Ok(bytes) => {
                    log::info!("backup written: {bytes} bytes in {} ms", started.elapsed().as_millis());
                    format!("ok {bytes}\n")
                }
                Err(e) => {
                    log::error!("backup failed: {e}");
                    format!("error {e}\n")
                }
            }
        }
        _ => "error unknown request\n".to_string(),
    };
    write.write_all(reply.as_bytes()).await
}

/// Writes a backup of the data folder `data_dir` to `to` (`-`: to
/// stdout, through a file in the data folder removed afterwards, for
/// `docker compose exec -T billcoach billcoach backup - > today.bcb`).
/// Returns the backup's size.
pub async fn backup(data_dir: &Path, to: &Path) -> Result<u64, BackupError> {
    if to != Path::new("-") {
        return backup_to_file(data_dir, to).await;
    }
    let staged = data_dir.join(format!("backup-{}.staged", std::process::id()));
    let written = backup_to_file(data_dir, &staged).await;
    let streamed = match &written {
        Ok(_) => {
            std::fs::File::open(&staged).and_then(|mut file| std::io::copy(&mut file, &mut std::io::stdout().lock()))
        }
        Err(_) => Ok(0),
    };
    let _ = std::fs::remove_file(&staged);
    streamed?;
    written
}

/// Restores the backup `from` (`-`: from stdin) into the data folder
/// `data_dir` (missing or empty).
pub fn restore(from: &Path, data_dir: &Path) -> Result<(), RestoreError> {
    if from == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
        return Store::restore_backup_bytes(&bytes, data_dir);
    }
    Store::restore_backup(from, data_dir)
}

/// Writes a backup of the data folder `data_dir` to the file `to`: by the
/// running bot when one answers on its control socket, else directly.
async fn backup_to_file(data_dir: &Path, to: &Path) -> Result<u64, BackupError> {
    let to = std::path::absolute(to)?;
    if let Ok(stream) = UnixStream::connect(data_dir.join(CONTROL_SOCKET)).await {
        let (read, mut write) = stream.into_split();
        write.write_all(format!("backup {}\n", to.display()).as_bytes()).await?;
        write.shutdown().await?;
        let mut reply = String::new();
        BufReader::new(read).read_line(&mut reply).await?;
        return match reply.trim_end().split_once(' ') {
            Some(("ok", bytes)) => Ok(bytes.parse().unwrap_or(0)),
            Some((_, why)) => Err(BackupError::Refused(why.to_string())),
            None => Err(BackupError::Refused("no answer".into())),
        };
    }
    if !data_dir.join(crate::store::chat_keys::FILE_NAME).exists() {
        return Err(BackupError::NoData(data_dir.display().to_string()));
    }
    let data_dir = data_dir.to_path_buf();
    let store = tokio::task::spawn_blocking(move || Store::open(&data_dir))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    let written = tokio::task::spawn_blocking(move || store.write_backup(&to))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    Ok(written)
}
