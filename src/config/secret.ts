import { inspect } from 'node:util';

/**
 * A value that must never be printed. Every way JavaScript turns it into text (template strings,
 * JSON.stringify, console/inspect, notebook display) shows a mask; only `reveal()` gives the value.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  get isEmpty(): boolean {
    return this.#value.length === 0;
  }
  toString(): string {
    return this.#value ? '********' : '';
  }
  toJSON(): string {
    return this.toString();
  }
  [inspect.custom](): string {
    return `Secret(${this.toString() || 'empty'})`;
  }
}
