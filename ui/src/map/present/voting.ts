// Dot voting in a workshop: each person in turn gets the same number of dots and spends them by
// clicking cards; the dots land in the map as each card's `votes`, so they are saved, exported
// and undone like any edit. Who is voting and how many dots they have left is only the vote's.
import type { Card } from "../../lib/bindings/Card";
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import { asOneStep } from "../editor/changes";

export interface Vote {
  /** Dots each person gets. */
  dots: number;
  /** Which person is voting, from 1. */
  person: number;
  /** The cards this person has put dots on, in order (a card twice if it got two). */
  cast: string[];
}

export const startVote = (dots: number): Vote => ({ dots, person: 1, cast: [] });

export const dotsLeft = (vote: Vote): number => vote.dots - vote.cast.length;

/** A dot on `card`: the op and the vote after it, or null when the person has none left. */
export function castDot(vote: Vote, card: Card): { op: Op; vote: Vote } | null {
  if (dotsLeft(vote) <= 0) return null;
  return { op: setVotes(card, card.votes + 1), vote: { ...vote, cast: [...vote.cast, card.id] } };
}

/** Takes back this person's last dot, if the card is still there. */
export function takeBackDot(vote: Vote, map: Map): { op: Op; vote: Vote } | null {
  const id = vote.cast.at(-1);
  const card = map.cards.find((c) => c.id === id);
  if (!card || card.votes === 0) return null;
  return { op: setVotes(card, card.votes - 1), vote: { ...vote, cast: vote.cast.slice(0, -1) } };
}

export const nextPerson = (vote: Vote): Vote => ({ ...vote, person: vote.person + 1, cast: [] });

/** The cards with dots, most first (map order among equals). */
export function results(map: Map): Card[] {
  return map.cards.filter((c) => c.votes > 0).sort((a, b) => b.votes - a.votes);
}

/** Every card's dots back to zero, as one undo step; null when no card has any. */
export function clearVotes(map: Map): Op | null {
  return asOneStep(results(map).map((card) => setVotes(card, 0)));
}

function setVotes(card: Card, votes: number): Op {
  return { op: "update_card", id: card.id, patch: { votes } };
}
