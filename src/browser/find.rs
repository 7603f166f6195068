//! Which Chrome or Chromium to start when `puppeteer.executablePath` is not
//! given. whatsapp-web.js users have a browser where puppeteer put it, or a
//! system Chrome; `/usr/bin/chromium` alone would send most of them to a
//! launch error. The order, first match wins:
//!
//! 1. `puppeteer.executablePath` (used as given, never second-guessed);
//! 2. `$CHROME_PATH`, then `$PUPPETEER_EXECUTABLE_PATH`;
//! 3. puppeteer's browser cache (`$PUPPETEER_CACHE_DIR`, else
//!    `~/.cache/puppeteer`), newest Chrome first;
//! 4. `google-chrome-stable`, `google-chrome`, `chromium`, `chromium-browser`
//!    on the `PATH`;
//! 5. the usual install locations (`/usr/bin/chromium`, `/snap/bin/chromium`, …).
//!
//! When nothing is found the error lists every place looked at, so a user can
//! see why, and says how to install a browser.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::errors::ClientError;

/// The program names looked up on the `PATH`, in order.
const PATH_NAMES: &[&str] = &["google-chrome-stable", "google-chrome", "chromium", "chromium-browser"];

/// Where puppeteer's `npx puppeteer browsers install chrome` puts the binary,
/// below `<cache>/chrome/<platform>-<version>/`.
#[cfg(target_os = "linux")]
const CACHE_BINARY: &str = "chrome-linux64/chrome";
#[cfg(target_os = "macos")]
const CACHE_BINARY: &str = "chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing";
#[cfg(windows)]
const CACHE_BINARY: &str = "chrome-win64/chrome.exe";
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
const CACHE_BINARY: &str = "chrome-linux64/chrome";

/// Fixed install locations, checked last.
#[cfg(target_os = "macos")]
pub const SYSTEM_PATHS: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
#[cfg(windows)]
pub const SYSTEM_PATHS: &[&str] = &[
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
];
#[cfg(not(any(target_os = "macos", windows)))]
pub const SYSTEM_PATHS: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/google-chrome",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
];

const HOW_TO_INSTALL: &str = "Install one (Debian/Ubuntu: `apt-get install chromium`; any system: `npx puppeteer browsers install chrome`), \
or pass its path as puppeteer.executablePath or in CHROME_PATH";

/// The browser to start: `explicit` (`puppeteer.executablePath`) when given,
/// else the first one found from the process environment.
pub fn browser_executable(explicit: Option<&Path>) -> Result<PathBuf, ClientError> {
    match explicit {
        Some(path) => Ok(path.to_path_buf()),
        None => Search { var: &|name| std::env::var_os(name), system_paths: SYSTEM_PATHS }.find(),
    }
}

/// One search, with its inputs injectable so the order can be tested
/// without touching the real environment or `/usr/bin`.
pub struct Search<'a> {
    pub var: &'a dyn Fn(&str) -> Option<OsString>,
    pub system_paths: &'a [&'a str],
}

impl Search<'_> {
    pub fn find(&self) -> Result<PathBuf, ClientError> {
        let mut tried = vec!["puppeteer.executablePath (not set)".to_string()];

        for name in ["CHROME_PATH", "PUPPETEER_EXECUTABLE_PATH"] {
            match self.non_empty(name) {
                Some(value) => {
                    let path = PathBuf::from(&value);
                    if is_executable(&path) {
                        return Ok(path);
                    }
                    tried.push(format!("${name}={} (no executable there)", path.display()));
                }
                None => tried.push(format!("${name} (not set)")),
            }
        }

        match self.puppeteer_cache() {
            Some(cache) => {
                if let Some(found) = newest_in_cache(&cache) {
                    return Ok(found);
                }
                tried.push(format!("puppeteer's cache {} (none)", cache.join("chrome").join("*").join(CACHE_BINARY).display()));
            }
            None => tried.push("puppeteer's cache (neither $PUPPETEER_CACHE_DIR nor $HOME set)".into()),
        }

        let dirs: Vec<PathBuf> = self.var("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
        for name in PATH_NAMES {
            let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
            if let Some(found) = dirs.iter().map(|d| d.join(&file)).find(|p| is_executable(p)) {
                return Ok(found);
            }
        }
        tried.push(format!("{} on the PATH (none)", PATH_NAMES.join(", ")));

        if let Some(found) = self.system_paths.iter().map(PathBuf::from).find(|p| is_executable(p)) {
            return Ok(found);
        }
        tried.push(format!("{} (none)", self.system_paths.join(", ")));

        Err(ClientError::BrowserLaunch(format!("no Chrome or Chromium found. Tried: {}. {HOW_TO_INSTALL}.", tried.join("; "))))
    }

    fn var(&self, name: &str) -> Option<OsString> {
        (self.var)(name)
    }

    fn non_empty(&self, name: &str) -> Option<OsString> {
        self.var(name).filter(|v| !v.is_empty())
    }

    /// puppeteer's rule: `PUPPETEER_CACHE_DIR`, else `<home>/.cache/puppeteer`.
    fn puppeteer_cache(&self) -> Option<PathBuf> {
        if let Some(dir) = self.non_empty("PUPPETEER_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        let home = self.non_empty("HOME").or_else(|| if cfg!(windows) { self.non_empty("USERPROFILE") } else { None })?;
        Some(Path::new(&home).join(".cache").join("puppeteer"))
    }
}

/// The newest `<cache>/chrome/<platform>-<version>/<binary>` that exists.
fn newest_in_cache(cache: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(cache.join("chrome")).ok()?;
    let mut builds: Vec<(Vec<u64>, PathBuf)> = entries
        .flatten()
        .map(|entry| (version_of(&entry.file_name().to_string_lossy()), entry.path().join(CACHE_BINARY)))
        .filter(|(_, binary)| is_executable(binary))
        .collect();
    builds.sort();
    builds.pop().map(|(_, binary)| binary)
}

/// `linux-131.0.6778.85` -> [131, 0, 6778, 85]; what is not a number sorts first.
fn version_of(build_dir: &str) -> Vec<u64> {
    let version = build_dir.rsplit_once('-').map_or(build_dir, |(_, v)| v);
    version.split('.').map(|part| part.parse().unwrap_or(0)).collect()
}

/// A file we may run (following symlinks): puppeteer's cache holds a real
/// file, a PATH entry may be a symlink, and a directory or device is no browser.
fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A fake machine: a temp folder with executables placed where a test says.
    struct Machine {
        root: tempfile::TempDir,
        vars: HashMap<String, OsString>,
    }

    impl Machine {
        fn new() -> Self {
            Machine { root: tempfile::tempdir().unwrap(), vars: HashMap::new() }
        }
        fn path(&self, rel: &str) -> PathBuf {
            self.root.path().join(rel)
        }
        fn executable(&self, rel: &str) -> PathBuf {
            let path = self.path(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "#!/bin/sh\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            path
        }
        fn set(&mut self, name: &str, value: impl Into<OsString>) {
            self.vars.insert(name.into(), value.into());
        }
        fn find_with(&self, system: &[&str]) -> Result<PathBuf, ClientError> {
            let var = |name: &str| self.vars.get(name).cloned();
            Search { var: &var, system_paths: system }.find()
        }
    }

    /// Every kind of place holds a browser; removing the winner each time
    /// must hand the choice to the next place in the documented order.
    #[test]
    fn follows_the_documented_order() {
        let mut m = Machine::new();
        let system = m.executable("usr/bin/chromium");
        let system_str = system.to_str().unwrap().to_string();
        let on_path = m.executable("bin/chromium");
        let chrome_on_path = m.executable("bin/google-chrome");
        let cache = m.executable(&format!("home/.cache/puppeteer/chrome/linux-131.0.6778.85/{CACHE_BINARY}"));
        let pptr_env = m.executable("pptr/chrome");
        let chrome_env = m.executable("chrome-path/chrome");
        m.set("HOME", m.path("home"));
        m.set("PATH", m.path("bin"));
        m.set("PUPPETEER_EXECUTABLE_PATH", &pptr_env);
        m.set("CHROME_PATH", &chrome_env);
        let system_paths = [system_str.as_str()];

        assert_eq!(m.find_with(&system_paths).unwrap(), chrome_env);
        m.set("CHROME_PATH", "");
        assert_eq!(m.find_with(&system_paths).unwrap(), pptr_env);
        m.vars.remove("PUPPETEER_EXECUTABLE_PATH");
        assert_eq!(m.find_with(&system_paths).unwrap(), cache);
        std::fs::remove_file(&cache).unwrap();
        assert_eq!(m.find_with(&system_paths).unwrap(), chrome_on_path, "google-chrome comes before chromium on the PATH");
        std::fs::remove_file(&chrome_on_path).unwrap();
        assert_eq!(m.find_with(&system_paths).unwrap(), on_path);
        std::fs::remove_file(&on_path).unwrap();
        assert_eq!(m.find_with(&system_paths).unwrap(), system);
    }

    #[test]
    fn an_env_path_with_no_browser_falls_through_and_is_reported() {
        let mut m = Machine::new();
        let system = m.executable("usr/bin/chromium");
        m.set("CHROME_PATH", m.path("nothing/here"));
        assert_eq!(m.find_with(&[system.to_str().unwrap()]).unwrap(), system);
        let err = m.find_with(&[]).unwrap_err();
        assert!(err.to_string().contains(&format!("$CHROME_PATH={} (no executable there)", m.path("nothing/here").display())), "{err}");
    }

    #[test]
    fn puppeteer_cache_dir_wins_over_home_and_newest_build_is_chosen() {
        let mut m = Machine::new();
        m.executable(&format!("home/.cache/puppeteer/chrome/linux-140.0.1.1/{CACHE_BINARY}"));
        m.executable(&format!("cache/chrome/linux-99.0.4844.51/{CACHE_BINARY}"));
        let newest = m.executable(&format!("cache/chrome/linux-131.0.6778.85/{CACHE_BINARY}"));
        // A newer build folder without the binary (an interrupted download) is skipped.
        std::fs::create_dir_all(m.path("cache/chrome/linux-200.0.0.0")).unwrap();
        m.set("HOME", m.path("home"));
        m.set("PUPPETEER_CACHE_DIR", m.path("cache"));
        assert_eq!(m.find_with(&[]).unwrap(), newest);
    }

    #[test]
    fn a_directory_or_a_plain_file_is_not_a_browser() {
        let mut m = Machine::new();
        std::fs::create_dir_all(m.path("bin/chromium")).unwrap();
        std::fs::create_dir_all(m.path("bin2")).unwrap();
        std::fs::write(m.path("bin2/google-chrome"), "not executable").unwrap();
        m.set("PATH", std::env::join_paths([m.path("bin"), m.path("bin2")]).unwrap());
        assert!(m.find_with(&[]).is_err());
    }

    #[test]
    fn nothing_found_lists_every_place_and_how_to_install() {
        let mut m = Machine::new();
        m.set("HOME", m.path("home"));
        m.set("PATH", m.path("bin"));
        let err = m.find_with(&["/nonexistent/chromium", "/snap/nonexistent"]).unwrap_err();
        assert_eq!(err.code(), "ERR_BROWSER_LAUNCH");
        let msg = err.to_string();
        for needle in [
            "puppeteer.executablePath (not set)",
            "$CHROME_PATH (not set)",
            "$PUPPETEER_EXECUTABLE_PATH (not set)",
            &format!("puppeteer's cache {}", m.path("home/.cache/puppeteer/chrome/*").display()),
            "google-chrome-stable, google-chrome, chromium, chromium-browser on the PATH",
            "/nonexistent/chromium, /snap/nonexistent",
            "apt-get install chromium",
            "npx puppeteer browsers install chrome",
        ] {
            assert!(msg.contains(needle), "missing {needle:?} in {msg}");
        }
    }

    #[test]
    fn explicit_path_is_used_as_given() {
        assert_eq!(browser_executable(Some(Path::new("/opt/my/chrome"))).unwrap(), PathBuf::from("/opt/my/chrome"));
    }

    #[test]
    fn build_folder_versions_compare_numerically() {
        assert!(version_of("linux-131.0.6778.85") > version_of("linux-99.0.4844.51"));
        assert_eq!(version_of("linux-1.2"), vec![1, 2]);
    }
}
