//! `billcoach backup PATH` and `billcoach restore PATH`.
//!
//! sled locks its folder while the bot runs, so a second process cannot
//! open the store. The running bot therefore listens on a Unix socket in
//! its data folder (`control.sock`, `0600`, in the `0700` folder: only the
//! user running the bot can connect), and `billcoach backup` asks it to
//! write the backup into that folder ([`Engine::backup_to`]: every chat's
//! lock held, so the copy is consistent), then copies it where it was
//! asked and removes it. When no bot answers there, the command opens the
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
        let (engine, data_dir) = (engine.clone(), data_dir.clone());
        tokio::spawn(async move {
            if let Err(e) = answer(&engine, &data_dir, stream).await {
                log::warn!("control socket: {e}");
            }
        });
    }
}

/// One request: `backup <file name>` → `ok <bytes>` or `error <why>`.
/// The bot writes only into its own data folder (a systemd unit lets it
/// write nowhere else); the command copies the file where it was asked.
async fn answer(engine: &Engine, data_dir: &Path, stream: UnixStream) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    BufReader::new(read).read_line(&mut line).await?;
    let reply = match line.trim_end().split_once(' ') {
        Some(("backup", name)) if is_staging_name(name) => {
            let started = std::time::Instant::now();
            match engine.backup_to(data_dir.join(name)).await {
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

/// A staged backup's name in the data folder: `backup-<digits>.staged`.
fn is_staging_name(name: &str) -> bool {
    name.strip_prefix("backup-")
        .and_then(|rest| rest.strip_suffix(".staged"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Writes a backup of the data folder `data_dir` to `to` (`-`: to stdout,
/// for `docker compose exec -T billcoach billcoach backup - > today.bcb`):
/// staged in the data folder (by the running bot when one answers on its
/// control socket, else directly), then copied by this command, which may
/// write where the bot may not, and removed. Returns the backup's size.
pub async fn backup(data_dir: &Path, to: &Path) -> Result<u64, BackupError> {
    let name = format!("backup-{}.staged", std::process::id());
    let staged = data_dir.join(&name);
    let written = stage(data_dir, &name).await;
    let delivered = match &written {
        Ok(_) if to == Path::new("-") => std::fs::File::open(&staged)
            .and_then(|mut file| std::io::copy(&mut file, &mut std::io::stdout().lock()))
            .map(|_| ()),
        Ok(_) => copy_private(&staged, to),
        Err(_) => Ok(()),
    };
    let _ = std::fs::remove_file(&staged);
    delivered?;
    written
}

/// Copies `from` to `to` (`0600`, synced, renamed into place when whole).
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let partial = to.with_extension("partial");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(&partial)?;
    std::io::copy(&mut std::fs::File::open(from)?, &mut out)?;
    out.sync_all()?;
    std::fs::rename(&partial, to)
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

/// Writes a backup of the data folder `data_dir` into it as `name`: by
/// the running bot when one answers on its control socket, else directly.
async fn stage(data_dir: &Path, name: &str) -> Result<u64, BackupError> {
    if let Ok(stream) = UnixStream::connect(data_dir.join(CONTROL_SOCKET)).await {
        let (read, mut write) = stream.into_split();
        write.write_all(format!("backup {name}\n").as_bytes()).await?;
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
    let (data_dir, to) = (data_dir.to_path_buf(), data_dir.join(name));
    let store = tokio::task::spawn_blocking(move || Store::open(&data_dir))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    let written = tokio::task::spawn_blocking(move || store.write_backup(&to))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bot_writes_only_a_staged_file_of_its_own_folder() {
        assert!(is_staging_name("backup-1234.staged"));
        for name in [
            "../backup-1.staged",
            "/etc/x",
            "backup-.staged",
            "backup-1/2.staged",
            "backup-1.bcb",
        ] {
            assert!(!is_staging_name(name), "{name}");
        }
    }
}
