//! `webVersion` / `webVersionCache`, with whatsapp-web.js's meaning.
//!
//! `local`: serve `<path>/<webVersion>.html` instead of fetching WhatsApp
//! Web's page when the file exists, and save the page there after login.
//! `remote`: fetch the page from `remotePath` (`{version}` replaced). `none`:
//! always the live page. A missing version is an error only with `strict`.
//!
//! A version is data: it must be digits and dots wherever it comes from (the
//! option, the page) before it names a file or goes into a URL. Remote pages
//! come over https (rustls), or plain http from this machine only, within one
//! timeout and a size cap.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use chromiumoxide::cdp::browser_protocol::fetch::{
    ContinueRequestParams, EnableParams as FetchEnableParams, EventRequestPaused, FulfillRequestParams, HeaderEntry,
    RequestPattern, RequestStage,
};
use chromiumoxide::cdp::browser_protocol::network::{EventResponseReceived, GetResponseBodyParams, RequestId, ResourceType};
use chromiumoxide::Page;
use futures::StreamExt;
use tokio::task::JoinHandle;

use super::WHATSAPP_WEB_URL;
use crate::errors::ClientError;
use crate::options::{is_web_version, remote_url_allowed, WebVersionCache};

/// The page to serve instead of the live one, if the cache has it.
pub async fn resolve(cache: &WebVersionCache, version: &str) -> Result<Option<String>, ClientError> {
    // Checked when the options were parsed; checked again because it becomes a path and a URL.
    if !is_web_version(version) {
        return Err(ClientError::InvalidWebVersion(format!("{version:?}")));
    }
    match cache {
        WebVersionCache::None => Ok(None),
        WebVersionCache::Local { path, strict } => match local_file(path, version).and_then(|f| std::fs::read_to_string(f).map_err(|e| e.to_string())) {
            Ok(html) => Ok(Some(html)),
            Err(_) if *strict => Err(ClientError::WebVersion(format!("version {version} is not in the local cache {}", path.display()))),
            Err(_) => Ok(None),
        },
        WebVersionCache::Remote { remote_path, strict, timeout, max_bytes } => {
            let url = remote_path.replace("{version}", version);
            match fetch(&url, *timeout, *max_bytes).await {
                Ok(html) => Ok(Some(html)),
                Err(why) if *strict => Err(ClientError::WebVersion(format!("version {version} could not be fetched from {url}: {why}"))),
                Err(why) => {
                    crate::debug_log!("webVersionCache: {url}: {why}; using the live page");
                    Ok(None)
                }
            }
        }
    }
}

/// `<path>/<version>.html`, for a valid version only, and only if it stays inside `path`.
fn local_file(path: &Path, version: &str) -> Result<PathBuf, String> {
    if !is_web_version(version) {
        return Err(format!("{version:?} is not a WhatsApp Web version"));
    }
    let file = path.join(format!("{version}.html"));
    if !crate::private_fs::stays_inside(path, &file) {
        return Err(format!("{} is outside the cache {}", file.display(), path.display()));
    }
    Ok(file)
}

/// Makes `ring` the process's rustls provider. reqwest is built without a
/// default one (aws-lc-rs needs cmake), and panics if a client is built
/// before one is installed: chromiumoxide builds one for `browserURL` too.
pub fn install_crypto_provider() {
    static PROVIDER: std::sync::Once = std::sync::Once::new();
    PROVIDER.call_once(|| {
        // Fails only if the host program installed one already; that one is used then.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The HTTP client for remote caches: rustls with the `ring` provider and the
/// system's trust roots (plus `NODE_EXTRA_CA_CERTS`, as Node itself honours),
/// redirects only to URLs the option itself would accept.
fn http_client(timeout: Duration) -> Result<reqwest::Client, String> {
    install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() >= 5 {
                attempt.error("too many redirects")
            } else if let Err(why) = remote_url_allowed(attempt.url()) {
                attempt.error(format!("redirected to a URL that is refused: {why}"))
            } else {
                attempt.follow()
            }
        }));
    if let Some(file) = std::env::var_os("NODE_EXTRA_CA_CERTS").filter(|f| !f.is_empty()) {
        let pem = std::fs::read(&file).map_err(|e| format!("NODE_EXTRA_CA_CERTS {}: {e}", Path::new(&file).display()))?;
        for cert in reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| format!("NODE_EXTRA_CA_CERTS: {e}"))? {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder.build().map_err(|e| e.to_string())
}

/// Downloads `url` within `timeout` for everything (connection, headers and
/// body) and at most `max_bytes`, counted as the body arrives.
async fn fetch(url: &str, timeout: Duration, max_bytes: u64) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    remote_url_allowed(&parsed)?;
    let client = http_client(timeout)?;
    let download = async {
        let mut response = client.get(parsed).send().await.map_err(|e| describe_reqwest(&e))?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status()));
        }
        if response.content_length().is_some_and(|n| n > max_bytes) {
            return Err(format!("the page is larger than {max_bytes} bytes (webVersionCache.maxBytes)"));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| describe_reqwest(&e))? {
            if body.len() as u64 + chunk.len() as u64 > max_bytes {
                return Err(format!("the page is larger than {max_bytes} bytes (webVersionCache.maxBytes)"));
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|_| "the page is not UTF-8 text".to_string())
    };
    match tokio::time::timeout(timeout, download).await {
        Ok(result) => result,
        Err(_) => Err(format!("not downloaded within {} ms (webVersionCache.timeoutMs)", timeout.as_millis())),
    }
}

/// reqwest's Display hides the cause (a certificate error reads "error sending request").
fn describe_reqwest(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out (webVersionCache.timeoutMs)".into();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Serves `html` for WhatsApp Web's main URL (only that request is intercepted).
pub async fn serve(page: &Page, html: String) -> Result<JoinHandle<()>, ClientError> {
    let mut paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(|e| ClientError::PageScript(e.to_string()))?;
    let pattern = RequestPattern::builder().url_pattern(WHATSAPP_WEB_URL).request_stage(RequestStage::Request).build();
    page.execute(FetchEnableParams::builder().pattern(pattern).build())
        .await
        .map_err(|e| ClientError::PageScript(e.to_string()))?;
    let body = base64::engine::general_purpose::STANDARD.encode(html.as_bytes());
    let page = page.clone();
    Ok(tokio::spawn(async move {
        while let Some(request) = paused.next().await {
            let id = request.request_id.clone();
            crate::debug_log!("webVersionCache: paused {}", request.request.url);
            let result = if request.request.url == WHATSAPP_WEB_URL {
                let mut fulfill = FulfillRequestParams::new(id, 200);
                fulfill.response_headers = Some(vec![HeaderEntry::new("content-type", "text/html; charset=utf-8")]);
                fulfill.body = Some(body.clone().into());
                page.execute(fulfill).await.map(|_| ())
            } else {
                page.execute(ContinueRequestParams::new(id)).await.map(|_| ())
            };
            match result {
                Err(e) => crate::debug_log!("webVersionCache: {e}"),
                Ok(()) => crate::debug_log!("webVersionCache: answered"),
            }
        }
    }))
}

/// Remembers the network id of WhatsApp Web's page so it can be saved later.
#[derive(Clone, Default)]
pub struct IndexHtml(Arc<Mutex<Option<RequestId>>>);

impl IndexHtml {
    pub async fn watch(page: &Page) -> Result<(Self, JoinHandle<()>), ClientError> {
        let mut responses = page
            .event_listener::<EventResponseReceived>()
            .await
            .map_err(|e| ClientError::PageScript(e.to_string()))?;
        let index = IndexHtml::default();
        let slot = index.0.clone();
        let task = tokio::spawn(async move {
            while let Some(r) = responses.next().await {
                if r.r#type == ResourceType::Document && r.response.url == WHATSAPP_WEB_URL {
                    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(r.request_id.clone());
                }
            }
        });
        Ok((index, task))
    }

    /// Saves the page as `<path>/<version>.html` (local caches only).
    pub async fn persist(&self, page: &Page, cache: &WebVersionCache, version: &str) -> Result<(), ClientError> {
        let WebVersionCache::Local { path, .. } = cache else { return Ok(()) };
        let Some(id) = self.0.lock().unwrap_or_else(|p| p.into_inner()).clone() else { return Ok(()) };
        let body = page
            .execute(GetResponseBodyParams::new(id))
            .await
            .map_err(|e| ClientError::PageScript(e.to_string()))?;
        let html = if body.result.base64_encoded {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&body.result.body)
                .map_err(|e| ClientError::PageScript(e.to_string()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            body.result.body.clone()
        };
        // The version came from the page: a traversing or odd one saves nothing.
        let file = local_file(path, version).map_err(ClientError::WebVersion)?;
        std::fs::create_dir_all(path).map_err(|e| ClientError::Storage(e.to_string()))?;
        // A reader (another client starting) never sees half a page.
        crate::private_fs::write_replace(&file, html.as_bytes()).map_err(|e| ClientError::Storage(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_files_are_named_by_valid_versions_inside_the_folder() {
        let dir = Path::new("/cache");
        assert_eq!(local_file(dir, "2.3000.1017054665").unwrap(), PathBuf::from("/cache/2.3000.1017054665.html"));
        for bad in ["../../x", "2.3000.1/../../x", "/etc/passwd", "2.3000.1\0", ""] {
            assert!(local_file(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn persisting_a_traversing_version_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("a/b/cache");
        let cache_opt = WebVersionCache::Local { path: cache.clone(), strict: false };
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let err = runtime.block_on(resolve(&cache_opt, "../../x")).unwrap_err();
        assert_eq!(err.code(), "ERR_WEB_VERSION");
        assert!(!tmp.path().join("a/x.html").exists());
    }

    #[test]
    fn plain_http_is_refused_unless_loopback() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let err = runtime.block_on(fetch("http://example.com/2.3000.1.html", Duration::from_secs(1), 1000)).unwrap_err();
        assert!(err.contains("https"), "{err}");
    }
}
