/** An error reported by the engine (a refused model, a bad argument); its message says what to do. */
export class MicroliteError extends Error {
  constructor(message: string) { super(message); this.name = 'MicroliteError'; }
}
