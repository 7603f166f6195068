//! `webVersion` / `webVersionCache`, with whatsapp-web.js's meaning.
//!
//! `local`: serve `<path>/<webVersion>.html` instead of fetching WhatsApp
//! Web's page when the file exists, and save the page there after login.
//! `remote`: fetch the page from `remotePath` (`{version}` replaced). `none`:
//! always the live page. A missing version is an error only with `strict`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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
use crate::options::WebVersionCache;

/// The page to serve instead of the live one, if the cache has it.
pub async fn resolve(cache: &WebVersionCache, version: &str) -> Result<Option<String>, ClientError> {
    match cache {
        WebVersionCache::None => Ok(None),
        WebVersionCache::Local { path, strict } => match std::fs::read_to_string(local_file(path, version)) {
            Ok(html) => Ok(Some(html)),
            Err(_) if *strict => Err(ClientError::WebVersion(format!("version {version} is not in the local cache {}", path.display()))),
            Err(_) => Ok(None),
        },
        WebVersionCache::Remote { remote_path, strict } => {
            let url = remote_path.replace("{version}", version);
            match fetch(&url).await {
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

fn local_file(path: &std::path::Path, version: &str) -> PathBuf {
    path.join(format!("{version}.html"))
}

async fn fetch(url: &str) -> Result<String, String> {
    if !url.starts_with("http://") {
        // Built without a TLS stack: whatsapp-web.js users mostly point this at
        // plain mirrors or at files; say so instead of failing obscurely.
        return Err("only http:// URLs are supported for remote web version caches".into());
    }
    let response = tokio::time::timeout(std::time::Duration::from_secs(20), reqwest::get(url))
        .await
        .map_err(|_| "no answer within 20 s".to_string())?
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
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
        std::fs::create_dir_all(path).map_err(|e| ClientError::Storage(e.to_string()))?;
        std::fs::write(local_file(path, version), html).map_err(|e| ClientError::Storage(e.to_string()))
    }
}
