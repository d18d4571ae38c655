// One KPI in the KPI lane, with a bar on its left edge coloured by actual against target.
import type { KpiBox } from "../../lib/bindings/KpiBox";
import { CARD_COLOURS, kpiColour } from "../theme";
import { svgElement } from "./dom";
import { svgTextLine } from "./shapes";

/** The KPI, not selected (see showSelected). */
export function kpiElement(kpi: KpiBox): SVGGElement {
  const { rect } = kpi;
  const group = svgElement(
    "g",
    { "data-testid": `kpi-${kpi.id}`, "data-selected": false },
    svgElement("rect", {
      x: rect.x,
      y: rect.y,
      width: rect.width,
      height: rect.height,
      rx: 6,
      fill: "#ffffff",
      stroke: CARD_COLOURS.touchpoint.stroke,
    }),
    svgElement("rect", { x: rect.x, y: rect.y, width: 5, height: rect.height, rx: 2, fill: kpiColour(kpi.status) }),
  );
  group.append(...kpi.lines.map((line) => svgTextLine(line, CARD_COLOURS.touchpoint.text)));
  return group;
}
