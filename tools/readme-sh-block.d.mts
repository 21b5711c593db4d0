/** The lines of the first ```sh block in the section under `heading` (e.g. "## Quick start"); [] when none. */
export function shBlockLines(markdown: string, heading: string): string[];
