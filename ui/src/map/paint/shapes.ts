// Pieces more than one painted layer draws: lines of SVG text and the selection outline.
import type { Rect } from "../../lib/bindings/Rect";
import type { TextLine } from "../../lib/bindings/TextLine";
import { SELECTION_COLOUR } from "../theme";
import { type Attributes, svgElement } from "./dom";

/** A `<rect>` on `rect`, with the rest of its attributes (corner radius, fill, stroke). */
export function rectElement(rect: Rect, attributes: Attributes): SVGRectElement {
  return svgElement("rect", { x: rect.x, y: rect.y, width: rect.width, height: rect.height, ...attributes });
}

/** A line of SVG text exactly where the core's layout put it, by its baseline. */
export function textAttributes(line: TextLine, fill: string) {
  return { x: line.x, y: line.baseline, "font-size": line.size, "font-weight": line.bold ? 700 : 400, fill };
}

export function svgTextLine(line: TextLine, fill: string): SVGTextElement {
  return svgElement("text", textAttributes(line, fill), line.text);
}

/**
 * Shows whether a painted card or KPI is selected: its `data-selected` and the outline a little
 * outside its box, drawn over the box (the element's first child). Changes only what differs.
 */
export function showSelected(element: Element, rect: Rect, selected: boolean) {
  if (element.getAttribute("data-selected") === String(selected)) return;
  element.setAttribute("data-selected", String(selected));
  if (selected) element.firstElementChild?.after(selectionOutline(rect));
  else element.querySelector(":scope > .selection-outline")?.remove();
}

function selectionOutline(rect: Rect): SVGRectElement {
  const around = { x: rect.x - 3, y: rect.y - 3, width: rect.width + 6, height: rect.height + 6 };
  return rectElement(around, {
    class: "selection-outline",
    rx: 8,
    fill: "none",
    stroke: SELECTION_COLOUR,
    "stroke-width": 2.5,
  });
}
