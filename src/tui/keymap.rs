//! Keys → actions, from the keymap data in `assets/keymap.json` (bundled with `include_str!`).
//!
//! The data names keys ("Ctrl-d", "Shift-Tab", "G") and actions ("half_page_down"); the help
//! overlay is generated from the same entries, so it cannot drift from what the keys do.
//! Text typed into the search prompt and the y/n answer of a prompt are not in the keymap:
//! they are input, not commands.

use super::action::Action;
use super::app::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

const DEFAULT: &str = include_str!("../../assets/keymap.json");

/// A key as the keymap names it: a code and whether Ctrl, Alt or Shift is held. On a
/// character Shift is part of the character ("G", "?") and not tracked; Shift-Tab is a code of
/// its own; Shift on the other keys (Shift-Left) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
            shift: e.modifiers.contains(KeyModifiers::SHIFT)
                && !matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab),
        }
    }

    /// A plain character key.
    pub fn char(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parse "q", "Ctrl-c", "Shift-Tab", "PageDown", "Space", "?".
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, rest) = match s.strip_prefix("Ctrl-") {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (alt, rest) = match rest.strip_prefix("Alt-") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (shift, rest) = match rest.strip_prefix("Shift-") {
            Some(r) if r != "Tab" && r.chars().count() > 1 => (true, r),
            _ => (false, rest),
        };
        let code = match rest {
            "Shift-Tab" | "BackTab" => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Esc" => KeyCode::Esc,
            "Enter" => KeyCode::Enter,
            "Backspace" => KeyCode::Backspace,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "PageDown" => KeyCode::PageDown,
            "PageUp" => KeyCode::PageUp,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Space" => KeyCode::Char(' '),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key {
            code,
            ctrl,
            alt,
            shift,
        })
    }

    /// The key as the keymap and the config file write it (what [`Key::parse`] reads).
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let ctrl = if self.ctrl { "Ctrl-" } else { "" };
        let alt = if self.alt { "Alt-" } else { "" };
        let shift = if self.shift { "Shift-" } else { "" };
        format!("{ctrl}{alt}{shift}{base}")
    }

    /// How the help overlay shows the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let base = if self.shift {
            format!("S-{base}")
        } else {
            base
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (false, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawEntry {
    group: String,
    action: String,
    keys: Vec<String>,
    help: String,
}

/// One keymap entry: the keys, what they do, and the line the help overlay shows.
#[derive(Debug, Clone)]
pub struct Binding {
    pub group: String,
    /// The action's name in the keymap data and the config file (`half_page_down`).
    pub name: String,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// Parse keymap JSON; an unknown key or action name is an error naming it.
    pub fn from_json(src: &str) -> Result<Keymap, String> {
        let raw: Vec<RawEntry> = serde_json::from_str(src).map_err(|e| e.to_string())?;
        let mut bindings = Vec::with_capacity(raw.len());
        for e in raw {
            let action =
                Action::from_name(&e.action).ok_or(format!("unknown action '{}'", e.action))?;
            let keys = e
                .keys
                .iter()
                .map(|k| Key::parse(k).ok_or(format!("unknown key '{k}'")))
                .collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding {
                name: e.action,
                group: e.group,
                keys,
                action,
                help: e.help,
            });
        }
        Ok(Keymap { bindings })
    }

    /// The bundled keymap. It is ours and tested, so a parse failure cannot reach a user; an
    /// empty keymap would still leave Ctrl-c (handled below) to quit.
    pub fn bundled() -> Keymap {
        Keymap::from_json(DEFAULT).unwrap_or(Keymap {
            bindings: Vec::new(),
        })
    }

    /// The keymap with a config file's `[keys]`: each named action's keys replaced by the listed
    /// ones, and any of those keys taken from the action that had it, so a key does one thing.
    /// An unknown action or key is an error with the entry's span (for its line).
    pub fn with_overrides<S: AsRef<str>>(
        mut self,
        overrides: &std::collections::BTreeMap<String, toml::Spanned<Vec<S>>>,
    ) -> Result<Keymap, (std::ops::Range<usize>, String)> {
        for (name, keys) in overrides {
            let span = keys.span();
            let Some(i) = self.bindings.iter().position(|b| &b.name == name) else {
                let names: Vec<&str> = self.bindings.iter().map(|b| b.name.as_str()).collect();
                return Err((
                    span,
                    format!("unknown action '{name}' (one of {})", names.join(", ")),
                ));
            };
            let parsed = keys
                .get_ref()
                .iter()
                .map(|k| {
                    let k = k.as_ref();
                    Key::parse(k).ok_or_else(|| {
                        (
                            span.clone(),
                            format!("unknown key '{k}' for '{name}' (as in \"Ctrl-d\", \"Shift-Tab\", \"PageDown\", \"q\")"),
                        )
                    })
                })
                .collect::<Result<Vec<Key>, _>>()?;
            for b in &mut self.bindings {
                b.keys.retain(|k| !parsed.contains(k));
            }
            self.bindings[i].keys = parsed;
        }
        Ok(self)
    }

    pub fn lookup(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone())
    }

    /// What a key press means in the given mode.
    pub fn action_for(&self, mode: &Mode, e: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(e);
        if key.ctrl && key.code == KeyCode::Char('c') {
            return Some(Action::ForceQuit);
        }
        match mode {
            Mode::Search { .. } | Mode::Goto { .. } | Mode::Filter { .. } => match key.code {
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Enter => Some(Action::SearchConfirm),
                KeyCode::Backspace => Some(Action::InputBackspace),
                KeyCode::Char('u') if key.ctrl => Some(Action::InputClear),
                KeyCode::Char(c) if !key.ctrl && !key.alt => Some(Action::Input(c)),
                _ => None,
            },
            Mode::Confirm { .. } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Confirm(true)),
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    Some(Action::Confirm(false))
                }
                _ => None,
            },
            // A digit starts a count (`5j`, `50G`) and, once one is started, extends it; the
            // app still gives a first digit its keymap meaning (a pane) until a motion follows.
            Mode::Normal | Mode::Count { .. } => match key.code {
                KeyCode::Char(c @ '0'..='9') if !key.ctrl && !key.alt => {
                    let d = c as u8 - b'0';
                    let counting = matches!(mode, Mode::Count { .. });
                    (counting || d > 0)
                        .then_some(Action::Count(d))
                        .or_else(|| self.lookup(key))
                }
                _ => self.lookup(key),
            },
            Mode::Help { .. } => self.lookup(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn bundled_keymap_parses_and_has_no_duplicate_keys() {
        let km = Keymap::from_json(DEFAULT).unwrap();
        let mut seen = HashSet::new();
        for b in &km.bindings {
            for k in &b.keys {
                assert!(seen.insert(*k), "key {} bound twice", k.label());
            }
        }
        // Every pane has a number key.
        for i in 0..irview::pane::PaneKind::ALL.len() {
            assert!(km.bindings.iter().any(|b| b.action == Action::GoPane(i)));
        }
    }

    #[test]
    fn keys_map_to_actions() {
        let km = Keymap::bundled();
        let ev = |code, m| KeyEvent::new(code, m);
        let n = Mode::Normal;
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        // A digit is a count's first digit (the app still opens its pane); `0` starts none.
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::Count(3))
        );
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('0'), KeyModifiers::NONE)),
            None
        );
        let c = Mode::Count { n: 5, origin: 0 };
        assert_eq!(
            km.action_for(&c, &ev(KeyCode::Char('0'), KeyModifiers::NONE)),
            Some(Action::Count(0))
        );
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        // In the search prompt letters are text, and Ctrl-c still quits.
        let s = Mode::Search {
            input: String::new(),
        };
        assert_eq!(
            km.action_for(&s, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            km.action_for(&s, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
    }

    #[test]
    fn config_overrides_replace_an_action_s_keys_and_take_them_from_others() {
        let cfg =
            irview::config::parse("[keys]\nquit = [\"x\", \"Ctrl-q\"]\nhalf_page_down = [\"q\"]\n")
                .unwrap();
        let km = Keymap::bundled().with_overrides(&cfg.keys).unwrap();
        let ev = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let n = Mode::Normal;
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('x'))),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action_for(&n, &ev(KeyCode::Char('q'))),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            km.action_for(
                &n,
                &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        // Every key's name reads back as the same key.
        for b in &km.bindings {
            for k in &b.keys {
                assert_eq!(Key::parse(&k.name()), Some(*k), "{}", k.name());
            }
        }
        let text = "mouse = true\n[keys]\nfly = [\"f\"]\n";
        let cfg = irview::config::parse(text).unwrap();
        let (span, m) = Keymap::bundled().with_overrides(&cfg.keys).unwrap_err();
        assert!(m.contains("unknown action 'fly'"), "{m}");
        assert_eq!(text[..span.start].matches('\n').count() + 1, 3);
        let cfg = irview::config::parse("[keys]\nquit = [\"Hyper-q\"]\n").unwrap();
        let (_, m) = Keymap::bundled().with_overrides(&cfg.keys).unwrap_err();
        assert!(m.contains("unknown key 'Hyper-q'"), "{m}");
    }

    #[test]
    fn bad_names_are_reported() {
        assert!(
            Keymap::from_json(r#"[{"group":"x","action":"fly","keys":["q"],"help":""}]"#)
                .unwrap_err()
                .contains("fly")
        );
        assert!(
            Keymap::from_json(r#"[{"group":"x","action":"quit","keys":["Hyper-q"],"help":""}]"#)
                .unwrap_err()
                .contains("Hyper-q")
        );
    }
}
