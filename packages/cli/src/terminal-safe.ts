// Text that came from the service (an audit record's fields, anyone can name an object; an error's message) shown
// where a terminal may read it: a control character (ESC starts a sequence that can clear the screen, move the
// cursor or rewrite what was printed) or a character that reverses the text's direction is shown escaped, as
// `\u001b`, instead of being obeyed. Line breaks stay: the words of an error may span lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const NOT_SHOWN_AS_IS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(
    NOT_SHOWN_AS_IS,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
