/**
 * A next-edit insertion at the cursor is shown as ordinary ghost text: the next-edit feature offers it
 * here, the client asks VS Code for inline suggestions, and the completion feature's provider serves
 * the offer (for that document version and cursor position only) instead of a completion — so there is
 * never a second ghost text, and Tab is the inline suggestion's.
 */
export interface GhostTextOffer {
  readonly id: string;
  readonly uri: string;
  readonly version: number;
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

class GhostTextOffers {
  private readonly offers = new Map<string, GhostTextOffer>();

  offer(o: GhostTextOffer): void {
    this.offers.set(o.uri, o);
  }

  /** The offer for exactly this document version and cursor position, if any. */
  at(uri: string, version: number, position: { readonly line: number; readonly character: number }): GhostTextOffer | undefined {
    const o = this.offers.get(uri);
    return o && o.version === version && o.line === position.line && o.character === position.character ? o : undefined;
  }

  withdraw(uri: string, id?: string): void {
    if (id === undefined || this.offers.get(uri)?.id === id) this.offers.delete(uri);
  }
}

export const nextEditGhostText = new GhostTextOffers();
