package dev.scenariosync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses a credentials file that others could read or change, as ssh does for its keys: readable
 * or writable by group or others, or owned by someone other than the user (or root). On file
 * systems without POSIX permissions there is nothing to check.
 */
final class CredentialsFileCheck {
  private static final Set<PosixFilePermission> OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private CredentialsFileCheck() {}

  static void check(Path file, boolean allowOpen) {
    if (allowOpen) {
      return;
    }
    PosixFileAttributes a;
    Object uid;
    try {
      a = Files.readAttributes(file, PosixFileAttributes.class);
      uid = Files.getAttribute(file, "unix:uid");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return;
    } catch (IOException e) {
      return; // reading the file reports what is wrong with it
    }
    if (!a.isRegularFile()) {
      return; // not a regular file: reading it refuses it with that reason
    }
    Set<PosixFilePermission> perms = a.permissions();
    if (perms.stream().anyMatch(OPEN::contains)) {
      throw new UserError(
          "permissions "
              + octal(perms)
              + " ("
              + PosixFilePermissions.toString(perms)
              + ") of the credentials file "
              + file
              + " are too open: group and others must not read or write it. Run 'chmod 600 "
              + file
              + "', or pass --allow-open-credentials-file.");
    }
    Integer me = currentUid();
    if (me != null && uid instanceof Integer owner && owner != 0 && !owner.equals(me)) {
      throw new UserError(
          "the credentials file "
              + file
              + " is owned by another user (uid "
              + owner
              + "): only you or root may own it, or pass --allow-open-credentials-file.");
    }
  }

  /** The uid of this process: the owner of /proc/self, or of a file it creates (null: unknown). */
  private static Integer currentUid() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (uid instanceof Integer i) {
        return i;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: try a temporary file
    }
    try {
      Path probe = Files.createTempFile("scenario-sync-uid", "");
      try {
        return (Integer) Files.getAttribute(probe, "unix:uid");
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String octal(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }
}
