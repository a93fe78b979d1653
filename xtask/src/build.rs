//! The release build of the app, split by area: cargo (with split points and relocations),
//! the splitter, wasm-bindgen, wasm-opt on every chunk, then `dist/` with every file
//! of the build under one content-hashed folder, its brotli and gzip copies, and `index.html`.
//!
//! trunk cannot run a splitter between cargo and wasm-bindgen, so the release build is this
//! pipeline; trunk keeps the unsplit dev build (`trunk serve`) from the same `index.html`.

use crate::shell::{self, command, root, run, step};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the build's files live under `dist/`: `dist/b/<hash>/`.
pub const BUILD_FOLDER: &str = "b";
/// How many builds `dist/` keeps, so a page loaded from the previous one still finds its chunks.
const BUILDS_KEPT: usize = 2;
/// Turns on the split points (`app` compiles lazy routes only with it) and keeps the relocations
/// the splitter reads; `erase_components` as in `.cargo/config.toml`, which this replaces.
const SPLIT_RUSTFLAGS: [&str; 5] = ["--cfg", "erase_components", "--cfg", "wasm_split", "-Clink-args=--emit-relocs"];
/// The one script `index.html` loads: it starts the app from its own folder.
const START_SCRIPT: &str = "import init from \"./app.js\";\ninit();\n";

/// Builds the app in release mode into `dist/`, split by area, for `run`, `test` and `bench`.
pub fn app() -> Result<(), String> {
    release().map(drop)
}

/// Builds the app into `dist/` and returns the build's folder.
pub fn release() -> Result<PathBuf, String> {
    step("release build of the app, split by area (cargo, wasm-split, wasm-bindgen, wasm-opt)");
    let target = root().join("target/app-split");
    shell::run(
        command(env!("CARGO"))
            .env("CARGO_ENCODED_RUSTFLAGS", rustflags().join("\u{1f}"))
            .env_remove("RUSTFLAGS")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", "app", "--bin", "app", "--target-dir"])
            .arg(&target),
    )?;
    let linked = target.join("wasm32-unknown-unknown/release/app.wasm");
    let work = target.join("stage");
    let _ = std::fs::remove_dir_all(&work);
    let (split, bound) = (work.join("split"), work.join("bound"));
    for dir in [&split, &bound] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }

    let input = read(&linked)?;
    let main_split = split.join("app.wasm");
    let chunks = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &bound;
        options.main_out_path = &main_split;
        options.main_module = "./app.js";
        options.link_name = "./__wasm_split.js";
        options
    })
    .map_err(|e| format!("wasm-split: {e:?}"))?
    .split_modules;

    run(command("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript", "--out-name", "app", "--out-dir"])
        .arg(&bound)
        .arg(&main_split))?;

    let template = std::fs::read_to_string(root().join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let opt_params = attribute(&template, "data-wasm-opt-params").unwrap_or_default();
    let opt_level = format!("-O{}", attribute(&template, "data-wasm-opt").unwrap_or("z"));
    let mut wasm_files = vec![bound.join("app_bg.wasm")];
    wasm_files.extend(chunks);
    for wasm in &wasm_files {
        run(command("wasm-opt").arg(&opt_level).args(opt_params.split_whitespace()).arg(wasm).arg("-o").arg(wasm))?;
    }
    write(&bound.join("start.js"), START_SCRIPT.as_bytes())?;
    std::fs::copy(root().join("style/main.css"), bound.join("main.css")).map_err(|e| format!("style/main.css: {e}"))?;

    publish(&bound, &template)
}

/// `SPLIT_RUSTFLAGS`, and the crates' sources named from their own folder: a panic's location
/// in the download reads `leptos_router-0.8.17/src/…`, not the builder's home (measured: 10 KB
/// of paths in the first download before).
fn rustflags() -> Vec<String> {
    let sources = shell::cargo_home().join("registry/src");
    let registries = std::fs::read_dir(&sources).into_iter().flatten().flatten().map(|entry| entry.path());
    SPLIT_RUSTFLAGS.iter().map(|flag| flag.to_string()).chain(registries.map(|dir| format!("--remap-path-prefix={}/=", dir.display()))).collect()
}

/// Moves the build's files into `dist/b/<hash>/`, writes `dist/index.html` pointing at them,
/// compresses both, and removes all but the newest builds.
fn publish(bound: &Path, template: &str) -> Result<PathBuf, String> {
    let files =
        files_in(bound)?.into_iter().map(|path| Ok((path.file_name().unwrap_or_default().to_owned(), read(&path)?))).collect::<Result<Vec<_>, String>>()?;
    let mut hasher = Sha256::new();
    for (name, bytes) in &files {
        hasher.update(name.as_encoded_bytes());
        hasher.update(bytes);
    }
    let hash: String = hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
    let dist = root().join("dist");
    let builds = dist.join(BUILD_FOLDER);
    let folder = builds.join(&hash);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for (name, bytes) in &files {
        let to = folder.join(name);
        write(&to, bytes)?;
        write_compressed_copies(&to, bytes)?;
    }
    // The copies first, then index.html itself in one rename: a browser never gets a half-written page.
    let index = dist.join("index.html");
    let html = index_html(template, &format!("/{BUILD_FOLDER}/{hash}"));
    write_compressed_copies(&index, html.as_bytes())?;
    let staged = dist.join("index.html.new");
    write(&staged, html.as_bytes())?;
    std::fs::rename(&staged, &index).map_err(|e| format!("{}: {e}", index.display()))?;
    prune(&builds)?;
    println!("dist/: the build is /{BUILD_FOLDER}/{hash}/ ({} files)", files.len());
    Ok(folder)
}

/// `index.html` with trunk's directives replaced by the build's stylesheet, its start script,
/// and preloads of the JS modules and the main wasm, so they all download at once rather than
/// one after the other as each import is found.
fn index_html(template: &str, base: &str) -> String {
    let mut html = template.to_owned();
    while let Some(start) = html.find("<link data-trunk") {
        let end = html[start..].find("/>").map(|e| start + e + 2).unwrap_or(html.len());
        html.replace_range(start..end, "");
    }
    let head = format!(
        "<link rel=\"stylesheet\" href=\"{base}/main.css\" />\n    \
         <link rel=\"modulepreload\" href=\"{base}/app.js\" />\n    \
         <link rel=\"modulepreload\" href=\"{base}/__wasm_split.js\" />\n    \
         <link rel=\"preload\" href=\"{base}/app_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n    \
         <script type=\"module\" src=\"{base}/start.js\"></script>\n  </head>"
    );
    let html = html.replacen("</head>", &head, 1);
    html.lines().filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join("\n") + "\n"
}

/// Writes `<file>.br` (brotli at its best) and `<file>.gz` (gzip -9) of `bytes`, the file's
/// content, beside it, for api-mock to serve by content negotiation.
fn write_compressed_copies(file: &Path, bytes: &[u8]) -> Result<(), String> {
    let with = |extension: &str| PathBuf::from(format!("{}.{extension}", file.display()));
    write(&with("br"), &brotli_bytes(bytes))?;
    write(&with("gz"), &gzip_bytes(bytes))
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Removes all but the newest `BUILDS_KEPT` build folders.
fn prune(builds: &Path) -> Result<(), String> {
    let mut folders: Vec<_> = std::fs::read_dir(builds)
        .map_err(|e| format!("{}: {e}", builds.display()))?
        .flatten()
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    folders.sort();
    for (_, old) in folders.iter().rev().skip(BUILDS_KEPT) {
        std::fs::remove_dir_all(old).map_err(|e| format!("{}: {e}", old.display()))?;
    }
    Ok(())
}

/// The value of `name="…"` in the template, if present.
fn attribute<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    html[start..].split('"').next()
}

/// The files of a folder, sorted by name.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<_> =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_html_loads_the_build_and_keeps_the_rest_of_the_template() {
        let template = "<html>\n  <head>\n    <title>T</title>\n    <link data-trunk rel=\"rust\" href=\"app/Cargo.toml\"\n      data-wasm-opt=\"z\" />\n    <link data-trunk rel=\"css\" href=\"style/main.css\" />\n  </head>\n</html>\n";
        let html = index_html(template, "/b/abc");
        assert!(!html.contains("data-trunk"), "{html}");
        assert!(html.contains("<title>T</title>"));
        for reference in
            ["href=\"/b/abc/main.css\"", "href=\"/b/abc/app.js\"", "href=\"/b/abc/__wasm_split.js\"", "href=\"/b/abc/app_bg.wasm\"", "src=\"/b/abc/start.js\""]
        {
            assert!(html.contains(reference), "{reference} missing: {html}");
        }
        assert!(html.find("start.js").unwrap() < html.find("</head>").unwrap());
    }

    #[test]
    fn attributes_are_read_from_the_template() {
        let html = "<link data-wasm-opt=\"z\" data-wasm-opt-params=\"--enable-bulk-memory --enable-sign-ext\" />";
        assert_eq!(attribute(html, "data-wasm-opt"), Some("z"));
        assert_eq!(attribute(html, "data-wasm-opt-params"), Some("--enable-bulk-memory --enable-sign-ext"));
        assert_eq!(attribute(html, "data-missing"), None);
    }

    #[test]
    fn only_the_newest_builds_are_kept() {
        let builds = std::env::temp_dir().join(format!("xtask-builds-{}", std::process::id()));
        for (age, name) in ["oldest", "older", "newest"].iter().enumerate() {
            std::fs::create_dir_all(builds.join(name)).unwrap();
            let modified = std::time::SystemTime::now() - std::time::Duration::from_secs(100 - age as u64 * 10);
            std::fs::File::open(builds.join(name)).unwrap().set_modified(modified).unwrap();
        }
        prune(&builds).unwrap();
        let mut left: Vec<_> = std::fs::read_dir(&builds).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["newest", "older"]);
        std::fs::remove_dir_all(builds).unwrap();
    }

    #[test]
    fn compressed_copies_decompress_to_the_original() {
        let text = "Profil Zaufany ".repeat(100).into_bytes();
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &brotli_bytes(&text)[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, text);
        let mut ungzip = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip_bytes(&text)[..]), &mut ungzip).unwrap();
        assert_eq!(ungzip, text);
    }
}
