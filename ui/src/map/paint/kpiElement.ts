// One KPI in the KPI lane, with a bar on its left edge coloured by actual against target.
import type { KpiBox } from "../../lib/bindings/KpiBox";
import { CARD_COLOURS, kpiColour } from "../theme";
import { svgElement } from "./dom";
import { rectElement, svgTextLine } from "./shapes";

/** The KPI, not selected (see showSelected). */
export function kpiElement(kpi: KpiBox): SVGGElement {
  const { rect } = kpi;
  const group = svgElement(
    "g",
    { "data-testid": `kpi-${kpi.id}`, "data-selected": false },
    rectElement(rect, { rx: 6, fill: "#ffffff", stroke: CARD_COLOURS.touchpoint.stroke }),
    rectElement({ ...rect, width: 5 }, { rx: 2, fill: kpiColour(kpi.status) }),
  );
  group.append(...kpi.lines.map((line) => svgTextLine(line, CARD_COLOURS.touchpoint.text)));
  return group;
}
