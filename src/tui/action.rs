//! What the user asked for, independent of which key said it: the only input `App::step` takes.

/// One request to change the viewer's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `q`: leave (closes the help overlay when it is open).
    Quit,
    /// Ctrl-c: leave at once, whatever is open.
    ForceQuit,
    /// Esc: close what is open (a prompt, the help, a search, a pending count, a jump's
    /// highlight). With nothing open it does nothing, as in less: `q` quits.
    Cancel,
    NextPane,
    PrevPane,
    /// Go to pane N (0-based, in tab order).
    GoPane(usize),
    Down(usize),
    Up(usize),
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// A digit typed before a motion (`5j`, `50G`): the count to give it.
    Count(u8),
    /// No key for a moment after a digit (sent by the event loop): the digits were not a count.
    CountLapse,
    /// `>` / `<`: scroll the Release pane's wide tables sideways.
    ScrollRight,
    ScrollLeft,
    /// `:`: the go-to-line prompt (a source line of the release).
    GotoStart,
    /// Enter: jump from a record to its source in the Release pane.
    JumpToSource,
    /// Backspace / `o`: back to where the last jump started.
    Back,
    /// `s`: show or hide the source strip under a list pane's table.
    ToggleSource,
    SearchStart,
    SearchNext,
    SearchPrev,
    /// A character typed into the search prompt.
    Input(char),
    /// Backspace in the search prompt.
    InputBackspace,
    /// Ctrl-u in the search prompt: clear it.
    InputClear,
    /// Enter in the search prompt (keep the search) or the go-to-line prompt (go there).
    SearchConfirm,
    Export,
    /// `y`: copy the selected row, or the current match's sentence, to the clipboard.
    Copy,
    /// The answer to the "replace existing file?" prompt.
    Confirm(bool),
    Help,
    /// `L`: back to the library's list, at the place it was left.
    Library,
    /// `]` / `[`: the next / previous release of the open one's company in the library.
    NextRelease,
    PrevRelease,
    /// `S`: the Series tab (the company's releases side by side), when the library has one.
    Series,
    /// Ctrl-z: handled by the event loop (the terminal must be restored first), never by `App`.
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}

impl Action {
    /// The action a keymap entry names (see `assets/keymap.json`).
    pub fn from_name(name: &str) -> Option<Action> {
        Some(match name {
            "quit" => Action::Quit,
            "force_quit" => Action::ForceQuit,
            "cancel" => Action::Cancel,
            "next_pane" => Action::NextPane,
            "prev_pane" => Action::PrevPane,
            "down" => Action::Down(1),
            "up" => Action::Up(1),
            "half_page_down" => Action::HalfPageDown,
            "half_page_up" => Action::HalfPageUp,
            "page_down" => Action::PageDown,
            "page_up" => Action::PageUp,
            "top" => Action::Top,
            "bottom" => Action::Bottom,
            "goto_line" => Action::GotoStart,
            "scroll_right" => Action::ScrollRight,
            "scroll_left" => Action::ScrollLeft,
            "jump_to_source" => Action::JumpToSource,
            "back" => Action::Back,
            "toggle_source" => Action::ToggleSource,
            "search" => Action::SearchStart,
            "search_next" => Action::SearchNext,
            "search_prev" => Action::SearchPrev,
            "export" => Action::Export,
            "copy" => Action::Copy,
            "help" => Action::Help,
            "library" => Action::Library,
            "next_release" => Action::NextRelease,
            "prev_release" => Action::PrevRelease,
            "series" => Action::Series,
            "suspend" => Action::Suspend,
            _ => {
                let n: usize = name.strip_prefix("pane_")?.parse().ok()?;
                if (1..=irview::pane::PaneKind::ALL.len()).contains(&n) {
                    Action::GoPane(n - 1)
                } else {
                    return None;
                }
            }
        })
    }
}
