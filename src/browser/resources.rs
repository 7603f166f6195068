//! Not loading what a headless session never shows: images and web fonts.
//!
//! WhatsApp Web's login page references illustrations, icons and fonts from
//! its stylesheets; a headless client only reads the QR text and the
//! protocol state, so fetching and decoding them is wasted start-up time and
//! memory. Chromium settings do it without any per-request round trip over
//! CDP (request interception would pause every matching request):
//! `imagesEnabled=false` stops `<img>` and CSS images, `--disable-remote-fonts`
//! stops `@font-face` downloads (text falls back to local fonts). Scripts,
//! XHR/fetch, WebSockets and IndexedDB, which the protocol uses, are untouched;
//! media elements do not occur on the login page. Chromium flags only apply
//! to a browser we launch: an attached browser (`browserWSEndpoint`) keeps its
//! own settings. `blockMedia: false` turns this off (for screenshots).

const BLINK_SETTINGS: &str = "--blink-settings";
const NO_IMAGES: &str = "imagesEnabled=false";
const NO_REMOTE_FONTS: &str = "--disable-remote-fonts";

/// Adds the flags, merged into a user's own `--blink-settings` (Chromium
/// keeps only the last one) unless the user set `imagesEnabled` there.
pub fn add_block_flags(args: &mut Vec<String>) {
    let prefix = format!("{BLINK_SETTINGS}=");
    match args.iter().position(|a| a.starts_with(&prefix)) {
        Some(i) => {
            let user = args[i][prefix.len()..].to_string();
            if !user.split(',').any(|kv| kv.trim().starts_with("imagesEnabled")) {
                args[i] = if user.is_empty() { format!("{prefix}{NO_IMAGES}") } else { format!("{prefix}{user},{NO_IMAGES}") };
            }
        }
        None => args.push(format!("{prefix}{NO_IMAGES}")),
    }
    if !args.iter().any(|a| a == NO_REMOTE_FONTS) {
        args.push(NO_REMOTE_FONTS.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_added_once_and_merged_with_the_users() {
        let mut a = vec!["--blink-settings=scriptEnabled=true".to_string()];
        add_block_flags(&mut a);
        add_block_flags(&mut a);
        assert_eq!(a, vec!["--blink-settings=scriptEnabled=true,imagesEnabled=false".to_string(), NO_REMOTE_FONTS.to_string()]);

        let mut a = vec!["--blink-settings=imagesEnabled=true".to_string()];
        add_block_flags(&mut a);
        assert_eq!(a[0], "--blink-settings=imagesEnabled=true", "a user's own choice wins");

        let mut a = vec![];
        add_block_flags(&mut a);
        assert_eq!(a, vec![format!("--blink-settings={NO_IMAGES}"), NO_REMOTE_FONTS.to_string()]);
    }
}
