//! Folders and files only their owner can read.
//!
//! A session folder is an account: whoever reads it can send that person's
//! messages. Everything the client creates for a session is therefore 0700
//! (folders) or 0600 (files), set with an explicit chmod after creation so
//! the process umask cannot loosen it. Writes that replace a file go to a
//! temporary file in the same folder first and are renamed into place, so a
//! reader never sees half a file and a symlink planted at the name is
//! replaced, not followed.

use std::fs::{File, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents as 0700 (existing folders are left
/// alone: a user's `dataPath` parent is theirs to choose).
pub fn create_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut cursor = Some(dir);
    while let Some(p) = cursor {
        if p.as_os_str().is_empty() || p.is_dir() {
            break;
        }
        missing.push(p.to_path_buf());
        cursor = p.parent();
    }
    for p in missing.iter().rev() {
        match std::fs::DirBuilder::new().mode(DIR_MODE).create(p) {
            Ok(()) => std::fs::set_permissions(p, Permissions::from_mode(DIR_MODE))?,
            // Another thread or process made it meanwhile: fine, if it is a folder.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && p.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Creates `dir` (and missing parents) and makes `dir` itself 0700 even if it existed.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    create_dir_all(dir)?;
    std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
}

/// A new file (never an existing one, never through a symlink), 0600.
pub fn create_new_file(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    Ok(file)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename; the result is 0600.
pub fn write_replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".wwrs-").suffix(".tmp").tempfile_in(dir)?;
    tmp.as_file().set_permissions(Permissions::from_mode(FILE_MODE))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Copies `from` to `to` the same way (temporary file, rename, 0600).
pub fn copy_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let dir = to.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".wwrs-").suffix(".tmp").tempfile_in(dir)?;
    tmp.as_file().set_permissions(Permissions::from_mode(FILE_MODE))?;
    std::io::copy(&mut File::open(from)?, tmp.as_file_mut())?;
    tmp.persist(to).map_err(|e| e.error)?;
    Ok(())
}

/// Whether `path`, taken apart, stays below `base` (no `..`, no root, no prefix).
pub fn stays_inside(base: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(base) else { return false };
    rest.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn created_folders_and_files_are_private_whatever_the_umask() {
        let tmp = tempfile::tempdir().unwrap();
        // SAFETY: umask is process-wide; this test only loosens it, which the
        // code under test must resist, and restores it.
        let old = unsafe { libc::umask(0) };
        let dir = tmp.path().join("a/b/c");
        create_dir_all(&dir).unwrap();
        let file = dir.join("f");
        drop(create_new_file(&file).unwrap());
        write_replace(&dir.join("g"), b"x").unwrap();
        unsafe { libc::umask(old) };
        for d in ["a", "a/b", "a/b/c"] {
            assert_eq!(mode(&tmp.path().join(d)), 0o700, "{d}");
        }
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&dir.join("g")), 0o600);
        assert!(create_new_file(&file).is_err(), "never reuses an existing file");
    }

    #[test]
    fn write_replace_replaces_a_symlink_instead_of_following_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("target");
        std::fs::write(&target, b"keep").unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_replace(&link, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
        assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }

    #[test]
    fn stays_inside_refuses_escapes() {
        let base = Path::new("/c");
        assert!(stays_inside(base, Path::new("/c/2.3000.1.html")));
        assert!(!stays_inside(base, Path::new("/c/../x.html")));
        assert!(!stays_inside(base, Path::new("/x.html")));
    }
}
