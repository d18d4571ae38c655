// Typed calls to the app's Tauri commands; every failure arrives as an `AppError` with a stable code.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Comparison } from "./bindings/Comparison";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { Imported } from "./bindings/Imported";
import type { Mapping } from "./bindings/Mapping";
import type { NamedMapping } from "./bindings/NamedMapping";
import type { PickedCsv } from "./bindings/PickedCsv";
import type { Report } from "./bindings/Report";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import type { Destination } from "./bindings/Destination";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Language } from "./bindings/Language";
import type { LaunchAnswer } from "./bindings/LaunchAnswer";
import type { Layout } from "./bindings/Layout";
import type { LibraryView } from "./bindings/LibraryView";
import type { MapChange } from "./bindings/MapChange";
import type { MapView } from "./bindings/MapView";
import type { Op } from "./bindings/Op";
import type { Request } from "./bindings/Request";
import type { SettingsView } from "./bindings/SettingsView";
import type { Summary } from "./bindings/Summary";
import type { Template } from "./bindings/Template";
import type { ValueCount } from "./bindings/ValueCount";

export class AppError extends Error {
  readonly code: string;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorPayload).code === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

/** Turns whatever a command threw into an `AppError`. */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown;
  if (isPayload(thrown)) return new AppError(thrown);
  return new AppError({ code: "unknown", message: String(thrown) });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw toAppError(thrown);
  }
}

export const api = {
  uiLanguage: () => call<Language>("ui_language"),
  settingsGet: () => call<SettingsView>("settings_get"),
  settingsSetLanguage: (language: Language | null) => call<SettingsView>("settings_set_language", { language }),
  libraryList: () => call<LibraryView>("library_list"),
  mapRename: (path: string, title: string) => call<LibraryView>("map_rename", { path, title }),
  mapDuplicate: (path: string, title: string) => call<LibraryView>("map_duplicate", { path, title }),
  mapTrash: (path: string) => call<LibraryView>("map_trash", { path }),
  mapCreate: (template: Template, language: Language, title: string | null) =>
    call<MapView>("map_create", { template, language, title }),
  mapOpen: (path: string) => call<MapView>("map_open", { path }),
  mapOpenDialog: () => call<MapView | null>("map_open_dialog"),
  /** The file the app was launched with (once); `preloaded` is the version of the view the page
   * was handed as it loaded, if any (`launch.ts`). */
  mapOpenLaunched: (preloaded: number | null) => call<LaunchAnswer>("map_open_launched", { preloaded }),
  mapClose: () => call<void>("map_close"),
  mapApply: (op: Op) => call<MapChange>("map_apply", { op }),
  mapUndo: () => call<MapChange>("map_undo"),
  mapRedo: () => call<MapChange>("map_redo"),
  mapView: () => call<MapView>("map_view"),
  mapExport: (request: Request, destination: Destination) =>
    call<string | null>("map_export", { request, destination }),
  mapCopyPng: (request: Request) => call<void>("map_copy_png", { request }),
  mapReport: (period: string | null) => call<Report>("map_report", { period }),
  windowFullscreen: (on: boolean) => call<null>("window_fullscreen", { on }),
  mapLayoutShowing: (lanes: string[]) => call<Layout>("map_layout_showing", { lanes }),
  actualsPick: () => call<PickedCsv | null>("actuals_pick"),
  actualsCheck: (mapping: Mapping, period: string | null) =>
    call<Summary>("actuals_check", { mapping, period }),
  actualsValues: (column: string) => call<ValueCount[]>("actuals_values", { column }),
  actualsMappings: () => call<NamedMapping[]>("actuals_mappings"),
  actualsMappingSave: (name: string, mapping: Mapping) => call<NamedMapping[]>("actuals_mapping_save", { name, mapping }),
  actualsMappingDelete: (name: string) => call<NamedMapping[]>("actuals_mapping_delete", { name }),
  actualsMappingExport: (name: string, mapping: Mapping) => call<string | null>("actuals_mapping_export", { name, mapping }),
  actualsImport: (mapping: Mapping, period: string | null, onProgress: (progress: ImportProgress) => void) => {
    const progress = new Channel<ImportProgress>();
    progress.onmessage = onProgress;
    return call<Imported>("actuals_import", { mapping, period, progress });
  },
  revisionList: () => call<RevisionInfo[]>("revision_list"),
  revisionSave: (name: string) => call<RevisionInfo[]>("revision_save", { name }),
  revisionCompare: (from: string, to: string | null) => call<Comparison>("revision_compare", { from, to }),
  revisionPicture: (id: string) => call<string>("revision_picture", { id }),
  revisionRestore: (id: string) => call<MapChange>("revision_restore", { id }),
};
