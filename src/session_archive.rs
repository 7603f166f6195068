//! The zip a RemoteAuth backup is made of, and its careful unpacking.
//!
//! A backup holds `Default/IndexedDB` and `Default/Local Storage` of the
//! profile (whatsapp-web.js's RemoteAuth layout). What comes back from a store
//! is untrusted: it is unpacked into a fresh folder, only those two folders
//! are taken from it, every path must stay inside, and the number of entries
//! and the bytes written are capped while reading, whatever the zip's headers
//! claim. Everything written is 0600 in 0700 folders.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path};

use crate::private_fs;

/// The profile folders a backup carries (below `Default/`).
pub const BACKED_UP: [&str; 2] = ["IndexedDB", "Local Storage"];

/// Caps on what one restore may write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_entries: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // A real session (IndexedDB + Local Storage) is a few MB in a few hundred files.
        Limits { max_bytes: 512 << 20, max_entries: 100_000 }
    }
}

/// Zips `<profile>/Default/{IndexedDB, Local Storage}` as `Default/...` into a new 0600 file.
pub fn zip_session(profile_default: &Path, zip_path: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(zip_path);
    let file = private_fs::create_new_file(zip_path).map_err(|e| format!("cannot create {}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(private_fs::FILE_MODE);
    for name in BACKED_UP {
        let source = profile_default.join(name);
        if source.is_dir() {
            add_dir(&mut zip, &source, &Path::new("Default").join(name), options)?;
        }
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(())
}

fn add_dir(zip: &mut zip::ZipWriter<File>, dir: &Path, prefix: &Path, options: zip::write::SimpleFileOptions) -> Result<(), String> {
    let name = prefix.to_string_lossy().replace('\\', "/");
    zip.add_directory(format!("{name}/"), options.unix_permissions(private_fs::DIR_MODE)).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let inner = prefix.join(entry.file_name());
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_dir() {
            add_dir(zip, &path, &inner, options)?;
        } else if kind.is_file() {
            // A live profile: a file may vanish between listing and reading.
            let Ok(mut f) = File::open(&path) else { continue };
            let mut buf = Vec::new();
            if f.read_to_end(&mut buf).is_err() {
                continue;
            }
            zip.start_file(inner.to_string_lossy().replace('\\', "/"), options).map_err(|e| e.to_string())?;
            zip.write_all(&buf).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Whether an entry's (already enclosed) path lies in a backed-up folder;
/// `Default` itself is let through as a folder.
fn backed_up(relative: &Path) -> bool {
    let mut parts = relative.components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(d)), None) => d == "Default",
        (Some(Component::Normal(d)), Some(Component::Normal(sub))) => d == "Default" && BACKED_UP.iter().any(|b| sub == *b),
        _ => false,
    }
}

/// Unzips `zip_path` into `dir`, which must not exist yet. Fails on any entry
/// that would land outside `dir`, on more entries or more bytes than
/// `limits` allow (counted while writing), and on a damaged archive; skips
/// entries outside the backed-up folders. On failure `dir` may hold part of
/// the archive: the caller unpacks into a scratch folder and throws it away.
pub fn unzip(zip_path: &Path, dir: &Path, limits: Limits) -> Result<(), String> {
    let file = File::open(zip_path).map_err(|e| format!("cannot open the archive: {e}"))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("the stored session is not a readable zip: {e}"))?;
    if archive.len() as u64 > limits.max_entries {
        return Err(format!("the stored session has {} entries, more than the limit of {} (restoreMaxEntries)", archive.len(), limits.max_entries));
    }
    std::fs::DirBuilder::new().create(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    private_fs::ensure_private_dir(dir).map_err(|e| e.to_string())?;
    let mut written: u64 = 0;
    let mut skipped = 0usize;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| format!("the stored session is damaged: {e}"))?;
        // Only plain names: no `..` (even one that stays inside), no root, no drive.
        let relative = entry.enclosed_name().filter(|p| p.components().all(|c| matches!(c, Component::Normal(_))));
        let Some(relative) = relative else {
            return Err(format!("the stored session has an unsafe path {:?}", entry.name()));
        };
        if !backed_up(&relative) {
            skipped += 1;
            continue;
        }
        let target = dir.join(&relative);
        if entry.is_dir() {
            private_fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            continue;
        }
        if let Some(parent) = target.parent() {
            private_fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        // Symlinks and other special entries become plain files with their text:
        // nothing written can point outside `dir`.
        let mut out = private_fs::create_new_file(&target).map_err(|e| format!("cannot write {:?}: {e}", entry.name()))?;
        let remaining = limits.max_bytes - written;
        let damaged = |e: std::io::Error| format!("the stored session is damaged: {e}");
        let copied = std::io::copy(&mut (&mut entry).take(remaining), &mut out).map_err(damaged)?;
        // One more byte to read means the entry is longer than what was left: refused
        // without writing it.
        if copied == remaining && entry.read(&mut [0u8; 1]).map_err(damaged)? > 0 {
            return Err(format!("the stored session expands to more than {} bytes (restoreMaxBytes)", limits.max_bytes));
        }
        written += copied;
    }
    if skipped > 0 {
        crate::debug_log!("RemoteAuth restore: skipped {skipped} entries outside Default/IndexedDB and Default/Local Storage");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn make_zip(path: &Path, entries: &[(&str, &[u8])]) {
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
    }

    fn du(dir: &Path) -> u64 {
        let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
        entries
            .flatten()
            .map(|e| if e.file_type().unwrap().is_dir() { du(&e.path()) } else { e.metadata().unwrap().len() })
            .sum()
    }

    #[test]
    fn roundtrip_keeps_the_session_folders_only_and_writes_private_files() {
        let tmp = tempfile::tempdir().unwrap();
        let default = tmp.path().join("profile/Default");
        std::fs::create_dir_all(default.join("IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb")).unwrap();
        std::fs::create_dir_all(default.join("Local Storage/leveldb")).unwrap();
        std::fs::create_dir_all(default.join("Cache")).unwrap();
        std::fs::write(default.join("IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log"), b"\x00\x01session").unwrap();
        std::fs::write(default.join("Local Storage/leveldb/CURRENT"), b"MANIFEST-000001\n").unwrap();
        std::fs::write(default.join("Cache/big"), vec![7u8; 1000]).unwrap();
        let zip = tmp.path().join("s.zip");
        zip_session(&default, &zip).unwrap();
        assert_eq!(std::fs::metadata(&zip).unwrap().permissions().mode() & 0o777, 0o600, "the backup zip is private");
        let out = tmp.path().join("restored");
        unzip(&zip, &out, Limits::default()).unwrap();
        let log = out.join("Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log");
        assert_eq!(std::fs::read(&log).unwrap(), b"\x00\x01session");
        assert_eq!(std::fs::read(out.join("Default/Local Storage/leveldb/CURRENT")).unwrap(), b"MANIFEST-000001\n");
        assert!(!out.join("Default/Cache").exists(), "caches are not backed up");
        assert_eq!(std::fs::metadata(&log).unwrap().permissions().mode() & 0o777, 0o600);
        for d in ["", "Default", "Default/IndexedDB", "Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb"] {
            assert_eq!(std::fs::metadata(out.join(d)).unwrap().permissions().mode() & 0o777, 0o700, "{d}");
        }
    }

    #[test]
    fn entries_outside_the_backed_up_folders_are_not_extracted() {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("s.zip");
        make_zip(&zip, &[("Local State", b"{}"), ("Default/Preferences", b"{}"), ("Default/Local Storage/leveldb/CURRENT", b"M")]);
        let out = tmp.path().join("p");
        unzip(&zip, &out, Limits::default()).unwrap();
        assert!(!out.join("Local State").exists());
        assert!(!out.join("Default/Preferences").exists());
        assert!(out.join("Default/Local Storage/leveldb/CURRENT").exists());
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("evil.zip");
        make_zip(&zip, &[("Default/IndexedDB/../../../escaped", b"x")]);
        let err = unzip(&zip, &tmp.path().join("p"), Limits::default()).unwrap_err();
        assert!(err.contains("unsafe path"), "{err}");
        assert!(!tmp.path().join("escaped").exists());
        // A `..` that stays inside would still reach a folder that is not backed up.
        make_zip(&zip, &[("Default/IndexedDB/../Preferences", b"x")]);
        assert!(unzip(&zip, &tmp.path().join("q"), Limits::default()).unwrap_err().contains("unsafe path"));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_byte_cap_while_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("bomb.zip");
        // 64 MiB of zeros compress to about 64 KiB.
        make_zip(&zip, &[("Default/IndexedDB/a", &vec![0u8; 32 << 20]), ("Default/IndexedDB/b", &vec![0u8; 32 << 20])]);
        assert!(std::fs::metadata(&zip).unwrap().len() < 1 << 20);
        let out = tmp.path().join("p");
        let limits = Limits { max_bytes: 1 << 20, max_entries: 10 };
        let err = unzip(&zip, &out, limits).unwrap_err();
        assert!(err.contains("restoreMaxBytes"), "{err}");
        assert!(du(&out) <= limits.max_bytes, "never more than the cap on disk: {}", du(&out));
    }

    #[test]
    fn too_many_entries_are_refused_before_anything_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("many.zip");
        let names: Vec<String> = (0..20).map(|i| format!("Default/IndexedDB/{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        make_zip(&zip, &entries);
        let err = unzip(&zip, &tmp.path().join("p"), Limits { max_bytes: 1 << 20, max_entries: 10 }).unwrap_err();
        assert!(err.contains("restoreMaxEntries"), "{err}");
        assert!(!tmp.path().join("p").exists());
    }

    #[test]
    fn a_truncated_zip_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("t.zip");
        make_zip(&zip, &[("Default/IndexedDB/a", &vec![5u8; 10_000])]);
        let bytes = std::fs::read(&zip).unwrap();
        std::fs::write(&zip, &bytes[..bytes.len() / 2]).unwrap();
        assert!(unzip(&zip, &tmp.path().join("p"), Limits::default()).is_err());
    }
}
