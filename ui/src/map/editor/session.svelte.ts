// The open map as the editor sees it: the latest view from the core, the selection, and the
// save status. Every change goes to the core as an op; what changed in the view comes back and
// is painted.
import { type AppError, api, toAppError } from "../../lib/api";
import type { MapChange } from "../../lib/bindings/MapChange";
import type { MapView } from "../../lib/bindings/MapView";
import type { Op } from "../../lib/bindings/Op";
import { applyChange } from "./mapchange";

export type SaveStatus = "saved" | "saving" | "failed";

export class MapSession {
  view: MapView = $state.raw()!;
  selection: ReadonlySet<string> = $state.raw(new Set());
  status: SaveStatus = $state("saved");
  /** Ops run one after another, in the order the user made them. */
  #queue: Promise<unknown> = Promise.resolve();
  #report: (error: AppError) => void;

  constructor(view: MapView, report: (error: AppError) => void) {
    this.view = view;
    this.#report = report;
  }

  /** Applies `op`; resolves to whether the core accepted it. */
  apply(op: Op): Promise<boolean> {
    return this.#run(() => api.mapApply(op));
  }

  undo(): Promise<boolean> {
    return this.view.can_undo ? this.#run(api.mapUndo) : Promise.resolve(false);
  }

  redo(): Promise<boolean> {
    return this.view.can_redo ? this.#run(api.mapRedo) : Promise.resolve(false);
  }

  /** Runs a change made by another command (an import, restoring a revision) like an edit. */
  change(call: () => Promise<MapChange>): Promise<boolean> {
    return this.#run(call);
  }

  select(ids: Iterable<string>): void {
    this.selection = new Set(ids);
  }

  #run(change: () => Promise<MapChange>): Promise<boolean> {
    const next = this.#queue.then(async () => {
      this.status = "saving";
      mark("tabiji:edit-sent");
      try {
        const changed = await change();
        // A change made against another view than this one (which nothing in the app should
        // cause) is not guessed at: the whole view replaces it.
        this.#show(applyChange(this.view, changed) ?? (await api.mapView()));
        this.status = "saved";
        mark("tabiji:edit-saved");
        requestAnimationFrame(() => mark("tabiji:edit-painted"));
        return true;
      } catch (thrown) {
        this.status = "failed";
        this.#report(toAppError(thrown));
        return false;
      }
    });
    this.#queue = next;
    return next;
  }

  #show(view: MapView): void {
    this.view = view;
    // Keep only selected things that still exist (a card may be gone after undo).
    const { cards, kpis, emotion_points, stages, lanes } = view.map;
    const present = new Set([cards, kpis, emotion_points, stages, lanes].flatMap((list) => list.map((x) => x.id)));
    if ([...this.selection].some((id) => !present.has(id))) {
      this.selection = new Set([...this.selection].filter((id) => present.has(id)));
    }
  }
}

/** Marks when the latest edit was sent, saved and painted, for the app benchmark to read
 * (tests/e2e/src/bin/app-bench.rs); only the latest is kept. */
function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}
