package dev.scenariosync.emulator;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One emulator at a time per state file, across processes: an exclusive OS lock on {@code
 * FILE.lock}, held from before the state is read until after it is last saved. Without it, a {@code
 * plan --local} started during an {@code apply --local} would save its older copy of the state at
 * exit and lose the apply's changes. The lock file is never deleted (deleting it would let two
 * processes lock two different files of the same name); the OS drops the lock when the process
 * ends, even on kill -9.
 */
final class StateLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks FILE.lock now, or refuses at once: waiting would only hide the other process. */
  static StateLock acquire(Path stateFile) {
    Path file = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new StateLock(channel, lock);
      }
    } catch (OverlappingFileLockException e) {
      // held by another emulator in this same process: in use, as below
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateFileException("cannot lock " + file + ": " + e.getMessage());
    }
    closeQuietly(channel);
    throw new StateFileException(
        "state file "
            + stateFile
            + " is in use by another scenario-sync process (an emulator, or a command run with"
            + " --local); wait for it to finish, or use another --state");
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to keep: the lock goes with the channel
      }
    }
  }
}
