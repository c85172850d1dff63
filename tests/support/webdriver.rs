//! A headless Chromium driven through chromedriver's W3C WebDriver endpoint (JSON over
//! HTTP, with ureq): enough of the protocol for the console's end-to-end test (navigate,
//! find, click, type, read, screenshot, print). chromedriver listens on a free loopback
//! port and is killed when the browser is dropped.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// A browser session.
pub struct Browser {
    driver: Child,
    base: String,
    agent: ureq::Agent,
}

/// The W3C element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts chromedriver and a headless Chromium (`None` when chromedriver is missing).
    pub fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let root = format!("http://127.0.0.1:{port}");
        // chromedriver's readiness signal is its /status answering ready.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = agent
                .get(&format!("{root}/status"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut browser = Browser {
            driver,
            base: root,
            agent,
        };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=fr-CA"]}
        }}});
        let session = browser.call("POST", "/session", Some(capabilities));
        let id = session["value"]["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .content_type("application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        }
        .expect("chromedriver answers");
        let text = response
            .body_mut()
            .read_to_string()
            .expect("an answer from chromedriver");
        let value: Value = serde_json::from_str(&text).expect("JSON from chromedriver");
        assert!(
            value["value"].get("error").is_none(),
            "{method} {path}: {value}"
        );
        value
    }

    /// Opens `url`.
    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    /// The element `css` selects (the first).
    pub fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        match found["value"][ELEMENT].as_str() {
            Some(element) => element.to_owned(),
            None => panic!("no element {css}: {found}\n{}", self.source()),
        }
    }

    /// Clicks the element `css` selects, then waits until the page it loads replaced this
    /// one (the old page's root element gone stale: WebDriver's explicit wait).
    pub fn click_to_load(&self, css: &str) {
        let old = self.find("html");
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.find_raw("html").as_deref() == Some(old.as_str()) {
            assert!(Instant::now() < deadline, "{css}: no new page");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn find_raw(&self, css: &str) -> Option<String> {
        let url = format!("{}/element", self.base);
        let body = json!({"using": "css selector", "value": css}).to_string();
        let mut response = self
            .agent
            .post(&url)
            .content_type("application/json")
            .send(body)
            .ok()?;
        let text = response.body_mut().read_to_string().ok()?;
        let value: Value = serde_json::from_str(&text).ok()?;
        value["value"][ELEMENT].as_str().map(str::to_owned)
    }

    /// Clicks the element `css` selects.
    pub fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), None);
    }

    /// Types `text` into the element `css` selects.
    pub fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        );
    }

    /// The visible text of the element `css` selects.
    pub fn text(&self, css: &str) -> String {
        let element = self.find(css);
        let value = self.call("GET", &format!("/element/{element}/text"), None);
        value["value"].as_str().unwrap_or_default().to_owned()
    }

    /// The current page's source.
    pub fn source(&self) -> String {
        self.call("GET", "/source", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.call("GET", "/url", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        let value = self.call("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(value["value"].as_str().unwrap_or_default())
            .unwrap()
    }

    /// The current page printed to PDF (the print style sheet applies).
    pub fn print(&self) -> Vec<u8> {
        let value = self.call("POST", "/print", Some(json!({"orientation": "portrait"})));
        base64::engine::general_purpose::STANDARD
            .decode(value["value"].as_str().unwrap_or_default())
            .unwrap()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
