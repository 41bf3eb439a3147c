/**
 * Numbers the distinct strings of a column (client keys, order ids) in order of first appearance:
 * an open-addressing hash table over typed arrays, the hash computed from the characters (FNV-1a).
 *
 * Why not a Map: the reader looks up every row's client and order id, and the strings a file reader
 * hands over are new ones each row, so a Map must hash each of them and then follow its buckets and
 * entries through the heap. With a million distinct values (every row a client, every row an order)
 * a Map took 2.7 s to number a million new strings and 0.6-1.3 s to find them again; this table
 * 0.4 s and 0.15 s (docs/notes-infra.md, "Reading the rows"), and it holds the strings in one array
 * and the rest in two typed arrays that the garbage collector does not have to walk.
 */
export class StringIds {
  /** Id at each slot, -1 for an empty slot. */
  private slots: Int32Array;
  /** The hash of the string at each slot (compared before the strings). */
  private hashes: Int32Array;
  private mask: number;
  /** The strings by id. */
  readonly values: string[] = [];
  /** Where the last {@link find} stopped: the empty slot a new string goes to, and its hash. */
  private lastSlot = -1;
  private lastHash = 0;

  /** @param capacity the expected number of strings (the table grows past it). */
  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.values.length;
  }

  /** FNV-1a over the UTF-16 code units. */
  private static hash(s: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }

  /**
   * The id of `s`, or -1 when it is not in the table (then {@link addFound} adds it without hashing again).
   * @example const ids = new StringIds(); ids.find('a') // -1
   */
  find(s: string): number {
    const h = StringIds.hash(s);
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const id = this.slots[i];
      if (id < 0) {
        this.lastSlot = i;
        this.lastHash = h;
        return -1;
      }
      if (this.hashes[i] === h && this.values[id] === s) return id;
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds `s`, which the last call of {@link find} on this table did not find.
   * @returns its id: the number of strings before it.
   */
  addFound(s: string): number {
    const id = this.values.length;
    this.slots[this.lastSlot] = id;
    this.hashes[this.lastSlot] = this.lastHash;
    this.values.push(s);
    if (this.values.length * 2 > this.mask) this.grow();
    return id;
  }

  /**
   * The id of `s`, added when new.
   * @example const ids = new StringIds(); [ids.id('a'), ids.id('b'), ids.id('a')] // [0, 1, 0]
   */
  id(s: string): number {
    const found = this.find(s);
    return found >= 0 ? found : this.addFound(s);
  }

  /** Twice the slots, every string placed again by its hash. */
  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    const size = slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < slots.length; j++) {
      const id = slots[j];
      if (id < 0) continue;
      let i = hashes[j] & this.mask;
      while (this.slots[i] >= 0) i = (i + 1) & this.mask;
      this.slots[i] = id;
      this.hashes[i] = hashes[j];
    }
    this.lastSlot = -1;
  }
}
