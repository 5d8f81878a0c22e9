//! Styles of the viewer, for a dark or a light terminal. Without colour (NO_COLOR) every style
//! keeps only its modifiers, so selection, matches and headings still read by bold, underline
//! and reverse.
//!
//! Colours are the 16 ANSI ones, which every colour terminal has and which users' palettes
//! keep readable; the one shade the 16 lack (the selected row's background) is a 256-colour
//! grey, or an RGB one only when `COLORTERM` says the terminal takes it.

use crate::tui::layout::Tone;
use ratatui::style::{Color, Modifier, Style};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Depth {
    #[default]
    Ansi16,
    Ansi256,
    TrueColor,
}

impl Depth {
    /// From the environment: `COLORTERM=truecolor|24bit`, else a `TERM` with "256color".
    pub fn detect() -> Depth {
        let var = |k| std::env::var(k).unwrap_or_default().to_ascii_lowercase();
        let ct = var("COLORTERM");
        if ct == "truecolor" || ct == "24bit" {
            Depth::TrueColor
        } else if var("TERM").contains("256color") {
            Depth::Ansi256
        } else {
            Depth::Ansi16
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Theme {
    pub color: bool,
    /// Colours for a light background (dark text).
    pub light: bool,
    pub depth: Depth,
}

impl Theme {
    /// The dark theme's colour, or its stand-in on a light background: cyan, grey and yellow
    /// text fade on white, so they turn blue, dark grey and magenta.
    fn c(&self, dark: Color) -> Color {
        if !self.light {
            return dark;
        }
        match dark {
            Color::Cyan => Color::Blue,
            Color::Gray => Color::DarkGray,
            Color::Yellow => Color::Magenta,
            Color::Green => Color::Green,
            other => other,
        }
    }

    fn s(&self, fg: Option<Color>, bg: Option<Color>, m: Modifier) -> Style {
        let mut st = Style::default().add_modifier(m);
        if self.color {
            if let Some(c) = fg {
                st = st.fg(self.c(c));
            }
            if let Some(c) = bg {
                st = st.bg(c);
            }
        }
        st
    }

    pub fn tone(&self, t: Tone) -> Style {
        let none = Modifier::empty();
        match t {
            Tone::Plain => Style::default(),
            Tone::Dim => self.s(Some(Color::DarkGray), None, none),
            Tone::Bold => self.s(None, None, Modifier::BOLD),
            Tone::Heading(1) => self.s(Some(Color::Cyan), None, Modifier::BOLD),
            Tone::Heading(_) => self.s(Some(Color::Cyan), None, Modifier::BOLD | Modifier::ITALIC),
            Tone::ColumnHeader => self.s(None, None, Modifier::BOLD | Modifier::UNDERLINED),
            Tone::TableLine => self.s(Some(Color::Gray), None, none),
            Tone::Rule => self.s(Some(Color::DarkGray), None, none),
            Tone::Up => self.s(Some(Color::Green), None, none),
            Tone::Down => self.s(Some(Color::Red), None, none),
            Tone::Status => self.s(Some(Color::Yellow), None, Modifier::BOLD),
            Tone::Note => self.s(Some(Color::DarkGray), None, Modifier::ITALIC),
            Tone::Completed => self.s(Some(Color::Green), None, Modifier::BOLD),
            Tone::InProgress => self.s(Some(Color::Yellow), None, Modifier::BOLD),
            Tone::Expected => self.s(Some(Color::Blue), None, Modifier::BOLD),
        }
    }

    pub fn title_bar(&self) -> Style {
        // Black on cyan reads on both backgrounds; `s` would turn the black into itself.
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn tab(&self) -> Style {
        self.s(Some(Color::Gray), None, Modifier::empty())
    }
    pub fn tab_active(&self) -> Style {
        if self.color {
            let (fg, bg) = if self.light {
                (Color::White, Color::Blue)
            } else {
                (Color::Black, Color::White)
            };
            Style::default().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }
    pub fn status_bar(&self) -> Style {
        self.s(Some(Color::White), Some(Color::DarkGray), Modifier::empty())
    }
    pub fn status_strong(&self) -> Style {
        self.s(Some(Color::White), Some(Color::DarkGray), Modifier::BOLD)
    }
    pub fn message(&self) -> Style {
        // On the status bar's own dark grey, whatever the terminal's background.
        if self.color {
            Style::default()
                .fg(Color::Yellow)
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    /// The selected row of a list pane; without colour the ▶ marker and bold carry it.
    pub fn selected(&self) -> Style {
        if self.color {
            let bg = match (self.depth, self.light) {
                (Depth::TrueColor, false) => Color::Rgb(40, 44, 60),
                (Depth::TrueColor, true) => Color::Rgb(222, 228, 242),
                (Depth::Ansi256, false) => Color::Indexed(237),
                (Depth::Ansi256, true) => Color::Indexed(254),
                // No grey of the 16 lies between text and background on every palette: blue,
                // with the text white, is what 16-colour pagers use.
                (Depth::Ansi16, _) => return Style::default().bg(Color::Blue).fg(Color::White),
            };
            Style::default().bg(bg)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn hit(&self) -> Style {
        self.s(
            Some(Color::Black),
            Some(Color::Yellow),
            Modifier::UNDERLINED,
        )
    }
    pub fn current_hit(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    /// The source span shown after a jump.
    pub fn jump(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Blue).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn border(&self) -> Style {
        self.s(Some(Color::Cyan), None, Modifier::empty())
    }
}
