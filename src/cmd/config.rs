//! `irview config`: where the config file is, and the configuration in effect (the file's
//! settings over the defaults), printed as a config file a user can start from.

use crate::tui::keymap::Keymap;
use irview::config::{self, File};

/// The effective configuration as TOML: every setting with its value, a comment saying where
/// it came from, and the whole keymap by action name.
pub fn print(file: &File, keymap: &Keymap) -> String {
    let c = &file.config;
    // "  # default; what it is" or "  # what it is": where the value came from, then the help.
    let note = |set: bool, help: &str| match (set, help.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("  # {help}"),
        (false, true) => "  # default".to_string(),
        (false, false) => format!("  # default; {help}"),
    };
    let mut out = String::new();
    let source = match (&file.path, config::path()) {
        (Some(p), _) => format!("from {}", p.display()),
        (None, Some((p, _))) => format!("no file at {}: defaults", p.display()),
        (None, None) => {
            "no config place (neither XDG_CONFIG_HOME nor HOME is set): defaults".into()
        }
    };
    out.push_str(&format!("# irview's configuration in effect, {source}\n"));
    out.push_str(&format!(
        "theme = {:?}{}\n",
        c.theme.unwrap_or_default().name(),
        note(
            c.theme.is_some(),
            "dark | light | auto (auto asks the terminal at start)"
        )
    ));
    out.push_str(&format!(
        "mouse = {}{}\n",
        c.mouse.unwrap_or(false),
        note(c.mouse.is_some(), "")
    ));
    let pane = c.pane.as_ref().map(|p| p.get_ref().as_str());
    out.push_str(&format!(
        "pane = {:?}{}\n",
        pane.unwrap_or("release"),
        note(pane.is_some(), "the pane to open on")
    ));
    out.push_str(&format!(
        "copy = {}{}\n",
        c.copy.unwrap_or(true),
        note(c.copy.is_some(), "y copies to the clipboard (OSC 52)")
    ));
    out.push_str("\n[keys]  # by action name; the listed keys replace the action's\n");
    for b in &keymap.bindings {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("{:?}", k.name())).collect();
        let set = if c.keys.contains_key(&b.name) {
            ""
        } else {
            "  # default"
        };
        out.push_str(&format!("{} = [{}]{set}\n", b.name, keys.join(", ")));
    }
    out.push_str("\n[edgar]\n");
    out.push_str(&format!(
        "ttl_hours = {}{}\n",
        c.edgar.ttl_hours.unwrap_or(24),
        note(
            c.edgar.ttl_hours.is_some(),
            "how long the ticker list and submissions stay fresh"
        )
    ));
    match &c.edgar.user_agent {
        Some(ua) => out.push_str(&format!("user_agent = {ua:?}\n")),
        None => out.push_str(
            "# user_agent = \"Your Name you@example.com\"  # not set: the SEC asks for a name and an e-mail\n",
        ),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_configuration_reads_back_as_the_same() {
        let text = "theme = \"light\"\ncopy = false\n[keys]\nquit = [\"x\"]\n";
        let file = File {
            path: Some("/tmp/c.toml".into()),
            text: text.into(),
            config: config::parse(text).unwrap(),
        };
        let km = Keymap::bundled().with_overrides(&file.config.keys).unwrap();
        let printed = print(&file, &km);
        assert!(
            printed.contains("theme = \"light\"  # dark | light"),
            "{printed}"
        );
        assert!(printed.contains("mouse = false  # default"), "{printed}");
        assert!(printed.contains("quit = [\"x\"]\n"), "{printed}");
        assert!(printed.contains("half_page_down = [\"Ctrl-d\", \"d\"]  # default"));
        // What it prints is a valid config file that means the same.
        let again = config::parse(&printed).unwrap();
        assert_eq!(again.theme, file.config.theme);
        assert_eq!(again.copy, Some(false));
        let km2 = Keymap::bundled().with_overrides(&again.keys).unwrap();
        for (a, b) in km.bindings.iter().zip(&km2.bindings) {
            assert_eq!((&a.name, &a.keys), (&b.name, &b.keys));
        }
    }
}
