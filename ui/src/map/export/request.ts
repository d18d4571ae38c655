// The export the dialog starts from, and what Copy as PNG uses: the whole map, at 2×.
import type { Format } from "../../lib/bindings/Format";
import type { Request } from "../../lib/bindings/Request";

export function defaultRequest(format: Format): Request {
  return {
    format,
    scale: 2,
    transparent: false,
    paper: "fit",
    orientation: "landscape",
    include: { lanes: null, personas: null, report: false },
  };
}
