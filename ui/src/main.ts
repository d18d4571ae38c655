import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { api } from "./lib/api";
import { useLanguage } from "./lib/i18n/index.svelte";
import { addLaunchFonts, loadEverydayFonts } from "./lib/fonts";
import { launchedMap, takePreload } from "./lib/launch";

// Start-up marks, read by the app benchmark (tests/e2e/src/bin/app-bench.rs).
performance.mark("tabiji:script");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

const preload = takePreload();
// The first frame draws from the fonts the shell cut to the launched map, if it handed any;
// otherwise from the everyday subsets, fetched now. Characters typed later may need the
// everyday subsets too: they load at the first click or key press.
const fontsReady = preload?.fonts.length
  ? addLaunchFonts(preload.fonts).catch(() => loadEverydayFonts())
  : loadEverydayFonts();
for (const type of ["pointerdown", "keydown"]) {
  window.addEventListener(type, () => void loadEverydayFonts(), { once: true, capture: true });
}
// Both questions go to the core at once: the file the app was launched with, if any, opens
// while the language is looked up.
const launched = launchedMap(api.mapOpenLaunched, preload);
// App reports a failure once mounted; until then it must not count as unhandled.
launched.catch(() => undefined);
// The interface follows the operating system's language; English if the app cannot tell.
useLanguage(await api.uiLanguage().catch(() => "en" as const));
await fontsReady;

export default mount(App, { target, props: { launched } });
