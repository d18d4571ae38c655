//! The user's settings, kept as `settings.json` in the config folder: the interface language,
//! which follows the operating system's unless the user chose one.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tabiji_core::{Error, Language, Result};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// The interface language the user chose; `None` follows the operating system.
    #[serde(default)]
    pub language: Option<Language>,
}

/// The settings and what the interface speaks with them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsView {
    pub settings: Settings,
    /// The operating system's language, which `language: null` follows.
    pub system_language: Language,
    pub language: Language,
}

pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn new(config_dir: &std::path::Path) -> SettingsFile {
        SettingsFile { path: config_dir.join("settings.json") }
    }

    /// The saved settings; none saved, or a file that does not read, gives the defaults.
    pub fn load(&self) -> Settings {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, settings: &Settings) -> Result<()> {
        let io = |e| Error::Io { path: self.path.clone(), source: e };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = serde_json::to_string_pretty(settings).expect("settings serialise");
        // Written aside and renamed, so that a crash never leaves half a file.
        let aside = self.path.with_extension("json.new");
        std::fs::write(&aside, text).map_err(io)?;
        std::fs::rename(&aside, &self.path).map_err(io)
    }

    pub fn view(&self) -> SettingsView {
        let settings = self.load();
        let system_language = Language::of_system();
        let language = settings.language.unwrap_or(system_language);
        SettingsView { settings, system_language, language }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_language_is_kept_and_a_damaged_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = SettingsFile::new(dir.path());
        assert_eq!(file.load(), Settings::default());
        file.save(&Settings { language: Some(Language::Ja) }).unwrap();
        assert_eq!(file.view().language, Language::Ja);
        file.save(&Settings { language: None }).unwrap();
        assert_eq!(file.view().language, Language::of_system());
        std::fs::write(dir.path().join("settings.json"), "{ not json").unwrap();
        assert_eq!(file.load(), Settings::default());
    }
}
