//! The warm-start cache: what a corpus load learned, kept between runs so that an
//! unchanged folder of minutes opens without reading and parsing every file again.
//!
//! One cache file per set of input folders, in the user's cache directory (never
//! inside the minutes folders). Each entry is keyed by the file's path as found,
//! its device and inode, size and modification time; a file whose key changed is
//! read again and only then. The file carries a magic number, a format version, the
//! payload length and a CRC-32 of the payload, so a missing, stale, truncated or
//! corrupt cache is detected and ignored (and rebuilt) — it is never an error and
//! never gives wrong data.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::loader::Diagnostic;
use crate::model::Meeting;

const MAGIC: &[u8; 8] = b"REFERATC";
/// Bumped whenever the model or the loader's reading changes, so old caches are
/// ignored rather than misread.
const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 4;

/// What identifies one version of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub modified_secs: i64,
    pub modified_nanos: u32,
}

impl FileKey {
    pub fn of(meta: &fs::Metadata) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileKey {
                device: meta.dev(),
                inode: meta.ino(),
                size: meta.len(),
                modified_secs: meta.mtime(),
                modified_nanos: meta.mtime_nsec() as u32,
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            FileKey {
                device: 0,
                inode: 0,
                size: meta.len(),
                modified_secs: modified.as_secs() as i64,
                modified_nanos: modified.subsec_nanos(),
            }
        }
    }
}

/// One cached file, as read back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    pub key: FileKey,
    pub encoding: Option<String>,
    pub error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub meeting: Option<Meeting>,
}

/// One file to cache, borrowed from a loaded corpus. Serialises exactly as
/// [`Entry`] deserialises.
#[derive(Debug, Serialize)]
pub struct EntryRef<'a> {
    pub key: &'a FileKey,
    pub encoding: Option<&'a str>,
    pub error: Option<&'a str>,
    pub diagnostics: &'a [Diagnostic],
    pub meeting: Option<&'a Meeting>,
}

/// Where the cache for a set of input paths lives: `REFERAT_CACHE_DIR`, else the
/// platform cache directory. `None` when there is no such directory.
pub fn location(inputs: &[PathBuf]) -> Option<PathBuf> {
    let dir = match std::env::var_os("REFERAT_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("dk", "referat", "referat")?
            .cache_dir()
            .to_path_buf(),
    };
    // Relative paths mean different folders from different working directories.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::env::current_dir().ok().hash(&mut hasher);
    for input in inputs {
        fs::canonicalize(input)
            .unwrap_or_else(|_| input.clone())
            .hash(&mut hasher);
    }
    Some(dir.join(format!("corpus-{:016x}.bin", hasher.finish())))
}

/// Reads a cache file. Anything wrong with it gives an empty cache.
pub fn read(path: &Path) -> HashMap<String, Entry> {
    let Ok(bytes) = fs::read(path) else {
        return HashMap::new();
    };
    decode(&bytes).unwrap_or_default()
}

fn decode(bytes: &[u8]) -> Option<HashMap<String, Entry>> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return None;
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
    let model = u32::from_le_bytes(bytes[12..16].try_into().ok()?);
    let len = u64::from_le_bytes(bytes[16..24].try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(bytes[24..28].try_into().ok()?);
    let payload = bytes.get(HEADER_LEN..)?;
    if version != FORMAT_VERSION || model != model_fingerprint() || payload.len() != len {
        return None;
    }
    if crc32fast::hash(payload) != crc {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Writes a cache file atomically (a temporary file renamed into place), so a
/// crash mid-write leaves the old cache or none, never half of one.
pub fn write<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = (&'a str, EntryRef<'a>)>,
) -> std::io::Result<()> {
    let map: std::collections::BTreeMap<&str, EntryRef> = entries.into_iter().collect();
    let payload = postcard::to_allocvec(&map).map_err(std::io::Error::other)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id()
    ));
    {
        let mut file = fs::File::create(&temp)?;
        file.write_all(MAGIC)?;
        file.write_all(&FORMAT_VERSION.to_le_bytes())?;
        file.write_all(&model_fingerprint().to_le_bytes())?;
        file.write_all(&(payload.len() as u64).to_le_bytes())?;
        file.write_all(&crc32fast::hash(&payload).to_le_bytes())?;
        file.write_all(&payload)?;
        file.sync_all()?;
    }
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Changes with every build of the program (its version, and the size and time of
/// the executable), so a new build never reads an old build's reading of the files:
/// the loader may have learned to read them better since.
fn model_fingerprint() -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        let key = FileKey::of(&meta);
        hasher.update(&key.size.to_le_bytes());
        hasher.update(&key.modified_secs.to_le_bytes());
        hasher.update(&key.modified_nanos.to_le_bytes());
    }
    hasher.finalize()
}

/// The `&'static` encoding names the corpus reports use, for entries read back.
pub fn encoding_name(name: &str) -> &'static str {
    const KNOWN: [&str; 8] = [
        "UTF-8",
        "windows-1252",
        "UTF-16LE",
        "UTF-16BE",
        "PDF (pdftotext)",
        "PDF (pdftotext -layout)",
        "HTML",
        "GBK",
    ];
    KNOWN
        .iter()
        .find(|k| **k == name)
        .copied()
        .unwrap_or("cached")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn key(size: u64) -> FileKey {
        FileKey {
            device: 1,
            inode: 2,
            size,
            modified_secs: 3,
            modified_nanos: 4,
        }
    }

    fn write_sample(path: &Path) -> Corpus {
        let corpus = Corpus::bundled();
        let keys: Vec<FileKey> = (0..corpus.meetings.len() as u64).map(key).collect();
        write(
            path,
            corpus.meetings.iter().zip(&keys).map(|(m, k)| {
                (
                    m.source.as_str(),
                    EntryRef {
                        key: k,
                        encoding: Some("UTF-8"),
                        error: None,
                        diagnostics: &[],
                        meeting: Some(m),
                    },
                )
            }),
        )
        .unwrap();
        corpus
    }

    #[test]
    fn round_trip_gives_the_same_meetings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        let entries = read(&path);
        assert_eq!(entries.len(), corpus.meetings.len());
        for meeting in &corpus.meetings {
            assert_eq!(entries[&meeting.source].meeting.as_ref(), Some(meeting));
        }
    }

    #[test]
    fn missing_truncated_corrupt_or_foreign_caches_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        assert!(read(&path).is_empty());
        write_sample(&path);
        let good = fs::read(&path).unwrap();

        fs::write(&path, &good[..good.len() / 2]).unwrap();
        assert!(read(&path).is_empty(), "truncated");

        let mut flipped = good.clone();
        let middle = HEADER_LEN + (good.len() - HEADER_LEN) / 2;
        flipped[middle] ^= 0x20;
        fs::write(&path, &flipped).unwrap();
        assert!(read(&path).is_empty(), "one bit flipped in the payload");

        let mut old = good.clone();
        old[8] = old[8].wrapping_add(1);
        fs::write(&path, &old).unwrap();
        assert!(read(&path).is_empty(), "another format version");

        fs::write(&path, b"not a cache at all").unwrap();
        assert!(read(&path).is_empty(), "garbage");

        fs::write(&path, &good).unwrap();
        assert!(!read(&path).is_empty(), "the intact file still reads");
    }

    #[test]
    fn location_depends_on_the_inputs() {
        let a = location(&[PathBuf::from("/tmp/a")]);
        let b = location(&[PathBuf::from("/tmp/b")]);
        assert!(a.is_some());
        assert_ne!(a, b);
    }
}
