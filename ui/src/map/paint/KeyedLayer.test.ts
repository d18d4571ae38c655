// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { KeyedLayer } from "./KeyedLayer";

interface Item {
  id: string;
  label: string;
}

/** A layer of <li>s, and how many elements it has built. */
function listLayer() {
  const built: string[] = [];
  const layer = new KeyedLayer<Item>({
    key: (item) => item.id,
    inputs: (item) => [item.label],
    build: (item) => {
      built.push(item.id);
      const element = document.createElement("li");
      element.textContent = item.label;
      return element;
    },
    update: (item, element) => element.setAttribute("data-painted-as", item.id),
  });
  return { layer, built, parent: document.createElement("ul") };
}

const texts = (parent: Element) => [...parent.children].map((child) => child.textContent);

describe("KeyedLayer", () => {
  it("paints the items in their order", () => {
    const { layer, parent } = listLayer();
    layer.paint(parent, [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ]);
    expect(texts(parent)).toEqual(["A", "B"]);
  });

  it("keeps the elements of items whose inputs are unchanged and builds only the changed and new", () => {
    const { layer, parent, built } = listLayer();
    layer.paint(parent, [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ]);
    const [a] = parent.children;
    built.length = 0;
    layer.paint(parent, [
      { id: "a", label: "A" },
      { id: "b", label: "B2" },
      { id: "c", label: "C" },
    ]);
    expect(built).toEqual(["b", "c"]);
    expect(parent.children[0]).toBe(a);
    // Every painted element was brought up to date, the kept one too.
    expect([...parent.children].map((child) => child.getAttribute("data-painted-as"))).toEqual(["a", "b", "c"]);
    expect(texts(parent)).toEqual(["A", "B2", "C"]);
  });

  it("removes what is no longer painted and follows a new order", () => {
    const { layer, parent, built } = listLayer();
    layer.paint(parent, ["a", "b", "c"].map((id) => ({ id, label: id.toUpperCase() })));
    const c = parent.children[2];
    built.length = 0;
    layer.paint(parent, [
      { id: "c", label: "C" },
      { id: "a", label: "A" },
    ]);
    expect(built).toEqual([]);
    expect(texts(parent)).toEqual(["C", "A"]);
    expect(parent.children[0]).toBe(c);
    layer.paint(parent, []);
    expect(parent.children).toHaveLength(0);
  });

  it("paints two items that share a key", () => {
    const { layer, parent } = listLayer();
    layer.paint(parent, [
      { id: "a", label: "first" },
      { id: "a", label: "second" },
    ]);
    expect(texts(parent)).toEqual(["first", "second"]);
  });
});
