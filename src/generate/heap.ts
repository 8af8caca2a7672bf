/** Min-heap of (time, user) pairs on typed arrays: the event simulation's schedule of users. */
export class Schedule {
  private times: Float64Array;
  private users: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.users = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  push(time: number, user: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, user, this.times[parent]!, this.users[parent]!)) break;
      this.times[i] = this.times[parent]!;
      this.users[i] = this.users[parent]!;
      i = parent;
    }
    this.times[i] = time;
    this.users[i] = user;
  }

  peekTime(): number {
    return this.times[0]!;
  }

  /** Removes the earliest entry and returns its user (its time is `peekTime()` before the call). */
  pop(): number {
    const top = this.users[0]!;
    const n = --this.count;
    if (n > 0) {
      const time = this.times[n]!;
      const user = this.users[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.before(this.times[child + 1]!, this.users[child + 1]!, this.times[child]!, this.users[child]!)) child++;
        if (!this.before(this.times[child]!, this.users[child]!, time, user)) break;
        this.times[i] = this.times[child]!;
        this.users[i] = this.users[child]!;
        i = child;
      }
      this.times[i] = time;
      this.users[i] = user;
    }
    return top;
  }

  private before(t1: number, u1: number, t2: number, u2: number): boolean {
    return t1 < t2 || (t1 === t2 && u1 < u2);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const users = new Int32Array(this.users.length * 2);
    times.set(this.times);
    users.set(this.users);
    this.times = times;
    this.users = users;
  }
}
