// Where a card (cardElement.ts) puts each of the core's text lines when it paints them as HTML in flow.
import type { Rect } from "../../lib/bindings/Rect";
import type { TextLine } from "../../lib/bindings/TextLine";

export interface FlowLine {
  text: string;
  line: TextLine;
  /** From the box's left edge to the line's start. */
  left: number;
  /** From the bottom of the line before (the box's top for the first) to this line's top. */
  gap: number;
}

/**
 * The lines of `box` in normal flow, each one em tall: a line's top is its baseline less
 * `ascent` ems. A tab is drawn as a space, as SVG text and the exports draw it: in HTML it would
 * reach to the next tab stop, several spaces on.
 */
export function flowLines(lines: TextLine[], box: Rect, ascent: number): FlowLine[] {
  let bottom = box.y;
  return lines.map((line) => {
    const top = line.baseline - ascent * line.size;
    const gap = top - bottom;
    bottom = top + line.size;
    return { text: line.text.replaceAll("\t", " "), line, left: line.x - box.x, gap };
  });
}
