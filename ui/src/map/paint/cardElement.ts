// One card: its box coloured by kind, the channel or department badge, its wrapped text and its
// votes, where the core's layout put them.
import type { CardBox } from "../../lib/bindings/CardBox";
import { CARD_COLOURS, type Palette, THEME } from "../theme";
import { htmlElement, svgElement } from "./dom";
import { flowLines } from "./htmlLines";
import { rectElement, svgTextLine } from "./shapes";

/** What every card is painted with, besides itself. */
export interface CardLook {
  /** The badges' icons, as SVG path data by key. */
  icons: Partial<Record<string, string>>;
  palette: Palette;
  /** The font's ascent in ems (see flowLines). */
  ascent: number;
  /** The tooltip of a card's votes. */
  votesTitle: (count: string) => string;
}

/** The card, not selected (see showSelected). */
export function cardElement(card: CardBox, look: CardLook): SVGGElement {
  const colours = CARD_COLOURS[card.kind];
  const { rect } = card;
  const group = svgElement(
    "g",
    { "data-testid": `card-${card.id}`, class: "card", "data-selected": false },
    rectElement(rect, {
      rx: 6,
      fill: colours.fill,
      stroke: colours.stroke,
      "stroke-dasharray": colours.dashed ? "4 3" : undefined,
    }),
  );
  if (card.badge) {
    const { badge } = card;
    const badgeColours = look.palette.badges[badge.mode ?? "none"];
    group.append(rectElement(badge.rect, { rx: 4, fill: badgeColours.fill }));
    const icon = badge.icon && look.icons[badge.icon.key];
    if (badge.icon && icon) {
      group.append(
        svgElement("path", {
          d: icon,
          transform: `translate(${badge.icon.x} ${badge.icon.y})`,
          fill: "none",
          stroke: badgeColours.text,
          "stroke-width": 1.5,
          "stroke-linecap": "round",
          "stroke-linejoin": "round",
        }),
      );
    }
    group.append(svgTextLine(badge.label, badgeColours.text));
  }
  group.append(textBlock(card, colours.text, look.ascent));
  if (card.votes) {
    const { votes } = card;
    group.append(
      svgElement(
        "g",
        { "data-testid": `votes-${card.id}` },
        svgElement("title", {}, look.votesTitle(votes.label.text)),
        svgElement("circle", { cx: votes.cx, cy: votes.cy, r: votes.r, fill: THEME.vote.fill }),
        svgTextLine(votes.label, THEME.vote.text),
      ),
    );
  }
  return group;
}

/**
 * The card's text, painted as HTML inside the SVG. WebKit lays SVG text out character by
 * character; HTML lays a line out at once, which brought the first frame of a 2,000-card map
 * 80–100 ms sooner (docs/benchmarks.md). The exports stay SVG text.
 *
 * The lines are in normal flow, spaced by margins (see flowLines): WebKit paints positioned boxes
 * inside a <foreignObject> without the SVG's transform, so at any zoom but 100 % they landed
 * elsewhere.
 */
function textBlock(card: CardBox, fill: string, ascent: number): SVGForeignObjectElement {
  const { rect } = card;
  const lines = flowLines(card.lines, rect, ascent).map(({ text, line, left, gap }) =>
    htmlElement(
      "div",
      {
        class: "card-line",
        style: `margin-left:${left}px;margin-top:${gap}px;font-size:${line.size}px;line-height:${line.size}px;font-weight:${line.bold ? 700 : 400}`,
      },
      text,
    ),
  );
  return svgElement(
    "foreignObject",
    { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
    htmlElement("div", { class: "card-lines", style: `color:${fill}` }, ...lines),
  );
}
