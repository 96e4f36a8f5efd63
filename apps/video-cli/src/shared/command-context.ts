/** Where the program writes help, version and parse errors. */
export interface ProgramIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/**
 * What every command definition gets from `buildProgram`: the output streams and the slot its
 * action stores the exit code in.
 *
 * ## Example
 * ```ts
 * const ctx: CommandContext = { io, exit: { code: EXIT.ok } };
 * program.addCommand(modelsCommand(ctx, actions.models)); // the action sets ctx.exit.code
 * ```
 */
export interface CommandContext {
  readonly io: ProgramIo;
  readonly exit: { code: number };
}
