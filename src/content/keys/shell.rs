//! Keys of the lines the Telegram front end says about how it reads
//! updates (a chat sending faster than it is answered, edited messages),
//! and the bot's profile.

use super::keys;

keys! {
    /// A chat's lane was full: `count` messages were skipped.
    SHELL_SLOW_DOWN = "shell.slow_down" [count];
    SHELL_SLOW_DOWN_ONE = "shell.slow_down_one";
    /// The user edited a message the bot had already read.
    SHELL_EDIT_NOT_READ = "shell.edit_not_read";
    /// The bot's profile (`setMyDescription`, plain text, at most 512
    /// characters): what it does, and the privacy line.
    SHELL_PROFILE_DESCRIPTION = "shell.profile_description";
    /// The short profile line (`setMyShortDescription`, at most 120
    /// characters), shown with a shared link.
    SHELL_PROFILE_SHORT_DESCRIPTION = "shell.profile_short_description";
}
