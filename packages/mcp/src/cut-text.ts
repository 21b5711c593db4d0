// Cutting text an agent will read (a long log line, a long error message): at the last whitespace at or before the
// limit, so that a secret the redactor knows by its shape (a pre-authenticated URL, a token, a key's body: none
// has a space in it) is never left half there, unrecognisable, at the cut. Nothing is left of a head without
// whitespace: a run of that length with no space in it is not worth showing in part.

/** The start of `text` up to its last whitespace at or before `most` characters; all of it when short enough. */
export function headAtWord(text: string, most: number): string {
  if (text.length <= most) return text;
  let end = most;
  while (end > 0 && !/\s/.test(text.charAt(end))) end--;
  return text.slice(0, end);
}
