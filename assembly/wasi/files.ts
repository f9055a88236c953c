// Files through the minimal WASI set: open relative to the preopened directory, size by
// seeking, whole reads and writes. Every failure returns a WASI errno for the message.
//
// Path resolution without fd_prestat_get / fd_prestat_dir_name (not in minimal WASI):
// - A relative path is opened against fd 3, the first preopened directory. That is the
//   directory of `--dir=.` on wasmtime, WAMR's iwasm and node:wasi, and wasm3's "/", which
//   wasm3 maps to the current directory.
// - An absolute path is first passed to fd 3 as it is: wasm3 (openat) resolves it. Sandboxing
//   runtimes refuse absolute paths (wasmtime, WAMR, node:wasi); the path is then retried with
//   its leading '/' removed, which names the same file where the directory is the root.
// - When fd 3 refuses a path as not capable, fd 4 gets the same two tries: the second --dir
//   (`--dir=. --dir=/` gives relative and absolute paths), or wasmer's first preopen (its fd 3
//   is a virtual root that refuses every open).

import {
  path_open, fd_read, fd_write, fd_seek, fd_close, Errno, PREOPEN_FD, LOOKUP_SYMLINK_FOLLOW,
  OFLAGS_CREAT, OFLAGS_TRUNC, RIGHT_FD_READ, RIGHT_FD_SEEK, RIGHT_FD_TELL, RIGHT_FD_WRITE, WHENCE_SET, WHENCE_CUR, WHENCE_END,
} from "./sys";
import { put, putInt } from "./out";

const result: usize = memory.data(16, 8);
const iov: usize = memory.data(16, 4);

/** Not an errno: an absolute path that the runtime refused and fd 3 does not hold. */
export const ABSOLUTE_OUTSIDE: u16 = 1000;

/** The descriptor of the last successful open. */
export let openedFd: u32 = 0;

function openAt(dirfd: u32, path: usize, len: usize, write: bool): u16 {
  const rights = write ? RIGHT_FD_WRITE | RIGHT_FD_SEEK | RIGHT_FD_TELL : RIGHT_FD_READ | RIGHT_FD_SEEK | RIGHT_FD_TELL;
  const oflags: u16 = write ? OFLAGS_CREAT | OFLAGS_TRUNC : 0;
  const err = path_open(dirfd, LOOKUP_SYMLINK_FOLLOW, path, len, oflags, rights, 0, 0, result);
  if (err == 0) openedFd = load<u32>(result);
  return err;
}

/** Opens the file at [path, path+len) (UTF-8) for reading, or for writing (created, truncated). */
export function openPath(path: usize, len: usize, write: bool): u16 {
  if (len == 0) return Errno.NOENT;
  const err = openIn(PREOPEN_FD, path, len, write);
  if (err != Errno.NOTCAPABLE && err != Errno.PERM && err != ABSOLUTE_OUTSIDE) return err;
  // Where fd 3 is a virtual root that refuses every open (wasmer), the first real preopen is
  // fd 4. Elsewhere fd 4 is another --dir, or no descriptor at all (BADF).
  const second = openIn(PREOPEN_FD + 1, path, len, write);
  return second == Errno.BADF || second == Errno.NOTDIR ? err : second;
}

function openIn(dirfd: u32, path: usize, len: usize, write: bool): u16 {
  const err = openAt(dirfd, path, len, write);
  if (err == 0 || load<u8>(path) != 47 /* '/' */) return err;
  let skip: usize = 0;
  while (skip < len && load<u8>(path + skip) == 47) skip++;
  if (skip == len) return err;
  const retry = openAt(dirfd, path + skip, len - skip, write);
  if (retry != Errno.NOENT) return retry;
  // Refused as given, absent under the directory: the file may exist outside the sandbox.
  return err == Errno.NOTCAPABLE || err == Errno.PERM ? ABSOLUTE_OUTSIDE : err;
}

/** A file's size in bytes (seek to the end, then back to the start); -1 - errno on failure. */
export function fileSize(fd: u32): i64 {
  let err = fd_seek(fd, 0, WHENCE_END, result);
  if (err != 0) return -1 - <i64>err;
  const size = load<i64>(result);
  err = fd_seek(fd, 0, WHENCE_SET, result);
  return err != 0 ? -1 - <i64>err : size;
}

/** Reads exactly `len` bytes into `dst`; errno, or Errno.IO at a premature end of file. */
export function readExact(fd: u32, dst: usize, len: usize): u16 {
  while (len > 0) {
    store<u32>(iov, <u32>dst);
    store<u32>(iov + 4, <u32>len);
    const err = fd_read(fd, iov, 1, iov + 8);
    if (err != 0) return err;
    const n = <usize>load<u32>(iov + 8);
    if (n == 0) return Errno.IO;
    dst += n;
    len -= n;
  }
  return 0;
}

/** Writes all of [src, src+len); errno on failure. */
export function writeExact(fd: u32, src: usize, len: usize): u16 {
  while (len > 0) {
    store<u32>(iov, <u32>src);
    store<u32>(iov + 4, <u32>len);
    const err = fd_write(fd, iov, 1, iov + 8);
    if (err != 0) return err;
    const n = <usize>load<u32>(iov + 8);
    if (n == 0) return Errno.IO;
    src += n;
    len -= n;
  }
  return 0;
}

/** Moves `len` bytes forward (input bytes of a tensor that has no storage). */
export function skipBytes(fd: u32, len: usize): u16 { return fd_seek(fd, <i64>len, WHENCE_CUR, result); }

export function close(fd: u32): void { fd_close(fd); }

/** A short reason for an errno, for messages. */
export function putErrno(fd: u32, err: u16, writing: bool): void {
  switch (err) {
    case Errno.NOENT: put(fd, writing ? "no such directory" : "no such file"); break;
    case Errno.ACCES: put(fd, "permission denied"); break;
    case Errno.ISDIR: put(fd, "is a directory"); break;
    case Errno.NOTDIR: put(fd, "a path component is not a directory"); break;
    case Errno.BADF: put(fd, "no preopened directory (give the runtime --dir=.)"); break;
    case Errno.NOTCAPABLE: case Errno.PERM:
      put(fd, "outside the preopened directory (use a path inside --dir=., or add --dir=/ and give an absolute path)"); break;
    case ABSOLUTE_OUTSIDE:
      put(fd, writing ? "cannot create" : "not found");
      put(fd, " through the preopened directories (an absolute path needs / preopened too, e.g. --dir=. --dir=/; or use a path relative to --dir=.)"); break;
    case Errno.NAMETOOLONG: put(fd, "path too long"); break;
    case Errno.LOOP: put(fd, "too many symbolic links"); break;
    case Errno.NOSPC: put(fd, "no space left on device"); break;
    case Errno.ROFS: put(fd, "read-only file system"); break;
    case Errno.NOSYS: put(fd, "not supported by this WASI runtime"); break;
    case Errno.IO: put(fd, writing ? "I/O error" : "file ended early"); break;
    default: put(fd, "WASI error "); putInt(fd, <i64>err);
  }
}
