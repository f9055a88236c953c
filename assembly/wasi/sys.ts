// The WASI calls the command uses: only the eight that minimal WASI implementations (wasm3's,
// WAMR's) provide. No fd_filestat_get (a file's size comes from seeking to its end) and no
// fd_prestat_* (see openPath in files.ts for how paths are resolved without them).

import { textAt, textLength, textStep } from "../common/error";

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_sizes_get")
export declare function args_sizes_get(argc: usize, bufSize: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_get")
export declare function args_get(argv: usize, buf: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_read")
export declare function fd_read(fd: u32, iovs: usize, iovsLen: usize, nread: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, nwritten: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_seek")
export declare function fd_seek(fd: u32, offset: i64, whence: u8, newOffset: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_close")
export declare function fd_close(fd: u32): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_open")
export declare function path_open(
  dirfd: u32, dirflags: u32, path: usize, pathLen: usize, oflags: u16,
  rightsBase: u64, rightsInheriting: u64, fdflags: u16, fd: usize,
): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "proc_exit")
export declare function proc_exit(code: u32): void;

export const STDOUT: u32 = 1;
export const STDERR: u32 = 2;
/** The first preopened directory: what `--dir=.` gives on wasmtime, WAMR, node:wasi; wasm3's "/". */
export const PREOPEN_FD: u32 = 3;

export const WHENCE_SET: u8 = 0;
export const WHENCE_CUR: u8 = 1;
export const WHENCE_END: u8 = 2;
export const LOOKUP_SYMLINK_FOLLOW: u32 = 1;
export const OFLAGS_CREAT: u16 = 1;
export const OFLAGS_TRUNC: u16 = 8;
export const RIGHT_FD_READ: u64 = 1 << 1;
export const RIGHT_FD_SEEK: u64 = 1 << 2;
export const RIGHT_FD_TELL: u64 = 1 << 5;
export const RIGHT_FD_WRITE: u64 = 1 << 6;

/** WASI errno values the messages name. */
export namespace Errno {
  export const ACCES: u16 = 2;
  export const BADF: u16 = 8;
  export const IO: u16 = 29;
  export const ISDIR: u16 = 31;
  export const LOOP: u16 = 32;
  export const NAMETOOLONG: u16 = 37;
  export const NOENT: u16 = 44;
  export const NOSPC: u16 = 51;
  export const NOSYS: u16 = 52;
  export const NOTDIR: u16 = 54;
  export const PERM: u16 = 63;
  export const ROFS: u16 = 69;
  export const NOTCAPABLE: u16 = 76;
}

/** Exit codes: 1 a model or data error, 2 a usage error, 70 an internal error. */
export const EXIT_ERROR: u32 = 1;
export const EXIT_USAGE: u32 = 2;
export const EXIT_INTERNAL: u32 = 70;

/** Ends the program (proc_exit does not return). */
export function exit(code: u32): void {
  proc_exit(code);
  unreachable();
}

// Writes straight to stderr from a small static area: abort may run in the middle of anything,
// so it uses no buffer that other code could be filling.
const abortIov: usize = memory.data(16, 4);
const abortText: usize = memory.data(256);

function abortPut(n: i32, s: string): i32 {
  const p = textAt(s);
  const len = textLength, step = textStep;
  for (let i = 0; i < len && n < 250; i++) store<u8>(abortText + <usize>(n++), load<u8>(p + <usize>i * step));
  return n;
}

/** `abort` of this build (`--use abort=assembly/wasi/sys/wasiAbort`): a message and exit 70, no env import. */
export function wasiAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let n = abortPut(0, "microlite: internal error");
  if (message !== null) { n = abortPut(n, ": "); n = abortPut(n, message); }
  if (fileName !== null) { n = abortPut(n, " ("); n = abortPut(n, fileName); n = abortPut(n, ")"); }
  store<u8>(abortText + <usize>(n++), 10);
  store<u32>(abortIov, <u32>abortText);
  store<u32>(abortIov + 4, <u32>n);
  fd_write(STDERR, abortIov, 1, abortIov + 8);
  exit(EXIT_INTERNAL);
}
