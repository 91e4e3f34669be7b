package dev.scenariosync.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a local file safely: only a regular file (never a FIFO, device, folder, or a file of {@code
 * /proc}, {@code /sys} or {@code /dev}, directly or through a link), and never more than a bound,
 * counted while reading (a file's announced size may lie). Its messages never hold any of the
 * file's content.
 */
public final class LocalFile {
  /** Why a file was not read: a message fit for the user, naming no content. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private LocalFile() {}

  /** The file's bytes, at most {@code maxBytes} of them. */
  public static byte[] read(Path file, long maxBytes) throws Unreadable {
    BasicFileAttributes attrs;
    Path real;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Unreadable(
          Files.isSymbolicLink(file)
              ? "is a dangling symbolic link (its target does not exist)"
              : "does not exist");
    } catch (IOException e) {
      throw new Unreadable(why(e));
    }
    if (attrs.isDirectory()) {
      throw new Unreadable("is a folder, not a file");
    }
    if (!attrs.isRegularFile() || isSpecialFileSystem(real)) {
      throw new Unreadable("is not a regular file (a FIFO, socket, device or kernel file)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[(int) Math.min(maxBytes + 1, 64 * 1024)];
      int n = 0;
      while (true) {
        if (n == buf.length) {
          if (n > maxBytes) {
            throw new Unreadable("is larger than the " + limit(maxBytes) + " limit");
          }
          buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1, (long) buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          return Arrays.copyOf(buf, n);
        }
        n += r;
      }
    } catch (IOException e) {
      throw new Unreadable(why(e));
    }
  }

  /** Why a read failed, for a message. */
  static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "does not exist";
    }
    return "cannot be read: " + reason(e);
  }

  /**
   * The operating system's reason for an I/O failure ("No space left on device", "permission
   * denied"), one line, controls escaped; never a stack trace.
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder stands where the file should go";
    }
    if (e instanceof NotDirectoryException) {
      return "a file stands where a folder should be";
    }
    String r =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    if (r == null || r.isBlank() || e instanceof FileSystemException f && f.getReason() == null) {
      return e.getClass().getSimpleName();
    }
    return ControlChars.escape(r.length() > 200 ? r.substring(0, 200) + "..." : r);
  }

  private static boolean isSpecialFileSystem(Path real) {
    for (String root : new String[] {"/proc", "/sys", "/dev"}) {
      if (real.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  private static String limit(long bytes) {
    return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
  }
}
