// Builds the elements of the layers the canvas paints itself (see KeyedLayer). Text is only ever
// added as text nodes, so a card's words are never read as markup.

const SVG = "http://www.w3.org/2000/svg";

/** Attribute values; `undefined` leaves the attribute out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

function filled<E extends Element>(element: E, attributes: Attributes, children: (Node | string)[]): E {
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes,
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  return filled(document.createElementNS(SVG, tag), attributes, children);
}

export function htmlElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  return filled(document.createElement(tag), attributes, children);
}
