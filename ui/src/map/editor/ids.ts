// Ids for things the user creates: a kind prefix and 12 random base-36 characters, which the core
// accepts (1–64 of [A-Za-z0-9_-]) and which will not collide within a map in practice.

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newId(prefix: "cd" | "ep" | "st" | "ln" | "kp" | "pe" | "or"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("")}`;
}
