// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CardBox } from "../../lib/bindings/CardBox";
import type { GapMark } from "../../lib/bindings/GapMark";
import type { KpiBox } from "../../lib/bindings/KpiBox";
import { NORMAL, SELECTION_COLOUR, THEME } from "../theme";
import { type CardLook, cardElement } from "./cardElement";
import { gapMarkElement } from "./gapMarkElement";
import { kpiElement } from "./kpiElement";
import { showSelected } from "./shapes";

const markup = `<img src=x onerror="alert(1)"><b>太字</b>`;
const line = (text: string, x: number, baseline: number, bold = false) => ({ text, x, baseline, size: 13, bold });

const card: CardBox = {
  id: "cd_1",
  kind: "touchpoint",
  rect: { x: 100, y: 50, width: 200, height: 80 },
  badge: {
    rect: { x: 106, y: 56, width: 188, height: 22 },
    icon: { key: "web", x: 110, y: 59 },
    mode: "online",
    label: line("Web", 130, 71, true),
  },
  lines: [line(markup, 112, 100), line("二行目", 112, 119)],
  votes: { cx: 296, cy: 126, r: 10, label: line("3", 292, 130, true) },
};

const look: CardLook = {
  icons: { web: "M0 0L10 10" },
  palette: NORMAL,
  ascent: 0.88,
  votesTitle: (count) => `votes: ${count}`,
};

describe("cardElement", () => {
  it("paints a card's box, badge, lines and votes where the layout put them", () => {
    const element = cardElement(card, look);
    expect(element.getAttribute("data-testid")).toBe("card-cd_1");
    expect(element.getAttribute("data-selected")).toBe("false");
    const [box, badge] = element.querySelectorAll(":scope > rect");
    expect(box.getAttribute("fill")).toBe(THEME.cards.touchpoint.fill);
    expect(badge.getAttribute("fill")).toBe(NORMAL.badges.online.fill);
    expect(element.querySelector("path")?.getAttribute("transform")).toBe("translate(110 59)");
    expect(element.querySelector(":scope > text")?.textContent).toBe("Web");
    const lines = [...element.querySelectorAll(".card-line")].map((div) => div.textContent);
    expect(lines).toEqual([markup, "二行目"]);
    expect(element.querySelector("[data-testid='votes-cd_1'] title")?.textContent).toBe("votes: 3");
  });

  it("never reads a card's text as markup", () => {
    const element = cardElement(card, look);
    expect(element.querySelector("img, b")).toBeNull();
    expect(element.querySelector(".card-line")?.childNodes).toHaveLength(1);
    expect(element.querySelector(".card-line")?.firstChild?.nodeType).toBe(3 /* a text node */);
  });

  it("leaves out what a plain card lacks", () => {
    const plain: CardBox = { ...card, badge: null, votes: null };
    const element = cardElement(plain, look);
    expect(element.querySelectorAll("rect")).toHaveLength(1);
    expect(element.querySelector("text, title")).toBeNull();
  });
});

describe("showSelected", () => {
  it("outlines a selected card over its box, in place, and takes the outline away again", () => {
    const element = cardElement({ ...card, badge: null, votes: null }, look);
    const box = element.firstElementChild;
    showSelected(element, card.rect, true);
    showSelected(element, card.rect, true);
    expect(element.getAttribute("data-selected")).toBe("true");
    const rects = element.querySelectorAll("rect");
    expect(rects).toHaveLength(2);
    expect(rects[0]).toBe(box);
    expect(rects[1].getAttribute("stroke")).toBe(SELECTION_COLOUR);
    expect(rects[1].getAttribute("x")).toBe(String(card.rect.x - 3));
    showSelected(element, card.rect, false);
    expect(element.getAttribute("data-selected")).toBe("false");
    expect(element.querySelectorAll("rect")).toHaveLength(1);
  });
});

describe("kpiElement and gapMarkElement", () => {
  it("paints a KPI with its status bar and lines", () => {
    const kpi: KpiBox = {
      id: "kp_1",
      rect: { x: 10, y: 20, width: 120, height: 40 },
      lines: [line("商談化率", 20, 36, true), line("12 / 10", 20, 52)],
      grade: 1,
      status: "met",
    };
    const element = kpiElement(kpi);
    expect(element.getAttribute("data-testid")).toBe("kpi-kp_1");
    expect(element.getAttribute("data-selected")).toBe("false");
    expect([...element.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["商談化率", "12 / 10"]);
  });

  it("says on a warning sign what its gaps are, as text", () => {
    const mark: GapMark = {
      rect: { x: 0, y: 0, width: 12, height: 12 },
      triangle: "6,0 12,12 0,12",
      label: line("!", 4, 10, true),
      gaps: [{ kind: "stage_without_owner", stage_id: "st_1" }],
    };
    const element = gapMarkElement(mark, markup);
    expect(element.getAttribute("data-gaps")).toBe("stage_without_owner");
    expect(element.querySelector("title")?.textContent).toBe(markup);
    expect(element.querySelector("img")).toBeNull();
  });
});
