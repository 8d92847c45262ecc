/**
 * The previous scan's listing (scan/scanListing.ts) beside the snapshot, so a warm start reads only the
 * folders that changed. Written on its own (not in the snapshot): it changes when folders do, which is
 * not when indexed content does. Tied to the rules it was made with; anything unreadable, from another
 * version or made under other rules is ignored (the scan then reads every folder).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../fs/writeFileAtomic';
import { listingFromJson, listingToJson, type ScanListing } from '../scan/scanListing';

export const SCAN_LISTING_FILE = 'scan.listing.json';
/** Bump when the listing's meaning changes. */
const LISTING_FORMAT = 1;

interface ListingFile {
  readonly format: number;
  /** What the listing was made under: rules, roots (see CodeIndex). */
  readonly key: string;
  readonly roots: unknown;
}

export function readScanListing(dir: string, key: string): ScanListing | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, SCAN_LISTING_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as ListingFile;
    if (file.format !== LISTING_FORMAT || file.key !== key) return undefined;
    return listingFromJson(file.roots);
  } catch {
    return undefined;
  }
}

export async function writeScanListing(dir: string, key: string, listing: ScanListing): Promise<void> {
  const file: ListingFile = { format: LISTING_FORMAT, key, roots: listingToJson(listing) };
  await writeFileAtomic(path.join(dir, SCAN_LISTING_FILE), JSON.stringify(file));
}
