//! Styles of the viewer. Without colour (NO_COLOR) every style keeps only its modifiers, so
//! selection, matches and headings still read by bold, underline and reverse.

use crate::tui::layout::Tone;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn s(&self, fg: Option<Color>, bg: Option<Color>, m: Modifier) -> Style {
        let mut st = Style::default().add_modifier(m);
        if self.color {
            if let Some(c) = fg {
                st = st.fg(c);
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
        self.s(Some(Color::Black), Some(Color::Cyan), Modifier::BOLD)
    }
    pub fn tab(&self) -> Style {
        self.s(Some(Color::Gray), None, Modifier::empty())
    }
    pub fn tab_active(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD)
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
        self.s(Some(Color::Yellow), Some(Color::DarkGray), Modifier::BOLD)
    }
    /// The selected row of a list pane; without colour the ▶ marker and bold carry it.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Rgb(40, 44, 60))
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
