/**
 * The LRS's log: one line per message, at a level. `info` (the default) shows errors and notices;
 * `debug` also shows what is routine but sometimes worth seeing, such as a client that went away
 * in the middle of its request.
 */
export type LogLevel = 'info' | 'debug';

export interface LrsLog {
  error(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function leveledLog(write: (message: string) => void, level: LogLevel = 'info'): LrsLog {
  return {
    error: write,
    info: write,
    debug: level === 'debug' ? write : () => undefined,
  };
}
