//! Chromium's command line from puppeteer-style options.
//!
//! Users pass `args` as they would to puppeteer (`'--flag=value'`); they go
//! to Chromium unchanged. Our own flags come first and are skipped when the
//! user already set the same switch, so a user's value always wins.

use std::path::Path;

use crate::errors::ClientError;
use crate::options::{BrowserOptions, Headless};

/// DevTools over the pipe we hand Chromium as descriptors 3 and 4
/// (devtools_pipe.rs): no port that another local user could reach. Where
/// the pipe is not implemented (Windows), a random port on 127.0.0.1.
#[cfg(unix)]
const DEVTOOLS_FLAG: &str = "--remote-debugging-pipe=cbor";
#[cfg(not(unix))]
const DEVTOOLS_FLAG: &str = "--remote-debugging-port=0";

/// Flags every launch needs besides DevTools: no background traffic
/// (component updates, sync, first-run pages) that a closed network would
/// answer with a flood of failures.
const BASE_FLAGS: &[&str] = &[
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-gpu",
    "--mute-audio",
    "--password-store=basic",
    "--use-mock-keychain",
    // As whatsapp-web.js: WhatsApp Web must not see navigator.webdriver.
    "--disable-blink-features=AutomationControlled",
];

/// Browser UI a headless client never shows, which Chromium 156 still loads
/// for every window: the omnibox's WebUI popups (`chrome://omnibox-popup.top-chrome/`
/// and its AI-mode variant) each take a renderer process, ~150 MiB of RSS and
/// ~36 MiB of private memory, as much as the WhatsApp Web page's own renderer.
/// With `sharedBrowser` every client's tab is a window, so they cost that per
/// session. WhatsApp Web never sees the omnibox. Merged with the user's list.
const UI_FEATURES_OFF: &str = "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup";

fn switch_name(arg: &str) -> &str {
    arg.split('=').next().unwrap_or(arg)
}

/// Feature switches are lists, and Chromium keeps only the last of several
/// `--disable-features=` flags: ours and the user's are merged into one.
fn merge_feature_lists(args: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in ["--disable-features", "--enable-features"] {
        let prefix = format!("{name}=");
        let mut values: Vec<String> = Vec::new();
        for a in args.iter().filter(|a| a.starts_with(&prefix)) {
            for v in a[prefix.len()..].split(',').filter(|v| !v.is_empty()) {
                if !values.iter().any(|x| x == v) {
                    values.push(v.to_string());
                }
            }
        }
        if !values.is_empty() {
            out.push(format!("{prefix}{}", values.join(",")));
        }
    }
    let mut rest: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--disable-features=") && !a.starts_with("--enable-features=")).collect();
    rest.extend(out);
    rest
}

/// Fewer processes for every browser we launch. A client's browser shows
/// one page (a shared browser's default context none), and a reload stays on
/// the same site, so Chromium's spare renderer for a future cross-site
/// navigation is ~76 MiB of RSS spent on nothing; the GPU process (software
/// only here) can live in the browser process (~80 MiB RSS less).
pub const LEAN_FLAGS: &[&str] = &["--disable-features=SpareRendererForSitePerProcess", "--in-process-gpu"];

pub fn chromium_args(opts: &BrowserOptions, profile: &Path) -> Result<Vec<String>, ClientError> {
    let user: Vec<String> = opts.args.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
    if user.iter().any(|a| switch_name(a) == "--user-data-dir") {
        return Err(ClientError::InvalidOption {
            option: "puppeteer.args".into(),
            reason: "--user-data-dir is set by the auth strategy; use puppeteer.userDataDir (NoAuth) or LocalAuth's dataPath".into(),
        });
    }
    let user_has = |name: &str| user.iter().any(|a| switch_name(a) == name);

    let mut args: Vec<String> = vec![DEVTOOLS_FLAG.to_string()];
    for flag in BASE_FLAGS {
        if !user_has(switch_name(flag)) {
            args.push(flag.to_string());
        }
    }
    args.push(format!("--user-data-dir={}", profile.display()));
    match opts.headless {
        Headless::New if !user_has("--headless") => args.push("--headless=new".into()),
        Headless::Shell if !user_has("--headless") => args.push("--headless".into()),
        _ => {}
    }
    // Chromium refuses to start as root without it.
    if running_as_root() && !user_has("--no-sandbox") {
        args.push("--no-sandbox".into());
    }
    if let Some(ua) = &opts.user_agent {
        if !user_has("--user-agent") {
            args.push(format!("--user-agent={ua}"));
        }
    }
    let no_startup = opts.shared && !user_has("--no-startup-window");
    args.extend(user);
    // A browser of our own starts with its blank tab, which becomes the
    // client's page: its renderer starts while Chromium does, instead of after
    // (mod.rs, `startup_page`). A shared browser has no use for a tab outside
    // the clients' contexts, and a blank one would cost a renderer process.
    if no_startup {
        args.push("--no-startup-window".into());
    }
    args.push(UI_FEATURES_OFF.to_string());
    if opts.block_media {
        super::resources::add_block_flags(&mut args);
    }
    for flag in LEAN_FLAGS {
        if flag.starts_with("--disable-features=") || !args.iter().any(|a| switch_name(a) == switch_name(flag)) {
            args.push(flag.to_string());
        }
    }
    Ok(merge_feature_lists(args))
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Windows has no root; an elevated Chrome runs with its sandbox.
#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(args: &[&str]) -> BrowserOptions {
        BrowserOptions {
            headless: Headless::New,
            executable_path: None,
            args: args.iter().map(|s| s.to_string()).collect(),
            user_data_dir: None,
            user_agent: Some("UA".into()),
            bypass_csp: false,
            connect: None,
            viewport: None,
            proxy_credentials: None,
            eval_on_new_doc: None,
            shared: false,
            shared_cache: true,
            block_media: false,
        }
    }

    #[test]
    fn user_flags_win_and_pass_through_unchanged() {
        let a = chromium_args(&opts(&["--disable-gpu=false", "--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:1"]), Path::new("/p")).unwrap();
        assert_eq!(a.iter().filter(|x| x.starts_with("--disable-gpu")).count(), 1);
        assert!(a.contains(&"--disable-gpu=false".to_string()));
        assert!(a.contains(&"--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:1".to_string()));
        assert!(a.contains(&"--user-data-dir=/p".to_string()));
        assert!(a.contains(&"--user-agent=UA".to_string()));
        assert!(a.contains(&"--headless=new".to_string()));
        assert!(!a.contains(&"--no-startup-window".to_string()), "its start-up tab is the client's page");
        assert!(a.contains(&"--in-process-gpu".to_string()));
        assert!(a.iter().any(|x| x.starts_with("--disable-features=") && x.contains("SpareRendererForSitePerProcess") && x.contains("WebUIOmniboxPopup")));
        let mut shared = opts(&[]);
        shared.shared = true;
        assert!(chromium_args(&shared, Path::new("/p")).unwrap().contains(&"--no-startup-window".to_string()));
    }

    #[test]
    fn feature_lists_are_merged_into_one_flag() {
        let mut o = opts(&["--disable-features=LocalNetworkAccessChecks", "--disable-features=Foo,LocalNetworkAccessChecks"]);
        o.shared = true;
        let a = chromium_args(&o, Path::new("/p")).unwrap();
        let disabled: Vec<_> = a.iter().filter(|x| x.starts_with("--disable-features=")).collect();
        assert_eq!(disabled, vec!["--disable-features=LocalNetworkAccessChecks,Foo,WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess"]);
        assert!(a.contains(&"--in-process-gpu".to_string()));
    }

    #[test]
    fn user_data_dir_in_args_is_refused() {
        assert!(chromium_args(&opts(&["--user-data-dir=/x"]), Path::new("/p")).is_err());
    }
}
