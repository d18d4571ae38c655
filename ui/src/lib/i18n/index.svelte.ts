// The interface language (the app tells which at start-up) and the texts picked by key.
import type { Language } from "../bindings/Language";
import { en, type MessageKey } from "./en";
import { ja } from "./ja";

export type { MessageKey };

export const catalogues: Record<Language, Record<MessageKey, string>> = { ja, en };

const locale = $state<{ language: Language }>({ language: "en" });

export function language(): Language {
  return locale.language;
}

export function useLanguage(next: Language): void {
  locale.language = next;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so that a gap is noticed. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[locale.language][key];
  // Most texts are labels without parameters, looked up as the editor is built: they need no
  // pass over the text.
  return params ? format(template, params) : template;
}

/** A translated message for an error code, or `undefined` when the code has none. */
export function errorText(code: string): string | undefined {
  const key = `error.${code}`;
  return key in en ? t(key as MessageKey) : undefined;
}

/** One formatter a language, made when first needed: making one costs far more than using it,
 * and a dialog may format hundreds of figures. */
function perLanguage<F>(make: (language: Language) => F): () => F {
  const made = new Map<Language, F>();
  return () => {
    let formatter = made.get(locale.language);
    if (!formatter) made.set(locale.language, (formatter = make(locale.language)));
    return formatter;
  };
}

const dateFormat = perLanguage((language) => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }));
const numberFormat = perLanguage((language) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }));

const monthFormat = perLanguage((language) => new Intl.DateTimeFormat(language, { month: "long", timeZone: "UTC" }));

/** A period as people read it: a fiscal year is 年度 in Japanese (`FY2026` is 2026年度, `FY2026-Q1`
 * 2026年度 第1四半期); every other period shows as kept. The core's `actuals::period::label`. */
export function periodLabel(period: string): string {
  const fiscal = /^FY(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!fiscal || locale.language !== "ja") return period;
  return fiscal[2] ? `${fiscal[1]}年度 第${fiscal[2]}四半期` : `${fiscal[1]}年度`;
}

/** The name of month 1–12 in the interface's language: "April", "4月". */
export function monthName(month: number): string {
  return monthFormat().format(new Date(Date.UTC(2026, month - 1, 1)));
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat().format(date);
}

export function formatNumber(value: number): string {
  return numberFormat().format(value);
}
