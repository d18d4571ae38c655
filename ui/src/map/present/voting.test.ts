import { describe, expect, it } from "vitest";
import type { Map } from "../../lib/bindings/Map";
import { blankCard } from "../editor/changes";
import { castDot, clearVotes, dotsLeft, nextPerson, results, startVote, takeBackDot } from "./voting";

const card = (id: string, votes: number) => ({ ...blankCard({ stageId: "s1", laneId: "l1" }, "action"), id, votes });
const mapOf = (...cards: ReturnType<typeof card>[]) => ({ cards }) as unknown as Map;

describe("dot voting", () => {
  it("spends each person's dots on clicked cards, then refuses more", () => {
    let vote = startVote(2);
    const a = card("a", 3);
    const first = castDot(vote, a)!;
    expect(first.op).toEqual({ op: "update_card", id: "a", patch: { votes: 4 } });
    vote = castDot(first.vote, { ...a, votes: 4 })!.vote;
    expect(dotsLeft(vote)).toBe(0);
    expect(castDot(vote, a)).toBeNull();
    const next = nextPerson(vote);
    expect([next.person, dotsLeft(next)]).toEqual([2, 2]);
  });

  it("takes back the person's last dot from the card as it is now", () => {
    const vote = { dots: 3, person: 1, cast: ["a", "b"] };
    const back = takeBackDot(vote, mapOf(card("a", 1), card("b", 5)))!;
    expect(back.op).toEqual({ op: "update_card", id: "b", patch: { votes: 4 } });
    expect(back.vote.cast).toEqual(["a"]);
    expect(takeBackDot(vote, mapOf(card("a", 1)))).toBeNull();
  });

  it("lists voted cards most first and clears them all in one step", () => {
    const map = mapOf(card("a", 1), card("b", 0), card("c", 4));
    expect(results(map).map((c) => c.id)).toEqual(["c", "a"]);
    expect(clearVotes(map)).toEqual({
      op: "batch",
      ops: [
        { op: "update_card", id: "c", patch: { votes: 0 } },
        { op: "update_card", id: "a", patch: { votes: 0 } },
      ],
    });
    expect(clearVotes(mapOf(card("b", 0)))).toBeNull();
  });
});
