// How wide the terminal is, for the table and the help text: one answer for every part of the command.

/**
 * Standard output's width in columns; undefined when it is not a terminal, or a terminal that does not say (a
 * pseudo-terminal with no size set reports 0, and a table or help 0 columns wide would be nothing but "…").
 */
export const terminalColumns = (): number | undefined => process.stdout.columns || undefined;
