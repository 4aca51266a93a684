//! What the bot knows that is not code: its words (`dialogues/`), the call
//! scripts and letters, and the CMS reference data. Loaded and checked once
//! at start-up, so a broken copy or data file stops the bot with a clear
//! message instead of failing in the middle of a conversation.

use crate::content::templates::Templates;
use crate::content::Content;
use crate::domain::reference::Reference;
use crate::StartError;
use std::path::Path;

/// Everything loaded at start-up, shared by all chats.
pub struct Resources {
    pub content: Content,
    pub templates: Templates,
    pub reference: Reference,
}

impl Resources {
    /// The copy built into the binary, or the folder `dialogues` (see
    /// `BILLCOACH_DIALOGUES`) when given; the reference data is built in.
    pub fn load(dialogues: Option<&Path>) -> Result<Resources, StartError> {
        let (content, templates) = match dialogues {
            Some(dir) => (Content::from_dir(dir)?, Templates::from_dir(dir)?),
            None => (Content::embedded()?, Templates::embedded()?),
        };
        Ok(Resources {
            content,
            templates,
            reference: Reference::embedded()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_resources_load() {
        Resources::load(None).expect("built-in copy, templates and data load");
    }
}
