// A layer of the canvas painted without a component per item: each item's element is built by
// one function and kept until what it was built from changes. On opening a 2,000-card map, the
// cards and warning signs in view took 45 ms to create as components, most of it the framework's
// own bookkeeping for each of them (docs/benchmarks.md).

export interface LayerItems<T> {
  /** Names an item across paints (it need not be unique). */
  key: (item: T) => string;
  /** What its element is built from: the element is built again when one of them is no longer
   * the same (`===`) as when it was built. */
  inputs: (item: T) => readonly unknown[];
  build: (item: T) => Element;
  /** Brings a built element up to date in place, on every paint: for what changes often and
   * cheaply, such as whether it is selected. The element stays the same one. */
  update?: (item: T, element: Element) => void;
}

interface Painted {
  inputs: readonly unknown[];
  element: Element;
}

export class KeyedLayer<T> {
  #painted = new Map<string, Painted>();

  constructor(private readonly items: LayerItems<T>) {}

  /** Makes `parent`, which holds only this layer's elements, show `items` in their order. */
  paint(parent: Element, items: readonly T[]) {
    const { key: keyOf, inputs: inputsOf, build, update } = this.items;
    const next = new Map<string, Painted>();
    for (const item of items) {
      let key = keyOf(item);
      // Two items under one key (two signs in one place, say) are both painted.
      while (next.has(key)) key += "+";
      const inputs = inputsOf(item);
      const held = this.#painted.get(key);
      const same = held && held.inputs.length === inputs.length && held.inputs.every((input, i) => input === inputs[i]);
      const painted = same ? held : { inputs, element: build(item) };
      update?.(item, painted.element);
      next.set(key, painted);
    }
    for (const [key, held] of this.#painted) {
      if (next.get(key) !== held) held.element.remove();
    }
    let cursor = parent.firstChild;
    for (const { element } of next.values()) {
      if (element === cursor) cursor = cursor.nextSibling;
      else parent.insertBefore(element, cursor);
    }
    this.#painted = next;
  }
}
