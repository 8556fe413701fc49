/**
 * Finds where things are in a JSON text, so that a settings error can name the
 * line IT staff must fix: the line of each value by its path, or the line and
 * column of the first syntax error. JSON.parse in Node 20 gives neither.
 */

export type JsonPath = readonly (string | number)[];

/** The first syntax error of a JSON text, with a 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly offset: number,
  ) {
    super(`invalid JSON at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonLocations {
  /** Returns the 1-based line where the value at path starts, or of its nearest existing parent. */
  lineOf(path: JsonPath): number;
}

/** Returns the 1-based line and column of an offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Scans a JSON text and records the offset of every value by its path; throws
 * JsonSyntaxError at the first position that is not valid JSON.
 */
export function locateJson(text: string): JsonLocations {
  const offsets = new Map<string, number>();
  let index = 0;

  const fail = (): never => {
    const { line, column } = lineAndColumn(text, index);
    throw new JsonSyntaxError(line, column, index);
  };
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index += 1;
  };
  const expect = (char: string) => {
    if (text[index] !== char) fail();
    index += 1;
  };

  function scanString(): string {
    const start = index;
    expect('"');
    while (index < text.length && text[index] !== '"') {
      if (text[index] === '\\') index += 1;
      else if (text.charCodeAt(index) < 0x20) fail();
      index += 1;
    }
    expect('"');
    try {
      return JSON.parse(text.slice(start, index)) as string;
    } catch {
      index = start;
      return fail();
    }
  }

  function scanValue(path: string): void {
    skipSpace();
    offsets.set(path, index);
    const char = text[index];
    if (char === '{') scanObject(path);
    else if (char === '[') scanArray(path);
    else if (char === '"') scanString();
    else {
      const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(index));
      if (!literal) fail();
      index += literal![0].length;
    }
  }

  function scanObject(path: string): void {
    expect('{');
    skipSpace();
    if (text[index] === '}') {
      index += 1;
      return;
    }
    for (;;) {
      skipSpace();
      const key = scanString();
      skipSpace();
      expect(':');
      scanValue(`${path}/${escape(key)}`);
      skipSpace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      expect(',');
    }
  }

  function scanArray(path: string): void {
    expect('[');
    skipSpace();
    if (text[index] === ']') {
      index += 1;
      return;
    }
    for (let item = 0; ; item += 1) {
      scanValue(`${path}/${item}`);
      skipSpace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      expect(',');
    }
  }

  scanValue('');
  skipSpace();
  if (index < text.length) fail();

  return {
    lineOf(path) {
      for (let length = path.length; length >= 0; length -= 1) {
        const offset = offsets.get(pointer(path.slice(0, length)));
        if (offset !== undefined) return lineAndColumn(text, offset).line;
      }
      return 1;
    },
  };
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON Pointer (RFC 6901) such as "/checker/maxSentenceWords". */
function pointer(path: JsonPath): string {
  return path.map((part) => `/${escape(String(part))}`).join('');
}
