//! Tesseract, run as its own program: a picture in (PNG on its standard
//! input), text out, with a time limit, a memory limit and one thread, so a
//! photo being read never starves the chats being answered.

use super::Limits;
use image::GrayImage;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Why OCR gave no text.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("Tesseract is not installed on this server")]
    NotInstalled,
    #[error("OCR took longer than its limit")]
    TimedOut,
    #[error("OCR failed: {0}")]
    Failed(String),
}

/// The OCR program, found at start.
#[derive(Debug, Clone)]
pub struct Ocr {
    program: String,
}

impl Ocr {
    /// Tesseract with its English data, if this server has it.
    pub fn find() -> Option<Ocr> {
        let program = std::env::var("BILLCOACH_TESSERACT").unwrap_or_else(|_| "tesseract".to_string());
        let languages = Command::new(&program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let listed = String::from_utf8_lossy(&languages.stdout);
        listed
            .lines()
            .any(|line| line.trim() == "eng")
            .then_some(Ocr { program })
    }

    /// The text of a picture, lines in reading order. Blocks: run it off the
    /// async runtime.
    pub fn read(&self, picture: &GrayImage, limits: &Limits) -> Result<String, OcrError> {
        let mut png = Vec::new();
        picture
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| OcrError::Failed(e.to_string()))?;
        let started = Instant::now();
        let mut command = Command::new(&self.program);
        command
            .args(["stdin", "stdout", "-l", "eng", "--psm", "6"])
            .args(["-c", "preserve_interword_spaces=1"])
            // One thread: the other core keeps serving chats.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        limit_memory(&mut command, limits.ocr_memory);
        let mut child = command.spawn().map_err(|_| OcrError::NotInstalled)?;
        let mut stdin = child.stdin.take().ok_or_else(|| OcrError::Failed("no input".into()))?;
        let writer = std::thread::spawn(move || stdin.write_all(&png));
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| OcrError::Failed("no output".into()))?;
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            stdout.read_to_string(&mut text).map(|_| text)
        });
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| OcrError::Failed(e.to_string()))? {
                break status;
            }
            if started.elapsed() > limits.ocr_time {
                let _ = child.kill();
                let _ = child.wait();
                log::warn!("OCR stopped after {} s", limits.ocr_time.as_secs());
                return Err(OcrError::TimedOut);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let _ = writer.join();
        let text = reader
            .join()
            .map_err(|_| OcrError::Failed("the output was lost".into()))?
            .map_err(|e| OcrError::Failed(e.to_string()))?;
        if !status.success() {
            return Err(OcrError::Failed(format!("Tesseract ended with {status}")));
        }
        log::info!(
            "OCR of a {}×{} picture took {} ms",
            picture.width(),
            picture.height(),
            started.elapsed().as_millis()
        );
        Ok(text)
    }
}

/// Caps the program's address space, so a hostile picture cannot take the
/// server's memory.
#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command, _bytes: u64) {}
