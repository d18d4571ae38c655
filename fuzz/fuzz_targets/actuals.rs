//! Importing actuals (`tabiji kpi import`, Import actuals… in the app): any bytes, in any of the
//! encodings and shapes an export may have, give a clear error or a plan, never a panic; and a
//! plan's change keeps every KPI valid.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tabiji_core::actuals::{self, Aggregate, Mapping, PeriodUnit};
use tabiji_core::{validate, Language, Map, Op, Template};

static MAP: LazyLock<Map> = LazyLock::new(|| Template::B2b.build(Language::Ja, None));

fuzz_target!(|bytes: &[u8]| {
    let _ = actuals::preview(bytes, 8);
    let counted =
        Mapping { aggregate: Aggregate::Count, period_unit: PeriodUnit::FiscalQuarter, ..Mapping::default() };
    for mapping in [Mapping::default(), counted] {
        let Ok(plan) = actuals::plan(&MAP, bytes, &mapping, None) else { continue };
        let ops = match plan.op {
            Some(Op::Batch { ops }) => ops,
            Some(op) => vec![op],
            None => vec![],
        };
        let mut map = MAP.clone();
        for op in ops {
            let Op::UpdateKpi { id, patch } = op else { panic!("an import only updates KPIs") };
            let kpi = map.kpis.iter_mut().find(|k| k.id == id).expect("the KPI exists");
            patch.apply_to(kpi);
        }
        let problems = validate::map(&map);
        assert!(problems.is_empty(), "an import breaks invariants: {problems:?}");
    }
});
