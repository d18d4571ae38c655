//! Built-in touchpoint channels and departments, named in Japanese and English.

use crate::model::{Channel, ChannelMode, Department, Language};

struct Entry {
    id: &'static str,
    ja: &'static str,
    en: &'static str,
}

impl Entry {
    fn name(&self, lang: Language) -> String {
        match lang {
            Language::Ja => self.ja,
            Language::En => self.en,
        }
        .to_owned()
    }
}

/// Offline channels; the icon key is the channel id.
const OFFLINE: &[Entry] = &[
    Entry { id: "trade_show", ja: "展示会", en: "Trade show" },
    Entry { id: "sales_meeting", ja: "商談", en: "Sales meeting" },
    Entry { id: "seminar", ja: "セミナー", en: "Seminar" },
    Entry { id: "phone", ja: "電話", en: "Phone" },
    Entry { id: "direct_mail", ja: "DM(郵送)", en: "Direct mail" },
    Entry { id: "print_ad", ja: "紙媒体広告", en: "Print ad" },
    Entry { id: "referral", ja: "紹介", en: "Referral" },
    Entry { id: "user_event", ja: "ユーザー会", en: "User event" },
];

const ONLINE: &[Entry] = &[
    Entry { id: "website", ja: "Webサイト", en: "Website" },
    Entry { id: "search_ad", ja: "検索広告", en: "Search ad" },
    Entry { id: "email", ja: "メール", en: "Email" },
    Entry { id: "chatbot", ja: "チャットボット", en: "Chatbot" },
    Entry { id: "social", ja: "SNS", en: "Social media" },
    Entry { id: "video", ja: "動画", en: "Video" },
    Entry { id: "webinar", ja: "ウェビナー", en: "Webinar" },
    Entry { id: "white_paper", ja: "ホワイトペーパー", en: "White paper" },
    Entry { id: "case_study", ja: "導入事例", en: "Case study" },
    Entry { id: "online_meeting", ja: "オンライン商談", en: "Online meeting" },
];

const DEPARTMENTS: &[Entry] = &[
    Entry { id: "marketing", ja: "マーケティング", en: "Marketing" },
    Entry { id: "sales", ja: "営業", en: "Sales" },
    Entry { id: "inside_sales", ja: "インサイドセールス", en: "Inside sales" },
    Entry { id: "customer_success", ja: "カスタマーサクセス", en: "Customer success" },
];

/// Every built-in channel, offline first, named in `lang`.
pub fn channels(lang: Language) -> Vec<Channel> {
    let with_mode = |entries: &'static [Entry], mode| {
        entries.iter().map(move |e| Channel { id: e.id.into(), name: e.name(lang), mode, icon: e.id.into() })
    };
    with_mode(OFFLINE, ChannelMode::Offline).chain(with_mode(ONLINE, ChannelMode::Online)).collect()
}

pub fn departments(lang: Language) -> Vec<Department> {
    DEPARTMENTS.iter().map(|e| Department { id: e.id.into(), name: e.name(lang) }).collect()
}
