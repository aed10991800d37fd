//! Reading an article from its web address: `ingest` and `extract` accept `http://` and
//! `https://` URLs beside files. The fetch is bounded (time, redirects, size) because a
//! command given a list of addresses must not hang on one slow server or fill memory with
//! one huge answer; an HTML answer is read as a page (its body found by a readability
//! pass), anything else as a file of the same bytes would be.

use previously_article::{
    detect_format, parse_bytes, parse_page, Format, Origin, Parsed, MAX_ARTICLE_BYTES,
};
use std::sync::LazyLock;
use std::time::Duration;
use thiserror::Error;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_REDIRECTS: u32 = 5;

/// What a server answered, after any redirects.
#[derive(Debug)]
pub(crate) struct Fetched {
    /// The address the body came from, which differs from the one asked for after a
    /// redirect.
    pub(crate) final_url: String,
    pub(crate) body: Vec<u8>,
    pub(crate) content_type: Option<String>,
}

/// Why an address gave no article body. Each message names the address as given, so a
/// list of failures can be matched to the command line.
#[derive(Debug, Error)]
pub(crate) enum FetchError {
    #[error("{url}: only http:// and https:// addresses can be fetched")]
    Scheme { url: String },
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: String },
    #[error("{url}: {size} bytes is larger than the {limit} byte limit for one article")]
    TooLarge { url: String, size: u64, limit: u64 },
    #[error("{url}: the page is larger than the {limit} byte limit for one article")]
    TooLong { url: String, limit: u64 },
    #[error("{url}: more than {limit} redirects; the address may redirect in a loop")]
    TooManyRedirects { url: String, limit: u32 },
    #[error("{url}: {what}")]
    Timeout { url: String, what: String },
    #[error("{url}: cannot fetch: {reason}")]
    Failed { url: String, reason: String },
}

/// Whether a command-line argument is a web address rather than a path: it starts with a
/// scheme and `://`. Any scheme counts, so that `ftp://...` is refused as an address
/// ("only http and https") rather than reported as a missing file.
pub(crate) fn is_url(arg: &str) -> bool {
    arg.split_once("://").is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// One agent for every fetch of the run, so that several articles from one site share
/// connections where the server allows it.
static AGENT: LazyLock<ureq::Agent> = LazyLock::new(|| {
    ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(TOTAL_TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(concat!("previously/", env!("CARGO_PKG_VERSION")))
        // The status is checked here, so that the message can give its reason phrase.
        .http_status_as_error(false)
        .build()
        .new_agent()
});

/// Fetches `url` with a GET, following up to five redirects, within 10 s to connect and
/// 30 s in all, refusing a body over [`MAX_ARTICLE_BYTES`] and any answer but 2xx.
pub(crate) fn fetch(url: &str) -> Result<Fetched, FetchError> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(FetchError::Scheme {
            url: url.to_string(),
        });
    }
    let mut response = AGENT.get(url).call().map_err(|e| fetch_error(url, e))?;
    let status = response.status();
    if !status.is_success() {
        let status = match status.canonical_reason() {
            Some(reason) => format!("{} {reason}", status.as_u16()),
            None => status.as_u16().to_string(),
        };
        return Err(FetchError::Status {
            url: url.to_string(),
            status,
        });
    }
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    // A declared length over the limit is refused before any of the body is read.
    if let Some(size) = response
        .body()
        .content_length()
        .filter(|&n| n > MAX_ARTICLE_BYTES)
    {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            size,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    // The limit applies after decompression, so a small compressed answer cannot unpack
    // into more than the limit either.
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_ARTICLE_BYTES)
        .read_to_vec()
        .map_err(|e| fetch_error(url, e))?;
    Ok(Fetched {
        final_url,
        body,
        content_type,
    })
}

/// Says what went wrong in words a user can act on, naming the address.
fn fetch_error(url: &str, error: ureq::Error) -> FetchError {
    let url = url.to_string();
    match error {
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            limit: MAX_REDIRECTS,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLong {
            url,
            limit: MAX_ARTICLE_BYTES,
        },
        ureq::Error::Timeout(t) => {
            let what = match t {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => {
                    format!("no connection within {} s", CONNECT_TIMEOUT.as_secs())
                }
                ureq::Timeout::Global => format!(
                    "the fetch took longer than {} s and was stopped",
                    TOTAL_TIMEOUT.as_secs()
                ),
                other => format!("timed out ({other})"),
            };
            FetchError::Timeout { url, what }
        }
        ureq::Error::HostNotFound => FetchError::Failed {
            url,
            reason: "the host name could not be resolved".into(),
        },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Failed {
                url,
                reason: "the connection was refused (no server is listening there)".into(),
            }
        }
        other => FetchError::Failed {
            url,
            reason: other.to_string(),
        },
    }
}

/// The file extension a content type stands for, as the article reader's tie-breaker: the
/// content decides the format, as it does for a file, and the type only settles what the
/// content leaves open.
fn extension_for(content_type: Option<&str>) -> Option<&'static str> {
    let mime = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some("html"),
        "text/markdown" | "text/x-markdown" => Some("md"),
        "text/plain" => Some("txt"),
        _ => None,
    }
}

/// Fetches `url` and reads the article in it: an HTML page with
/// [`previously_article::parse_page`], anything else as a file's bytes are read. The
/// article's `url` is the page's canonical link, else the address the body came from; it
/// has no `source` path, so the store knows it by its URL.
pub(crate) fn read_url(url: &str) -> Result<Parsed, String> {
    let fetched = fetch(url).map_err(|e| e.to_string())?;
    let extension = extension_for(fetched.content_type.as_deref());
    let page = std::str::from_utf8(&fetched.body)
        .ok()
        .map(|t| t.trim_start_matches('\u{feff}'))
        .filter(|t| detect_format(t, extension) == Format::Html);
    let read = match page {
        Some(html) => parse_page(html, &fetched.final_url),
        None => parse_bytes(&fetched.body, &Origin(fetched.final_url.clone()), extension),
    };
    let mut parsed = read.map_err(|e| {
        // The message names the address the user gave, and where it led when it
        // redirected.
        if fetched.final_url == url {
            format!("{url}: {}", e.problem)
        } else {
            format!("{url} (redirected to {}): {}", fetched.final_url, e.problem)
        }
    })?;
    if parsed.article.url.is_none() {
        parsed.article.url = Some(fetched.final_url.clone());
    }
    parsed.article.source = None;
    // The page's URL places what its text leaves open ("/show-season-2-episode-5-recap/"):
    // the canonical link first, then the address it was fetched from.
    let mut names = vec![fetched.final_url];
    if let Some(canonical) = parsed.article.url.clone().filter(|u| !names.contains(u)) {
        names.insert(0, canonical);
    }
    for name in names {
        previously_article::place_from_name(&mut parsed.article, &name, &mut parsed.warnings);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_fetched() {
        let e = fetch("ftp://files.example/recap.txt").expect_err("refused");
        assert_eq!(
            e.to_string(),
            "ftp://files.example/recap.txt: only http:// and https:// addresses can be fetched"
        );
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://a.example/x"));
        assert!(is_url("HTTP://a.example/x"));
        assert!(is_url("ftp://a.example/x"));
        assert!(!is_url("recaps/show-s1e2.html"));
        assert!(!is_url("-"));
        assert!(!is_url("./odd://name.txt"));
    }

    #[test]
    fn content_types_hint_the_format() {
        assert_eq!(
            extension_for(Some("text/html; charset=utf-8")),
            Some("html")
        );
        assert_eq!(extension_for(Some("text/plain")), Some("txt"));
        assert_eq!(extension_for(Some("application/json")), None);
        assert_eq!(extension_for(None), None);
    }
}
