// A warning sign on an ownership gap, placed by the core; hovering it says what the gap is.
import type { GapMark } from "../../lib/bindings/GapMark";
import { THEME } from "../theme";
import { svgElement } from "./dom";
import { svgTextLine } from "./shapes";

export function gapMarkElement(mark: GapMark, describe: string): SVGGElement {
  return svgElement(
    "g",
    { class: "gap-mark", "data-testid": "gap-mark", "data-gaps": mark.gaps.map((gap) => gap.kind).join(" ") },
    svgElement("title", {}, describe),
    svgElement("polygon", {
      points: mark.triangle,
      fill: THEME.gapSign.fill,
      stroke: THEME.gapSign.edge,
      "stroke-width": 1.5,
      "stroke-linejoin": "round",
    }),
    svgTextLine(mark.label, THEME.gapSign.text),
  );
}
