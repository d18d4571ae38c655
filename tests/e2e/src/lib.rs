//! Drives the real built Tabiji app: tauri-driver + WebKitWebDriver on the current `DISPLAY`
//! (Xvfb in CI), with a throwaway library and settings folder per test.
//!
//! The app binary comes from `TABIJI_APP_BINARY` (scripts/test sets it); screenshots go to
//! `tests/e2e/artifacts/`.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use thirtyfour::extensions::query::ElementPollerNoWait;
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

pub use thirtyfour::{By, Key, WebElement};

/// The running app with its WebDriver session and private folders.
///
/// Tests run on tokio's multi-thread runtime (`#[tokio::test(flavor = "multi_thread")]`): when a
/// failing test drops the app, `Drop` ends the session from inside the runtime, which a
/// current-thread runtime would deadlock on.
pub struct App {
    pub driver: WebDriver,
    folders: Option<Folders>,
    tauri_driver: Child,
    /// The app's process ids, found once the session is up.
    app_pids: Vec<u32>,
}

/// One of the app's processes, as `/proc` tells it.
pub struct Process {
    pub pid: u32,
    pub name: String,
    /// Resident set size in bytes.
    pub rss: u64,
}

impl Process {
    /// The environment the process started with (`/proc/PID/environ`), as `NAME=value` lines.
    pub fn environment(&self) -> Vec<String> {
        let raw = std::fs::read(format!("/proc/{}/environ", self.pid)).unwrap_or_default();
        raw.split(|&b| b == 0)
            .filter(|v| !v.is_empty())
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect()
    }
}

/// The library and settings folders of one app, kept across a restart.
pub struct Folders {
    pub library: tempfile::TempDir,
    pub config: tempfile::TempDir,
}

impl Folders {
    pub fn new() -> Folders {
        Folders {
            library: tempfile::tempdir().expect("library folder"),
            config: tempfile::tempdir().expect("config folder"),
        }
    }
}

impl Default for Folders {
    fn default() -> Self {
        Folders::new()
    }
}

/// A D-Bus session bus of the test's own, ended when dropped. The app finds its running instance
/// through the session bus; the machines the tests run on have none.
pub struct SessionBus {
    daemon: Child,
    /// What `DBUS_SESSION_BUS_ADDRESS` must say to reach it.
    pub address: String,
}

impl SessionBus {
    pub fn start() -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon must be installed (Debian's dbus-daemon)");
        let mut address = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(daemon.stdout.take().expect("the daemon's output")),
            &mut address,
        )
        .expect("the bus's address");
        assert!(!address.trim().is_empty(), "dbus-daemon printed no address");
        SessionBus { daemon, address: address.trim().to_owned() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn binary(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug").join(default))
}

pub fn app_binary() -> PathBuf {
    binary("TABIJI_APP_BINARY", "tabiji-app")
}

pub fn cli_binary() -> PathBuf {
    binary("TABIJI_CLI_BINARY", "tabiji")
}

pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir
}

/// Two free ports, for tauri-driver and WebKitWebDriver. Both are held until both are known: a
/// port let go of at once may be handed out again, and a CI run once gave both drivers the same
/// port, where neither answered.
fn free_ports() -> (u16, u16) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let (first, second) = (bind(), bind());
    let port = |listener: &std::net::TcpListener| listener.local_addr().expect("a bound port").port();
    (port(&first), port(&second))
}

impl App {
    /// Starts the app with an empty library, on a desktop in the given language.
    pub async fn start(lang: &str) -> App {
        App::start_with(Folders::new(), lang).await
    }

    /// Starts the app on existing folders (to check what survives a restart).
    pub async fn start_with(folders: Folders, lang: &str) -> App {
        App::launch(app_binary(), &[], folders, lang).await
    }

    /// Starts `binary` (the app, or a benchmark's anchor) with `args`, through tauri-driver.
    pub async fn launch(app: PathBuf, args: &[&str], folders: Folders, lang: &str) -> App {
        App::launch_with_env(app, args, folders, lang, &[]).await
    }

    /// As [`App::launch`], with more variables in the app's environment.
    pub async fn launch_with_env(
        app: PathBuf,
        args: &[&str],
        folders: Folders,
        lang: &str,
        env: &[(&str, &str)],
    ) -> App {
        assert!(app.exists(), "build it first: {} is missing", app.display());
        assert!(std::env::var_os("DISPLAY").is_some(), "DISPLAY must be set (Xvfb)");
        let (port, native_port) = free_ports();
        let locale = if lang == "ja" { "ja_JP.UTF-8" } else { "en_US.UTF-8" };
        let tauri_driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("TABIJI_LIBRARY_DIR", folders.library.path())
            .env("TABIJI_CONFIG_DIR", folders.config.path())
            .env("LANG", locale)
            .env("LANGUAGE", lang)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, which also holds WebKitWebDriver and the app, so that all of
            // them can be ended together; killing tauri-driver alone orphans WebKitWebDriver.
            .process_group(0)
            .spawn()
            .expect("tauri-driver must be installed (cargo install tauri-driver)");
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set("tauri:options", serde_json::json!({ "application": app, "args": args })).unwrap();
        let started = Instant::now();
        let driver = loop {
            match WebDriver::new(url.clone(), caps.clone()).await {
                Ok(driver) => {
                    // `wait_for` does the waiting; a lookup itself must answer at once.
                    driver.set_poller(Arc::new(ElementPollerNoWait));
                    break driver;
                }
                Err(_) if started.elapsed() < Duration::from_secs(30) => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("no WebDriver session after 30 s: {e}"),
            }
        };
        let app_pids = processes_of(&app);
        assert!(!app_pids.is_empty(), "the WebDriver session is up but no {} process runs", app.display());
        App { driver, folders: Some(folders), tauri_driver, app_pids }
    }

    /// The app's processes and all their descendants (WebKit's web and network processes).
    pub fn processes(&self) -> Vec<Process> {
        let all: Vec<(u32, Process)> = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter_map(|pid| {
                let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
                let field = |name: &str| {
                    status.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_owned())
                };
                let parent = field("PPid:")?.parse().ok()?;
                let rss_kb: u64 =
                    field("VmRSS:").and_then(|v| v.trim_end_matches(" kB").trim().parse().ok()).unwrap_or(0);
                Some((parent, Process { pid, name: field("Name:")?, rss: rss_kb * 1024 }))
            })
            .collect();
        let mut family = self.app_pids.clone();
        let mut grew = true;
        while grew {
            grew = false;
            for (parent, process) in &all {
                if family.contains(parent) && !family.contains(&process.pid) {
                    family.push(process.pid);
                    grew = true;
                }
            }
        }
        all.into_iter().map(|(_, process)| process).filter(|p| family.contains(&p.pid)).collect()
    }

    pub fn library(&self) -> &Path {
        self.folders.as_ref().expect("folders until quit").library.path()
    }

    /// Waits up to 15 s for an element matching the CSS selector.
    pub async fn wait_for(&self, css: &str) -> WebElement {
        let started = Instant::now();
        loop {
            if let Ok(element) = self.driver.find(By::Css(css)).await {
                return element;
            }
            if started.elapsed() > Duration::from_secs(15) {
                let source = self.driver.source().await.unwrap_or_default();
                let shot = artifacts_dir().join("timeout.png");
                let _ = self.capture_window(&shot);
                panic!(
                    "nothing matched {css} within 15 s; screenshot at {}; page:\n{}",
                    shot.display(),
                    &source[..source.len().min(3000)]
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn testid(&self, id: &str) -> WebElement {
        self.wait_for(&format!("[data-testid=\"{id}\"]")).await
    }

    pub async fn all(&self, css: &str) -> Vec<WebElement> {
        self.driver.find_all(By::Css(css)).await.unwrap_or_default()
    }

    /// The centre of an element in viewport pixels, plus an offset, after scrolling the element to
    /// the middle of its scroll container. WebKitWebDriver cannot aim pointer actions at SVG
    /// elements itself ("element not interactable"), so tests aim at coordinates taken from the
    /// element's rectangle.
    pub async fn point_in(&self, element: &WebElement, dx: f64, dy: f64) -> (i64, i64) {
        let script = "arguments[0].scrollIntoView({ block: 'center', inline: 'center' }); \
                      const r = arguments[0].getBoundingClientRect(); \
                      return [r.left + r.width / 2, r.top + r.height / 2];";
        let (x, y) = self.two_numbers(script, element).await;
        ((x + dx).round() as i64, (y + dy).round() as i64)
    }

    /// Presses on `from`, moves in steps to `to`, releases: a drag as a hand makes it.
    pub async fn drag(&self, from: &WebElement, to: &WebElement) {
        let start = self.point_in(from, 0.0, 0.0).await;
        let end = self.point_in(to, 0.0, 0.0).await;
        self.drag_points(start, end).await;
    }

    pub async fn drag_points(&self, (x0, y0): (i64, i64), (x1, y1): (i64, i64)) {
        let mut chain = self.driver.action_chain().move_to(x0, y0).click_and_hold();
        for step in 1..=4 {
            chain = chain.move_to(x0 + (x1 - x0) * step / 4, y0 + (y1 - y0) * step / 4);
        }
        chain.release().perform().await.expect("drag");
    }

    pub async fn click_at(&self, (x, y): (i64, i64)) {
        self.driver.action_chain().move_to(x, y).click().perform().await.expect("click");
    }

    pub async fn double_click(&self, element: &WebElement) {
        let (x, y) = self.point_in(element, 0.0, 0.0).await;
        self.driver.action_chain().move_to(x, y).double_click().perform().await.expect("double-click");
    }

    /// Replaces a field's text and leaves it with Tab, as a user does, and waits for the save.
    pub async fn fill(&self, testid: &str, text: &str) {
        let field = self.testid(testid).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
        field.send_keys(Key::Tab).await.unwrap();
        self.wait_saved().await;
    }

    /// Replaces the value of a field bound with `bind:value`, which listens to `input` events
    /// (WebDriver's Element Clear sends none): selects it all, types over it, leaves with Tab.
    pub async fn fill_bound(&self, testid: &str, text: &str) {
        let field = self.testid(testid).await;
        field.send_keys(Key::Control + "a").await.unwrap();
        field.send_keys(text).await.unwrap();
        field.send_keys(Key::Tab).await.unwrap();
    }

    /// Opens a view from the toolbar's Analyse menu by its command (`report`, `kpi-table` …).
    pub async fn analyse(&self, command: &str) {
        self.testid("analyse-menu").await.click().await.unwrap();
        self.testid(&format!("{command}-button")).await.click().await.unwrap();
    }

    /// Waits up to 5 s for the status line to say that the last edit is saved.
    pub async fn wait_saved(&self) {
        let status = self.testid("save-status").await;
        for _ in 0..100 {
            if status.attr("data-status").await.unwrap().as_deref() == Some("saved") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the edit was not saved");
    }

    /// Saves a screenshot of the window under `tests/e2e/artifacts/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let path = artifacts_dir().join(format!("{name}.png"));
        // Let the webview paint what the last command changed.
        self.driver
            .execute(
                "return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))",
                vec![],
            )
            .await
            .expect("wait for a frame");
        self.capture_window(&path).unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        path
    }

    /// Waits for the status line's notice (where an export went, what an import did) and
    /// returns it.
    pub async fn notice(&self) -> String {
        self.wait_text("notice", "").await
    }

    /// Waits until the element with test id `id` shows text containing `wanted`, and returns
    /// its text; fails after 30 s saying what it showed.
    pub async fn wait_text(&self, id: &str, wanted: &str) -> String {
        let started = Instant::now();
        let mut shown = None;
        loop {
            if let Ok(element) = self.driver.find(By::Css(format!("[data-testid='{id}']"))).await {
                let text = element.text().await.unwrap_or_default();
                if !text.is_empty() && text.contains(wanted) {
                    return text;
                }
                shown = Some(text);
            }
            assert!(started.elapsed() < Duration::from_secs(30), "{id} shows {shown:?}, not {wanted:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element with test id `id` has attribute `name` set to `wanted` (a view
    /// that fills in once an answer from the core arrives); fails after 15 s saying what it had.
    pub async fn wait_attr(&self, id: &str, name: &str, wanted: &str) {
        let started = Instant::now();
        loop {
            let value = self.testid(id).await.attr(name).await.unwrap_or_default();
            if value.as_deref() == Some(wanted) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{id}'s {name} is {value:?}, not {wanted:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Captures the app's window from the X display, native menu bar included, as a person sees
    /// it. WebKitWebDriver cannot take screenshots of a webview that paints without compositing,
    /// which is how the app runs (src-tauri/src/lib.rs).
    pub fn capture_window(&self, path: &Path) -> Result<(), String> {
        let run = |command: &mut Command| -> Result<String, String> {
            let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
            if !out.status.success() {
                return Err(format!("{command:?}: {}", String::from_utf8_lossy(&out.stderr)));
            }
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let window = self
            .app_pids
            .iter()
            .find_map(|pid| {
                let found =
                    run(Command::new("xdotool").args(["search", "--onlyvisible", "--pid", &pid.to_string()]));
                found.ok()?.lines().next().map(str::to_owned)
            })
            .ok_or("the app has no visible window")?;
        run(Command::new("import").args(["-window", &window]).arg(path)).map(drop)
    }

    /// Runs `script` with `element` as `arguments[0]`; the script returns two numbers.
    pub async fn two_numbers(&self, script: &str, element: &WebElement) -> (f64, f64) {
        let pair: [f64; 2] = self
            .driver
            .execute(script, vec![element.to_json().expect("the element as JSON")])
            .await
            .expect("run the script")
            .convert()
            .expect("two numbers");
        (pair[0], pair[1])
    }

    /// Kills the app with SIGKILL, as a power cut or the OS would, and waits until it is gone.
    pub async fn kill(self) -> Folders {
        for pid in &self.app_pids {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        self.quit().await
    }

    /// Retitles the open map from the properties panel (so with nothing selected), an edit that
    /// changes no card, and waits until it is shown and saved.
    pub async fn retitle_map(&self, title: &str) {
        self.fill("prop-map-title", title).await;
        self.wait_text("map-title", title).await;
        self.wait_saved().await;
    }

    /// Marks the elements `css` selects, for [`App::kept_elements`] to tell later which of the
    /// elements then selected are still the same ones (not built again).
    pub async fn mark_elements(&self, css: &str) {
        self.driver
            .execute(
                "document.querySelectorAll(arguments[0]).forEach((e) => (e.__marked = true))",
                vec![css.into()],
            )
            .await
            .expect("mark the elements");
    }

    /// How many elements `css` selects, and how many of them [`App::mark_elements`] marked.
    pub async fn kept_elements(&self, css: &str) -> (usize, usize) {
        let [all, kept]: [usize; 2] = self
            .driver
            .execute(
                "const all = [...document.querySelectorAll(arguments[0])]; \
                 return [all.length, all.filter((e) => e.__marked).length]",
                vec![css.into()],
            )
            .await
            .expect("count the marked elements")
            .convert()
            .expect("two counts");
        (all, kept)
    }

    /// Ends the session and waits for the app to exit (and so release its maps); the folders
    /// stay for a restart.
    pub async fn quit(mut self) -> Folders {
        let _ = self.driver.clone().quit().await;
        let started = Instant::now();
        while self.app_pids.iter().any(|&pid| process_alive(pid)) {
            assert!(started.elapsed() < Duration::from_secs(15), "the app did not exit within 15 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.folders.take().expect("folders until quit")
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let driver = self.driver.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            tokio::task::block_in_place(|| {
                runtime.block_on(async {
                    let _ = driver.quit().await;
                })
            });
        }
        let group = format!("-{}", self.tauri_driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.tauri_driver.wait();
    }
}

/// The processes running the app binary (tests run one at a time, so they are this test's).
fn processes_of(binary: &Path) -> Vec<u32> {
    let binary = std::fs::canonicalize(binary).unwrap_or_else(|_| binary.to_owned());
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|exe| exe == binary))
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// Whether a process may still hold its files (and so its map lock): some thread of it is not yet
/// dead. The main thread can turn zombie while other threads still run with the files open.
fn process_alive(pid: u32) -> bool {
    let Ok(threads) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return false };
    threads.filter_map(|t| t.ok()).any(|thread| {
        std::fs::read_to_string(thread.path().join("stat"))
            .ok()
            .and_then(|stat| stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next()))
            .is_some_and(|state| !matches!(state, 'Z' | 'X'))
    })
}

/// The map files in a folder, by name.
/// Decodes a PNG into (width, height, RGBA bytes).
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8() | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let frame = reader.next_frame(&mut pixels).expect("the PNG's pixels");
    pixels.truncate(frame.buffer_size());
    (frame.width, frame.height, pixels)
}

pub fn map_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("library folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tabiji"))
        .collect();
    files.sort();
    files
}

/// A map file as `tabiji export --format json` gives it (the `map` part).
pub fn export_json(map: &Path) -> serde_json::Value {
    let out = Command::new(cli_binary())
        .args(["export", "--format", "json"])
        .arg(map)
        .output()
        .expect("tabiji runs");
    assert!(out.status.success(), "tabiji export failed: {}", String::from_utf8_lossy(&out.stderr));
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    document["map"].clone()
}

/// `tabiji info --json` of a map file.
pub fn info_json(map: &Path) -> serde_json::Value {
    let out = Command::new(cli_binary()).args(["info", "--json"]).arg(map).output().expect("tabiji runs");
    assert!(out.status.success(), "tabiji info failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("info --json is JSON")
}

/// Runs `program` with `args`, which must succeed; returns its output.
pub fn run_tool(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn xdotool(args: &[&str]) -> String {
    String::from_utf8(run_tool("xdotool", args)).unwrap()
}

/// Opens one of GTK's file dialogs with `open` and answers it with `path`, typed into the
/// dialog's location field as a person would and confirmed with Enter.
pub async fn choose_in_gtk_dialog<F: std::future::Future<Output = ()>>(
    open: impl FnOnce() -> F,
    path: &Path,
) {
    let windows_before = xdotool(&["search", "--onlyvisible", "--class", "tabiji"]);
    open().await;
    let started = Instant::now();
    let dialog = loop {
        let now = xdotool(&["search", "--onlyvisible", "--class", "tabiji"]);
        if let Some(new) = now.lines().find(|w| !windows_before.lines().any(|b| b == *w)) {
            break new.to_owned();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the file dialog did not appear");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Ctrl+L opens the location field first: typing a leading `/` opens it too, but then the
    // next character can land before the field does (`/tmp` became `/mp`).
    xdotool(&["windowfocus", "--sync", &dialog]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["key", "--window", &dialog, "ctrl+l"]);
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(&["key", "--window", &dialog, "ctrl+a"]);
    xdotool(&["type", "--window", &dialog, "--delay", "20", path.to_str().unwrap()]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["key", "--window", &dialog, "Return"]);
}
