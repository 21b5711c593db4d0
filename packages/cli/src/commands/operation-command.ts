// One way to declare an operation's command: its yargs definition (the operation's request flags from the
// generated table, then the command's own flags and examples, under the global flags) and its action. The action is
// loaded only when the command runs, so that start-up (and every failed parse) does not pay for the client and
// the output writers. Its flags are typed as yargs parses them: the action's parameter type must accept them,
// checked by the compiler here instead of cast at the call.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import type { Failure } from "../failure.ts";
import type { GlobalFlags } from "../global-flags.ts";
import type { OperationId } from "../operation-input.ts";
import { type RequestFlags, withRequestFlags } from "./request-flags.ts";

/** What the command's own flags are declared on: the global and the request flags already are. */
export type OperationArgv = Argv<GlobalFlags & RequestFlags>;

/** What an action is given: every flag as yargs parsed it, under its own name and its camelCase one. */
export type ParsedFlags<Flags> = ArgumentsCamelCase<Flags>;

/** An action: the command's work, answering what stopped it (undefined when it succeeded). */
export type OperationAction<Flags> = (flags: ParsedFlags<Flags>) => Promise<Failure | undefined>;

/** Hands the outcome of the command to main(), which prints a failure in the form asked for. */
export type SetOutcome = (failure: Failure | undefined) => void;

export interface OperationCommand<Flags> {
  /** The subcommand: `search-logs`. */
  command: string;
  describe: string;
  operationId: OperationId;
  /**
   * The command's own flags and examples, after the global and the request flags. Annotate its parameter as
   * OperationArgv: the compiler then infers Flags from it before it checks the action against them.
   */
  flags(command: OperationArgv): Argv<Flags>;
  /** Imports the action (`() => import("./x-action.ts")...`) when the command runs, not before. */
  loadAction(): Promise<OperationAction<NoInfer<Flags>>>;
}

export function operationCommand<Flags>(
  definition: OperationCommand<Flags>,
  setOutcome: SetOutcome,
): CommandModule<GlobalFlags, Flags> {
  return {
    command: definition.command,
    describe: definition.describe,
    builder: (command) => definition.flags(withRequestFlags(command, definition.operationId)),
    handler: async (flags) => {
      const action = await definition.loadAction();
      setOutcome(await action(flags));
    },
  };
}
