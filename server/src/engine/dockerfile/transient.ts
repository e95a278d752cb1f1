// A Dockerfile that is only summarised for the workspace index (the editor's scan of files that are not open)
// must not stay in the parse caches kept for the files being edited: a 10,000-line neighbour held ~7 MB there.
let depth = 0;

/** Parses made inside `work` read the caches but add nothing to them. */
export function withoutCaching<T>(work: () => T): T {
  depth++;
  try {
    return work();
  } finally {
    depth--;
  }
}

export function isCaching(): boolean {
  return depth === 0;
}
