// Whether yargs prints its own words (e.g. "Show help") in English for this environment: the pre-rendered help
// and completion were rendered in English, so they stand in for yargs only where it would print English too.

/** The locale yargs guesses (its own order of variables); English ones, C and POSIX print its English text. */
export function yargsShowsEnglish(env: NodeJS.ProcessEnv): boolean {
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || "en_US").replace(/[.:].*/, "");
  return /^(en([_-].*)?|C|POSIX)$/.test(locale);
}
