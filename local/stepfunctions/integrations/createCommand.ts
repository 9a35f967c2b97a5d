/**
 * Instantiates `<name>` from an SDK v3 client package's exports (`PutItemCommand`), so one code
 * path serves every action of every service without a file per action.
 */
export function createCommand(commands: Readonly<Record<string, unknown>>, name: string, input: unknown): object {
  return commandFactory(commands, name)(input);
}

/**
 * What {@link createCommand} does in two steps: the check that the package has `<name>` now, the
 * construction (a middleware stack per command) only when the call goes through the SDK after all.
 */
export function commandFactory(commands: Readonly<Record<string, unknown>>, name: string): (input: unknown) => object {
  const constructor = commands[name];
  if (typeof constructor !== 'function') throw new TypeError(`the SDK package has no ${name}`);
  return (input) => {
    const command: unknown = Reflect.construct(constructor, [input]);
    if (typeof command !== 'object' || command === null) throw new TypeError(`${name} did not construct a command`);
    return command;
  };
}
