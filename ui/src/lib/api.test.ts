import { describe, expect, it } from "vitest";
import { AppError, toAppError } from "./api";

describe("toAppError", () => {
  it("keeps the code and message of a command's error payload", () => {
    const error = toAppError({ code: "file.corrupt", message: "/tmp/a.tabiji: bad page" });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("file.corrupt");
    expect(error.message).toBe("/tmp/a.tabiji: bad page");
  });

  it("wraps anything else as an unknown error with its text", () => {
    const error = toAppError("window closed");
    expect(error.code).toBe("unknown");
    expect(error.message).toBe("window closed");
  });
});
