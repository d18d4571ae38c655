import { describe, expect, it } from "vitest";
import { en } from "./en";
import { errorText, format, formatDate, formatNumber, periodLabel, t, useLanguage } from "./index.svelte";
import { read, sourceFiles } from "../../testing/sources";
import { ja } from "./ja";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("interface texts", () => {
  it("have the same keys in Japanese and English", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it("are never empty and use the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), `en ${key}`).not.toBe("");
      expect(ja[key].trim(), `ja ${key}`).not.toBe("");
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("cover every key the UI asks for", () => {
    const used = sourceFiles().flatMap((file) =>
      [...read(file).matchAll(/\bt\(\s*"([^"]+)"/g)].map((m) => ({ file, key: m[1] })),
    );
    expect(used.length).toBeGreaterThan(10);
    const missing = used.filter(({ key }) => !(key in en));
    expect(missing).toEqual([]);
  });

  it("leave no literal text in the markup untranslated", () => {
    // Text between tags in .svelte files must come from t(); a bare word there is a missed string.
    const offenders = sourceFiles()
      .filter((file) => file.endsWith(".svelte"))
      .flatMap((file) => {
        let markup = read(file)
          .replace(/<script[\s\S]*?<\/script>/g, "")
          .replace(/<style[\s\S]*?<\/style>/g, "");
        // Strip {expressions} from the innermost out, so nested braces go too.
        for (let previous = ""; previous !== markup; ) {
          previous = markup;
          markup = markup.replace(/\{[^{}]*\}/g, "");
        }
        return [...markup.matchAll(/>([^<>]*\p{L}[^<>]*)</gu)].map((m) => `${file}: ${m[1].trim()}`);
      });
    expect(offenders).toEqual([]);
  });

  it("leave no literal text in attributes people read or hear", () => {
    // Labels, tooltips, placeholders and alternative text must come from t() too.
    const attributes = /\b(aria-label|title|placeholder|alt|label)="([^"{]*\p{L}[^"{]*)"/gu;
    const offenders = sourceFiles()
      .filter((file) => file.endsWith(".svelte"))
      .flatMap((file) => {
        const markup = read(file).replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "");
        return [...markup.matchAll(attributes)].map((m) => `${file}: ${m[1]}="${m[2]}"`);
      });
    expect(offenders).toEqual([]);
  });
});

describe("t", () => {
  it("speaks the language in use", () => {
    useLanguage("ja");
    expect(t("home.new.create")).toBe(ja["home.new.create"]);
    useLanguage("en");
    expect(t("home.new.create")).toBe(en["home.new.create"]);
  });

  it("translates error codes it knows and only those", () => {
    useLanguage("en");
    expect(errorText("file.corrupt")).toBe(en["error.file.corrupt"]);
    expect(errorText("no.such_code")).toBeUndefined();
  });
});

describe("format", () => {
  it("fills placeholders and keeps unknown ones visible", () => {
    expect(format("{a} of {b}", { a: 1, b: "two" })).toBe("1 of two");
    expect(format("{missing}", {})).toBe("{missing}");
  });

  it("inserts user text literally", () => {
    expect(format("File: {name}", { name: "$& <b>{x}</b>" })).toBe("File: $& <b>{x}</b>");
  });
});

describe("formatDate and formatNumber", () => {
  it("follow the language in use, back and forth", () => {
    const iso = "2026-11-24T09:30:00Z";
    useLanguage("en");
    const english = formatDate(iso);
    useLanguage("ja");
    const japanese = formatDate(iso);
    expect(japanese).not.toBe(english);
    expect(japanese).toContain("2026/11/24");
    useLanguage("en");
    expect(formatDate(iso)).toBe(english);
    expect(formatNumber(1234.567)).toBe("1,234.57");
  });

  it("leave what is not a date as it is", () => {
    expect(formatDate("not a date")).toBe("not a date");
  });
});

describe("periods", () => {
  it("read as 年度 in Japanese and stay as kept in English", () => {
    useLanguage("ja");
    expect(periodLabel("FY2026")).toBe("2026年度");
    expect(periodLabel("FY2026-Q1")).toBe("2026年度 第1四半期");
    expect(periodLabel("2026-11")).toBe("2026-11");
    useLanguage("en");
    expect(periodLabel("FY2026")).toBe("FY2026");
  });
});
