//! No circle between the modules of `src/`.
//!
//! Reads every `.rs` file under `src/` (or under `$MODULE_GRAPH_SRC`, to
//! check another tree), collects the `crate::…`, `super::…` and `self::…`
//! paths each module names (in `use` lines and inline), resolves each to the
//! deepest module it reaches, and fails on a circle, printing it. Two
//! granularities are checked: every file-module, and the folders (first-level
//! children) of `conversation/`, so `conversation::report::*` and
//! `conversation::scripts::*` count as one node each.
//!
//! A parent naming its own child (`mod x; pub use x::Y;`) is structure, not a
//! dependency, and is skipped; `#[cfg(test)]` code is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn src_dir() -> PathBuf {
    match std::env::var_os("MODULE_GRAPH_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
    }
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// `src/a/b.rs` is `a::b`, `src/a/mod.rs` is `a`; `lib.rs` and `main.rs` are the root.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).expect("under src/");
    let mut parts: Module = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without its `#[cfg(test)]` part and without comments.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts with `crate::`, `super::` or `self::`, as segments;
/// a brace group (`a::{b, c::d}`) is expanded one level.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':';
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::") || rest.starts_with("self::")) {
            let (path, end) = read_path(&bytes, i);
            paths.extend(path);
            i = end;
        } else {
            i += 1;
        }
    }
    paths
}

/// Reads `seg::seg::…` from `at`, expanding one brace group.
fn read_path(chars: &[char], mut at: usize) -> (Vec<Vec<String>>, usize) {
    let mut segments = Vec::new();
    loop {
        let start = at;
        while at < chars.len() && is_ident(chars[at]) {
            at += 1;
        }
        if at > start {
            segments.push(chars[start..at].iter().collect::<String>());
        }
        if at + 1 < chars.len() && chars[at] == ':' && chars[at + 1] == ':' {
            at += 2;
            if at < chars.len() && chars[at] == '{' {
                let mut depth = 0;
                let open = at;
                while at < chars.len() {
                    match chars[at] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
                let inside: String = chars[open + 1..at.min(chars.len())].iter().collect();
                let mut expanded = Vec::new();
                for item in split_top(&inside) {
                    let head: String = item.trim().chars().take_while(|c| is_ident(*c) || *c == ':').collect();
                    let mut path = segments.clone();
                    path.extend(head.split("::").filter(|s| !s.is_empty()).map(String::from));
                    expanded.push(path);
                }
                if expanded.is_empty() {
                    expanded.push(segments);
                }
                return (expanded, at + 1);
            }
            continue;
        }
        return (vec![segments], at.max(start + 1));
    }
}

fn split_top(inside: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in inside.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
}

/// The deepest known module a path reaches, from the module that names it.
fn resolve(from: &Module, is_folder: bool, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let mut base: Module = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") | Some("super") => {
            // `self` of `a/b.rs` is `a::b`; of `a/mod.rs` is `a`.
            base = from.clone();
            let _ = is_folder;
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "self" => rest = &rest[1..],
                    "super" => {
                        base.pop()?;
                        rest = &rest[1..];
                    }
                    _ => break,
                }
            }
        }
        _ => return None,
    }
    let mut reached = base;
    for segment in rest {
        let mut next = reached.clone();
        next.push(segment.clone());
        if modules.contains(&next) {
            reached = next;
        } else {
            break;
        }
    }
    Some(reached)
}

fn graph(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|file| module_of(src, file)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let is_folder = file.file_name().is_some_and(|name| name == "mod.rs");
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for path in paths_in(&code_of(&text)) {
            let Some(to) = resolve(&from, is_folder, &path, &modules) else {
                continue;
            };
            // The root (`lib.rs`/`main.rs`) and a parent naming its children are structure.
            if to == from || to.starts_with(&from) || to.is_empty() {
                continue;
            }
            edges.entry(from.clone()).or_default().insert(to);
        }
    }
    edges
}

/// The same graph inside `top` with `top::x::…` folded into `top::x`.
fn folders_of(top: &str, edges: &BTreeMap<Module, BTreeSet<Module>>) -> BTreeMap<Module, BTreeSet<Module>> {
    let fold =
        |module: &Module| -> Option<Module> { (module.len() >= 2 && module[0] == top).then(|| module[..2].to_vec()) };
    let mut folded: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, tos) in edges {
        let Some(from) = fold(from) else { continue };
        for to in tos {
            if let Some(to) = fold(to) {
                if to != from {
                    folded.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    folded
}

/// One circle, if there is any, as the modules along it.
fn circle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        marks: &mut BTreeMap<Module, Mark>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let at = stack.iter().position(|m| m == next).expect("on the stack");
                    let mut found = stack[at..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Mark::New => {
                    if let Some(found) = visit(next, edges, marks, stack) {
                        return Some(found);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(found) = visit(node, edges, &mut marks, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

fn shown(found: &[Module]) -> String {
    found
        .iter()
        .map(|module| module.join("::"))
        .collect::<Vec<_>>()
        .join(" -> ")
}

#[test]
fn the_folders_of_conversation_and_domain_form_no_circle() {
    for top in ["conversation", "domain"] {
        let edges = folders_of(top, &graph(&src_dir()));
        if let Some(found) = circle(&edges) {
            panic!("a circle between the folders of {top}/: {}", shown(&found));
        }
    }
}

#[test]
fn the_modules_of_conversation_form_no_circle() {
    let edges: BTreeMap<Module, BTreeSet<Module>> = graph(&src_dir())
        .into_iter()
        .filter(|(from, _)| from.first().is_some_and(|first| first == "conversation"))
        .map(|(from, tos)| {
            (
                from,
                tos.into_iter()
                    .filter(|to| to.first().is_some_and(|f| f == "conversation"))
                    .collect(),
            )
        })
        .collect();
    if let Some(found) = circle(&edges) {
        panic!("a circle between the modules of conversation/: {}", shown(&found));
    }
}

#[test]
fn the_graph_sees_the_edges_it_should() {
    let edges = graph(&src_dir());
    let step = vec!["conversation".to_string(), "step".to_string()];
    assert!(
        edges
            .get(&step)
            .is_some_and(|tos| tos.iter().any(|to| to.first().is_some_and(|f| f == "domain"))),
        "conversation::step names domain modules; the parser must see that"
    );
}

#[test]
fn the_modules_of_src_form_no_circle() {
    if let Some(found) = circle(&graph(&src_dir())) {
        panic!("a circle between the modules of src/: {}", shown(&found));
    }
}
