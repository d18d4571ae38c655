use std::path::Path;

use super::*;
use crate::model::Language;
use crate::template::Template;

/// The b2b template, its example figures marked as samples.
fn b2b() -> Map {
    Template::B2b.build(Language::Ja, None)
}

/// The b2b template with its figures taken as real ones.
fn real() -> Map {
    let mut map = b2b();
    map.kpis.iter_mut().for_each(|k| k.sample = false);
    map
}

fn kpi<'a>(map: &'a Map, name: &str) -> &'a Kpi {
    map.kpis.iter().find(|k| k.name == name).unwrap()
}

/// Applies a plan's patches the way the core does, for checking what they set.
fn applied(map: &Map, plan: &Plan) -> Map {
    let mut out = map.clone();
    let ops = match plan.op.clone() {
        Some(Op::Batch { ops }) => ops,
        Some(op) => vec![op],
        None => vec![],
    };
    for op in ops {
        let Op::UpdateKpi { id, patch } = op else { panic!("only KPI updates") };
        let kpi = out.kpis.iter_mut().find(|k| k.id == id).unwrap();
        patch.apply_to(kpi);
    }
    out
}

fn mapping(json: &str) -> Mapping {
    serde_json::from_str(json).unwrap()
}

fn error(map: &Map, csv: &str, mapping: &Mapping) -> String {
    plan(map, csv.as_bytes(), mapping, None).unwrap_err().to_string()
}

#[test]
fn each_period_becomes_a_snapshot_and_the_latest_imported_is_shown() {
    let map = real();
    let csv = "指標,期間,実績\n資料ダウンロード数,2026/10,260\n資料ダウンロード数,2026/11,\"1,310\"\nデモ依頼数,2026年11月,52\n";
    let planned = plan(&map, csv.as_bytes(), &Mapping::default(), None).unwrap();
    assert_eq!((planned.summary.rows, planned.summary.kpis), (3, 2));
    assert_eq!(planned.summary.periods, ["2026-10", "2026-11"]);
    let after = applied(&map, &planned);
    let downloads = kpi(&after, "資料ダウンロード数");
    assert_eq!((downloads.actual, downloads.period.as_str()), (Some(1310.0), "2026-11"));
    let history: Vec<(&str, f64)> = downloads.history.iter().map(|h| (h.period.as_str(), h.actual)).collect();
    assert_eq!(history, [("2026-Q3", 240.0), ("2026-10", 260.0)], "the earlier figure is kept, oldest first");
    assert!(crate::validate::map(&after).is_empty());

    // Importing November again replaces it, and the summary says so; nothing else moves.
    let again = plan(
        &after,
        "KPI,period,actual\n資料ダウンロード数,2026-11,1400".as_bytes(),
        &Mapping::default(),
        None,
    )
    .unwrap();
    assert_eq!(
        (again.summary.replaced, again.summary.replaced_periods.clone()),
        (1, vec!["2026-11".to_owned()])
    );
    let after = applied(&after, &again);
    let downloads = kpi(&after, "資料ダウンロード数");
    assert_eq!((downloads.actual, downloads.history.len()), (Some(1400.0), 2));
}

#[test]
fn real_actuals_replace_a_templates_samples() {
    let map = b2b();
    let planned =
        plan(&map, "指標,期間,実績\nデモ依頼数,2026-11,52\n".as_bytes(), &Mapping::default(), None).unwrap();
    assert_eq!((planned.summary.samples_replaced, planned.summary.replaced), (1, 0));
    let demos = kpi(&applied(&map, &planned), "デモ依頼数").clone();
    assert!(!demos.sample);
    assert_eq!((demos.actual, demos.period.as_str(), demos.history.len()), (Some(52.0), "2026-11", 0));
    let after = applied(&map, &planned);
    let report = crate::analysis::report(&after, None);
    assert_eq!(report.sample_kpis, 9, "the report still counts the KPIs that show samples");
}

#[test]
fn repeated_rows_are_refused_naming_both_lines_unless_the_mapping_combines_them() {
    let map = real();
    let csv = "指標,期間,実績\nデモ依頼数,2026-11,20\n資料ダウンロード数,2026-11,5\nデモ依頼数,2026/11,32\n";
    let refused = error(&map, csv, &Mapping::default());
    assert!(
        refused.contains("lines 2 and 4 both give the actual of \"デモ依頼数\" for 2026-11"),
        "the last row must not silently win: {refused}"
    );
    for (aggregate, expected) in [("sum", 52.0), ("average", 26.0), ("count", 2.0)] {
        let combined =
            plan(&map, csv.as_bytes(), &mapping(&format!(r#"{{"aggregate": "{aggregate}"}}"#)), None);
        assert_eq!(
            kpi(&applied(&map, &combined.unwrap()), "デモ依頼数").actual,
            Some(expected),
            "{aggregate}"
        );
    }
}

#[test]
fn a_raw_crm_export_is_counted_per_kpi_and_month_through_its_stage_values() {
    let map = real();
    // HubSpot's deals export: one row per deal, the stage as HubSpot's internal id.
    let csv = "Record ID,Deal Name,Deal Stage,Amount,Create Date\n\
               1,A社 受発注,presentationscheduled,1200000,2026-10-03 10:22\n\
               2,B社 受発注,presentationscheduled,800000,2026-10-20 09:00\n\
               3,C社 受発注,qualifiedtobuy,500000,2026-11-02 14:30\n\
               4,D社 受発注,closedlost,0,2026-11-04 11:00\n\
               5,E社 受発注,presentationscheduled,,2026-11-09 16:45\n";
    let hubspot = saved::load(Path::new("/nonexistent"), "HubSpot deals").unwrap();
    let planned = plan(&map, csv.as_bytes(), &hubspot, None).unwrap();
    let after = applied(&map, &planned);
    let demos = kpi(&after, "デモ依頼数");
    assert_eq!((demos.actual, demos.period.as_str()), (Some(1.0), "2026-11"));
    assert_eq!(demos.history.last().map(|h| (h.period.as_str(), h.actual)), Some(("2026-10", 2.0)));
    assert_eq!(kpi(&after, "商談化数").actual, Some(1.0));
    let skipped: Vec<(&str, usize)> =
        planned.summary.unmapped.iter().map(|u| (u.value.as_str(), u.rows)).collect();
    assert_eq!(skipped, [("closedlost", 1)], "a value no mapping names is skipped and counted");
    assert_eq!(planned.summary.used, 4);

    // Summing the amount of the same rows instead, with a missing amount counted, not refused.
    let amounts = Mapping { aggregate: Aggregate::Sum, actual: Some("Amount".into()), ..hubspot };
    let planned = plan(&map, csv.as_bytes(), &amounts, None).unwrap();
    assert_eq!(planned.summary.missing, 1);
    assert_eq!(kpi(&applied(&map, &planned), "デモ依頼数").actual, Some(2_000_000.0), "October's two deals");
}

#[test]
fn salesforce_and_marketo_report_exports_import_with_their_ready_mappings() {
    let map = real();
    // A Japanese Salesforce report, saved as Shift_JIS, with the footer Salesforce adds.
    let salesforce = "商談名,取引先名,フェーズ,金額,完了予定日,所有者\n\
                      受発注クラウド導入,A社,提案/見積,\"1,200,000\",2026/11/05,山田\n\
                      受発注クラウド導入,B社,ニーズ分析,800000,2026/11/20,鈴木\n\
                      受発注クラウド導入,C社,提案/見積,500000,2026/12/01,山田\n\
                      受発注クラウド導入,D社,成約,900000,2026/12/15,鈴木\n\
                      \n合計,,,\"3,400,000\",,\n\n\"機密情報 - 社外秘\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(salesforce);
    let mapping = saved::load(Path::new("/nonexistent"), "Salesforce 商談レポート").unwrap();
    let planned = plan(&map, &bytes, &mapping, None).unwrap();
    assert_eq!(planned.summary.encoding, "Shift_JIS");
    assert_eq!(planned.summary.footer.len(), 3, "{:?}", planned.summary.footer);
    let after = applied(&map, &planned);
    assert_eq!(kpi(&after, "見積提出数").actual, Some(1.0), "one quote due in December");
    assert_eq!(kpi(&after, "見積提出数").history.last().unwrap().actual, 1.0);
    assert_eq!(kpi(&after, "商談化数").period, "2026-11");

    // A Marketo lead export as Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated.
    let marketo = "Id\tFirst Name\tLast Name\tEmail Address\tLead Source\tCreated At\n\
                   101\t花子\t佐藤\thanako@example.jp\t資料ダウンロード\t2026-11-02T09:15:00Z\n\
                   102\t太郎\t鈴木\ttaro@example.jp\tデモ申込\t2026-11-03T10:00:00Z\n\
                   103\tKen\tSmith\tken@example.com\tContent Download\t2026-11-28T23:59:00Z\n";
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(marketo.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let mapping = saved::load(Path::new("/nonexistent"), "Marketo leads").unwrap();
    let planned = plan(&map, &utf16, &mapping, None).unwrap();
    let after = applied(&map, &planned);
    assert_eq!(kpi(&after, "資料ダウンロード数").actual, Some(2.0));
    assert_eq!(kpi(&after, "デモ依頼数").actual, Some(1.0));
}

#[test]
fn dates_fall_into_fiscal_periods_from_the_maps_first_month() {
    let mut map = real();
    map.info.fiscal_year_start = 4;
    let csv =
        "Metric,Date,Value\nデモ依頼数,2026-03-31,10\nデモ依頼数,2026-04-01,20\nデモ依頼数,2027-03-31,30\n";
    let by_year = mapping(
        r#"{"kpi": "Metric", "period": "Date", "actual": "Value", "period_unit": "fiscal_year", "aggregate": "sum"}"#,
    );
    let planned = plan(&map, csv.as_bytes(), &by_year, None).unwrap();
    assert_eq!(planned.summary.periods, ["FY2025", "FY2026"]);
    assert_eq!(kpi(&applied(&map, &planned), "デモ依頼数").actual, Some(50.0), "April 2026 to March 2027");
    let by_quarter = Mapping { period_unit: PeriodUnit::FiscalQuarter, ..by_year };
    let planned = plan(&map, csv.as_bytes(), &by_quarter, None).unwrap();
    assert_eq!(planned.summary.periods, ["FY2025-Q4", "FY2026-Q1", "FY2026-Q4"]);
    let error = error(&map, "Metric,Date,Value\nデモ依頼数,来月,1\n", &by_quarter);
    assert!(error.contains("line 2, column 2 (Date): \"来月\" is not a date"), "{error}");
}

#[test]
fn targets_come_from_a_column_and_a_unique_kpi_name_matches_any_stage() {
    let map = real();
    let csv = "ステージ,指標,期間,実績,目標\n購買前,デモ依頼数,2026-11,52,70\n検討,商談化数,2026-11,25,\n";
    let planned = plan(&map, csv.as_bytes(), &Mapping::default(), None).unwrap();
    assert_eq!(planned.summary.targets, 1);
    let after = applied(&map, &planned);
    assert_eq!(
        (kpi(&after, "デモ依頼数").actual, kpi(&after, "デモ依頼数").target),
        (Some(52.0), Some(70.0))
    );
    assert_eq!(kpi(&after, "商談化数").target, kpi(&map, "商談化数").target, "an empty target leaves it");

    let clash = "指標,期間,実績,目標\nデモ依頼数,2026-11,1,70\nデモ依頼数,2026-11,2,80\n";
    let refused = error(&map, clash, &mapping(r#"{"aggregate": "sum"}"#));
    assert!(
        refused.contains("lines 2 and 3 give different targets for \"デモ依頼数\" in 2026-11"),
        "{refused}"
    );
}

#[test]
fn phase_names_map_to_stages_and_unmapped_phases_are_skipped() {
    let mut map = real();
    // Two stages with a KPI of the same name: the row's phase says which.
    let mut twin = kpi(&map, "デモ依頼数").clone();
    twin.id = "kp_twin".into();
    twin.stage_id = "st_3".into();
    map.kpis.push(twin);
    let csv = "フェーズ,指標,期間,実績\nニーズ分析,デモ依頼数,2026-11,5\n提案/見積,デモ依頼数,2026-11,7\n成約,デモ依頼数,2026-11,9\n";
    let phases =
        mapping(r#"{"stage": "フェーズ", "stage_values": {"ニーズ分析": "検討", "提案/見積": "st_3"}}"#);
    let planned = plan(&map, csv.as_bytes(), &phases, None).unwrap();
    let after = applied(&map, &planned);
    let actual = |id: &str| after.kpis.iter().find(|k| k.id == id).unwrap().actual;
    assert_eq!((actual("kp_3"), actual("kp_twin")), (Some(5.0), Some(7.0)));
    assert_eq!(planned.summary.unmapped.len(), 1);
    let refused = error(&map, "指標,期間,実績\nデモ依頼数,2026-11,5\n", &Mapping::default());
    assert!(refused.contains("2 KPIs are named \"デモ依頼数\""), "{refused}");
}

#[test]
fn a_preview_shows_the_first_rows_the_columns_it_recognises_and_the_footer() {
    let csv = "\u{FEFF}Close Month,指標,実績,目標,Owner\n2026/10,商談化数,31,40,山田\n2026/10,デモ依頼数,52,60,鈴木\n2026/11,商談化数,35,40,山田\n合計,,118,,\n";
    let preview = preview(csv.as_bytes(), 2).unwrap();
    assert_eq!(preview.columns, ["Close Month", "指標", "実績", "目標", "Owner"]);
    assert_eq!(preview.rows.len(), 2);
    assert_eq!(preview.rows[1], ["2026/10", "デモ依頼数", "52", "60", "鈴木"]);
    assert_eq!(preview.rows_total, 3);
    assert_eq!(preview.footer.iter().map(|f| f.line).collect::<Vec<_>>(), [5]);
    let recognised = Mapping {
        kpi: Some("指標".into()),
        actual: Some("実績".into()),
        target: Some("目標".into()),
        ..Mapping::default()
    };
    assert_eq!(preview.recognised, recognised, "\"Close Month\" is not a usual period header");
    assert!(super::preview(b"", 5).unwrap_err().to_string().contains("empty"));
}

#[test]
fn progress_is_reported_from_the_first_row_to_the_last() {
    let map = real();
    let mut csv = String::from("指標,期間,実績\n");
    for n in 0..12_000 {
        csv.push_str(&format!("デモ依頼数,2026-{:02},{n}\n", n % 12 + 1));
    }
    let mut seen = Vec::new();
    plan_reporting(&map, csv.as_bytes(), &mapping(r#"{"aggregate": "sum"}"#), None, &mut |done, total| {
        seen.push((done, total))
    })
    .unwrap();
    assert_eq!(seen, [(0, 12_000), (5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]);
}

#[test]
fn a_mapping_names_the_columns_and_one_period_can_cover_every_row() {
    let map = real();
    let csv = "Opportunity Stage\tMetric Name\tCount\n検討\t商談化数\t31\n";
    let named = mapping(r#"{"kpi": "Metric Name", "actual": "Count", "stage": "Opportunity Stage"}"#);
    let planned = plan(&map, csv.as_bytes(), &named, Some("2026/12")).unwrap();
    let after = applied(&map, &planned);
    assert_eq!(kpi(&after, "商談化数").actual, Some(31.0));
    assert_eq!(kpi(&after, "商談化数").period, "2026-12");
    let leads = mapping(
        r#"{"kpi_name": "資料ダウンロード数", "aggregate": "count", "period": "日付", "period_unit": "quarter"}"#,
    );
    let planned = plan(&map, "リードID,日付\n1,2026-10-01\n2,2026-12-31\n".as_bytes(), &leads, None).unwrap();
    assert_eq!(kpi(&applied(&map, &planned), "資料ダウンロード数").actual, Some(2.0));
}

#[test]
fn bad_rows_are_reported_by_line_and_column_and_nothing_is_planned() {
    let map = real();
    let csv = "指標,期間,実績\n資料ダウンロード数,2026/11,12x\n存在しない指標,2026/11,3\nデモ依頼数,2026/11,4\nデモ依頼数,2026/12\n";
    let refused = error(&map, csv, &Mapping::default());
    assert!(refused.contains("line 5: 2 field(s) where the header has 3"), "{refused}");
    let csv =
        "指標,期間,実績\n資料ダウンロード数,2026/11,12x\n存在しない指標,2026/11,3\nデモ依頼数,2026/11,—\n";
    let refused = error(&map, csv, &Mapping::default());
    assert!(refused.contains("line 2, column 3 (実績): \"12x\" is not a number"), "{refused}");
    assert!(refused.contains("line 3, column 1 (指標): no KPI named \"存在しない指標\""), "{refused}");
    assert!(!refused.contains("line 4"), "a missing value is not an error: {refused}");
    assert!(refused.starts_with("nothing was imported"), "{refused}");
}

#[test]
fn missing_columns_and_empty_files_are_refused_with_the_columns_found() {
    let map = real();
    let refused = error(&map, "Name,Amount\nx,1\n", &Mapping::default());
    assert!(refused.contains("no column for the actual; the columns are Name, Amount"), "{refused}");
    let refused = error(&map, "指標,実績\n資料ダウンロード数,1\n", &Mapping::default());
    assert!(refused.contains("no column for the period"), "{refused}");
    assert!(error(&map, "", &Mapping::default()).contains("the file is empty"));
    let named = Mapping { kpi: Some("Metric".into()), ..Mapping::default() };
    let refused = plan(&map, b"KPI,actual\n", &named, Some("2026-11")).unwrap_err().to_string();
    assert!(refused.contains("no column \"Metric\" for the KPI"), "{refused}");
}

#[test]
fn a_columns_distinct_values_are_listed_most_frequent_first() {
    let csv = "Deal Stage,Amount\nclosedwon,1\npresentationscheduled,2\nclosedwon,3\n,4\n";
    let values = column_values(csv.as_bytes(), "deal stage", 10).unwrap();
    let listed: Vec<(&str, usize)> = values.iter().map(|v| (v.value.as_str(), v.rows)).collect();
    assert_eq!(listed, [("closedwon", 2), ("presentationscheduled", 1)]);
    assert_eq!(column_values(csv.as_bytes(), "Deal Stage", 1).unwrap().len(), 1);
    assert!(column_values(csv.as_bytes(), "Stage", 10)
        .unwrap_err()
        .to_string()
        .contains("no column \"Stage\""));
}
