import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { api } from "./lib/api";
import { useLanguage } from "./lib/i18n/index.svelte";
import { launchedMap, takePreload } from "./lib/launch";

// Start-up marks, read by the app benchmark (tests/e2e/src/bin/app-bench.rs).
performance.mark("tabiji:script");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// Both questions go to the core at once: the file the app was launched with, if any, opens
// while the language is looked up.
const launched = launchedMap(api.mapOpenLaunched, takePreload());
// App reports a failure once mounted; until then it must not count as unhandled.
launched.catch(() => undefined);
// The interface follows the operating system's language; English if the app cannot tell.
useLanguage(await api.uiLanguage().catch(() => "en" as const));

export default mount(App, { target, props: { launched } });
