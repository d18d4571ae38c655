//! Partial updates: a patch names the fields to change; applying it yields the patch that puts
//! the old values back.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::model::*;

/// A field that is present deserialises to `Some`, even when its value is `null` (which then
/// means "clear it"); an absent field stays `None`, meaning "leave it".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

macro_rules! patch {
    ($(#[$meta:meta])* $name:ident for $entity:ty { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
                #[ts(optional)]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// Writes the fields this patch sets into `entity`; returns the patch that undoes it.
            pub fn apply_to(self, entity: &mut $entity) -> Self {
                $name { $( $field: self.$field.map(|v| std::mem::replace(&mut entity.$field, v)), )* }
            }
        }
    };
}

patch!(
    /// Changes to the map's title, description or language.
    MapInfoPatch for MapInfo {
        title: String,
        description: String,
        language: Language,
        fiscal_year_start: u8,
    }
);
patch!(StagePatch for Stage { name: String, width: f64 });
patch!(LanePatch for Lane { name: String, hidden: bool });
patch!(
    /// Changes to a card; `null` clears an optional field (`"cost": null`).
    CardPatch for Card {
        kind: CardKind,
        text: String,
        channel_id: Option<Id>,
        department_id: Option<Id>,
        persona_id: Option<Id>,
        cost: Option<f64>,
        effect: Option<f64>,
        notes: String,
        votes: u32,
    }
);
patch!(ChannelPatch for Channel { name: String, mode: ChannelMode, icon: String });
patch!(DepartmentPatch for Department { name: String });
patch!(OrgPatch for OrgPersona {
    name: String,
    industry: String,
    company_size: String,
    adoption_purpose: String,
    budget_cycle: String,
});
patch!(PersonaPatch for Persona {
    name: String,
    title: String,
    department: String,
    decision_authority: String,
    buying_role: BuyingRole,
    goals: String,
    worries: String,
    color: String,
    stage_ids: Vec<Id>,
});
patch!(
    /// Moves a point (to another stage too), changes its score or its quote.
    EmotionPointPatch for EmotionPoint { stage_id: Id, x: f64, score: f64, quote: String }
);
patch!(KpiPatch for Kpi {
    name: String,
    unit: String,
    target: Option<f64>,
    actual: Option<f64>,
    period: String,
    source: String,
    history: Vec<PeriodActual>,
    funnel: bool,
    better: Better,
    sample: bool,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_clears_and_absence_leaves() {
        let clear: CardPatch = serde_json::from_str(r#"{"cost": null}"#).unwrap();
        assert_eq!(clear.cost, Some(None));
        assert_eq!(clear.effect, None);
        let json = serde_json::to_string(&clear).unwrap();
        assert_eq!(json, r#"{"cost":null}"#);
    }

    #[test]
    fn applying_returns_the_old_values() {
        let mut stage = Stage { id: "s".into(), name: "Old".into(), width: 200.0 };
        let undo = StagePatch { name: Some("New".into()), width: None }.apply_to(&mut stage);
        assert_eq!(stage.name, "New");
        assert_eq!(undo, StagePatch { name: Some("Old".into()), width: None });
    }
}
