/**
 * A JSON parser that keeps numbers exact: JSON.parse would silently round numbers above 2^53 (uakt amounts) in
 * the state terraform stores and the JSON DynamicValues it may send.
 */

/** A JSON number kept as its source text. */
export class JsonNumber {
  constructor(readonly text: string) {}
}
export type ExactJson = null | boolean | string | JsonNumber | ExactJson[] | { [k: string]: ExactJson };

/** JSON.parse, except numbers stay exact (`JsonNumber`). Throws SyntaxError on malformed input. */
export function parseExactJson(text: string): ExactJson {
  return new ExactJsonParser(text).parseDocument();
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A recursive-descent parser over `text`; `i` is the offset of the next character to read. */
class ExactJsonParser {
  private i = 0;

  constructor(private readonly text: string) {}

  parseDocument(): ExactJson {
    const v = this.parseValue();
    this.skipWhitespace();
    if (this.i !== this.text.length) this.fail("trailing characters");
    return v;
  }

  private fail(what: string): never {
    throw new SyntaxError(`Invalid JSON at offset ${this.i}: ${what}`);
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (
      this.i < text.length &&
      (text[this.i] === " " || text[this.i] === "\n" || text[this.i] === "\r" || text[this.i] === "\t")
    )
      this.i++;
  }

  private parseValue(): ExactJson {
    this.skipWhitespace();
    const c = this.text[this.i];
    if (c === "{") return this.parseObject();
    if (c === "[") return this.parseArray();
    if (c === '"') return this.parseString();
    return this.parseLiteral();
  }

  private parseObject(): { [k: string]: ExactJson } {
    const text = this.text;
    this.i++;
    const obj: { [k: string]: ExactJson } = {};
    this.skipWhitespace();
    if (text[this.i] === "}") {
      this.i++;
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (text[this.i] !== '"') this.fail("expected a key");
      const key = this.parseString();
      this.skipWhitespace();
      if (text[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      const v = this.parseValue();
      // An own "__proto__" key, not the prototype setter.
      if (key === "__proto__")
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      this.skipWhitespace();
      if (text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (text[this.i] === "}") {
        this.i++;
        return obj;
      }
      this.fail("expected ',' or '}'");
    }
  }

  private parseArray(): ExactJson[] {
    const text = this.text;
    this.i++;
    const arr: ExactJson[] = [];
    this.skipWhitespace();
    if (text[this.i] === "]") {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.parseValue());
      this.skipWhitespace();
      if (text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (text[this.i] === "]") {
        this.i++;
        return arr;
      }
      this.fail("expected ',' or ']'");
    }
  }

  private parseString(): string {
    const text = this.text;
    const start = this.i;
    // Fast path: no escapes.
    const end = text.indexOf('"', this.i + 1);
    if (end > 0 && text.indexOf("\\", this.i + 1) === -1) {
      this.i = end + 1;
      return text.slice(start + 1, end);
    }
    let j = this.i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    if (j >= text.length) this.fail("unterminated string");
    this.i = j + 1;
    return JSON.parse(text.slice(start, j + 1)) as string;
  }

  /** true, false, null or a number. */
  private parseLiteral(): ExactJson {
    const text = this.text;
    if (text.startsWith("true", this.i)) {
      this.i += 4;
      return true;
    }
    if (text.startsWith("false", this.i)) {
      this.i += 5;
      return false;
    }
    if (text.startsWith("null", this.i)) {
      this.i += 4;
      return null;
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(text);
    if (!m) return this.fail("unexpected character");
    this.i += m[0].length;
    return new JsonNumber(m[0]);
  }
}
